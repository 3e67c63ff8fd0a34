/// The values of a language's page chrome that depend on nothing else but the section marked:
/// the navigation, the feeds, the language switch and what a page says when shared. Made once
/// per build for each language (and for an item's own language outside the site's), since
/// building them again for every page made a few dozen dictionaries per page.
///
/// Unchecked: the values are strings, booleans and arrays of them, never changed once made.
struct ChromeValues: @unchecked Sendable {
    /// The fixed part of the navigation (sections, then menu pages), with the section each marks.
    let links: [(title: String, path: String, section: String?)]
    /// The navigation with the link of each section marked, by section; `unmarked`: none marked.
    private let marked: [String: [[String: Any]]]
    private let unmarked: [[String: Any]]
    /// The site's feed alone, for a page without feeds of its own.
    let feeds: [[String: Any]]
    /// The other languages' home pages (none on a site of one language).
    let languages: [[String: Any]]
    let localeAlternates: [String]
    /// What a page without its own image or dates says when shared.
    let share: [String: Any]

    init(links: [(title: String, path: String, section: String?)], feedTitle: String, feed: String, language: Language,
         homes: [(code: Language, path: String)], config: SiteConfig) {
        self.links = links
        func values(marking section: String?) -> [[String: Any]] {
            links.map { ["title": $0.title, "url": config.baseURL.link($0.path), "current": section != nil && $0.section == section] }
        }
        var marked: [String: [[String: Any]]] = [:]
        for section in Set(links.compactMap(\.section)) { marked[section] = values(marking: section) }
        self.marked = marked
        unmarked = values(marking: nil)
        feeds = [["title": feedTitle, "url": config.baseURL.absolute(feed)]]
        let others = homes.count < 2 ? [] : homes.filter { $0.code != language }
        languages = others.map { ["code": $0.code.rawValue, "name": $0.code.ownName, "url": config.baseURL.link($0.path)] }
        localeAlternates = others.map(\.code.locale)
        share = PageContext.share(config: config, language: language)
    }

    /// The navigation of a page: the link of its section marked, and a menu page's link when
    /// the page is that page.
    func navigation(section: String?, path: String) -> [[String: Any]] {
        let nav = section.flatMap { marked[$0] } ?? unmarked
        guard let at = links.firstIndex(where: { $0.section == nil && $0.path == path }) else { return nav }
        var own = nav
        own[at]["current"] = true
        return own
    }
}
