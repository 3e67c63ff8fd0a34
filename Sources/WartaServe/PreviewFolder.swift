import Foundation
import Glibc
import WartaCore

/// The private folder a preview is built in, `<temp>/warta-preview-<pid>-<random>`: readable by
/// the user alone (drafts and embargoed releases sit in it), and named after the process that
/// owns it, so a later `serve` can tell a crashed server's leftovers from a running one's.
enum PreviewFolder {
    static let prefix = "warta-preview-"

    /// The system temporary folder ($TMPDIR, else /tmp), without a trailing slash.
    static var temporaryDirectory: String {
        var path = getenv("TMPDIR").map { String(cString: $0) } ?? ""
        if path.isEmpty { path = "/tmp" }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// A new folder path for this process; `create` makes it.
    static func newPath(in temporary: String = temporaryDirectory) -> String {
        temporary + "/" + prefix + "\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    /// Makes the folder with mode 0700, failing when anything (a folder, a planted symlink)
    /// already has its name.
    static func create(_ path: String) throws(BuildFailure) {
        // mkdir's mode passes through the umask, which can only take bits away; chmod sets it outright.
        guard mkdir(path, 0o700) == 0, chmod(path, 0o700) == 0 else {
            throw BuildFailure([Diagnostic(path, "cannot create the preview folder: \(String(cString: strerror(errno)))")])
        }
    }

    /// Removes the preview folders that `serve` processes left when they were killed or crashed:
    /// only folders (never symlinks) owned by this user whose process no longer exists. A folder
    /// of any live process, this one included, is left alone. Returns the removed paths.
    @discardableResult
    static func removeStale(in temporary: String = temporaryDirectory) -> [String] {
        guard let names = try? PosixFile.list(temporary) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = owner(name), pid != getpid() else { continue }
            let path = temporary + "/" + name
            // The link itself, never what it points to (attributesOfItem does not follow it).
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeDirectory,
                  (attributes[.ownerAccountID] as? NSNumber)?.uint32Value == getuid() else { continue }
            // ESRCH: no such process. EPERM means it exists (as another user): keep its folder.
            guard kill(pid, 0) == -1, errno == ESRCH else { continue }
            PosixFile.removeTree(path)
            removed.append(path)
        }
        return removed
    }

    /// The process id in `warta-preview-<pid>-<random>`; nil for any other name. Never 0 or
    /// negative: kill(0, …) and kill(-1, …) would ask about whole process groups.
    static func owner(_ name: String) -> pid_t? {
        let rest = name.dropFirst(prefix.count)
        guard let dash = rest.firstIndex(of: "-"), rest.index(after: dash) != rest.endIndex else { return nil }
        let digits = rest[..<dash]
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let pid = pid_t(digits), pid > 0 else { return nil }
        return pid
    }
}
