import Foundation
import Glibc
import Testing
import WartaTestSupport

/// A publish stopped while rsync sends (Ctrl-C, systemd's SIGTERM, or kill -9) takes its rsync with
/// it: nothing keeps writing into the target beside the next publish, which then runs and finishes.
extension CLITests {
    /// True while `pid` runs (a zombie, ended but not yet reaped by whoever adopted it, does not).
    static func runs(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }

    @Test func aStoppedPublishLeavesNoRsyncBehindAndTheNextOneFinishes() throws {
        let site = try temporarySite()
        let target = NSTemporaryDirectory() + "warta-cli-target-" + UUID().uuidString
        let tmp = try Self.privateTemporaryFolder()
        defer { removeTemporary(site); removeTemporary(target); removeTemporary(tmp) }
        try FileManager.default.createDirectory(atPath: site + "/content/lampiran", withIntermediateDirectories: true)
        // A slow link: 600 kB at 40 kB/s keeps rsync busy for 15 s.
        try (try String(contentsOfFile: site + "/site.yml", encoding: .utf8) + """
        publish:
          targets:
            lambat:
              destination: \(target)
              rsync_options: ["--bwlimit=40"]

        """).write(toFile: site + "/site.yml", atomically: true, encoding: .utf8)
        let environment = ["TMPDIR": tmp]
        let prepared = try warta(["publish", "lambat", "--init", "--site", site], environment: environment)
        #expect(prepared.status == 0, "\(prepared.stderr)")

        for (round, signal) in [SIGTERM, SIGKILL, SIGINT].enumerated() {
            var big = [UInt8](repeating: 0, count: 600_000)
            for i in big.indices { big[i] = UInt8(truncatingIfNeeded: (i + round) &* 2_654_435_761 >> 13) }
            try Data(big).write(to: URL(fileURLWithPath: site + "/content/lampiran/besar.bin"))

            let child = try WartaChild(Self.executable, ["publish", "lambat", "--site", site], environment: environment)
            // Until rsync sends the big file (its temporary copy is in the target).
            var children: [(pid: pid_t, command: String)] = []
            let deadline = ContinuousClock.now + .seconds(120)
            while ContinuousClock.now < deadline, child.process.isRunning {
                children = ProcessTree.descendants(of: child.pid)
                let sending = children.contains { $0.command.contains("--bwlimit=40") && !$0.command.contains("--dry-run") }
                let names = (try? FileManager.default.contentsOfDirectory(atPath: target + "/lampiran")) ?? []
                if sending && names.contains(where: { $0.hasPrefix(".besar.bin.") }) { break }
                usleep(50_000)
            }
            let rsyncs = children.filter { $0.command.contains("rsync") }
            try #require(!rsyncs.isEmpty, "round \(round): rsync never started sending: \(child.stderr)")
            let work = ((try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []).filter { $0.hasPrefix("warta-publish-\(child.pid)-") }
            #expect(work.count == 1, "round \(round): \(work)")

            child.send(signal)
            #expect(child.wait(timeout: .seconds(30)), "round \(round): warta did not end after signal \(signal)")
            // Every process it had started ends with it (within moments, not when rsync would have finished).
            let gone = ContinuousClock.now + .seconds(5)
            while ContinuousClock.now < gone, rsyncs.contains(where: { Self.runs($0.pid) }) { usleep(50_000) }
            let survivors = rsyncs.filter { Self.runs($0.pid) }
            #expect(survivors.isEmpty, "round \(round), signal \(signal): still running: \(survivors)")
            for survivor in survivors { kill(survivor.pid, SIGKILL) }
            if signal != SIGKILL {
                #expect(child.process.terminationStatus != 0)
                #expect(child.stderr.contains("stopped by SIG"), "round \(round): \(child.stderr)")
                #expect(!FileManager.default.fileExists(atPath: tmp + "/" + work[0]), "round \(round): its build folder is left")
            }

            // The next publish takes the lock at once, removes what a killed one left, and finishes.
            let next = try warta(["publish", "--to", target, "--site", site], environment: environment)
            #expect(next.status == 0, "round \(round): \(next.stderr)")
            if signal == SIGKILL { #expect(next.stderr.contains("left by a publish that was killed"), "\(next.stderr)") }
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []).filter { $0.hasPrefix("warta-publish-") }.isEmpty)
            #expect(FileManager.default.contents(atPath: target + "/lampiran/besar.bin") == Data(big), "round \(round)")
        }
    }
}
