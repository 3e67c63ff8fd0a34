/// A loaded site: configuration plus every content item, in a stable order (by source path).
public struct Site: Sendable {
    public var root: String
    public var config: SiteConfig
    public var items: [Item]
    /// Emergency notices (`content/alerts/`), by source path; `Visibility` decides which show.
    public var alerts: [Alert] = []
    /// Non-Markdown files under `content/` and the theme's `static/`, published as they are.
    public var assets: [Asset]
    /// Each content file's stamp (size, inode, date) by path, when loaded for an incremental build.
    public var stamps: [String: Int] = [:]
    /// The path of `base_url` as `site.yml` has it: links in bodies are written against it, even
    /// when a preview or a publish target serves the site from another address.
    public var writtenBasePath = "/"
    /// Each translation's source path mapped to its original's (see `Translations`).
    public var translations: [String: String] = [:]
}

public struct Asset: Sendable, Hashable {
    /// Absolute path on disk.
    public let source: String
    /// Output path relative to the site root (`lampiran/jadwal.pdf`).
    public let sitePath: String
    /// A file beside the Markdown in `press/`, `events/`, `pages/` or `alerts/`: published only when a public
    /// item names it (a stray file there is more likely a draft's than the public's).
    public var onlyWhenReferenced = false
    /// From the theme's `static/` folder: always published.
    public var fromTheme = false
    /// Reached through a link to this file of `content/` (its site path): public only when that
    /// file is, so a link cannot publish what its target's items hold back.
    public var linkTarget: String?

    public init(source: String, sitePath: String, onlyWhenReferenced: Bool = false, fromTheme: Bool = false) {
        self.source = source
        self.sitePath = sitePath
        self.onlyWhenReferenced = onlyWhenReferenced
        self.fromTheme = fromTheme
    }
}
