import Mustache

/// `site.*` in templates: the same on every page, so made once per build. A typed value that
/// answers by name is also cheaper for swift-mustache than a dictionary of `Any`.
struct SiteValues: MustacheParent, Sendable {
    let title: String
    let tagline: String
    let language: String
    let home: String
    let stylesheet: String
    let printStylesheet: String
    let feed: String
    let calendar: String
    let corrections: String
    let withdrawals: String
    let search: String
    /// Where Pagefind writes its index and its default interface, beside the pages.
    let pagefind: String
    let contact: Contact?
    /// `{src}` of the logo, or nil.
    let logo: String?
    let year: Int
    let zone: String
    /// The emergency notices in force: a banner on every page.
    let alerts: [AlertValues]
    let alertsFeed: String

    init(_ config: SiteConfig, routes: Routes, year: Int, zone: String, alerts: [AlertValues] = []) {
        title = config.title
        tagline = config.tagline
        language = config.language.rawValue
        home = config.baseURL.link(routes.home)
        stylesheet = config.baseURL.link("style.css")
        printStylesheet = config.baseURL.link("print.css")
        feed = config.baseURL.absolute(routes.feed)
        calendar = config.baseURL.absolute(routes.calendar)
        corrections = config.baseURL.link(routes.corrections)
        withdrawals = config.baseURL.link(routes.withdrawals)
        search = config.baseURL.link(routes.search)
        pagefind = config.baseURL.link(SearchIndex.folder + "/")
        contact = config.contact
        logo = config.logo.map { $0.src.hasPrefix("/") ? config.baseURL.link(String($0.src.dropFirst())) : $0.src }
        self.year = year
        self.zone = zone
        self.alerts = alerts
        alertsFeed = config.baseURL.absolute(routes.alertsFeed)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "tagline": Blank.text(tagline)
        case "language": language
        case "home": home
        case "stylesheet": stylesheet
        case "printStylesheet": printStylesheet
        case "feed": feed
        case "calendar": calendar
        case "corrections": corrections
        case "withdrawals": withdrawals
        case "search": search
        case "pagefind": pagefind
        case "contact": contact.map(PageContext.contact) ?? false
        case "logo": logo.map { ["src": $0] } ?? false
        case "year": year
        case "zone": zone
        case "alerts": alerts
        case "hasAlerts": !alerts.isEmpty
        case "alertsFeed": alertsFeed
        default: nil
        }
    }
}
