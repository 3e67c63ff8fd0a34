import Glibc

/// Walks a folder of the site the way a build may read it: symbolic links are followed only while
/// they resolve inside the site folder (or the theme's), so a link to a deploy key or to `/etc`
/// is reported at its own path and never read. Hidden files and editor leftovers are never content.
///
/// A walk of what is published (`content/`, the theme's `static/`) is stricter: a link there must
/// lead to a file the site would publish on its own, under `content/` or the theme's `static/`,
/// and is public only when that file is. Else `lampiran/env.txt -> ../../.env`, a link to a
/// draft's Markdown or to `site.yml` would publish what the walk otherwise never takes.
struct SiteTree {
    /// Real paths (links resolved) of the folders a build may read below.
    let boundaries: [String]
    /// Real paths of the folders whose files are published: `content/`, then the theme's `static/`.
    let published: [String]
    /// The site folder as the user named it: diagnostics are relative to it.
    let siteRoot: String

    struct Walk {
        /// Regular files below the folder, relative to it, in a stable order.
        var files: [String] = []
        var problems: [Diagnostic] = []
        /// Server scripts left out (relative), for the loader to warn about.
        var scripts: [String] = []
        /// A file reached through a link, by its path in the walk, to the file of `content/` it
        /// is (relative to `content/`); one in the theme's `static/` is always public and not listed.
        var linkTargets: [String: String] = [:]
    }

    /// A theme folder named apart from the site (`--theme`) may be read too; the default one,
    /// `site-templates/`, is part of the site and may not lead out of it.
    init(siteRoot: String, theme: String? = nil) {
        self.siteRoot = siteRoot
        let named = theme.flatMap { $0 == siteRoot + "/site-templates" ? nil : $0 }
        boundaries = ([siteRoot] + (named.map { [$0] } ?? [])).compactMap(PosixFile.realPath)
        published = [siteRoot + "/content", (theme ?? siteRoot + "/site-templates") + "/static"].map { PosixFile.realPath($0) ?? "\u{0}" }
    }

    func isInside(_ path: String) -> Bool {
        guard let real = PosixFile.realPath(path) else { return false }
        return boundaries.contains { real == $0 || real.hasPrefix($0 == "/" ? "/" : $0 + "/") }
    }

    /// The diagnostic for a path that resolves outside the allowed folders, or nil when it may be read.
    func escape(_ path: String) -> Diagnostic? {
        guard PosixFile.kind(path, followLinks: false) != nil, !isInside(path) else { return nil }
        let target = PosixFile.realPath(path).map { " (\($0))" } ?? ""
        return Diagnostic(display(path), """
        this is a link to something outside the site folder\(target); Warta never reads it. \
        Copy the file into the site folder instead.
        """)
    }

    /// Every regular file below `folder`, with a diagnostic for each link that leaves the allowed
    /// folders or leads nowhere; with `publishing`, also for each that leads to no published file.
    func files(in folder: String, publishing: Bool = false) -> Walk {
        var walk = Walk()
        if let problem = escape(folder) { return Walk(problems: [problem]) }
        var visited = Set<String>()
        func visit(_ relative: String, linked: Bool) {
            let full = relative.isEmpty ? folder : folder + "/" + relative
            if let real = PosixFile.realPath(full), !visited.insert(real).inserted { return }  // a link loop
            let entries: [(name: String, type: UInt8)]
            do {
                entries = try PosixFile.entries(full)
            } catch {
                walk.problems.append(Diagnostic(display(full), "cannot read this folder: \(error)"))
                return
            }
            if !relative.isEmpty, entries.contains(where: { $0.name == OutputWriter.previewMarker }) {
                walk.problems.append(Diagnostic(display(full), severity: .warning, """
                    this folder is a preview build (drafts or embargoed items included); Warta never reads or \
                    publishes it: delete it, and build previews outside the site folder
                    """))
                return
            }
            for (name, type) in entries {
                if EditorFiles.isLeftover(name) { continue }
                let rel = relative.isEmpty ? name : relative + "/" + name
                let path = folder + "/" + rel
                var kind: PosixFile.Kind?
                var isLink = false
                switch type {
                case UInt8(DT_DIR): kind = .directory
                case UInt8(DT_REG): kind = .file
                default:
                    // A link, or a file system that does not say: look without following first.
                    if PosixFile.kind(path, followLinks: false) == .other || type == UInt8(DT_LNK) {
                        isLink = true
                        if let problem = escape(path) {
                            walk.problems.append(problem)
                            continue
                        }
                        if PosixFile.kind(path) == nil {
                            walk.problems.append(Diagnostic(display(path), "this link leads to nothing; remove it or point it at a file"))
                            continue
                        }
                    }
                    kind = PosixFile.kind(path)
                }
                switch kind {
                case .directory:
                    if publishing && isLink, publishedPlace(path) == nil {
                        walk.problems.append(unpublished(path, folder: true))
                        continue
                    }
                    visit(rel, linked: linked || isLink)
                case .file where EditorFiles.isWriteProbe(name):
                    continue  // vim's `4913`; a folder of digits is a year
                case .file where EditorFiles.isServerScript(name):
                    walk.scripts.append(rel)
                case .file:
                    if publishing && (linked || isLink) {
                        guard let (root, target) = publishedPlace(path), Self.publishable(target) else {
                            walk.problems.append(unpublished(path, folder: false))
                            continue
                        }
                        if root == 0 { walk.linkTargets[rel] = target }
                    }
                    walk.files.append(rel)
                default: continue
                }
            }
        }
        visit("", linked: false)
        return walk
    }

    /// Which published folder `path` really is in (0: `content/`, 1: the theme's `static/`), and
    /// its path there.
    private func publishedPlace(_ path: String) -> (Int, String)? {
        guard let real = PosixFile.realPath(path) else { return nil }
        for (i, root) in published.enumerated() where real.hasPrefix(root + "/") {
            return (i, String(real.dropFirst(root.count + 1)))
        }
        return nil
    }

    /// A file the walk would publish where it lies: no hidden or left-over part, no Markdown (an
    /// item's text is published only as its page, and only when the item is public), no script.
    static func publishable(_ relative: String) -> Bool {
        let parts = relative.split(separator: "/").map(String.init)
        guard let name = parts.last, parts.allSatisfy({ !EditorFiles.isLeftover($0) }) else { return false }
        return !name.hasSuffix(".md") && SiteLoader.markdownLookalike(name) == nil
            && !EditorFiles.isServerScript(name) && !EditorFiles.isWriteProbe(name)
    }

    private func unpublished(_ path: String, folder: Bool) -> Diagnostic {
        let target = PosixFile.realPath(path).map { " (\(display($0)))" } ?? ""
        return Diagnostic(display(path), """
        this is a link to \(folder ? "a folder" : "a file")\(target) that the site does not publish on its own \
        (only files under content/ and the theme's static/ are, never Markdown, hidden or left-over files); \
        Warta does not follow it. Copy the file here if it is meant to be public.
        """)
    }

    func display(_ path: String) -> String {
        let prefix = siteRoot.hasSuffix("/") ? siteRoot : siteRoot + "/"
        if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        // A resolved path: the site folder's own real path.
        if let real = PosixFile.realPath(siteRoot), path.hasPrefix(real + "/") { return String(path.dropFirst(real.count + 1)) }
        return path
    }
}
