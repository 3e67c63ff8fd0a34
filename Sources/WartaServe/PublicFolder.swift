import Glibc
import WartaCore

/// A site's `public/` folder is what gets published: a manual rsync sends it, a web server may
/// serve it. A preview (drafts, embargoed releases) must never be written there.
public enum PublicFolder {
    /// True when `output` is the site's `public/` or a folder inside it, however it is written:
    /// relative to the working directory, with `.` or `..`, or through a symlink.
    public static func contains(_ output: String, siteRoot: String) -> Bool {
        let target = resolved(output)
        let published = resolved(siteRoot + "/public")
        return target == published || target.hasPrefix(published == "/" ? "/" : published + "/")
    }

    /// True when `path` is `folder` or inside it, both read as `contains` reads them.
    public static func isInside(_ path: String, folder: String) -> Bool {
        let target = resolved(path), outer = resolved(folder)
        return target == outer || target.hasPrefix(outer == "/" ? "/" : outer + "/")
    }

    /// The absolute path with symlinks resolved as far as it exists; the rest (not created yet)
    /// is appended with `.` and `..` applied.
    static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : currentDirectory() + "/" + path
        var head = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var tail: [String] = []
        while true {
            if let real = PosixFile.realPath("/" + head.joined(separator: "/")) {
                var parts = real.split(separator: "/").map(String.init)
                for part in tail {
                    switch part {
                    case ".": continue
                    case "..": _ = parts.popLast()
                    default: parts.append(part)
                    }
                }
                return "/" + parts.joined(separator: "/")
            }
            guard let last = head.popLast() else { return absolute }
            tail.insert(last, at: 0)
        }
    }

    private static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }
}
