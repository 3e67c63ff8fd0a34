/// `sitemap.xml` (sitemaps.org 0.9): every public, listed page with its last change.
enum Sitemap {
    struct URL {
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

    /// Item pages (not expired, not previews) and every list page.
    static func urls(_ catalog: Catalog, listPaths: [String]) -> [URL] {
        var urls = catalog.entries.filter { $0.listed && $0.preview == nil }.map {
            URL(path: $0.path, lastModified: $0.item.updated ?? $0.item.date)
        }
        urls += listPaths.map { URL(path: $0, lastModified: nil) }
        return urls
    }
}
