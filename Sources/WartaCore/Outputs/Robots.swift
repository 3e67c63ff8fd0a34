/// `robots.txt`: everything may be crawled; the sitemap is named so crawlers find it.
enum Robots {
    static func text(sitemap: String) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(sitemap)\n"
    }
}
