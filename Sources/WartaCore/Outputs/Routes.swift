/// Every URL the site has, in one place. Paths are site paths: relative to the base URL, no
/// leading slash, directories ending in `/` (pretty URLs: written as `…/index.html`).
///
/// A site in several languages has one tree per language: the default language's at the root,
/// each other one under its prefix (`en/`) with its own section names. These routes are one
/// language's; an item's page is always in its own language's tree, whichever routes are asked.
public struct Routes: Sendable {
    public let sections: SectionNames
    /// "" for the default language, `en/` for another.
    public let prefix: String
    /// Each site language's tree (prefix and sections), for items' pages.
    private let trees: [Language: (prefix: String, sections: SectionNames)]
    private let defaultLanguage: Language

    public init(sections: SectionNames) {
        self.sections = sections
        prefix = ""
        trees = [:]
        defaultLanguage = .id
    }

    /// The routes of `language` (the default language when nil) on a site with `config`'s languages.
    public init(config: SiteConfig, language: Language? = nil) {
        // From `languages` when there are several (so a language's view of the settings gives the
        // same trees), else the one language.
        var trees: [Language: (prefix: String, sections: SectionNames)] = [:]
        for l in config.languages { trees[l.language] = (l.prefix, l.sections) }
        if trees.isEmpty { trees[config.language] = ("", config.sections) }
        let first = config.languages.first?.language ?? config.language
        let own = trees[language ?? first] ?? ("", config.sections)
        sections = own.sections
        prefix = own.prefix
        self.trees = trees
        defaultLanguage = first
    }

    public func item(_ item: Item) -> String {
        let tree = item.language.flatMap { trees[$0] } ?? trees[defaultLanguage] ?? (prefix, sections)
        let sections = tree.sections
        switch item.kind {
        case .release: return tree.prefix + dated(sections.press, item.date, item.slug)
        case .event: return tree.prefix + dated(sections.events, item.event?.start, item.slug)
        case .page: return tree.prefix + "\(item.slug)/"
        }
    }

    private func dated(_ section: String, _ instant: ZonedInstant?, _ slug: String) -> String {
        guard let c = instant?.civil else { return "\(section)/\(slug)/" }
        return "\(section)/\(c.year)/\(pad2(c.month))/\(slug)/"
    }

    public var home: String { prefix }
    public var press: String { "\(prefix)\(sections.press)/" }
    public var events: String { "\(prefix)\(sections.events)/" }
    public var pastEvents: String { "\(prefix)\(sections.events)/\(sections.pastEvents)/" }
    /// The month view: `agenda/2023/02/` (the month's event pages live below it).
    public func month(year: Int, month: Int) -> String { "\(prefix)\(sections.events)/\(year)/\(pad2(month))/" }
    public var departments: String { "\(prefix)\(sections.departments)/" }
    public func department(_ slug: String) -> String { "\(prefix)\(sections.departments)/\(slug)/" }
    public func departmentFeed(_ slug: String) -> String { "\(prefix)\(sections.departments)/\(slug)/feed.xml" }
    public var tags: String { "\(prefix)\(sections.tags)/" }
    public func tag(_ slug: String) -> String { "\(prefix)\(sections.tags)/\(slug)/" }
    public var archive: String { "\(prefix)\(sections.archive)/" }
    public func year(_ year: Int) -> String { "\(prefix)\(sections.archive)/\(year)/" }
    /// Every withdrawal, and every correction, newest first.
    public var withdrawals: String { "\(prefix)\(sections.withdrawn)/" }
    public var corrections: String { "\(prefix)\(sections.corrections)/" }
    public var search: String { "\(prefix)\(sections.search)/" }
    public var feed: String { prefix + "feed.xml" }
    public var calendar: String { prefix + "events.ics" }
    public func departmentCalendar(_ slug: String) -> String { "\(prefix)\(sections.departments)/\(slug)/events.ics" }
    /// Each event's own calendar file, beside its page.
    public func eventCalendar(_ eventPath: String) -> String { eventPath + "event.ics" }
    // Site-wide, in no language's tree: the notices, the sitemap, robots.txt, the 404 page, gone.map.
    /// The CAP feed: an RSS index of the notices in force, each item linking to its CAP message.
    public let alertsFeed = "alerts.xml"
    /// One notice as a CAP 1.2 message.
    public func alertMessage(_ slug: String) -> String { "alerts/\(slug).xml" }
    public let sitemap = "sitemap.xml"
    public let robots = "robots.txt"
    public let notFound = "404.html"
    /// The URLs of withdrawn items whose text was removed, for the web server to answer 410 Gone.
    public let gone = "gone.map"

    /// Page `n` of a paginated list whose first page is at `base`.
    public func paged(_ base: String, _ n: Int) -> String {
        n <= 1 ? base : "\(base)\(sections.page)/\(n)/"
    }

    /// The file a site path is written to.
    public static func file(_ sitePath: String) -> String {
        sitePath.isEmpty || sitePath.hasSuffix("/") ? sitePath + "index.html" : sitePath
    }

    /// An alias as written (`/berita/lama/`) to a site path (`berita/lama/`), relative to the base path.
    public static func alias(_ written: String) -> String {
        var path = Substring(written)
        while path.hasPrefix("/") { path = path.dropFirst() }
        if !path.isEmpty && !path.hasSuffix("/") && !path.hasSuffix(".html") { return String(path) + "/" }
        return String(path)
    }
}
