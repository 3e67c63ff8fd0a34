/// The record of withdrawals (`/dicabut/`, `/withdrawn/` in English): every item withdrawn, the
/// newest withdrawal first, with its date and reason; and `gone.map`, the pages a web server should
/// answer with 410 Gone because a withdrawal removed their text (see the README).
struct WithdrawalList {
    let context: PageContext
    let theme: Theme

    func render() -> String {
        let c = context, cat = c.catalog
        let rows: [[String: Any]] = cat.withdrawn.map { i in
            let entry = cat.entries[i], withdrawal = entry.withdrawal!
            return ["title": entry.item.title, "url": c.link(entry.path), "kind": c.kindLabel(entry.item.kind),
                    "published": entry.item.publicationDate.map(c.time) ?? false,
                    "withdrawn": c.time(withdrawal.date), "reason": withdrawal.reason, "hideBody": withdrawal.hideBody]
        }
        let values: [String: Any] = ["withdrawals": rows, "empty": rows.isEmpty]
        return theme.render("withdrawals", c.page(path: c.routes.withdrawals, title: c.labels["withdrawals"]!,
                                                  description: c.labels["withdrawalsIntro"]!, section: nil, values: values))
    }

    /// Two lines per page of an item withdrawn with `hide_body` (its folder URL and its
    /// `index.html`), each `path file ;`: the file is the page itself, whose notice the server sends
    /// as the body of the 410. nginx's `map` includes the lines as they are, and Apache's
    /// `RewriteMap txt:` reads the first two words of each (see the README). The files such items
    /// alone named are simply no longer published; their names are not listed here.
    static func goneMap(_ c: PageContext) -> String {
        let cat = c.catalog
        var lines: [String] = []
        // Every language's (it is one file for the server).
        for i in cat.entries.indices where cat.entries[i].withdrawal != nil && cat.entries[i].bodyHidden {
            let page = c.link(Routes.file(cat.entries[i].path))
            lines.append("\(c.link(cat.entries[i].path)) \(page) ;")
            lines.append("\(page) \(page) ;")
        }
        return """
        # Written by warta build: pages withdrawn with hide_body, to be answered 410 Gone with the
        # page itself (its withdrawal notice) as the body. Each line: URL path, file, ';'. See the README.

        """ + lines.sorted().map { $0 + "\n" }.joined()
    }

    static func outputs(_ c: PageContext) -> [Output] {
        let cat = c.catalog, r = c.routes
        let hidden = cat.entries.indices.filter { cat.entries[$0].withdrawal != nil && cat.entries[$0].bodyHidden }
        return [
            .generated(Routes.file(r.withdrawals), "the list of withdrawals", sitemap: r.withdrawals,
                       inputs: { p in p.combine(cat.withdrawn.map { p.items[$0] }, "withdrawals", template: "withdrawals") }) { s in
                .text(WithdrawalList(context: s.context, theme: s.theme).render())
            },
            .generated(r.gone, "the list of gone URLs",
                       inputs: { p in p.combine(hidden.map { p.items[$0] }, "gone") }) { s in
                .text(goneMap(s.context))
            },
        ]
    }
}
