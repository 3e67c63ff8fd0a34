import Synchronization

import Glibc

/// One `warta build` of a site at a time. Two at once would read the same cache, stage beside the
/// same output and each save a cache true only of its own output. The lock is an exclusive
/// flock(2) on `.warta/build.lock` (never through a symlink); the kernel drops it when the process
/// ends, however it ends, so a killed build leaves no stale lock. A second build waits for the
/// first, and says once who it waits for.
public final class BuildLock: Sendable {
    private let descriptor: Mutex<Int32?>

    private init(descriptor: Int32) { self.descriptor = Mutex(descriptor) }

    deinit { release() }

    public func release() {
        descriptor.withLock { fd in
            if let held = fd {
                ftruncate(held, 0)  // no later contender reads a finished build's pid
                close(held)
            }
            fd = nil
        }
    }

    public static func path(siteRoot: String) -> String { siteRoot + "/.warta/build.lock" }

    /// Takes the lock of the site at `siteRoot`, waiting while another build holds it (`waiting` is
    /// told its process id, when it wrote one). Nil when the site folder cannot be written at all
    /// (read-only): then no cache is written there either, and staged builds do not collide.
    public static func acquire(siteRoot: String, waiting: @escaping @Sendable (Int32?) -> Void) async throws(BuildFailure) -> BuildLock? {
        let path = path(siteRoot: siteRoot)
        func failure(_ what: String, _ code: Int32) -> BuildFailure {
            BuildFailure([Diagnostic(".warta/build.lock", "\(what): \(String(cString: strerror(code)))")])
        }
        do throws(PosixFile.IOError) {
            try PosixFile.makeDirectories(path.lastSlashPrefix)
        } catch {
            if [EROFS, EACCES].contains(error.code) { return nil }
            throw failure("cannot make the folder of the build lock", error.code)
        }
        // Close-on-exec: Pagefind must not inherit the lock and hold it past this build.
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let code = errno
            if [EROFS, EACCES].contains(code) { return nil }
            throw failure(code == ELOOP ? "the build lock is a symbolic link; remove it" : "cannot open the build lock", code)
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let code = errno
                close(fd)
                throw failure("cannot lock the site for building", code)
            }
            waiting(holder(fd))
            let status = await PosixFile.waitForExclusiveLock(fd)
            if status != 0 {
                close(fd)
                throw failure("cannot lock the site for building", status)
            }
        }
        let record = Array("\(getpid())\n".utf8)
        ftruncate(fd, 0)
        _ = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }  // only for the message of a build that waits
        return BuildLock(descriptor: fd)
    }

    /// The process id the holder wrote (it writes right after locking: an empty file is read again briefly).
    private static func holder(_ fd: Int32) -> Int32? {
        for _ in 0..<20 {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
            if n > 1, buffer[n - 1] == UInt8(ascii: "\n") { return Int32(String(decoding: buffer[..<(n - 1)], as: UTF8.self)) }
            usleep(10_000)
        }
        return nil
    }
}
