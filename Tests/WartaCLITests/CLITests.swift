import Foundation
import Glibc
import Testing
import WartaTestSupport

/// The `warta` executable as a user runs it: help texts, exit codes, and diagnostics on stderr.
@Suite struct CLITests {
    static var repositoryRoot: String { SampleSite.repositoryRoot }

    static let executable: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("warta").path
        return FileManager.default.isExecutableFile(atPath: beside) ? beside : repositoryRoot + "/.build/debug/warta"
    }()

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs warta to its end. One still running after `timeout` (a `serve` that should have
    /// failed) is ended through its pid and the test fails, instead of hanging or leaking it.
    func warta(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
               timeout: Duration = .seconds(300)) throws -> Run {
        let child = try WartaChild(Self.executable, arguments, environment: environment, directory: directory)
        if !child.wait(timeout: timeout) {
            Issue.record("warta \(arguments.joined(separator: " ")) still ran after \(timeout)")
            child.end()
        }
        return Run(status: child.process.terminationStatus, stdout: child.stdout, stderr: child.stderr)
    }

    func temporarySite() throws -> String {
        let root = NSTemporaryDirectory() + "warta-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/content/press", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.repositoryRoot + "/site-templates", toPath: root + "/site-templates")
        try "title: Kota Uji\nbase_url: https://kota-uji.go.id/\ntimezone: Asia/Jakarta\n".write(toFile: root + "/site.yml", atomically: true, encoding: .utf8)
        try "---\ntitle: Baik\ndate: 2023-02-10\n---\nIsi.\n".write(toFile: root + "/content/press/baik.md", atomically: true, encoding: .utf8)
        return root
    }

    @Test func everyCommandExplainsItself() throws {
        let top = try warta(["--help"])
        #expect(top.status == 0)
        for command in ["build", "check"] { #expect(top.stdout.contains(command)) }
        let build = try warta(["build", "--help"])
        #expect(build.status == 0)
        for option in ["--site", "--output", "--now", "--drafts", "--future", "--base-url"] {
            #expect(build.stdout.contains(option), "build --help lacks \(option)")
        }
        let check = try warta(["check", "--help"])
        #expect(check.status == 0 && check.stdout.contains("--now"))
        #expect(try warta(["--version"]).status == 0)
    }

    @Test func buildsTheSampleSiteWithAFixedClock() throws {
        let output = NSTemporaryDirectory() + "warta-cli-out-" + UUID().uuidString
        defer { removeTemporary(output) }
        let run = try warta(["build", "--site", Self.repositoryRoot, "--output", output, "--now", "2023-02-21T09:00:00+08:00"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: output + "/index.html"))
        // WARTA_NOW does the same as --now.
        let viaEnv = try warta(["build", "--site", Self.repositoryRoot, "--output", output], environment: ["WARTA_NOW": "2023-02-21T09:00:00+08:00"])
        #expect(viaEnv.status == 0)
        #expect(viaEnv.stdout.contains("0 written"), "\(viaEnv.stdout)")
    }

    /// The process's `malloc` is mimalloc's (linked, not preloaded): the figures in the README
    /// depend on it, and a link that lost it would still build every page, only slower.
    @Test func buildsAllocateThroughMimalloc() throws {
        let site = try temporarySite()
        defer { removeTemporary(site) }
        let run = try warta(["build", "--site", site, "--now", "2023-02-21T09:00:00+07:00", "--timings"], environment: ["LD_PRELOAD": ""])
        #expect(run.status == 0, "\(run.stderr)")
        let line = run.stdout.split(separator: "\n").first { $0.contains("memory allocator:") }
        #expect(line?.contains("memory allocator: mimalloc 2.") == true, "\(run.stdout)")
    }

    @Test func badContentExitsNonZeroWithLocatedErrors() throws {
        let site = try temporarySite()
        defer { removeTemporary(site) }
        #expect(try warta(["build", "--site", site, "--now", "2023-02-21T09:00:00+07:00"]).status == 0)
        try "---\ntitle: Rusak\ndate: 2023-02-30\n---\n".write(toFile: site + "/content/press/rusak.md", atomically: true, encoding: .utf8)
        try "---\ntitle: Juga\ndate: 2023-02-10\ndepartment: dinsos\n---\n".write(toFile: site + "/content/press/juga.md", atomically: true, encoding: .utf8)
        let run = try warta(["build", "--site", site, "--now", "2023-02-21T09:00:00+07:00"])
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(site)/content/press/rusak.md:3:7: error: 'date' is not a valid date: February 2023 has 28 days ('2023-02-30')"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("\(site)/content/press/juga.md:4:13: error: unknown department 'dinsos'") }, "\(lines)")
        #expect(FileManager.default.fileExists(atPath: site + "/public/siaran-pers/2023/02/baik/index.html"))
        let check = try warta(["check", "--site", site, "--now", "2023-02-21T09:00:00+07:00"])
        #expect(check.status == 1 && check.stderr.contains("rusak.md:3:7"))
    }

    @Test func scheduleListsWhenAnEmergencyNoticeGoesUpAndComesDown() throws {
        let site = try temporarySite()
        defer { removeTemporary(site) }
        try FileManager.default.createDirectory(atPath: site + "/content/alerts", withIntermediateDirectories: true)
        try """
        ---
        title: Jalan Ditutup
        severity: info
        area: Jl. Merdeka
        publish_at: 2023-02-21 12:00
        expires: 2023-02-22 06:00
        ---
        Ditutup untuk perbaikan.
        """.write(toFile: site + "/content/alerts/jalan.md", atomically: true, encoding: .utf8)
        try "---\ntitle: Air Mati\nseverity: info\narea: Kota\ndate: 2023-02-21\nexpires: 2023-02-25\ndraft: true\n---\nDraf.\n"
            .write(toFile: site + "/content/alerts/air.md", atomically: true, encoding: .utf8)
        let run = try warta(["schedule", "--site", site, "--now", "2023-02-21T09:00:00+07:00"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").map(String.init) == [
            "2023-02-21T12:00:00+07:00  alert shows    Jalan Ditutup  (content/alerts/jalan.md)",
            "2023-02-22T06:00:00+07:00  alert expires  Jalan Ditutup  (content/alerts/jalan.md)",
            "1 draft, never published until `draft: false`:",
            "  Air Mati  (content/alerts/air.md)",
        ], "\(run.stdout)")
        let json = try warta(["schedule", "--site", site, "--now", "2023-02-21T09:00:00+07:00", "--format", "json"])
        let listing = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changes = try #require(listing["changes"] as? [[String: Any]])
        #expect(changes.map { $0["change"] as? String } == ["alert_shows", "alert_expires"])
        #expect(changes.allSatisfy { $0["url"] as? String == "https://kota-uji.go.id/#peringatan-jalan" })
    }

    @Test func aClockWithoutOffsetIsRefused() throws {
        let run = try warta(["build", "--site", Self.repositoryRoot, "--now", "2023-02-21 09:00"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--now must be a date-time with an offset"))
    }
}

extension CLITests {
    @Test func aTakenPortIsReportedClearly() throws {
        // Hold a port open, then ask warta to serve on it.
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(holder, 1)
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(holder, $0, &length) } }
        let port = Int(UInt16(bigEndian: bound.sin_port))
        let temporary = try Self.privateTemporaryFolder()
        defer { removeTemporary(temporary) }
        let run = try warta(["serve", "--site", Self.repositoryRoot, "--port", "\(port)", "--now", "2023-02-21T09:00:00+08:00"],
                            environment: ["TMPDIR": temporary], timeout: .seconds(120))
        #expect(run.status == 1)
        #expect(run.stderr.contains("port \(port) is already in use"), "\(run.stderr)")
    }

    @Test func servingBeyondLoopbackWarns() throws {
        let run = try warta(["serve", "--help"])
        #expect(run.stdout.contains("--host") && run.stdout.contains("--port") && run.stdout.contains("--poll"))
    }
}
