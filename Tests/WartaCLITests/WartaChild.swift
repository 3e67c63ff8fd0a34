import Foundation
import Glibc
import Testing
import WartaTestSupport

/// One `warta` child process. Its output goes to files, so a full pipe never blocks it; it is
/// only ever signalled through its own process id, while it has not been reaped, so a reused id
/// of some other process is never hit.
final class WartaChild {
    let process = Process()
    private let outputFolder: String

    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws {
        outputFolder = NSTemporaryDirectory() + "warta-child-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: outputFolder + "/stdout", contents: nil)
        FileManager.default.createFile(atPath: outputFolder + "/stderr", contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "WARTA_NOW")
        // Every build runs Pagefind, as a user's does (`swift test` alone, after `make search-deps`).
        if let pagefind = SampleSite.pagefind { env["WARTA_PAGEFIND"] = pagefind }
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardOutput = FileHandle(forWritingAtPath: outputFolder + "/stdout")
        process.standardError = FileHandle(forWritingAtPath: outputFolder + "/stderr")
        do {
            try process.run()
        } catch {
            removeTemporary(outputFolder)
            throw error
        }
    }

    deinit {
        end()
        removeTemporary(outputFolder)
    }

    var pid: pid_t { process.processIdentifier }
    var stdout: String { (try? String(contentsOfFile: outputFolder + "/stdout", encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: outputFolder + "/stderr", encoding: .utf8)) ?? "" }

    /// Waits until the process has ended and been reaped; false when `timeout` passed first.
    @discardableResult
    func wait(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline { return false }
            usleep(10_000)
        }
        process.waitUntilExit()
        return true
    }

    /// Sends `signal` to the process, if it still runs.
    func send(_ signal: Int32) {
        if process.isRunning { kill(pid, signal) }
    }

    /// SIGTERM, then SIGKILL if it has not ended within 10 s; returns once it is reaped.
    func end() {
        guard process.isRunning else { return }
        send(SIGTERM)
        if !wait(timeout: .seconds(10)) {
            send(SIGKILL)
            wait(timeout: .seconds(10))
        }
    }

    /// Waits until standard error holds a line for which `match` gives a value.
    func waitForLine<T>(timeout: Duration = .seconds(120), _ match: (Substring) -> T?) -> T? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            for line in stderr.split(separator: "\n") {
                if let value = match(line) { return value }
            }
            if !process.isRunning { return nil }
            usleep(20_000)
        }
        return nil
    }
}

/// Removes a test's temporary file or folder (symlinks inside are removed, never followed).
func removeTemporary(_ path: String) {
    if FileManager.default.fileExists(atPath: path) || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil {
        do { try FileManager.default.removeItem(atPath: path) } catch { Issue.record("could not remove \(path): \(error)") }
    }
}

extension CLITests {
    /// A temporary folder to hand a child as TMPDIR, so its preview folders are seen (and
    /// cleaned) by this test alone, never another run's.
    static func privateTemporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "warta-cli-tmp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
