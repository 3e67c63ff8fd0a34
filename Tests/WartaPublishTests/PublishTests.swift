import Foundation
import Glibc
import Testing
import WartaCore
import WartaTestSupport
@testable import WartaPublish

/// `warta publish` with the real rsync: into local folders and to an rsync daemon on loopback.
@Suite(.serialized) struct PublishTests {
    static let now = ZonedInstant.parse("2023-02-21T09:00:00+08:00")!

    static func sampleCopy() throws -> String { try SampleSite.copy(prefix: "warta-publish-site-") }

    static func emptyFolder() -> String {
        let path = NSTemporaryDirectory() + "warta-target-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A publisher whose real clock reads `clock` (the sample's morning): a publish builds as of it.
    static func publisher(clock: ZonedInstant = now, say: @escaping @Sendable (String) -> Void = { _ in }) throws -> Publisher {
        try Publisher(clock: .fixed(clock), say: say)
    }

    func publish(_ site: String, to destination: String, at clock: ZonedInstant = Self.now,
                 _ change: (inout Publisher.Request) -> Void = { _ in }) async throws -> Publisher.Outcome {
        var request = Publisher.Request(siteRoot: site, now: clock)
        request.destination = destination
        change(&request)
        return try await Self.publisher(clock: clock).publish(request)
    }

    /// Files and bytes at a target, without the marker.
    func contents(_ folder: String) -> [String: Data] {
        snapshot(folder).filter { $0.key != Rsync.marker }
    }

    @Test func firstPublishThenOnlyChangedFiles() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        // Without the marker nothing is sent.
        await #expect(throws: Publisher.Failure.self) { try await publish(site, to: target) }
        #expect(contents(target).isEmpty)
        _ = try await publish(site, to: target) { $0.initialize = true }
        let first = try await publish(site, to: target)
        #expect(first.summary.added.count == first.files)
        let built = NSTemporaryDirectory() + "warta-built-" + UUID().uuidString
        _ = try await SiteBuilder.build(BuildOptions(siteRoot: site, output: built, visibility: Visibility(now: Self.now)))
        let expected = snapshot(built).filter { $0.key != OutputWriter.marker }
        #expect(contents(target) == expected)

        // One edited release: exactly the files whose bytes changed travel.
        let file = site + "/content/press/2023-02-17-pemantauan-harga-bahan-pokok.md"
        try (try String(contentsOfFile: file, encoding: .utf8)).replacingOccurrences(of: "Stok Beras Aman", with: "Stok Beras Cukup")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let before = contents(target)
        let second = try await publish(site, to: target)
        let after = contents(target)
        let differing = Set(after.keys.filter { before[$0] != after[$0] })
        #expect(Set(second.summary.changed) == differing)
        #expect(second.summary.added.isEmpty && second.summary.deleted.isEmpty)
        #expect(differing.contains("siaran-pers/2023/02/pemantauan-harga-bahan-pokok/index.html"))
        #expect(differing.count < 20, "\(differing.count) files changed for one edit")
        #expect(String(decoding: after["siaran-pers/2023/02/pemantauan-harga-bahan-pokok/index.html"]!, as: UTF8.self).contains("Stok Beras Cukup"))

        // A deleted release (with its English translation, which would otherwise translate nothing) is removed from the target.
        try FileManager.default.removeItem(atPath: site + "/content/press/2023-02-07-wifi-publik-gratis-45-titik.md")
        try FileManager.default.removeItem(atPath: site + "/content/press/2023-02-07-wifi-publik-gratis-45-titik.en.md")
        let third = try await publish(site, to: target)
        #expect(third.summary.deleted.contains("siaran-pers/2023/02/wifi-publik-gratis-45-titik/index.html"))
        #expect(!FileManager.default.fileExists(atPath: target + "/siaran-pers/2023/02/wifi-publik-gratis-45-titik/index.html"))
        #expect(FileManager.default.fileExists(atPath: target + "/" + Rsync.marker))

        // The log has every publish.
        let log = PublishLog(siteRoot: site).entries()
        #expect(log.count == 3)
        #expect(log.allSatisfy { $0.rsyncStatus == 0 && $0.destination == target })
    }

    @Test func dryRunChangesNothingAndIfDueSkipsAnUnchangedSite() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        _ = try await publish(site, to: target) { $0.initialize = true }
        let dry = try await publish(site, to: target) { $0.dryRun = true }
        #expect(dry.summary.added.count > 50)
        #expect(contents(target).isEmpty)
        _ = try await publish(site, to: target)
        let snapshot = contents(target)
        let due = try await publish(site, to: target) { $0.ifDue = true }
        #expect(due.skipped)
        #expect(due.files == 0, "nothing due is told from the plan, without building")
        #expect(contents(target) == snapshot)

        // An edit, or the clock passing an embargo, makes a publish due again.
        let file = site + "/content/press/2023-02-16-peresmian-pabrik-pengolahan-ikan.md"
        try (try String(contentsOfFile: file, encoding: .utf8)).replacingOccurrences(of: "Wali Kota Resmikan Pabrik", with: "Wali Kota Meresmikan Pabrik")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let edited = try await publish(site, to: target) { $0.ifDue = true }
        #expect(!edited.skipped && edited.summary.changed.contains("siaran-pers/2023/02/peresmian-pabrik-pengolahan-ikan/index.html"))
        #expect(try await publish(site, to: target) { $0.ifDue = true }.skipped)
        let lifted = try await publish(site, to: target, at: ZonedInstant.parse("2023-02-22T10:00:00+08:00")!) { $0.ifDue = true }
        #expect(!lifted.skipped && lifted.summary.added.contains("siaran-pers/2023/02/penghargaan-kota-layak-anak/index.html"))
    }

    @Test func theDeletionCapHolds() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        _ = try await publish(site, to: target) { $0.initialize = true }
        _ = try await publish(site, to: target)
        // Files on the target that this site no longer makes: more than the cap of 50.
        for n in 0..<60 { try "lama".write(toFile: target + "/lama-\(n).html", atomically: true, encoding: .utf8) }
        await #expect(throws: Publisher.Failure.self) { try await publish(site, to: target) }
        #expect(FileManager.default.fileExists(atPath: target + "/lama-0.html"))
        let allowed = try await publish(site, to: target) { $0.allowDeletes = true }
        #expect(allowed.summary.deleted.count == 60)
        #expect(!FileManager.default.fileExists(atPath: target + "/lama-0.html"))
    }

    @Test func aBrokenSiteIsNeverUploaded() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        _ = try await publish(site, to: target) { $0.initialize = true }
        _ = try await publish(site, to: target)
        let snapshot = contents(target)
        // Bad front matter: the build fails.
        try "---\ntitle: Rusak\ndate: besok\n---\n".write(toFile: site + "/content/press/rusak.md", atomically: true, encoding: .utf8)
        await #expect(throws: Publisher.Failure.self) { try await publish(site, to: target) }
        #expect(contents(target) == snapshot)
        try FileManager.default.removeItem(atPath: site + "/content/press/rusak.md")
        // A broken link in a body: the build refuses it, at its line in the Markdown.
        let page = site + "/content/pages/tentang.md"
        let original = try String(contentsOfFile: page, encoding: .utf8)
        try (original + "\n[Halaman hilang](/halaman-yang-tidak-ada/)\n").write(toFile: page, atomically: true, encoding: .utf8)
        let linkLine = original.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        do {
            _ = try await publish(site, to: target)
            Issue.record("a site with a broken link was published")
        } catch let failure as Publisher.Failure {
            #expect(failure.diagnostics.contains { $0.message.contains("/halaman-yang-tidak-ada/") && $0.path == "content/pages/tentang.md" && $0.line == linkLine },
                    "\(failure.diagnostics)")
        }
        #expect(contents(target) == snapshot)
        // One the Markdown check cannot see (written by a template): the check of the built site
        // refuses it, as a second line of defence.
        try original.write(toFile: page, atomically: true, encoding: .utf8)
        let base = site + "/site-templates/base.mustache"
        try (try String(contentsOfFile: base, encoding: .utf8)).replacingOccurrences(of: "<footer class=\"site-footer\">", with: "<footer class=\"site-footer\"><a href=\"/halaman-yang-tidak-ada/\">x</a>")
            .write(toFile: base, atomically: true, encoding: .utf8)
        do {
            _ = try await publish(site, to: target)
            Issue.record("a site with a broken link was published")
        } catch let failure as Publisher.Failure {
            #expect(failure.diagnostics.contains { $0.message.contains("/halaman-yang-tidak-ada/") && $0.path == "public/tentang/index.html" }, "\(failure.diagnostics)")
        }
        #expect(contents(target) == snapshot)
    }

    @Test func initRefusesAFolderThatAlreadyHoldsFiles() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        try "skripsi".write(toFile: target + "/skripsi.docx", atomically: true, encoding: .utf8)
        await #expect(throws: Publisher.Failure.self) { try await publish(site, to: target) { $0.initialize = true } }
        #expect(!FileManager.default.fileExists(atPath: target + "/" + Rsync.marker))
        _ = try await publish(site, to: target) { $0.initialize = true; $0.force = true }
        #expect(FileManager.default.fileExists(atPath: target + "/" + Rsync.marker))
        // A folder that does not exist yet is created and marked.
        let fresh = Self.emptyFolder() + "/baru/situs"
        _ = try await publish(site, to: fresh) { $0.initialize = true }
        #expect(FileManager.default.fileExists(atPath: fresh + "/" + Rsync.marker))
    }

    @Test func dangerousDestinationsAreRefused() async throws {
        let site = try Self.sampleCopy()
        for destination in ["/", "", "~", "/root", "/etc", "deploy@web:", "deploy@web:/", "deploy@web:~", NSHomeDirectory()] {
            await #expect(throws: Publisher.Failure.self, "\(destination)") { try await publish(site, to: destination) }
        }
        #expect(Destination("deploy@web:/var/www/warta/").danger() == nil)
        #expect(Destination("rsync://host/warta/").danger() == nil)
        #expect(Destination("rsync://host/").danger() != nil)
    }

    @Test func publishesToAnRsyncDaemon() async throws {
        let site = try Self.sampleCopy(), module = Self.emptyFolder()
        let daemon = try RsyncDaemon(module: module)
        defer { daemon.stop() }
        let destination = "rsync://127.0.0.1:\(daemon.port)/warta/"
        await #expect(throws: Publisher.Failure.self) { try await publish(site, to: destination) }
        _ = try await publish(site, to: destination) { $0.initialize = true }
        let first = try await publish(site, to: destination)
        #expect(first.summary.added.count == first.files)
        #expect(FileManager.default.fileExists(atPath: module + "/siaran-pers/index.html"))
        let second = try await publish(site, to: destination)
        #expect(second.summary.added.isEmpty && second.summary.changed.isEmpty)
    }

    @Test func anInterruptedTransferLeavesThePreviousSiteAndARerunCompletes() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        // A slow target, so the transfer can be stopped halfway.
        let config = try String(contentsOfFile: site + "/site.yml", encoding: .utf8)
        try (String(config[..<(config.range(of: "\npublish:")?.lowerBound ?? config.endIndex)]) + """

        publish:
          targets:
            lambat:
              destination: \(target)
              rsync_options: ["--bwlimit=40"]
        """).write(toFile: site + "/site.yml", atomically: true, encoding: .utf8)
        // A large attachment in the second version, so there is something to interrupt.
        var big = [UInt8](repeating: 0, count: 600_000)
        for i in big.indices { big[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 13) }
        _ = try await publish(site, to: target) { $0.initialize = true }
        _ = try await publish(site, to: target)  // the first version, at full speed
        let previous = contents(target)
        var request = Publisher.Request(siteRoot: site, now: Self.now)
        request.target = "lambat"

        // Second version: an edit plus the big file; stop rsync while it sends.
        let file = site + "/content/pages/tentang.md"
        try (try String(contentsOfFile: file, encoding: .utf8) + "\nVersi kedua.\n").write(toFile: file, atomically: true, encoding: .utf8)
        try Data(big).write(to: URL(fileURLWithPath: site + "/content/lampiran/besar.bin"))
        // Until the publish gives up: killing one of rsync's processes can end the run with a status
        // that publish retries once, and that retry must be stopped as well.
        let killer = Task.detached {
            var killed = false
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                // rsync writes the big file as a hidden temporary beside it while it travels.
                let names = (try? FileManager.default.contentsOfDirectory(atPath: target + "/lampiran")) ?? []
                if names.contains(where: { $0.hasPrefix(".besar.bin.") }) {
                    let rsyncs = ChildProcesses.descendants(containing: "--bwlimit=40")
                    for pid in rsyncs { kill(pid, SIGKILL) }
                    if !rsyncs.isEmpty { killed = true }
                }
            }
            return killed
        }
        await #expect(throws: Publisher.Failure.self) { try await Self.publisher().publish(request) }
        killer.cancel()
        #expect(await killer.value)
        // Every file of the previous version is still there, unchanged.
        let now = contents(target)
        for (path, bytes) in previous { #expect(now[path] == bytes, "\(path) changed by an interrupted publish") }
        #expect(!String(decoding: now["tentang/index.html"]!, as: UTF8.self).contains("Versi kedua."))
        #expect(now["lampiran/besar.bin"] == nil, "a half-sent file is in place")

        // Run again without the slow limit: it completes.
        request.target = nil
        request.destination = target
        _ = try await Self.publisher().publish(request)
        #expect(String(decoding: contents(target)["tentang/index.html"]!, as: UTF8.self).contains("Versi kedua."))
        #expect(contents(target)["lampiran/besar.bin"]?.count == big.count)
    }

    @Test func scheduleNamesTheNextChange() async throws {
        let site = try Self.sampleCopy()
        let (loaded, _) = await SiteLoader.load(root: site)
        let due = Schedule.upcoming(site: try #require(loaded), now: Self.now)
        // First: this Tuesday's service day ends at noon; then the embargo lifts the next morning.
        let first = try #require(due.first)
        #expect(first.instant.iso8601 == "2023-02-21T12:00:00+08:00" && first.reason == "event ends")
        let embargo = try #require(due.first { $0.reason == "embargo lifts" && $0.path.hasSuffix("penghargaan-kota-layak-anak.md") })
        #expect(embargo.instant.iso8601 == "2023-02-22T10:00:00+08:00")
        // Its English translation, with no embargo of its own, waits for the same instant.
        #expect(due.contains { $0.reason == "embargo lifts" && $0.path.hasSuffix("penghargaan-kota-layak-anak.en.md") && $0.instant == embargo.instant })
        // Its attachment waits with it; the draft's linked file is never scheduled.
        #expect(embargo.files == ["content/lampiran/rekapitulasi-penilaian-kla-2023.pdf"])
        #expect(!due.contains { $0.files.contains("content/lampiran/rancangan-jadwal-bantuan-pangan.pdf") })
        #expect(due.filter { $0.reason != "embargo lifts" }.allSatisfy { $0.files.isEmpty })
        #expect(due.contains { $0.reason == "event ends" && $0.path.hasSuffix("pawai-budaya-hut-ke-77.md") && $0.instant.iso8601 == "2023-03-04T11:30:00+08:00" })
        #expect(due.map(\.instant) == due.map(\.instant).sorted())
        // Nothing hidden is scheduled: the draft never lifts.
        #expect(!due.contains { $0.path.contains("bantuan-pangan") })
        // Earlier in February the expiring call for applicants is due too.
        let early = Schedule.upcoming(site: try #require(loaded), now: ZonedInstant.parse("2023-02-01T00:00:00+08:00")!)
        #expect(early.contains { $0.reason == "expires" && $0.path.hasSuffix("pendaftaran-duta-wisata-2023.md") && $0.instant.iso8601 == "2023-02-15T23:59:00+08:00" })
        // And the withdrawal of the stall registration, which takes effect by itself.
        #expect(early.contains { $0.reason == "withdrawn" && $0.path.hasSuffix("pendaftaran-stan-umkm-festival-layang-layang.md") && $0.instant.iso8601 == "2023-02-18T11:00:00+08:00" })
        // The flood watch in force comes down at its expiry; the parade notice goes up at its time.
        #expect(due.contains { $0.reason == "alert expires" && $0.path.hasSuffix("banjir-rob-pesisir-teluk.md") && $0.instant.iso8601 == "2023-02-23T18:00:00+08:00" })
        #expect(due.contains { $0.reason == "alert shows" && $0.path.hasSuffix("pengalihan-arus-pawai-budaya.md") && $0.instant.iso8601 == "2023-03-02T08:00:00+08:00" })
        #expect(due.contains { $0.reason == "alert expires" && $0.path.hasSuffix("pengalihan-arus-pawai-budaya.md") && $0.instant.iso8601 == "2023-03-04T12:00:00+08:00" })
        // The notice that expired before the clock is not due again.
        #expect(!due.contains { $0.path.contains("jalan-poros-bukit-lembah") })
        let later = Schedule.upcoming(site: try #require(loaded), now: ZonedInstant.parse("2024-01-01T00:00:00+08:00")!)
        #expect(later.isEmpty)
    }
}

/// A real rsync daemon on a free loopback port, with one writable module.
final class RsyncDaemon {
    let port: Int
    let process: Process

    init(module: String) throws {
        let folder = NSTemporaryDirectory() + "warta-rsyncd-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(probe, $0, &length) } }
        close(probe)
        port = Int(UInt16(bigEndian: bound.sin_port))
        try """
        use chroot = false
        pid file = \(folder)/rsyncd.pid
        log file = \(folder)/rsyncd.log
        [warta]
            path = \(module)
            read only = false
            uid = \(getuid())
            gid = \(getgid())
        """.write(toFile: folder + "/rsyncd.conf", atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessRunner.find("rsync") ?? "/usr/bin/rsync")
        process.arguments = ["--daemon", "--no-detach", "--address=127.0.0.1", "--port=\(port)", "--config=\(folder)/rsyncd.conf"]
        try process.run()
        // Wait until it listens.
        for _ in 0..<100 {
            let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var target = sockaddr_in()
            target.sin_family = sa_family_t(AF_INET)
            target.sin_port = in_port_t(UInt16(port).bigEndian)
            target.sin_addr.s_addr = inet_addr("127.0.0.1")
            let rc = withUnsafePointer(to: &target) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            close(s)
            if rc == 0 { return }
            usleep(50_000)
        }
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
