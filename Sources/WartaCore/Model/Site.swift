/// A loaded site: configuration plus every content item, in a stable order (by source path).
public struct Site: Sendable {
    public var root: String
    public var config: SiteConfig
    public var items: [Item]
    /// Emergency notices (`content/alerts/`), by source path; `Visibility` decides which show.
    public var alerts: [Alert] = []
    /// What was published of the notices as CAP messages (`content/alerts/<slug>.cap.yml`).
    public var capRecords: [CAPRecord] = []
    /// Non-Markdown files under `content/` and the theme's `static/`, published as they are.
    public var assets: [Asset]
    /// Each content file's stamp (size, inode, date) by path, when loaded for an incremental build.
    public var stamps: [String: Int] = [:]
    /// `base_url` as `site.yml` has it: links in bodies are written against it, even when a preview
    /// or a publish target serves the site from another address.
    public var written = WrittenAddress()
    /// Each translation's source path mapped to its original's (see `Translations`).
    public var translations: [String: String] = [:]
}

/// The site's address as writers link to it: `/warta/x/`, or in full, `https://host/warta/x/` and
/// `//host/warta/x/`. A link written in full to this host is a link into the site like any other:
/// checked, and bringing the files it names with its item.
public struct WrittenAddress: Sendable, Hashable {
    /// `wiramayakota.go.id` (lowercased, with its port when `base_url` has one); empty: none known.
    public var host = ""
    /// `/` or `/warta/`.
    public var path = "/"

    public init(host: String = "", path: String = "/") {
        self.host = host.lowercased()
        self.path = path
    }

    public init(_ base: BaseURL) {
        // `origin` is `scheme://host`.
        let host = base.origin.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: true).last ?? ""
        self.init(host: String(host), path: base.path)
    }

    /// `/x/y` for `https://host/x/y`, `http://host/x/y` or `//host/x/y` (`/` for the host alone)
    /// under the site's path; nil for any other address. Only the part before `?` or `#` is given.
    func ownPath(_ link: Substring.UTF8View) -> String? {
        guard !host.isEmpty, let first = link.first, first == UInt8(ascii: "h") || first == UInt8(ascii: "H") || first == UInt8(ascii: "/") else {
            return nil
        }
        let text = String(decoding: link, as: UTF8.self)
        for scheme in ["https://", "http://", "//"] where text.count > scheme.count && text.prefix(scheme.count).lowercased() == scheme {
            let rest = text.dropFirst(scheme.count)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            guard rest[..<end].lowercased() == host else { return nil }
            let path = rest[end...].isEmpty ? "/" : String(rest[end...])
            // On a site under a sub-path, the rest of the host is another site (the city's portal).
            return path.hasPrefix(self.path) || path + "/" == self.path ? path : nil
        }
        return nil
    }
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
