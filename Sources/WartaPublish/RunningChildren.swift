import CWartaSys
import Glibc
import Synchronization

/// The programs a publish runs (rsync, and through it ssh), so that warta never leaves one behind.
/// A SIGINT or SIGTERM to warta is passed on to them (`stop`) and the publish ends once they have
/// ended, holding its lock until then; a SIGKILL, which no handler sees, reaches them through the
/// kernel: each child is started with PR_SET_PDEATHSIG and dies with the thread that waits for it.
public enum RunningChildren {
    struct State {
        var pids: Set<pid_t> = []
        /// The signal that stopped the run; no child starts after it.
        var stopped: Int32?
    }

    private static let state = Mutex(State())

    /// A child that was not started because the run was stopped.
    public struct Stopped: Error, CustomStringConvertible {
        public let signal: Int32
        public var description: String { "stopped by \(RunningChildren.name(signal))" }
    }

    /// Passes `signal` on to every running child and lets no new one start. False when none was
    /// running: the caller may then end at once, there is nothing to wait for.
    @discardableResult
    public static func stop(_ signal: Int32) -> Bool {
        state.withLock { state in
            state.stopped = state.stopped ?? signal
            for pid in state.pids { kill(pid, signal) }
            return !state.pids.isEmpty
        }
    }

    /// The signal that stopped this run, if one did.
    public static var stopped: Int32? { state.withLock { $0.stopped } }

    static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT (Ctrl-C)"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }

    /// Starts a child (see `warta_spawn`) and records it, both under the lock, so a stop never
    /// misses a child that was starting. The calling thread must wait for it (`wait`).
    static func spawn(_ executable: String, _ arguments: [String], out: Int32, err: Int32) throws -> pid_t {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        return try state.withLock { state throws -> pid_t in
            if let signal = state.stopped { throw Stopped(signal: signal) }
            let pid = warta_spawn(executable, argv, out, err, SIGKILL)
            guard pid > 0 else { throw SpawnError(errno: errno, program: executable) }
            state.pids.insert(pid)
            return pid
        }
    }

    /// Waits for a child to end; its pid leaves the record before it is reaped, so a stop never
    /// signals a pid the system may already have given to another process. Returns the wait status.
    static func wait(_ pid: pid_t) -> Int32 {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
        state.withLock { _ = $0.pids.remove(pid) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }

    struct SpawnError: Error, CustomStringConvertible {
        let errno: Int32
        let program: String
        var description: String { "cannot start \(program): \(String(cString: strerror(errno)))" }
    }
}
