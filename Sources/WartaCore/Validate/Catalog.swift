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
    }

    public struct Tag: Sendable {
        public let slug: String
        public let name: String
        public let entries: [Int]
    }

    public let config: SiteConfig
    public let routes: Routes
    public let visibility: Visibility
    public var now: ZonedInstant { visibility.now }
    /// Newest first (sort date, then source path).
    public internal(set) var entries: [Entry]
    public let releases: [Int]
    public let upcomingEvents: [Int]
    public let pastEvents: [Int]
    public let departments: [(department: Department, entries: [Int])]
    public let tags: [Tag]
    public let years: [(year: Int, entries: [Int])]
    /// Plain pages in the navigation, by `menu` weight.
    public let menu: [Int]
    /// Every listed item, newest first.
    public let listed: [Int]
    /// What feeds are cut from, newest first: the listed items and the withdrawn ones that have not
    /// expired (their subscribers must learn of the withdrawal).
    public let fed: [Int]
    /// Every withdrawal in effect, the newest first.
    public let withdrawn: [Int]
    /// Every correction of a shown item (except those whose text a withdrawal hides), newest first.
    public let corrections: [(entry: Int, correction: Correction)]
    /// The files published as they are: only those whose items are public (see `Visibility`).
    public let assets: [Asset]
    /// Every file's source by site path, public or not: for checks that a named file exists.
    public let assetSources: [String: String]
    /// Notices in force, most severe first, then newest: the banner on every page, the top of the
    /// home page and of the main feed, the CAP files.
    public let alerts: [ActiveAlert]

    public init(site: Site, visibility: Visibility) {
        config = site.config
        routes = Routes(sections: site.config.sections)
        self.visibility = visibility
        assetSources = Dictionary(site.assets.map { ($0.sitePath, $0.source) }, uniquingKeysWith: { a, _ in a })
        var shown: [Entry] = []
        var references: [(shown: Bool, files: Set<String>)] = []
        let routes = self.routes
        // The site's share image is named by every page, so no hidden item can hold it back.
        if let share = site.config.shareImage, share.src.hasPrefix("/") { references.append((true, [String(share.src.dropFirst())])) }
        for item in site.items {
            let decision = visibility.decide(item)
            let withdrawal = decision == .hidden ? nil : visibility.withdrawal(item)
            let files = FileReferences.of(item, routes: routes, basePath: site.writtenBasePath)
            // A text taken down for legal reasons takes its files down with it.
            let hidesBody = withdrawal?.hideBody ?? false
            references.append((decision != .hidden && !hidesBody, files))
            guard case .shown(let current, let preview) = decision else { continue }
            shown.append(Entry(item: item, path: routes.item(item), listed: current && withdrawal == nil, expired: !current,
                               withdrawal: withdrawal, preview: preview,
                               event: item.event?.current(zone: site.config.timeZone, now: visibility.now)))
        }
        // A notice brings the files its text links to, as an item does.
        for alert in site.alerts {
            references.append((visibility.decide(alert) != .hidden, FileReferences.of(alert, basePath: site.writtenBasePath)))
        }
        // The logo stands on every page: its file is public, wherever it sits.
        if let logo = site.config.logo, logo.src.hasPrefix("/") { references.append((true, [String(logo.src.dropFirst())])) }
        assets = visibility.publicAssets(site.assets, references: references)
        alerts = site.alerts.compactMap { alert -> ActiveAlert? in
            guard case .shown(_, let preview) = visibility.decide(alert) else { return nil }
            return ActiveAlert(alert: alert, preview: preview)
        }.sorted { a, b in
            (a.alert.severity.rank, -a.alert.issued.seconds, a.alert.sourcePath) < (b.alert.severity.rank, -b.alert.issued.seconds, b.alert.sourcePath)
        }
        // Sort keys, not entries: an entry holds a whole item, and moving those was a measured cost.
        let keys = shown.map { ($0.item.sortDate?.seconds ?? .min, $0.item.sourcePath) }
        let order = shown.indices.sorted { keys[$0].0 != keys[$1].0 ? keys[$0].0 > keys[$1].0 : keys[$0].1 < keys[$1].1 }
        shown = order.map { shown[$0] }
        entries = shown
        let listedNews = shown.indices.filter { shown[$0].listed && shown[$0].item.kind != .page }
        listed = listedNews
        releases = listedNews.filter { shown[$0].item.kind == .release }
        fed = shown.indices.filter { shown[$0].item.kind != .page && !shown[$0].expired && (shown[$0].listed || shown[$0].withdrawal != nil) }
        withdrawn = shown.indices.filter { shown[$0].withdrawal != nil }
            .sorted { a, b in
                let ta = shown[a].withdrawal!.date, tb = shown[b].withdrawal!.date
                return ta != tb ? ta > tb : a < b
            }
        corrections = shown.indices.filter { !shown[$0].bodyHidden }
            .flatMap { i in shown[i].item.corrections.map { (entry: i, correction: $0) } }
            .enumerated().sorted { a, b in
                // Newest first; ties keep the order of the entries and of each file's list.
                a.element.correction.date != b.element.correction.date ? a.element.correction.date > b.element.correction.date : a.offset < b.offset
            }.map(\.element)

        let now = visibility.now
        let events = listedNews.filter { shown[$0].item.kind == .event }
        func start(_ i: Int) -> Int64 { shown[i].event!.start.seconds }
        upcomingEvents = events.filter { shown[$0].event!.finish > now }
            .sorted { start($0) != start($1) ? start($0) < start($1) : $0 < $1 }
        pastEvents = events.filter { shown[$0].event!.finish <= now }
            .sorted { start($0) != start($1) ? start($0) > start($1) : $0 < $1 }

        departments = site.config.departments.map { dept in
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
        tags = tagEntries.keys.sorted().map { Tag(slug: $0, name: site.config.tagNames[$0] ?? tagNames[$0] ?? $0, entries: tagEntries[$0]!) }

        var byYear: [Int: [Int]] = [:]
        for i in releases { byYear[shown[i].item.publicationDate?.civil.year ?? 0, default: []].append(i) }
        years = byYear.keys.sorted(by: >).map { ($0, byYear[$0]!) }

        menu = shown.indices.filter { shown[$0].item.kind == .page && shown[$0].item.menu != nil && shown[$0].listed }
            .sorted { (shown[$0].item.menu!, shown[$0].item.title) < (shown[$1].item.menu!, shown[$1].item.title) }
    }

    /// The newest items of one department (or all when nil) for a feed: listed or just withdrawn.
    public func feedEntries(department: String?) -> [Int] {
        let pool = department.map { slug in fed.filter { entries[$0].item.department == slug } } ?? fed
        return Array(pool.prefix(config.feed.items))
    }
}
