/// `sitemap.xml` (sitemaps.org 0.9): every public, listed page with its last change.
enum Sitemap {
    struct URL: Sendable {
        let path: String
        let lastModified: ZonedInstant?
        /// The page's versions in each language (itself included), by language code: a translated
        /// item's, named the way search engines read them (`xhtml:link rel="alternate"`).
        var alternates: [(language: String, path: String)] = []
    }

    static func xml(_ urls: [URL], base: BaseURL) -> String {
        let translated = urls.contains { !$0.alternates.isEmpty }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
            + (translated ? " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n" : ">\n")
        for url in urls.sorted(by: { $0.path < $1.path }) {
            out += "  <url><loc>\(HTMLEscape.escape(base.absolute(url.path)))</loc>"
            if let lastModified = url.lastModified { out += "<lastmod>\(lastModified.iso8601)</lastmod>" }
            for alternate in url.alternates {
                out += "<xhtml:link rel=\"alternate\" hreflang=\"\(alternate.language)\" href=\"\(HTMLEscape.escape(base.absolute(alternate.path)))\"/>"
            }
            out += "</url>\n"
        }
        return out + "</urlset>\n"
    }

    /// Lists what the other outputs declare for it: public, listed item pages and every list page.
    /// Made from that list alone (and the base URL, in every fingerprint): hashing it costs far
    /// less than writing the XML of ten thousand addresses on every rebuild.
    static func outputs(_ c: PageContext, listing others: [Output]) -> [Output] {
        var h = StableHash()
        for case let url? in others.lazy.map(\.sitemap) {
            h.combine(url.path)
            h.combine(Int(url.lastModified?.seconds ?? -1))
            h.combine(Int(url.lastModified?.offset ?? 0))
            for alternate in url.alternates {
                h.combine(alternate.language)
                h.combine(alternate.path)
            }
        }
        let listing = h.finalize
        return [.generated(c.routes.sitemap, "the sitemap", inputs: { $0.combine([listing], "sitemap") }) { s in
            .text(xml(s.sitemap, base: s.context.config.baseURL))
        }]
    }
}
