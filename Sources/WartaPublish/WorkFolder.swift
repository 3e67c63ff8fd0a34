import Foundation
import Glibc
import WartaCore

/// The temporary folders a publish works in: `$TMPDIR/warta-publish-<pid>-<n>` (the clean build)
/// and `warta-marker-<pid>-<n>` (`--init`). A run killed with SIGKILL cannot remove its own, so
/// each publish first removes those whose process is gone.
enum WorkFolder {
    static let kinds = ["publish", "marker"]

    /// A new folder's path (not created) for `kind`, named after this process.
    static func path(_ kind: String) -> String {
        NSTemporaryDirectory() + "warta-\(kind)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Removes the folders of runs that have ended (their pid no longer runs); returns their paths.
    /// A folder of another user, or of a live process, is left alone.
    static func removeLeftovers() -> [String] {
        let folder = NSTemporaryDirectory()
        var removed: [String] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            guard let kind = kinds.first(where: { name.hasPrefix("warta-\($0)-") }) else { continue }
            let fields = name.dropFirst("warta-\(kind)-".count).split(separator: "-")
            guard fields.count == 2, let pid = pid_t(fields[0]), UInt32(fields[1]) != nil, pid > 0, pid != getpid() else { continue }
            guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
            let path = (folder.hasSuffix("/") ? folder : folder + "/") + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == getuid() else { continue }
            PosixFile.removeTree(path)
            if PosixFile.kind(path) == nil { removed.append(path) }
        }
        return removed
    }
}
