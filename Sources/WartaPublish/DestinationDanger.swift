import Foundation
import WartaCore

extension Destination {
    /// A reason never to publish here, or nil. A publish deletes what it did not make, so a typo
    /// must not be able to point it at a system folder, someone's home or the site itself. The
    /// check works on the path rsync will really use (`host:/./` is the root, `host://usr` is
    /// `/usr`, `host:..` is above the home folder), never on its spelling.
    public func danger(home: String? = ProcessInfo.processInfo.environment["HOME"], siteRoot: String? = nil,
                       workingDirectory: String = FileManager.default.currentDirectoryPath) -> String? {
        if raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "the destination is empty" }
        if raw.hasPrefix("-") { return "the destination starts with '-', which rsync or ssh would read as an option" }
        if kind != .local {
            guard let host, !host.isEmpty else { return "the destination names no host" }
            if host.hasPrefix("-") || user?.hasPrefix("-") == true {
                return "the host or login starts with '-', which ssh would read as an option"
            }
        }
        switch kind {
        case .daemon:
            // rsync://host/module/...: the module is the folder the server owner set aside.
            let (parts, climbs) = FolderPath.lexical(path)
            return climbs || parts.isEmpty ? "name an rsync module, e.g. rsync://host/warta/" : nil
        case .ssh:
            return remoteDanger()
        case .local:
            return localDanger(home: home, siteRoot: siteRoot, workingDirectory: workingDirectory)
        }
    }

    private func remoteDanger() -> String? {
        var relative = path
        if path.hasPrefix("~") {
            // The remote shell expands a leading `~` or `~name`: what follows is inside a home folder.
            relative = String(path.drop { $0 != "/" })
            relative = String(relative.drop { $0 == "/" })
        }
        if !path.hasPrefix("~"), path.hasPrefix("/") {
            let (parts, _) = FolderPath.lexical(path)
            let folder = "/" + parts.joined(separator: "/")
            if parts.isEmpty { return "the destination is the remote root folder" }
            if parts.count == 2 && parts[0] == "home" { return "the destination is the remote home folder \(folder)" }
            if Self.systemFolders.contains(folder) { return "the destination is the system folder \(folder)" }
            return nil
        }
        let (parts, climbs) = FolderPath.lexical(relative)
        if climbs { return "the destination climbs above the remote home folder" }
        if parts.isEmpty { return "the destination is the remote home folder" }
        return nil
    }

    private func localDanger(home: String?, siteRoot: String?, workingDirectory: String) -> String? {
        // rsync does not expand `~` (only a shell does): it would make a folder named `~` here.
        if path.hasPrefix("~") {
            return "rsync does not expand '~' in a destination (it would create a folder named '~'); write the full path"
        }
        func resolved(_ path: String) -> String {
            FolderPath.resolved(path.hasPrefix("/") ? path : workingDirectory + "/" + path)
        }
        let folder = resolved(path)
        if folder == "/" { return "the destination is the root folder" }
        if folder == resolved(workingDirectory) { return "the destination is the current folder" }
        if let home, Self.isSameOrInside(resolved(home), folder) { return "the destination is your home folder or holds it" }
        if let siteRoot, Self.isSameOrInside(resolved(siteRoot), folder) {
            return "the destination is the site folder or holds it (a publish would delete the site's sources)"
        }
        // Inside the site's inputs, a publish would delete sources, and the next build would read the
        // published pages (and any preview's drafts) as content or templates of the site.
        for input in Self.siteInputs {
            if let siteRoot, Self.isSameOrInside(folder, resolved(siteRoot + "/" + input)) {
                return "the destination is inside the site's \(input)/ folder (a publish would delete the site's sources there)"
            }
        }
        if Self.systemFolders.contains(folder) { return "the destination is the system folder \(folder)" }
        return nil
    }

    /// True when `inner` is `outer` or lies inside it.
    private static func isSameOrInside(_ inner: String, _ outer: String) -> Bool {
        inner == outer || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }

    /// The site's own folders, never a destination or inside one.
    static let siteInputs = ["content", "site-templates", ".warta"]

    static let systemFolders: Set<String> = [
        "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/opt", "/proc", "/root", "/run", "/sbin", "/srv",
        "/sys", "/tmp", "/usr", "/var", "/var/www",
    ]
}

/// Folder paths reduced to what they name.
enum FolderPath {
    /// The components without empty ones, `.` and `..` (a `..` takes away the one before it).
    /// `climbs` is true when a `..` goes above the start (for an absolute path: harmless, `/..` is `/`).
    static func lexical(_ path: String) -> (parts: [String], climbs: Bool) {
        var parts: [String] = []
        var climbs = false
        for part in path.split(separator: "/") where part != "." {
            if part == ".." {
                if parts.isEmpty { climbs = true } else { parts.removeLast() }
            } else {
                parts.append(String(part))
            }
        }
        return (parts, climbs)
    }

    /// An absolute path with every symlink of its existing part resolved, and `.`/`..` of the part
    /// that does not exist yet (rsync creates it) taken away.
    static func resolved(_ absolute: String) -> String {
        if let real = PosixFile.realPath(absolute) { return real }
        let parts = lexical(absolute).parts
        for existing in stride(from: parts.count, through: 0, by: -1) {
            guard let real = PosixFile.realPath("/" + parts[..<existing].joined(separator: "/")) else { continue }
            let rest = parts[existing...].joined(separator: "/")
            return rest.isEmpty ? real : (real == "/" ? "" : real) + "/" + rest
        }
        return "/" + parts.joined(separator: "/")
    }
}
