import Glibc
import Synchronization
import WartaCore

/// The Linux inotify seam: one watch per directory (inotify is not recursive), new directories
/// watched as they appear. Reads block in `poll` with a timeout, so stopping needs no signal.
final class Inotify: Sendable {
    private let fd: Int32
    private let directories = Mutex<[Int32: String]>([:])
    private let files: Set<String>
    private let overflowPath: String

    private static let mask: UInt32 = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE | IN_ATTRIB)

    init?(roots: [String], extraFiles: [String]) {
        fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { return nil }
        files = Set(extraFiles)
        overflowPath = roots.first ?? "/"
        for root in roots where PosixFile.kind(root) == .directory { addTree(root) }
        // Files such as site.yml are watched through their folder: editors replace them by rename.
        for folder in Set(extraFiles.map { $0.lastSlashPrefix }) { add(folder, onlyFiles: true) }
    }

    deinit { close(fd) }

    private func addTree(_ root: String) {
        add(root, onlyFiles: false)
        for dir in subdirectories(root) { add(dir, onlyFiles: false) }
    }

    private func subdirectories(_ root: String) -> [String] {
        var out: [String] = []
        for name in (try? PosixFile.list(root)) ?? [] where !name.hasPrefix(".") {
            let path = root + "/" + name
            if PosixFile.kind(path, followLinks: false) == .directory {
                out.append(path)
                out += subdirectories(path)
            }
        }
        return out
    }

    private func add(_ directory: String, onlyFiles: Bool) {
        let wd = inotify_add_watch(fd, directory, Self.mask)
        guard wd >= 0 else { return }
        directories.withLock { $0[wd] = onlyFiles ? "\u{0}" + directory : directory }
    }

    func run(stop: StopFlag, emit: @Sendable (String) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while !stop.isSet {
            guard poll(&pfd, 1, 200) > 0 else { continue }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { continue }
            var offset = 0
            while offset + 16 <= n {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + 16)..<min(n, offset + 16 + length)].prefix { $0 != 0 }
                offset += 16 + length
                // Events were lost: name the whole site, which no quick rebuild takes for an edit.
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    emit(overflowPath)
                    continue
                }
                guard let folder = directories.withLock({ $0[wd] }) else { continue }
                let name = String(decoding: nameBytes, as: UTF8.self)
                // An editor's temporary files are no change of the site; the saved file comes under its own name.
                if EditorFiles.isLeftover(name) || (mask & UInt32(IN_ISDIR) == 0 && EditorFiles.isWriteProbe(name)) { continue }
                if folder.hasPrefix("\u{0}") {
                    let path = String(folder.dropFirst()) + "/" + name
                    if files.contains(path) { emit(path) }
                    continue
                }
                let path = folder + "/" + name
                if mask & UInt32(IN_ISDIR) != 0 {
                    if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addTree(path) }
                }
                emit(path)
            }
        }
    }
}
