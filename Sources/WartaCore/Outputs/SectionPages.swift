/// The single pages that are not lists of one kind: home, the events overview, the indexes of
/// departments, tags and years, and the 404 page.
struct SectionPages {
    let context: PageContext
    let theme: Theme

    func home() -> String {
        let c = context, cat = c.catalog
        let values: [String: Any] = [
            "releases": cat.releases.prefix(c.config.home.releases).map(c.summary),
            "events": cat.upcomingEvents.prefix(c.config.home.events).map(c.summary),
            "hasEvents": !cat.upcomingEvents.isEmpty && c.config.home.events > 0,
            "pressURL": c.link(c.routes.press),
            "eventsURL": c.link(c.routes.events),
        ]
        return theme.render("home", c.page(path: c.routes.home, title: c.config.title, description: c.config.tagline,
                                           section: "home", values: values))
    }

    /// Upcoming events in full (soonest first), then a link to the past ones.
    func events() -> String {
        let c = context, cat = c.catalog
        let values: [String: Any] = [
            "upcoming": cat.upcomingEvents.map(c.summary),
            "hasUpcoming": !cat.upcomingEvents.isEmpty,
            "recentPast": cat.pastEvents.prefix(c.config.perPage).map(c.summary),
            "hasPast": !cat.pastEvents.isEmpty,
            "pastURL": c.link(c.routes.pastEvents),
            "calendarURL": c.link(c.routes.calendar),
            "monthURL": c.link(c.routes.month(year: c.config.timeZone.local(cat.now).civil.year, month: c.config.timeZone.local(cat.now).civil.month)),
            "hasMonths": !MonthCalendar.months(c).isEmpty,
        ]
        return theme.render("events", c.page(path: c.routes.events, title: c.labels["events"]!, description: "",
                                             section: "events", values: values))
    }

    /// An index of terms with their counts (departments, tags, years).
    func terms(kind: String) -> (path: String, html: String) {
        let c = context, cat = c.catalog, r = c.routes
        let path: String, title: String
        var terms: [[String: Any]]
        switch kind {
        case "departments":
            path = r.departments
            title = c.labels["departments"]!
            terms = cat.departments.map { ["name": $0.department.name, "url": c.link(r.department($0.department.slug)), "count": $0.entries.count] }
        case "tags":
            path = r.tags
            title = c.labels["tags"]!
            terms = cat.tags.map { ["name": $0.name, "url": c.link(r.tag($0.slug)), "count": $0.entries.count] }
        default:
            path = r.archive
            title = c.labels["archive"]!
            terms = cat.years.map { ["name": "\($0.year)", "url": c.link(r.year($0.year)), "count": $0.entries.count] }
        }
        let values: [String: Any] = ["terms": terms, "empty": terms.isEmpty, "kind": kind]
        return (path, theme.render("terms", c.page(path: path, title: title, description: "", section: kind, values: values)))
    }

    func notFound() -> String {
        let c = context
        // Served for any missing path, so every link on it is root-relative already (base path included).
        return theme.render("404", c.page(path: c.routes.notFound, title: c.labels["notFoundTitle"]!, description: "",
                                          section: nil, values: ["noindex": true]))
    }
}
