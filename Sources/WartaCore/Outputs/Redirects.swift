/// A small HTML page at each old address (`aliases`) that sends readers and search engines on.
enum Redirects {
    static func page(to target: String, language: Language, title: String, text table: InterfaceText = .bundled) -> String {
        let url = HTMLEscape.escape(target)
        let text = HTMLEscape.escape(table.table(language)["redirecting"]!)
        return """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <title>\(HTMLEscape.escape(title))</title>
        <meta name="robots" content="noindex">
        <link rel="canonical" href="\(url)">
        <meta http-equiv="refresh" content="0; url=\(url)">
        </head>
        <body>
        <main>
        <p>\(text): <a href="\(url)">\(url)</a></p>
        </main>
        </body>
        </html>

        """
    }

    static func outputs(_ c: PageContext) -> [Output] {
        var out: [Output] = []
        for (i, entry) in c.catalog.entries.enumerated() {
            for alias in entry.item.aliases {
                out.append(Output(file: Routes.file(Routes.alias(alias.value)), claim: nil, sitemap: nil,
                                  inputs: { $0.combine([$0.items[i]], "redirect") },
                                  make: { s in .text(page(to: s.context.absolute(entry.path), language: s.context.catalog.trees[i], title: entry.item.title, text: s.context.text)) }))
            }
        }
        return out
    }
}
