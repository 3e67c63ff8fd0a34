#if canImport(Glibc)
import Glibc
#endif

/// Walks a folder of the site the way a build may read it: symbolic links are followed only while
/// they resolve inside the site folder (or the theme's), so a link to a deploy key or to `/etc`
/// is reported at its own path and never read. Hidden files and editor leftovers are never content.
struct SiteTree {
    /// Real paths (links resolved) of the folders a build may read below.
    let boundaries: [String]
    /// The site folder as the user named it: diagnostics are relative to it.
    let siteRoot: String

    /// A theme folder named apart from the site (`--theme`) may be read too; the default one,
    /// `site-templates/`, is part of the site and may not lead out of it.
    init(siteRoot: String, theme: String? = nil) {
        self.siteRoot = siteRoot
        let named = theme.flatMap { $0 == siteRoot + "/site-templates" ? nil : $0 }
        boundaries = ([siteRoot] + (named.map { [$0] } ?? [])).compactMap(PosixFile.realPath)
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

    /// Every regular file below `folder`, relative to it, sorted, with a diagnostic for each link
    /// that leaves the allowed folders or leads nowhere. Server scripts are left out and listed
    /// apart (`scripts`, relative too), for the loader to warn about.
    func files(in folder: String) -> (files: [String], problems: [Diagnostic], scripts: [String]) {
        var out: [String] = []
        var problems: [Diagnostic] = []
        var scripts: [String] = []
        if let problem = escape(folder) { return ([], [problem], []) }
        var visited = Set<String>()
        func visit(_ relative: String) {
            let full = relative.isEmpty ? folder : folder + "/" + relative
            if let real = PosixFile.realPath(full), !visited.insert(real).inserted { return }  // a link loop
            let entries: [(name: String, type: UInt8)]
            do {
                entries = try PosixFile.entries(full)
            } catch {
                problems.append(Diagnostic(display(full), "cannot read this folder: \(error)"))
                return
            }
            for (name, type) in entries {
                if EditorFiles.isLeftover(name) { continue }
                let rel = relative.isEmpty ? name : relative + "/" + name
                let path = folder + "/" + rel
                var kind: PosixFile.Kind?
                switch type {
                case UInt8(DT_DIR): kind = .directory
                case UInt8(DT_REG): kind = .file
                default:
                    // A link, or a file system that does not say: look without following first.
                    if PosixFile.kind(path, followLinks: false) == .other || type == UInt8(DT_LNK) {
                        if let problem = escape(path) {
                            problems.append(problem)
                            continue
                        }
                        if PosixFile.kind(path) == nil {
                            problems.append(Diagnostic(display(path), "this link leads to nothing; remove it or point it at a file"))
                            continue
                        }
                    }
                    kind = PosixFile.kind(path)
                }
                switch kind {
                case .directory: visit(rel)
                case .file where EditorFiles.isWriteProbe(name):
                    continue  // vim's `4913`; a folder of digits is a year
                case .file where EditorFiles.isServerScript(name):
                    scripts.append(rel)
                case .file: out.append(rel)
                default: continue
                }
            }
        }
        visit("")
        return (out, problems, scripts)
    }

    func display(_ path: String) -> String {
        let prefix = siteRoot.hasSuffix("/") ? siteRoot : siteRoot + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
