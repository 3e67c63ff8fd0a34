/// The single pages that are not lists of one kind: home, the events overview, the indexes of
/// departments, tags and years, and the 404 page.
struct SectionPages {
    let context: PageContext
    let theme: Theme

    func home() -> String {
        let c = context, cat = c.catalog
        let values: [String: Any] = [
            "releases": cat.releases.prefix(c.config.home.releases).map { c.nestedSummary($0, theme: theme) },
            "events": cat.upcomingEvents.prefix(c.config.home.events).map { c.nestedSummary($0, theme: theme) },
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
            "upcoming": cat.upcomingEvents.map { c.nestedSummary($0, theme: theme) },
            "hasUpcoming": !cat.upcomingEvents.isEmpty,
            "recentPast": cat.pastEvents.prefix(c.config.perPage).map { c.nestedSummary($0, theme: theme) },
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

    /// Pagefind's own interface over the index in `pagefind/`; without JavaScript, the archive.
    func search() -> String {
        let c = context
        let values: [String: Any] = ["archiveURL": c.link(c.routes.archive)]
        return theme.render("search", c.page(path: c.routes.search, title: c.labels["searchTitle"]!, description: "",
                                             section: "search", values: values))
    }

    func notFound() -> String {
        let c = context
        // Served for any missing path, so every link on it is root-relative already (base path included).
        // One page for the whole site, whatever the language of the address that missed: the other
        // languages say it too, each to its own home page.
        let others: [[String: Any]] = c.homes.filter { $0.code != c.language }.map { home in
            let t = c.text.table(home.code)
            return ["code": home.code.rawValue, "title": t["notFoundTitle"]!, "text": t["notFoundText"]!, "backHome": t["backHome"]!,
                    "home": c.link(home.path)]
        }
        return theme.render("404", c.page(path: c.routes.notFound, title: c.labels["notFoundTitle"]!, description: "",
                                          section: nil, values: ["noindex": true, "otherLanguages": others]))
    }

    static func outputs(_ c: PageContext) -> [Output] {
        let cat = c.catalog, r = c.routes
        let home = cat.releases.prefix(c.config.home.releases) + [-1] + cat.upcomingEvents.prefix(c.config.home.events)
        let events = cat.upcomingEvents + [-1] + cat.pastEvents.prefix(c.config.perPage)
        let hasMonths = !MonthCalendar.months(c).isEmpty
        let thisMonth = c.config.timeZone.local(cat.now).civil
        let monthKey = thisMonth.year * 100 + thisMonth.month  // the events page links to this month's view
        var out: [Output] = [
            .generated(Routes.file(r.home), "the home page", sitemap: r.home,
                       inputs: { p in p.combine(home.map { i in i < 0 ? p.templates[Theme.summaryTemplate] ?? 0 : p.items[i] }, "home", template: "home") }) { s in
                .text(SectionPages(context: s.context, theme: s.theme).home())
            },
            .generated(Routes.file(r.events), "the events page", sitemap: r.events,
                       inputs: { p in p.combine(events.map { i in i < 0 ? p.templates[Theme.summaryTemplate] ?? 0 : p.items[i] } + [hasMonths ? 1 : 0, monthKey], "events", template: "events") }) { s in
                .text(SectionPages(context: s.context, theme: s.theme).events())
            },
            // Made of the theme alone: the index it searches is Pagefind's, made after the build.
            .generated(Routes.file(r.search), "the search page", inputs: { $0.combine([], "search", template: "search") }) { s in
                .text(SectionPages(context: s.context, theme: s.theme).search())
            },
            .generated(r.notFound, "the 404 page", inputs: { $0.combine([], "404", template: "404") }) { s in
                .text(SectionPages(context: s.context, theme: s.theme).notFound())
            },
        ]
        // The three indexes show every department, tag and year with its count.
        let counts = cat.departments.map(\.entries.count) + cat.tags.flatMap { [StableHash.of($0.name), $0.entries.count] }
            + cat.years.flatMap { [$0.year, $0.entries.count] }
        for (kind, path, what) in [("departments", r.departments, "departments"), ("tags", r.tags, "tags"), ("archive", r.archive, "archive")] {
            out.append(.generated(Routes.file(path), "the \(what) index", sitemap: path, inputs: { $0.combine(counts, "terms " + kind, template: "terms") }) { s in
                .text(SectionPages(context: s.context, theme: s.theme).terms(kind: kind).html)
            })
        }
        return out
    }
}
