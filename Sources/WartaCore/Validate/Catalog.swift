/// The public site after visibility has been applied: the entries that may be shown, with their
/// URLs, and the indexes every listing and feed reads. Built once; read by every output.
public struct Catalog: Sendable {
    public struct Entry: Sendable {
        public let item: Item
        public let path: String
        /// False once expired or withdrawn: the page stays but no listing, count, sitemap or month
        /// view names it.
        public let listed: Bool
        /// Past its `expires`: it leaves feeds and calendars too.
        public let expired: Bool
        /// The withdrawal in effect at the build clock.
        public let withdrawal: Withdrawal?
        public let preview: Visibility.PreviewMark?
        /// An event as readers see it now: for a repeating event, the occurrence under way or next.
        public let event: EventDetails?

        /// Withdrawn with `hide_body`: no output shows its text, summary, image, attachments or corrections.
        public var bodyHidden: Bool { withdrawal?.hideBody ?? false }

        /// The newest change readers are told of: publication, `updated`, a correction, the withdrawal.
        public var lastChange: ZonedInstant? {
            var newest = item.publicationDate ?? item.sortDate
            for t in [item.updated, withdrawal?.date].compactMap({ $0 }) + item.corrections.map(\.date) where newest.map({ t > $0 }) ?? true {
                newest = t
            }
            return newest
        }
    }

    /// A notice in force at the build clock (or previewed).
    public struct ActiveAlert: Sendable {
        public let alert: Alert
        public let preview: Visibility.PreviewMark?
        /// The CAP message it stands for now (an Alert, or an Update of its record's last).
        public let cap: CAPHistory.Current
    }

    public struct Tag: Sendable {
        public let slug: String
        public let name: String
        public let entries: [Int]
    }

    /// The settings as the current language's pages see them (see `SiteConfig.speaking`).
    public private(set) var config: SiteConfig
    /// The current language's routes; an item's page is in its own language's tree whichever
    /// routes are asked (see `Routes.item`).
    public private(set) var routes: Routes
    public let visibility: Visibility
    public var now: ZonedInstant { visibility.now }
    /// Newest first (sort date, then source path). Every language's entries, in one list: an
    /// entry's index means the same in every language's view.
    public internal(set) var entries: [Entry]
    /// Each entry's language tree (see `SiteConfig.tree`), by entry index.
    public let trees: [Language]
    /// Each entry's translations the public may see (the original among them), in the order of
    /// the site's languages, by entry index: what its page links to with `hreflang`.
    public let alternates: [[Int]]
    /// The language whose lists this view holds (the default one, unless `inLanguage` chose another).
    public private(set) var language: Language
    /// The settings as `site.yml` has them (the default language's view).
    public let siteConfig: SiteConfig
    private var view: Indexes
    private let views: [Language: Indexes]

    public var releases: [Int] { view.releases }
    public var upcomingEvents: [Int] { view.upcomingEvents }
    public var pastEvents: [Int] { view.pastEvents }
    public var departments: [(department: Department, entries: [Int])] { view.departments }
    public var tags: [Tag] { view.tags }
    /// Whether this view has a page for the tag: only tags of listed items do, so an expired or
    /// withdrawn item's page may name a tag that has none (or none any more).
    public func hasTagPage(_ slug: String) -> Bool {
        var low = 0, high = view.tags.count
        while low < high {
            let mid = (low + high) / 2
            if view.tags[mid].slug < slug { low = mid + 1 } else { high = mid }
        }
        return low < view.tags.count && view.tags[low].slug == slug
    }
    public var years: [(year: Int, entries: [Int])] { view.years }
    /// Plain pages in the navigation, by `menu` weight.
    public var menu: [Int] { view.menu }
    /// Every listed item, newest first.
    public var listed: [Int] { view.listed }
    /// What feeds are cut from, newest first: the listed items and the withdrawn ones that have not
    /// expired (their subscribers must learn of the withdrawal).
    public var fed: [Int] { view.fed }
    /// Every withdrawal in effect, the newest first.
    public var withdrawn: [Int] { view.withdrawn }
    /// Every correction of a shown item (except those whose text a withdrawal hides), newest first.
    public var corrections: [(entry: Int, correction: Correction)] { view.corrections }
    /// The files published as they are: only those whose items are public (see `Visibility`).
    public let assets: [Asset]
    /// Every file's source by site path, public or not: for checks that a named file exists.
    public let assetSources: [String: String]
    /// Notices in force, most severe first, then newest: the banner on every page, the top of the
    /// home page and of the main feed, the CAP files.
    public let alerts: [ActiveAlert]
    /// `base_url` as `site.yml` has it, which links in Markdown are written against (`WrittenLinks`).
    public let written: WrittenAddress
    /// Notices ended early, each with its CAP `Cancel`, until the end they had announced (by slug).
    public let capCancels: [CAPHistory.Cancelled]

    /// The records a build that publishes writes: each public notice's and each cancel's whose
    /// message is new.
    public var capRecordsToWrite: [CAPRecord] {
        alerts.filter { $0.preview == nil && $0.cap.isNew }.map { $0.cap.record(slug: $0.alert.slug) }
            + capCancels.filter(\.current.isNew).map { $0.current.record(slug: $0.slug) }
    }

    /// The lists of one language's pages: its entries only (all of them on a site of one language).
    struct Indexes: Sendable {
        var releases: [Int] = []
        var upcomingEvents: [Int] = []
        var pastEvents: [Int] = []
        var departments: [(department: Department, entries: [Int])] = []
        var tags: [Tag] = []
        var years: [(year: Int, entries: [Int])] = []
        var menu: [Int] = []
        var listed: [Int] = []
        var fed: [Int] = []
        var withdrawn: [Int] = []
        var corrections: [(entry: Int, correction: Correction)] = []
    }

    /// The same catalog as the pages of `other` see it: its lists, its settings and its routes.
    public func inLanguage(_ other: Language) -> Catalog {
        guard other != language, let view = views[other] else { return self }
        var copy = self
        copy.language = other
        copy.view = view
        copy.config = siteConfig.speaking(other)
        copy.routes = Routes(config: siteConfig, language: other)
        return copy
    }

    public init(site: Site, visibility: Visibility) {
        config = site.config
        siteConfig = site.config
        language = site.config.language
        routes = Routes(config: site.config)
        self.visibility = visibility
        assetSources = Dictionary(site.assets.map { ($0.sitePath, $0.source) }, uniquingKeysWith: { a, _ in a })
        var references: [(shown: Bool, files: Set<String>)] = []
        let routes = self.routes
        // The site's share image is named by every page, so no hidden item can hold it back.
        if let share = site.config.shareImage, share.src.hasPrefix("/") { references.append((true, [String(share.src.dropFirst())])) }
        let referenced = ParallelMap.indices(site.items.count) { FileReferences.of(site.items[$0], routes: routes, written: site.written) }
        // What is shown is decided first, by index: an entry holds a whole item, so each is made
        // once, in its final place (copying and moving items was a measured part of a rebuild).
        var decided: [(index: Int, current: Bool, preview: Visibility.PreviewMark?, withdrawal: Withdrawal?)] = []
        for i in site.items.indices {
            let decision = visibility.decide(site.items[i])
            let withdrawal = decision == .hidden ? nil : visibility.withdrawal(site.items[i])
            // A text taken down for legal reasons takes its files down with it.
            let hidesBody = withdrawal?.hideBody ?? false
            references.append((decision != .hidden && !hidesBody, referenced[i]))
            guard case .shown(let current, let preview) = decision else { continue }
            decided.append((i, current, preview, withdrawal))
        }
        let keys = decided.map { (site.items[$0.index].sortDate?.seconds ?? .min, site.items[$0.index].sourcePath) }
        let order = decided.indices.sorted { keys[$0].0 != keys[$1].0 ? keys[$0].0 > keys[$1].0 : keys[$0].1 < keys[$1].1 }
        let now = visibility.now, zone = site.config.timeZone, chosen = order.map { decided[$0] }
        let shown = ParallelMap.indices(chosen.count) { k -> Entry in
            let d = chosen[k]
            return Entry(item: visibility.corrected(site.items[d.index]), path: routes.item(site.items[d.index]), listed: d.current && d.withdrawal == nil,
                         expired: !d.current, withdrawal: d.withdrawal, preview: d.preview,
                         event: site.items[d.index].event?.current(zone: zone, now: now))
        }
        // A notice brings the files its text links to, as an item does.
        for alert in site.alerts {
            references.append((visibility.decide(alert) != .hidden, FileReferences.of(alert, written: site.written)))
        }
        // The logo stands on every page: its file is public, wherever it sits.
        if let logo = site.config.logo, logo.src.hasPrefix("/") { references.append((true, [String(logo.src.dropFirst())])) }
        assets = visibility.publicAssets(site.assets, references: references)
        written = site.written
        let records = Dictionary(site.capRecords.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        alerts = site.alerts.compactMap { alert -> ActiveAlert? in
            guard case .shown(_, let preview) = visibility.decide(alert) else { return nil }
            return ActiveAlert(alert: alert, preview: preview,
                               cap: CAPHistory.current(alert, recorded: preview == nil ? records[alert.slug] : nil, now: now,
                                                       base: site.config.baseURL, zone: zone))
        }.sorted { a, b in
            (a.alert.severity.rank, -a.alert.issued.seconds, a.alert.sourcePath) < (b.alert.severity.rank, -b.alert.issued.seconds, b.alert.sourcePath)
        }
        capCancels = CAPHistory.cancels(site.capRecords, shown: Set(alerts.map(\.alert.slug)), now: now, base: site.config.baseURL, zone: zone)
        entries = shown
        let trees = shown.map { site.config.tree(of: $0.item) }
        self.trees = trees
        alternates = Self.alternates(shown, trees: trees, links: site.translations, languages: site.config.languageCodes)
        var views: [Language: Indexes] = [:]
        for language in site.config.languageCodes {
            views[language] = Self.indexes(shown, in: shown.indices.filter { trees[$0] == language }, config: site.config.speaking(language), now: visibility.now)
        }
        self.views = views
        view = views[site.config.language] ?? Indexes()
    }

    /// One language's lists, made of `mine`, its entries (indices into `shown`, in order).
    private static func indexes(_ shown: [Entry], in mine: [Int], config: SiteConfig, now: ZonedInstant) -> Indexes {
        var x = Indexes()
        let listedNews = mine.filter { shown[$0].listed && shown[$0].item.kind != .page }
        x.listed = listedNews
        x.releases = listedNews.filter { shown[$0].item.kind == .release }
        x.fed = mine.filter { shown[$0].item.kind != .page && !shown[$0].expired && (shown[$0].listed || shown[$0].withdrawal != nil) }
        x.withdrawn = mine.filter { shown[$0].withdrawal != nil }
            .sorted { a, b in
                let ta = shown[a].withdrawal!.date, tb = shown[b].withdrawal!.date
                return ta != tb ? ta > tb : a < b
            }
        x.corrections = mine.filter { !shown[$0].bodyHidden }
            .flatMap { i in shown[i].item.corrections.map { (entry: i, correction: $0) } }
            .enumerated().sorted { a, b in
                // Newest first; ties keep the order of the entries and of each file's list.
                a.element.correction.date != b.element.correction.date ? a.element.correction.date > b.element.correction.date : a.offset < b.offset
            }.map(\.element)

        let events = listedNews.filter { shown[$0].item.kind == .event }
        func start(_ i: Int) -> Int64 { shown[i].event!.start.seconds }
        x.upcomingEvents = events.filter { shown[$0].event!.finish > now }
            .sorted { start($0) != start($1) ? start($0) < start($1) : $0 < $1 }
        x.pastEvents = events.filter { shown[$0].event!.finish <= now }
            .sorted { start($0) != start($1) ? start($0) > start($1) : $0 < $1 }

        x.departments = config.departments.map { dept in
            (dept, listedNews.filter { shown[$0].item.department == dept.slug })
        }

        var tagEntries: [String: [Int]] = [:]
        var tagNames: [String: String] = [:]
        for i in listedNews {
            for tag in Set(shown[i].item.tags.map { Slug.make($0) }) where !tag.isEmpty {
                tagEntries[tag, default: []].append(i)
            }
            for name in shown[i].item.tags {
                let slug = Slug.make(name)
                if let known = tagNames[slug], known <= name { continue }
                tagNames[slug] = name
            }
        }
        // A name from site.yml wins over the spellings items use.
        x.tags = tagEntries.keys.sorted().map { Tag(slug: $0, name: config.tagNames[$0] ?? tagNames[$0] ?? $0, entries: tagEntries[$0]!) }

        var byYear: [Int: [Int]] = [:]
        for i in x.releases { byYear[shown[i].item.publicationDate?.civil.year ?? 0, default: []].append(i) }
        x.years = byYear.keys.sorted(by: >).map { ($0, byYear[$0]!) }

        x.menu = mine.filter { shown[$0].item.kind == .page && shown[$0].item.menu != nil && shown[$0].listed }
            .sorted { (shown[$0].item.menu!, shown[$0].item.title) < (shown[$1].item.menu!, shown[$1].item.title) }
        return x
    }

    /// Per entry, the shown members of its group (an original and its translations) in the order
    /// of the site's languages, itself included; empty when it has no shown translation. Hidden
    /// items are not entries, so an embargoed translation is linked from nowhere.
    private static func alternates(_ shown: [Entry], trees: [Language], links: [String: String], languages: [Language]) -> [[Int]] {
        guard !links.isEmpty else { return Array(repeating: [], count: shown.count) }
        var groups: [String: [Int]] = [:]
        for (i, entry) in shown.enumerated() {
            let path = entry.item.sourcePath
            groups[links[path] ?? path, default: []].append(i)
        }
        var out = Array(repeating: [Int](), count: shown.count)
        for members in groups.values where members.count > 1 {
            let ordered = members.sorted { (languages.firstIndex(of: trees[$0]) ?? 99, $0) < (languages.firstIndex(of: trees[$1]) ?? 99, $1) }
            for i in members { out[i] = ordered }
        }
        return out
    }

    /// The newest items of one department (or all when nil) for a feed: listed or just withdrawn.
    public func feedEntries(department: String?) -> [Int] {
        let pool = department.map { slug in fed.filter { entries[$0].item.department == slug } } ?? fed
        return Array(pool.prefix(config.feed.items))
    }
}
