import Foundation
import Testing
import WartaTestSupport

/// Two `warta publish` processes for one destination, as a five-minute timer over a slow link makes them.
extension CLITests {
    /// Starts warta and returns at once (its output is not needed).
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "WARTA_NOW")
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func aSecondPublishExitsAtOnceNamingTheFirstAndWaitWaits() async throws {
        let site = try temporarySite()
        let target = NSTemporaryDirectory() + "warta-cli-target-" + UUID().uuidString
        // A slow link: a 400 kB attachment at 100 kB/s keeps the first publish busy for seconds.
        var big = [UInt8](repeating: 0, count: 400_000)
        for i in big.indices { big[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 13) }
        try FileManager.default.createDirectory(atPath: site + "/content/lampiran", withIntermediateDirectories: true)
        try Data(big).write(to: URL(fileURLWithPath: site + "/content/lampiran/besar.bin"))
        try (try String(contentsOfFile: site + "/site.yml", encoding: .utf8) + """
        publish:
          targets:
            lambat:
              destination: \(target)
              rsync_options: ["--bwlimit=100"]

        """).write(toFile: site + "/site.yml", atomically: true, encoding: .utf8)
        let prepared = try warta(["publish", "lambat", "--init", "--site", site])
        #expect(prepared.status == 0, "\(prepared.stderr)")

        let first = try start(["publish", "lambat", "--site", site])
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        // Until the first run holds the lock: its pid is in a lock file under .warta/. A loaded machine
        // may take long to start a process, so the wait is generous; it ends early if the first exits.
        // Polled without suspending: a task resumed from `Task.sleep` on a test pool busy with builds
        // came back seconds late, after the first run had published and let go of its lock.
        var held = false
        let deadline = ContinuousClock.now + .seconds(60)
        while !held, first.isRunning, ContinuousClock.now < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: site + "/.warta")) ?? []
            held = names.filter { $0.hasSuffix(".lock") }.contains { name in
                let text = (try? String(contentsOfFile: site + "/.warta/" + name, encoding: .utf8)) ?? ""
                return text.hasPrefix("\(first.processIdentifier)\t")
            }
            if !held { usleep(50_000) }
        }
        try #require(held, "the first publish never took its lock (still running: \(first.isRunning))")

        let second = try warta(["publish", "lambat", "--site", site])
        #expect(second.status == 1)
        #expect(second.stderr.contains("another publish to \(target) is running (pid \(first.processIdentifier), started "), "\(second.stderr)")
        #expect(first.isRunning, "the first publish ended before the second tried: nothing overlapped")

        let third = try warta(["publish", "lambat", "--site", site, "--wait"])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stderr.contains("(pid \(first.processIdentifier), started "), "\(third.stderr)")
        #expect(third.stderr.contains("waiting for it to finish"), "\(third.stderr)")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(FileManager.default.contents(atPath: target + "/lampiran/besar.bin")?.count == big.count)
        // The first and the third published; the second did nothing, so logged nothing.
        let log = try String(contentsOfFile: site + "/.warta/publish.log", encoding: .utf8)
        #expect(log.split(separator: "\n").filter { $0.contains("\tpublished") }.count == 2, "\(log)")
    }
}
