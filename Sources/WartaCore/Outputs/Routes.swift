/// Every URL the site has, in one place. Paths are site paths: relative to the base URL, no
/// leading slash, directories ending in `/` (pretty URLs: written as `…/index.html`).
public struct Routes: Sendable {
    public let sections: SectionNames

    public init(sections: SectionNames) { self.sections = sections }

    public func item(_ item: Item) -> String {
        switch item.kind {
        case .release: dated(sections.press, item.date, item.slug)
        case .event: dated(sections.events, item.event?.start, item.slug)
        case .page: "\(item.slug)/"
        }
    }

    private func dated(_ section: String, _ instant: ZonedInstant?, _ slug: String) -> String {
        guard let c = instant?.civil else { return "\(section)/\(slug)/" }
        return "\(section)/\(c.year)/\(pad2(c.month))/\(slug)/"
    }

    public let home = ""
    public var press: String { "\(sections.press)/" }
    public var events: String { "\(sections.events)/" }
    public var pastEvents: String { "\(sections.events)/\(sections.pastEvents)/" }
    /// The month view: `agenda/2023/02/` (the month's event pages live below it).
    public func month(year: Int, month: Int) -> String { "\(sections.events)/\(year)/\(pad2(month))/" }
    public var departments: String { "\(sections.departments)/" }
    public func department(_ slug: String) -> String { "\(sections.departments)/\(slug)/" }
    public func departmentFeed(_ slug: String) -> String { "\(sections.departments)/\(slug)/feed.xml" }
    public var tags: String { "\(sections.tags)/" }
    public func tag(_ slug: String) -> String { "\(sections.tags)/\(slug)/" }
    public var archive: String { "\(sections.archive)/" }
    public func year(_ year: Int) -> String { "\(sections.archive)/\(year)/" }
    /// Every withdrawal, and every correction, newest first.
    public var withdrawals: String { "\(sections.withdrawn)/" }
    public var corrections: String { "\(sections.corrections)/" }
    public var search: String { "\(sections.search)/" }
    public let feed = "feed.xml"
    public let calendar = "events.ics"
    public func departmentCalendar(_ slug: String) -> String { "\(sections.departments)/\(slug)/events.ics" }
    /// Each event's own calendar file, beside its page.
    public func eventCalendar(_ eventPath: String) -> String { eventPath + "event.ics" }
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
