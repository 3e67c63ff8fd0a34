/// The one place that decides what the public may see. Every output reads the filtered result,
/// so an embargoed or draft item cannot leak through a generator that forgot a check.
public struct Visibility: Sendable {
    public var now: ZonedInstant
    /// Preview only: include drafts (each page marked DRAFT).
    public var includeDrafts = false
    /// Preview only: include embargoed items (each page marked EMBARGOED).
    public var includeFuture = false

    public init(now: ZonedInstant, includeDrafts: Bool = false, includeFuture: Bool = false) {
        self.now = now
        self.includeDrafts = includeDrafts
        self.includeFuture = includeFuture
    }

    public enum PreviewMark: Sendable, Equatable {
        case draft
        case embargoed(until: ZonedInstant)
    }

    public enum Decision: Sendable, Equatable {
        /// Not written anywhere.
        case hidden
        /// Written; `listed` is false once the item has expired (its page stays, with a notice).
        case shown(listed: Bool, preview: PreviewMark?)
    }

    public func decide(_ item: Item) -> Decision {
        var preview: PreviewMark?
        if item.draft {
            guard includeDrafts else { return .hidden }
            preview = .draft
        }
        if let published = item.publishedAt, published > now {
            guard includeFuture else { return .hidden }
            preview = preview ?? .embargoed(until: published)
        }
        let expired = item.expires.map { $0 <= now } ?? false
        return .shown(listed: !expired, preview: preview)
    }

    /// The item's withdrawal once it has taken effect. Before its date the item is as it was; the
    /// instant is one of the changes `nextChange` knows, so a scheduled build withdraws it on time.
    public func withdrawal(_ item: Item) -> Withdrawal? {
        guard let withdrawal = item.withdrawal, withdrawal.date <= now else { return nil }
        return withdrawal
    }

    /// The item with only the corrections whose date has come: a correction takes effect at its
    /// date, as a withdrawal does (and is one of the changes `nextChange` knows). The item itself
    /// when none lies ahead, as nearly always.
    public func corrected(_ item: Item) -> Item {
        guard item.corrections.contains(where: { $0.date > now }) else { return item }
        var copy = item
        copy.corrections = item.corrections.filter { $0.date <= now }
        return copy
    }

    /// A notice shows from its publication until it expires, and is then gone from every output:
    /// unlike an item, it keeps no page once it no longer holds. Drafts and embargoes as for items.
    public func decide(_ alert: Alert) -> Decision {
        var preview: PreviewMark?
        if alert.draft {
            guard includeDrafts else { return .hidden }
            preview = .draft
        }
        if alert.issued > now {
            guard includeFuture else { return .hidden }
            preview = preview ?? .embargoed(until: alert.issued)
        }
        return alert.expires > now ? .shown(listed: true, preview: preview) : .hidden
    }

    /// A site build that is a preview must never be uploaded.
    public var isPreview: Bool { includeDrafts || includeFuture }

    /// Files follow their items: a file named by any item is public exactly when a shown item names
    /// it; a file named by none is public as it is, unless it sits beside the Markdown in an item
    /// folder. The theme's own files are always public.
    func publicAssets(_ assets: [Asset], references: [(shown: Bool, files: Set<String>)]) -> [Asset] {
        var byShown = Set<String>()
        var byAny = Set<String>()
        for (shown, files) in references {
            byAny.formUnion(files)
            if shown { byShown.formUnion(files) }
        }
        func own(_ asset: Asset) -> Bool {
            asset.fromTheme || byShown.contains(asset.sitePath) || (!asset.onlyWhenReferenced && !byAny.contains(asset.sitePath))
        }
        let shown = assets.filter(own)
        guard shown.contains(where: { $0.linkTarget != nil }) else { return shown }
        // A link is public when it would be on its own and its target is too.
        let byPath = Dictionary(assets.map { ($0.sitePath, $0) }, uniquingKeysWith: { a, _ in a })
        return shown.filter { asset in asset.linkTarget.map { byPath[$0].map(own) ?? false } ?? true }
    }

    /// The files each hidden item holds back (by its source path): what it names that no shown item
    /// names. They are published with it, and `warta schedule` lists them under its embargo.
    public func heldFiles(_ site: Site) -> [String: [String]] {
        let routes = Routes(config: site.config)
        let assets = Set(site.assets.filter { !$0.fromTheme }.map(\.sitePath))
        var shownFiles = Set<String>()
        if let share = site.config.shareImage, share.src.hasPrefix("/") { shownFiles.insert(String(share.src.dropFirst())) }
        var hidden: [(String, Set<String>)] = []
        for item in site.items {
            let files = FileReferences.of(item, routes: routes, written: site.written).intersection(assets)
            if decide(item) == .hidden { hidden.append((item.sourcePath, files)) } else { shownFiles.formUnion(files) }
        }
        for alert in site.alerts {
            let files = FileReferences.of(alert, written: site.written).intersection(assets)
            if decide(alert) == .hidden { hidden.append((alert.sourcePath, files)) } else { shownFiles.formUnion(files) }
        }
        var held: [String: [String]] = [:]
        for (path, files) in hidden where !files.subtracting(shownFiles).isEmpty {
            held[path] = files.subtracting(shownFiles).sorted().map { "content/" + $0 }
        }
        return held
    }

    /// The first instant after `now` at which anything the clock decides may change: an embargo
    /// lifting, an expiry (of an item or a notice), a withdrawal, a correction, an event or an occurrence starting or ending, midnight in the site's zone
    /// (month views mark today; lists of months grow), and within the hour where the zone's offset
    /// changes. Until then, a site whose files are unchanged builds to the same bytes.
    public func nextChange(_ site: Site) -> ZonedInstant {
        let zone = site.config.timeZone
        let (y, m, d) = CivilDateTime.civil(fromDays: zone.local(now).civil.daysSinceEpoch + 1)
        let midnight = zone.instant(CivilDateTime(year: y, month: m, day: d))
        var next = midnight.seconds
        if zone.offset(at: now.seconds) != zone.offset(at: midnight.seconds) { next = min(next, now.seconds + 3600) }
        func consider(_ t: ZonedInstant?) {
            if let t, t.seconds > now.seconds, t.seconds < next { next = t.seconds }
        }
        for item in site.items {
            consider(item.publishedAt)
            consider(item.expires)
            consider(item.withdrawal?.date)
            for correction in item.corrections { consider(correction.date) }
            for occurrence in item.event?.occurrences(zone: zone, through: midnight) ?? [] {
                consider(occurrence.start)
                consider(occurrence.finish)
            }
        }
        for alert in site.alerts {
            consider(alert.issued)
            consider(alert.expires)
        }
        // A Cancel leaves the CAP feed at the end its notice had announced.
        for record in site.capRecords { consider(record.messages.last?.expires) }
        return ZonedInstant(seconds: next, offset: now.offset)
    }
}
