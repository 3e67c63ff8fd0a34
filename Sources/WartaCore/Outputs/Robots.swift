/// `robots.txt`: everything may be crawled; the sitemap is named.
enum Robots {
    static func text(sitemap: String) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(sitemap)\n"
    }

    static func outputs(_ c: PageContext) -> [Output] {
        [.generated(c.routes.robots, "robots.txt", inputs: { _ in nil }) { s in
            .text(text(sitemap: s.context.absolute(s.context.routes.sitemap)))
        }]
    }
}
