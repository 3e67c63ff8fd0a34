/// A loaded site: configuration plus every content item, in a stable order (by source path).
public struct Site: Sendable {
    public var root: String
    public var config: SiteConfig
    public var items: [Item]
    /// Non-Markdown files under `content/` and the theme's `static/`, published as they are.
    public var assets: [Asset]
}

public struct Asset: Sendable, Hashable {
    /// Absolute path on disk.
    public let source: String
    /// Output path relative to the site root (`lampiran/jadwal.pdf`).
    public let sitePath: String
}
