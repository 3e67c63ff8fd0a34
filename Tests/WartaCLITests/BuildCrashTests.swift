import Foundation
import Glibc
import Testing
import WartaTestSupport

/// `warta build` stopped at any moment (kill -9), out of room to write, or run twice at once: the
/// site folder holds either the whole previous site or the whole new one, and the next build
/// repairs whatever the stopped one left.
@Suite(.serialized) struct BuildCrashTests {
    let cli = CLITests()
    /// Before the embargo of `rahasia` lifts, and after.
    static let before = "2023-03-01T09:00:00+07:00", after = "2023-03-02T09:00:00+07:00"
    /// Pagefind would only slow the loop down: its index is not what is tested here.
    static let environment = ["WARTA_PAGEFIND": "/nonexistent/pagefind"]

    /// A site of a few hundred releases, one of them under embargo until `after`.
    func site(items: Int) throws -> String {
        let root = try cli.temporarySite()
        let tags = ["air", "jalan", "pasar", "sekolah", "kesehatan", "banjir", "pajak", "taman"]
        for i in 0..<items {
            let text = """
            ---
            title: Siaran Nomor \(i) tentang \(tags[i % tags.count])
            date: 2023-02-\(String(format: "%02d", 1 + i % 27)) \(String(format: "%02d", 8 + i % 9)):00
            tags: [\(tags[i % tags.count]), \(tags[(i / 3) % tags.count])]
            ---
            Paragraf pertama siaran \(i). \(String(repeating: "Isi yang cukup panjang untuk halaman. ", count: 20))

            Paragraf kedua dengan [tautan](/siaran-pers/) dan **huruf tebal**.

            """
            try text.write(toFile: root + "/content/press/siaran-\(i).md", atomically: true, encoding: .utf8)
        }
        try "---\ntitle: Rahasia Embargo\ndate: 2023-03-02 08:00\npublish_at: 2023-03-02 08:00\ntags: [air]\n---\nBelum boleh terbit.\n"
            .write(toFile: root + "/content/press/rahasia.md", atomically: true, encoding: .utf8)
        return root
    }

    func build(_ root: String, now: String, _ extra: [String] = []) throws -> CLITests.Run {
        let run = try cli.warta(["build", "--site", root, "--now", now] + extra, environment: Self.environment)
        #expect(run.status == 0, "warta build --now \(now) \(extra): \(run.stderr.suffix(2000))")
        return run
    }

    /// The built site, without the marker (each build writes its own).
    func pages(_ output: String) -> [String: Data] {
        snapshot(output).filter { $0.key != ".warta-output" }
    }

    func leftovers(_ root: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix("public.") }
    }

    @Test func aBuildKilledAtAnyMomentLeavesTheWholeOldOrTheWholeNewSiteAndTheNextBuildRepairsIt() throws {
        let root = try site(items: 300)
        defer { removeTemporary(root) }
        let template = root + "/site-templates/base.mustache"
        let original = try String(contentsOfFile: template, encoding: .utf8)
        let edited = original.replacingOccurrences(of: "</body>", with: "<!-- versi baru -->\n</body>")
        #expect(edited != original)
        // The two sites a build may leave: the old one (before the embargo, the old template) and
        // the new one (after it, with a template change that remakes every page).
        let expected = root + "/expected"
        _ = try build(root, now: Self.before, ["--no-cache", "--output", expected + "/old"])
        try edited.write(toFile: template, atomically: true, encoding: .utf8)
        _ = try build(root, now: Self.after, ["--no-cache", "--output", expected + "/new"])
        let old = pages(expected + "/old"), new = pages(expected + "/new")
        let embargoed = "siaran-pers/2023/03/rahasia/index.html"
        #expect(old[embargoed] == nil && new[embargoed] != nil)
        try original.write(toFile: template, atomically: true, encoding: .utf8)
        _ = try build(root, now: Self.before)
        _ = try build(root, now: Self.before)  // the cache now knows public/, and a spare is kept
        #expect(pages(root + "/public") == old)
        // How long the build that is killed below takes when it is left alone.
        try edited.write(toFile: template, atomically: true, encoding: .utf8)
        let timer = ContinuousClock.now
        _ = try build(root, now: Self.after)
        let buildTime = ContinuousClock.now - timer
        #expect(pages(root + "/public") == new)
        try original.write(toFile: template, atomically: true, encoding: .utf8)
        _ = try build(root, now: Self.before)

        var seen: [String] = []
        let kills = 20
        let seconds = Double(buildTime.components.seconds) + Double(buildTime.components.attoseconds) / 1e18
        for k in 0...kills {
            try edited.write(toFile: template, atomically: true, encoding: .utf8)
            let child = try WartaChild(CLITests.executable, ["build", "--site", root, "--now", Self.after], environment: Self.environment)
            if k < kills {
                // From the start of the process to a little past the time the build takes.
                usleep(UInt32(seconds * 1e6 * 1.1 * Double(k) / Double(kills)))
                child.send(SIGKILL)
            }
            // The last one is not killed: it must leave the new site.
            #expect(child.wait(timeout: .seconds(120)))
            let left = pages(root + "/public")
            let which = left == old ? "old" : left == new ? "new" : "mixed"
            seen.append(which)
            if which == "mixed" {
                let wrong = Set(left.keys).union(old.keys).filter { left[$0] != old[$0] && left[$0] != new[$0] }.sorted()
                Issue.record("kill \(k): public/ is neither the old nor the new site: \(wrong.count) files, e.g. \(wrong.prefix(5))")
            }
            // The next build, with the old template before the embargo, puts the old site back whole.
            try original.write(toFile: template, atomically: true, encoding: .utf8)
            let repair = try build(root, now: Self.before)
            #expect(!repair.stderr.contains("cache was damaged"))
            let repaired = pages(root + "/public")
            #expect(repaired == old, "kill \(k) (\(which)): the next build left \(repaired.keys.filter { repaired[$0] != old[$0] }.count) files wrong")
            #expect(repaired[embargoed] == nil, "kill \(k): the embargoed release stayed published")
            let strays = try leftovers(root)
            #expect(strays.isEmpty, "kill \(k): \(strays)")
        }
        #expect(seen.last == "new" && seen.contains("old"), "\(seen)")
        print("kill -9 of warta build at \(kills) moments: public/ held the old site \(seen.filter { $0 == "old" }.count) times, the new one \(seen.filter { $0 == "new" }.count)")
    }

    /// A write that fails half-way (here the file size limit, as a full disk would) changes nothing
    /// in public/ and says so truthfully.
    @Test func aBuildThatCannotWriteLeavesThePreviousSiteWholeAndSaysNothingWasWritten() throws {
        let root = try site(items: 40)
        defer { removeTemporary(root) }
        _ = try build(root, now: Self.before)
        _ = try build(root, now: Self.before)
        let before = snapshot(root + "/public")
        // Lists change (a title), and one page grows past the limit the build runs under.
        let big = root + "/content/press/siaran-7.md"
        try (try String(contentsOfFile: big, encoding: .utf8) + String(repeating: "Paragraf panjang sekali. ", count: 8000))
            .write(toFile: big, atomically: true, encoding: .utf8)
        let small = root + "/content/press/siaran-3.md"
        try (try String(contentsOfFile: small, encoding: .utf8)).replacingOccurrences(of: "title: Siaran Nomor 3", with: "title: Siaran Diubah 3")
            .write(toFile: small, atomically: true, encoding: .utf8)
        // SIGXFSZ ignored: a write past the limit fails with EFBIG instead of ending the process.
        let child = try WartaChild("/bin/bash", ["-c", "trap '' XFSZ; ulimit -f 64; exec \"$0\" \"$@\"",
                                                 CLITests.executable, "build", "--site", root, "--now", Self.before], environment: Self.environment)
        #expect(child.wait(timeout: .seconds(300)))
        let limited = CLITests.Run(status: child.process.terminationStatus, stdout: child.stdout, stderr: child.stderr)
        #expect(limited.status != 0)
        #expect(limited.stderr.contains("nothing was written"), "\(limited.stderr)")
        #expect(snapshot(root + "/public") == before, "the failed build changed public/")
        #expect(try leftovers(root).isEmpty)
        let temporary = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter { $0.contains("warta-tmp") } ?? []
        #expect(temporary.isEmpty, "\(temporary.prefix(5))")
        // Room again: the next build makes the new site.
        _ = try build(root, now: Self.before)
        _ = try build(root, now: Self.before, ["--no-cache", "--output", root + "/clean"])
        #expect(pages(root + "/public") == pages(root + "/clean"))
    }

    @Test func twoBuildsOfOneSiteStartedTogetherBothSucceedAndLeaveTheWholeSite() throws {
        let root = try site(items: 150)
        defer { removeTemporary(root) }
        _ = try build(root, now: Self.before)
        _ = try build(root, now: Self.before)
        let template = root + "/site-templates/base.mustache"
        try (try String(contentsOfFile: template, encoding: .utf8)).replacingOccurrences(of: "</body>", with: "<!-- dua -->\n</body>")
            .write(toFile: template, atomically: true, encoding: .utf8)
        for round in 0..<3 {
            let now = round % 2 == 0 ? Self.after : Self.before
            let builds = try (0..<2).map { _ in try WartaChild(CLITests.executable, ["build", "--site", root, "--now", now], environment: Self.environment) }
            for (n, child) in builds.enumerated() {
                #expect(child.wait(timeout: .seconds(300)))
                #expect(child.process.terminationStatus == 0, "round \(round), build \(n): \(child.stderr.suffix(1500))")
            }
            _ = try build(root, now: now, ["--no-cache", "--output", root + "/clean"])
            #expect(pages(root + "/public") == pages(root + "/clean"), "round \(round)")
            removeTemporary(root + "/clean")
        }
    }

    @Test func aSecondBuildWaitsWhileTheSiteIsLockedAndSaysWhoHoldsTheLock() throws {
        let root = try site(items: 5)
        defer { removeTemporary(root) }
        try FileManager.default.createDirectory(atPath: root + "/.warta", withIntermediateDirectories: true)
        let fd = open(root + "/.warta/build.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        let me = Array("\(getpid())\n".utf8)
        #expect(me.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } == me.count)
        let child = try WartaChild(CLITests.executable, ["build", "--site", root, "--now", Self.before], environment: Self.environment)
        let said = child.waitForLine(timeout: .seconds(60)) { $0.contains("another build of this site is running (process \(getpid())); waiting") ? true : nil }
        #expect(said == true, "\(child.stderr)")
        usleep(700_000)
        #expect(child.process.isRunning && !FileManager.default.fileExists(atPath: root + "/public"), "the build did not wait")
        close(fd)
        #expect(child.wait(timeout: .seconds(120)))
        #expect(child.process.terminationStatus == 0 && FileManager.default.fileExists(atPath: root + "/public/index.html"), "\(child.stderr)")
    }

    @Test func theBuildLockIsNeverOpenedThroughASymlink() throws {
        let root = try site(items: 2)
        defer { removeTemporary(root) }
        try FileManager.default.createDirectory(atPath: root + "/.warta", withIntermediateDirectories: true)
        try "jangan diubah\n".write(toFile: root + "/elsewhere.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/.warta/build.lock", withDestinationPath: root + "/elsewhere.txt")
        let run = try cli.warta(["build", "--site", root, "--now", Self.before], environment: Self.environment)
        #expect(run.status != 0 && run.stderr.contains("the build lock is a symbolic link"), "\(run.stderr)")
        #expect(try String(contentsOfFile: root + "/elsewhere.txt", encoding: .utf8) == "jangan diubah\n")
    }
}
