/// The public site after visibility has been applied: the entries that may be shown, with their
/// URLs, and the indexes every listing and feed reads. Built once; read by every output.
public struct Catalog: Sendable {
    public struct Entry: Sendable {
        public let item: Item
        public let path: String
        /// False once expired: the page stays but no listing, feed or sitemap names it.
        public let listed: Bool
        public let preview: Visibility.PreviewMark?
        /// An event as readers see it now: for a repeating event, the occurrence under way or next.
        public let event: EventDetails?
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
    /// Every listed item, newest first: what the main feed is cut from.
    public let listed: [Int]
    /// The files published as they are: only those whose items are public (see `Visibility`).
    public let assets: [Asset]
    /// Every file's source by site path, public or not: for checks that a named file exists.
    public let assetSources: [String: String]

    public init(site: Site, visibility: Visibility) {
        config = site.config
        routes = Routes(sections: site.config.sections)
        self.visibility = visibility
        assetSources = Dictionary(site.assets.map { ($0.sitePath, $0.source) }, uniquingKeysWith: { a, _ in a })
        var shown: [Entry] = []
        var references: [(shown: Bool, files: Set<String>)] = []
        let routes = self.routes
        for item in site.items {
            let decision = visibility.decide(item)
            references.append((decision != .hidden, FileReferences.of(item, routes: routes, basePath: site.writtenBasePath)))
            guard case .shown(let listed, let preview) = decision else { continue }
            shown.append(Entry(item: item, path: routes.item(item), listed: listed, preview: preview,
                               event: item.event?.current(zone: site.config.timeZone, now: visibility.now)))
        }
        assets = visibility.publicAssets(site.assets, references: references)
        // Sort keys, not entries: an entry holds a whole item, and moving those was a measured cost.
        let keys = shown.map { ($0.item.sortDate?.seconds ?? .min, $0.item.sourcePath) }
        let order = shown.indices.sorted { keys[$0].0 != keys[$1].0 ? keys[$0].0 > keys[$1].0 : keys[$0].1 < keys[$1].1 }
        shown = order.map { shown[$0] }
        entries = shown
        let listedNews = shown.indices.filter { shown[$0].listed && shown[$0].item.kind != .page }
        listed = listedNews
        releases = listedNews.filter { shown[$0].item.kind == .release }

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
        tags = tagEntries.keys.sorted().map { Tag(slug: $0, name: tagNames[$0] ?? $0, entries: tagEntries[$0]!) }

        var byYear: [Int: [Int]] = [:]
        for i in releases { byYear[shown[i].item.date?.civil.year ?? 0, default: []].append(i) }
        years = byYear.keys.sorted(by: >).map { ($0, byYear[$0]!) }

        menu = shown.indices.filter { shown[$0].item.kind == .page && shown[$0].item.menu != nil && shown[$0].listed }
            .sorted { (shown[$0].item.menu!, shown[$0].item.title) < (shown[$1].item.menu!, shown[$1].item.title) }
    }

    /// The newest listed items of one department (or all when nil), for a feed.
    public func feedEntries(department: String?) -> [Int] {
        let pool = department.map { slug in departments.first { $0.department.slug == slug }?.entries ?? [] } ?? listed
        return Array(pool.prefix(config.feed.items))
    }
}
