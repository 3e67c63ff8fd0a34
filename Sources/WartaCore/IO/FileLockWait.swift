import Dispatch
import Glibc

extension PosixFile {
    /// Waits for an exclusive flock(2) on `fd`, on a Dispatch thread, never on Swift's small
    /// cooperative pool (a build or publish may wait minutes for another). 0, or the errno.
    public static func waitForExclusiveLock(_ fd: Int32) async -> Int32 {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var rc: Int32
                repeat { rc = flock(fd, LOCK_EX) } while rc != 0 && errno == EINTR
                continuation.resume(returning: rc == 0 ? 0 : errno)
            }
        }
    }
}
