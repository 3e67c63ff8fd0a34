/// Paginated lists of entries: the release index, past events, one per department, tag and year.
struct Listings {
    let context: PageContext
    let theme: Theme?

    /// One list, cut into pages of `per_page`.
    struct List: Sendable {
        /// Site path of the first page.
        let base: String
        let title: String
        let description: String
        let section: String
        let entries: [Int]
        var feed: (title: String, path: String)?
    }

    func pageCount(_ list: List) -> Int {
        max(1, (list.entries.count + context.config.perPage - 1) / context.config.perPage)
    }

    /// Site path and HTML of page `n` (1-based).
    func render(_ list: List, page n: Int) -> (path: String, html: [UInt8]) {
        let c = context
        let per = c.config.perPage
        let total = pageCount(list)
        let slice = list.entries.dropFirst((n - 1) * per).prefix(per)
        let path = c.routes.paged(list.base, n)
        let summary = { (i: Int) in c.summary(i) }  // one closure holding the context, not one per entry
        var values: [String: Any] = [
            "items": slice.map { i in LazyValues(i < c.summaryHTML.count ? ["html": c.summaryHTML[i].string] : [:], rest: { summary(i) }) },
            "empty": list.entries.isEmpty,
            "count": list.entries.count,
        ]
        values["pagination"] = total > 1 ? pagination(list.base, n, total) : false
        if let feed = list.feed { values["listFeed"] = ["title": feed.title, "url": c.absolute(feed.path)] as [String: Any] } else {
            values["listFeed"] = false
        }
        let title = n > 1 ? "\(list.title) — \(c.labels["page"]!) \(n)" : list.title
        values["heading"] = list.title
        let page = c.sharedPage(path: path, title: title, description: list.description, section: list.section,
                                extraFeeds: list.feed.map { [$0] } ?? [], values: values)
        return (path, theme?.renderBytes("list", page.values, shared: page.shared) ?? [])
    }

    /// Links to the first and last pages and to the two on each side of the current one, with gaps
    /// between: a list of 700 pages gets a dozen links, not 700 (which also kept rendering linear).
    func pagination(_ base: String, _ n: Int, _ total: Int) -> [String: Any] {
        let c = context
        let shown = Set([1, total] + Array(max(1, n - 2)...min(total, n + 2)))
        var pages: [[String: Any]] = []
        var last = 0
        for k in shown.sorted() {
            if k > last + 1 { pages.append(["gap": true, "number": Blank(), "url": Blank(), "current": false]) }
            pages.append(["gap": false, "number": k, "url": c.link(c.routes.paged(base, k)), "current": k == n])
            last = k
        }
        return [
            "current": n,
            "total": total,
            "previous": n > 1 ? c.link(c.routes.paged(base, n - 1)) : false,
            "next": n < total ? c.link(c.routes.paged(base, n + 1)) : false,
            "pages": pages,
        ]
    }

    /// Every paginated list the site has.
    static func all(_ c: PageContext) -> [List] {
        let cat = c.catalog, r = c.routes, t = c.labels
        var lists = [
            List(base: r.press, title: t["pressReleases"]!, description: "", section: "press", entries: cat.releases),
            List(base: r.pastEvents, title: t["pastEvents"]!, description: "", section: "events", entries: cat.pastEvents),
        ]
        for (dept, entries) in cat.departments {
            lists.append(List(base: r.department(dept.slug), title: dept.name, description: "", section: "departments",
                              entries: entries, feed: ("\(c.config.title) — \(dept.name)", r.departmentFeed(dept.slug))))
        }
        for tag in cat.tags {
            lists.append(List(base: r.tag(tag.slug), title: "\(t["tags"]!): \(tag.name)", description: "", section: "tags",
                              entries: tag.entries))
        }
        for (year, entries) in cat.years {
            lists.append(List(base: r.year(year), title: "\(t["yearArchive"]!) \(year)", description: "", section: "archive",
                              entries: entries))
        }
        return lists
    }

    /// Every page of every list; each page is made from the cards it shows and the page count.
    static func outputs(_ c: PageContext) -> [Output] {
        let listings = Listings(context: c, theme: nil)
        let per = c.config.perPage
        var out: [Output] = []
        for list in all(c) {
            let total = listings.pageCount(list)
            for n in 1...total {
                let path = c.routes.paged(list.base, n)
                let slice = Array(list.entries.dropFirst((n - 1) * per).prefix(per))
                out.append(.generated(Routes.file(path), "the list /\(path)", sitemap: path,
                                      inputs: { p in
                    p.combine([n, total, StableHash.of(list.title), p.templates[Theme.summaryTemplate] ?? 0] + slice.map { p.items[$0] }, "list " + list.base, template: "list")
                }) { s in
                    .bytes(Listings(context: s.context, theme: s.theme).render(list, page: n).html)
                })
            }
        }
        return out
    }
}
