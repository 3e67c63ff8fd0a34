import Foundation
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let lines = Mutex<[String]>([])
        let errors = Mutex(Data())
        // Read both pipes while the program runs, so neither can fill up and stall it.
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            var pending = Data()
            while true {
                let chunk = out.fileHandleForReading.availableData
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
            let data = err.fileHandleForReading.readDataToEndOfFile()
            errors.withLock { $0 = data }
            group.leave()
        }
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus, output: lines.withLock { $0 },
                      errors: String(decoding: errors.withLock { $0 }, as: UTF8.self),
                      signalled: process.terminationReason == .uncaughtSignal)
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
