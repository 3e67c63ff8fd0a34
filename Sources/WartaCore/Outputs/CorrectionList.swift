/// The record of corrections (`/ralat/`, `/corrections/` in English): every correction of every
/// shown item, the newest first, each with the item it corrects.
struct CorrectionList {
    let context: PageContext
    let theme: Theme

    func render() -> String {
        let c = context, cat = c.catalog
        let rows: [[String: Any]] = cat.corrections.map { i, correction in
            let entry = cat.entries[i]
            return ["date": c.time(correction.date), "note": correction.note, "title": entry.item.title,
                    "url": c.link(entry.path), "kind": c.kindLabel(entry.item.kind)]
        }
        let values: [String: Any] = ["corrections": rows, "empty": rows.isEmpty]
        return theme.render("corrections", c.page(path: c.routes.corrections, title: c.labels["allCorrections"]!,
                                                  description: c.labels["correctionsIntro"]!, section: nil, values: values))
    }

    static func outputs(_ c: PageContext) -> [Output] {
        let cat = c.catalog, r = c.routes
        return [.generated(Routes.file(r.corrections), "the list of corrections", sitemap: r.corrections,
                           inputs: { p in p.combine(cat.corrections.map { p.items[$0.entry] }, "corrections", template: "corrections") }) { s in
            .text(CorrectionList(context: s.context, theme: s.theme).render())
        }]
    }
}
