import CWartaSys
import Foundation
import Glibc
import Synchronization

/// Runs a program with an argument array (never a shell string), streaming its output lines.
public struct ProcessRunner: Sendable {
    public struct Result: Sendable {
        public let status: Int32
        public let output: [String]
        public let errors: String
        /// True when it was ended by a signal (killed), not by exiting.
        public let signalled: Bool
    }

    public init() {}

    /// Runs and waits on a Dispatch thread, never blocking Swift's small cooperative thread pool
    /// (a long rsync would otherwise starve every other task in the process).
    public func run(_ executable: String, _ arguments: [String], onLine: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try runBlocking(executable, arguments, onLine: onLine) })
            }
        }
    }

    func runBlocking(_ executable: String, _ arguments: [String], onLine: @escaping @Sendable (String) -> Void) throws -> Result {
        // Close-on-exec pipes: another child started meanwhile must not inherit them, or this
        // run would wait for that one to end before it saw the end of its output.
        var out: [Int32] = [-1, -1], err: [Int32] = [-1, -1]
        guard warta_pipe(&out) == 0 else { throw RunningChildren.SpawnError(errno: errno, program: executable) }
        guard warta_pipe(&err) == 0 else {
            let error = errno
            close(out[0]); close(out[1])
            throw RunningChildren.SpawnError(errno: error, program: executable)
        }
        let pid: pid_t
        do {
            pid = try RunningChildren.spawn(executable, arguments, out: out[1], err: err[1])
        } catch {
            for fd in out + err { close(fd) }
            throw error
        }
        close(out[1])
        close(err[1])
        let outHandle = FileHandle(fileDescriptor: out[0], closeOnDealloc: true)
        let errHandle = FileHandle(fileDescriptor: err[0], closeOnDealloc: true)
        let lines = Mutex<[String]>([])
        let errors = Mutex(Data())
        // Read both pipes while the program runs, so neither can fill up and stall it.
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            var pending = Data()
            while true {
                let chunk = outHandle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    if !line.isEmpty {
                        lines.withLock { $0.append(line) }
                        onLine(line)
                    }
                }
            }
            if !pending.isEmpty {
                let line = String(decoding: pending, as: UTF8.self)
                lines.withLock { $0.append(line) }
                onLine(line)
            }
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            let data = errHandle.readDataToEndOfFile()
            errors.withLock { $0 = data }
            group.leave()
        }
        // This thread waits: the child's PR_SET_PDEATHSIG is tied to it.
        let status = RunningChildren.wait(pid)
        group.wait()
        let signal = status & 0x7f
        return Result(status: signal == 0 ? (status >> 8) & 0xff : signal, output: lines.withLock { $0 },
                      errors: String(decoding: errors.withLock { $0 }, as: UTF8.self), signalled: signal != 0)
    }

    /// The full path of a program on PATH.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
