/// `sitemap.xml` (sitemaps.org 0.9): every public, listed page with its last change.
enum Sitemap {
    struct URL: Sendable {
        let path: String
        let lastModified: ZonedInstant?
    }

    static func xml(_ urls: [URL], base: BaseURL) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for url in urls.sorted(by: { $0.path < $1.path }) {
            out += "  <url><loc>\(HTMLEscape.escape(base.absolute(url.path)))</loc>"
            if let lastModified = url.lastModified { out += "<lastmod>\(lastModified.iso8601)</lastmod>" }
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
        }
        let listing = h.finalize
        return [.generated(c.routes.sitemap, "the sitemap", inputs: { $0.combine([listing], "sitemap") }) { s in
            .text(xml(s.sitemap, base: s.context.config.baseURL))
        }]
    }
}
