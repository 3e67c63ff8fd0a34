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
    static func outputs(_ c: PageContext) -> [Output] {
        [.generated(c.routes.sitemap, "the sitemap", inputs: { _ in nil }) { s in .text(xml(s.sitemap, base: s.context.config.baseURL)) }]
    }
}
