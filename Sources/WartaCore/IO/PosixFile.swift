import Glibc

/// Plain POSIX file calls: the build reads and writes thousands of small files, and these avoid
/// Foundation's per-call overhead. Errors carry errno's text.
public enum PosixFile {
    public struct IOError: Error, CustomStringConvertible {
        public let path: String
        public let operation: String
        public let code: Int32
        public var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
    }

    public static func read(_ path: String) throws(IOError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IOError(path: path, operation: "open", code: errno) }
        defer { close(fd) }
        var st = stat()
        var capacity = 64 * 1024
        if fstat(fd, &st) == 0, st.st_size > 0 { capacity = Int(st.st_size) + 1 }
        var bytes = [UInt8](repeating: 0, count: capacity)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: bytes.count)) }
            let n = bytes.withUnsafeMutableBytes { buf in
                Glibc.read(fd, buf.baseAddress! + count, buf.count - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw IOError(path: path, operation: "read", code: errno)
            }
            if n == 0 { break }
            count += n
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Writes `bytes` to a new file (fails if one exists, so a staging folder is never written twice).
    public static func create(_ path: String, _ bytes: UnsafeRawBufferPointer) throws(IOError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IOError(path: path, operation: "create", code: errno) }
        defer { close(fd) }
        let failure: Int32? = { (buf: UnsafeRawBufferPointer) -> Int32? in
            var done = 0
            while done < buf.count {
                let n = write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
            return nil
        }(bytes)
        if let failure { throw IOError(path: path, operation: "write", code: failure) }
    }

    /// Writes a whole file atomically: a temporary file beside it, renamed over it.
    public static func replace(_ path: String, _ bytes: [UInt8]) throws(IOError) {
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        try bytes.withUnsafeBytes { buf in
            Result { () throws(IOError) in try create(temporary, buf) }
        }.get()
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw IOError(path: path, operation: "replace", code: code)
        }
    }

    /// Writes a whole new file, all or nothing, and never over an existing one: the bytes go to a
    /// hidden temporary file beside it, which is then hard-linked to the name (link(2) fails with
    /// EEXIST instead of replacing).
    public static func createNew(_ path: String, _ bytes: [UInt8]) throws(IOError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = folder + ".\(name).tmp-\(getpid())"
        unlink(temporary)
        defer { unlink(temporary) }
        try bytes.withUnsafeBytes { buf in
            Result { () throws(IOError) in try create(temporary, buf) }
        }.get()
        guard link(temporary, path) == 0 else { throw IOError(path: path, operation: "create", code: errno) }
    }

    public enum Kind: Sendable { case file, directory, other }

    public static func kind(_ path: String, followLinks: Bool = true) -> Kind? {
        var st = stat()
        let rc = followLinks ? stat(path, &st) : lstat(path, &st)
        guard rc == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// What `stat` says of a file, for change detection and HTTP validators.
    ///
    /// The change time is kept beside the modification time: `touch -r`, some editors and sync
    /// tools put an older modification time back on an edited file of the same size, but no
    /// program can set the change time (any write or rename sets it to now).
    public struct Info: Sendable, Equatable {
        public let kind: Kind
        public let size: Int
        public let inode: UInt64
        public let modifiedSeconds: Int
        public let modifiedNanoseconds: Int
        public let changedSeconds: Int
        public let changedNanoseconds: Int

        /// One number for change detection, the same in every process.
        public var stampHash: Int {
            var h = StableHash()
            h.combine(size)
            h.combine(Int(truncatingIfNeeded: inode))
            h.combine(modifiedSeconds)
            h.combine(modifiedNanoseconds)
            h.combine(changedSeconds)
            h.combine(changedNanoseconds)
            return h.finalize
        }
    }

    public static func info(_ path: String) -> Info? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let kind: Kind = switch st.st_mode & S_IFMT {
        case S_IFREG: .file
        case S_IFDIR: .directory
        default: .other
        }
        return Info(kind: kind, size: Int(st.st_size), inode: UInt64(st.st_ino),
                    modifiedSeconds: Int(st.st_mtim.tv_sec), modifiedNanoseconds: Int(st.st_mtim.tv_nsec),
                    changedSeconds: Int(st.st_ctim.tv_sec), changedNanoseconds: Int(st.st_ctim.tv_nsec))
    }

    /// The path with every symlink resolved, or nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    public static func size(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int(st.st_size)
    }

    /// Names in a directory, sorted bytewise, without `.` and `..`.
    public static func list(_ path: String) throws(IOError) -> [String] {
        try entries(path).map(\.name)
    }

    /// Names and `d_type`s in a directory, sorted bytewise by name.
    static func entries(_ path: String) throws(IOError) -> [(name: String, type: UInt8)] {
        guard let dir = opendir(path) else { throw IOError(path: path, operation: "open directory", code: errno) }
        defer { closedir(dir) }
        var found: [(name: String, type: UInt8)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { found.append((name, entry.pointee.d_type)) }
        }
        return found.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// Every regular file below `root`, as paths relative to it, in a stable order. Hidden files
    /// and editor leftovers (`.swp`, `~`) are skipped: they are never content.
    public static func walk(_ root: String) throws(IOError) -> [String] {
        var out: [String] = []
        func visit(_ relative: String) throws(IOError) {
            let full = relative.isEmpty ? root : root + "/" + relative
            for (name, type) in try entries(full) {
                if name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("#") { continue }
                let rel = relative.isEmpty ? name : relative + "/" + name
                // The directory entry says what it is; stat only when the file system does not (or for links).
                let k: Kind? = switch type {
                case UInt8(DT_DIR): .directory
                case UInt8(DT_REG): .file
                default: kind(root + "/" + rel)
                }
                switch k {
                case .directory: try visit(rel)
                case .file: out.append(rel)
                default: continue
                }
            }
        }
        try visit("")
        return out
    }

    /// `mkdir -p`. The folder is made first and its parent only when missing: a site's page folders
    /// are made one by one under parents already there, so one system call is the common case.
    public static func makeDirectories(_ path: String) throws(IOError) {
        if mkdir(path, 0o755) == 0 { return }
        switch errno {
        case EEXIST:
            guard kind(path) == .directory else { throw IOError(path: path, operation: "create directory", code: ENOTDIR) }
        case ENOENT:
            let parent = path.lastSlashPrefix
            guard !parent.isEmpty, parent != path else { throw IOError(path: path, operation: "create directory", code: ENOENT) }
            try makeDirectories(parent)
            if mkdir(path, 0o755) != 0 && errno != EEXIST { throw IOError(path: path, operation: "create directory", code: errno) }
        default:
            throw IOError(path: path, operation: "create directory", code: errno)
        }
    }

    /// Removes a file or a whole tree (never following symlinks out of it).
    public static func removeTree(_ path: String) {
        if kind(path, followLinks: false) == .directory {
            removeContents(path)
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// The directory entries say which are folders: no `lstat` for each of the tens of thousands
    /// of files of a swapped-out build.
    private static func removeContents(_ folder: String) {
        guard let found = try? entries(folder) else { return }
        for (name, type) in found {
            let path = folder + "/" + name
            let isFolder = type == UInt8(DT_UNKNOWN) ? kind(path, followLinks: false) == .directory : type == UInt8(DT_DIR)
            if isFolder {
                removeContents(path)
                rmdir(path)
            } else {
                unlink(path)
            }
        }
    }
}

extension String {
    /// Everything before the last `/` (empty when there is none).
    public var lastSlashPrefix: String {
        guard let i = lastIndex(of: "/") else { return "" }
        return String(self[..<i])
    }
}
