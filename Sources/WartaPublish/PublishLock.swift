import Crypto
import Foundation
import Glibc
import Synchronization
import WartaCore

/// One publish at a time per destination. A second run (the five-minute timer while a slow upload
/// still runs) must never start a second rsync into the same folder. The lock is an exclusive
/// flock(2) on a file under the site's `.warta/`, named after the destination; the kernel drops it
/// when the process ends, however it ends, so a crash never leaves a stale lock behind.
final class PublishLock: Sendable {
    /// Who holds a lock, as the holder wrote it into the lock file.
    struct Holder: Sendable, CustomStringConvertible {
        var pid: Int32?
        var started: String?
        var description: String {
            guard let pid else { return "a run whose pid is not recorded" }
            return "pid \(pid)" + (started.map { ", started \($0)" } ?? "")
        }
    }

    private let descriptor: Mutex<Int32?>

    /// `descriptor` is open and locked.
    private init(descriptor: Int32) { self.descriptor = Mutex(descriptor) }

    deinit { release() }

    /// Clears the holder's record (so no later contender reads a finished run's pid), then unlocks.
    func release() {
        descriptor.withLock { fd in
            if let held = fd {
                ftruncate(held, 0)
                close(held)
            }
            fd = nil
        }
    }

    /// `.warta/publish-<destination>-<hash>.lock`: readable, and the hash keeps two destinations
    /// that read alike apart. Spellings of one place (`./x` and `/abs/x`, `host:/a/./b/`) share it.
    static func path(siteRoot: String, destination: Destination) -> String {
        let key: String
        switch destination.kind {
        case .local:
            key = FolderPath.resolved(destination.path.hasPrefix("/") ? destination.path
                                      : FileManager.default.currentDirectoryPath + "/" + destination.path)
        case .ssh, .daemon:
            let (parts, _) = FolderPath.lexical(destination.path)
            let lead = destination.kind == .ssh && destination.path.hasPrefix("/") ? "/" : ""
            key = "\(destination.kind == .daemon ? "rsync://" : "")\((destination.host ?? "").lowercased()):\(lead)\(parts.joined(separator: "/"))"
        }
        var slug = ""
        for scalar in key.unicodeScalars {
            let plain = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "." || scalar == "_")
            if plain { slug.unicodeScalars.append(scalar) } else if !slug.hasSuffix("-") { slug += "-" }
        }
        slug = String(slug.trimmingCharacters(in: CharacterSet(charactersIn: "-.")).prefix(60))
        let hash = SHA256.hash(data: Data(key.utf8)).prefix(4).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        return siteRoot + "/.warta/publish-\(slug)-\(hash).lock"
    }

    /// Takes the lock for `destination`. Held by another run: throws a failure naming it, or with
    /// `wait`, says so once through `waiting` and blocks until it is free.
    static func acquire(siteRoot: String, destination: Destination, started: ZonedInstant, wait: Bool,
                        waiting: @escaping @Sendable (Holder) -> Void) async throws(Publisher.Failure) -> PublishLock {
        let path = path(siteRoot: siteRoot, destination: destination)
        let name = (path as NSString).lastPathComponent
        // Close-on-exec (StateFile adds it): rsync and ssh must not inherit the lock and hold it past this run.
        let fd: Int32
        do {
            fd = try StateFile.open(siteRoot: siteRoot, name: name, flags: O_RDWR | O_CREAT)
        } catch {
            throw Publisher.Failure("cannot take the publish lock: \(error)")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let error = errno
            guard error == EWOULDBLOCK else {
                close(fd)
                throw Publisher.Failure("cannot lock \(path): \(String(cString: strerror(error)))")
            }
            let holder = Self.holder(siteRoot: siteRoot, name: name)
            guard wait else {
                close(fd)
                throw Publisher.Failure("""
                another publish to \(destination) is running (\(holder)); this one did nothing. \
                Run it again when that one has finished, or add --wait to wait for it.
                """)
            }
            waiting(holder)
            let status = await PosixFile.waitForExclusiveLock(fd)
            if status != 0 {
                close(fd)
                throw Publisher.Failure("cannot lock \(path): \(String(cString: strerror(status)))")
            }
        }
        let lock = PublishLock(descriptor: fd)
        // Say who holds it, for the message another run prints.
        let record = Array("\(getpid())\t\(started.iso8601)\n".utf8)
        guard ftruncate(fd, 0) == 0, record.withUnsafeBytes({ pwrite(fd, $0.baseAddress, $0.count, 0) }) == record.count else {
            throw Publisher.Failure("cannot write the publish lock \(path): \(String(cString: strerror(errno)))")
        }
        return lock
    }

    /// What the holder wrote. It writes right after locking, so an empty file is read again briefly.
    private static func holder(siteRoot: String, name: String) -> Holder {
        for _ in 0..<20 {
            if let data = StateFile.read(siteRoot: siteRoot, name: name), case let text = String(decoding: data, as: UTF8.self),
               text.hasSuffix("\n") {
                let fields = text.dropLast().split(separator: "\t", maxSplits: 1).map(String.init)
                return Holder(pid: fields.first.flatMap { Int32($0) }, started: fields.count > 1 ? fields[1] : nil)
            }
            usleep(10_000)
        }
        return Holder()
    }
}
