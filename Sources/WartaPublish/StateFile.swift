import Foundation
import Glibc

/// A file of the site's `.warta/` folder that a publish writes (its lock, its log), opened without
/// following a symbolic link, neither at `.warta` nor at the file: whoever can write in the site
/// folder must not be able to turn a publish's lock or log line into a write somewhere else.
enum StateFile {
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// Opens `siteRoot/.warta/name` with `flags` (O_NOFOLLOW and O_CLOEXEC are added), creating
    /// `.warta` when it is missing (and `create`). Returns the descriptor, which the caller closes.
    static func open(siteRoot: String, name: String, flags: Int32, create: Bool = true) throws(Refusal) -> Int32 {
        let folder = siteRoot + "/.warta"
        if create && mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw Refusal(description: "cannot create \(folder): \(String(cString: strerror(errno)))")
        }
        let directory = Glibc.open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard directory >= 0 else { throw refusal(folder, errno) }
        defer { close(directory) }
        let fd = openat(directory, name, flags | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw refusal(folder + "/" + name, errno) }
        return fd
    }

    /// The whole file, or nil when it is missing or cannot be opened as a plain file.
    static func read(siteRoot: String, name: String) -> Data? {
        guard let fd = try? open(siteRoot: siteRoot, name: name, flags: O_RDONLY, create: false) else { return nil }
        return try? FileHandle(fileDescriptor: fd, closeOnDealloc: true).readToEnd() ?? Data()
    }

    private static func refusal(_ path: String, _ error: Int32) -> Refusal {
        var info = stat()
        if lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
            return Refusal(description: """
            \(path) is a symbolic link: Warta does not follow it (a publish would write wherever it points). \
            Remove it; Warta makes a plain one in its place.
            """)
        }
        return Refusal(description: "cannot open \(path): \(String(cString: strerror(error)))")
    }
}
