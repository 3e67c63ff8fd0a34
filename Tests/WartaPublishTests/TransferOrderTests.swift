import Foundation
import Glibc
import Testing
import WartaCore
import WartaTestSupport
@testable import WartaPublish

/// A publish sends in dependency order, so that the target, between any two of its rsync runs,
/// serves no link to a file that is not there: the files and item pages first, then the pages
/// that link to them, deletions last.
extension PublishTests {
    @Test func eachPathGoesInThePassItsLinksNeed() {
        for path in ["siaran-pers/2023/02/kabar-baru/index.html", "siaran-pers/2023/02/kabar-baru/index.txt",
                     "en/events/2023/03/pawai/event.ics", "agenda/2023/03/pawai/index.html", "lampiran/jadwal.pdf",
                     "gambar/logo.svg", "style.css", "pagefind/pagefind.js", "pagefind/fragment/id_1.pf_fragment", ".warta-target"] {
            #expect(TransferOrder.pass(of: path) == .files, "\(path)")
        }
        for path in ["index.html", "en/index.html", "siaran-pers/index.html", "siaran-pers/halaman/2/index.html", "topik/umkm/index.html",
                     "agenda/2023/02/index.html", "arsip/2023/halaman/2/index.html", "dinas/setda/feed.xml", "feed.xml", "events.ics",
                     "sitemap.xml", "robots.txt", "gone.map", "404.html", "berita/pawai-budaya-hut-77/index.html", "tentang/index.html",
                     "alerts.xml", "pagefind/pagefind-entry.json", "INDEX.HTML"] {
            #expect(TransferOrder.pass(of: path) == .pages, "\(path)")
        }
    }

    /// A stand-in rsync, first on nothing but given to the publisher: it copies the target as it is
    /// when called (the state the previous run left), writes down its arguments, then runs the real one.
    func recordingRsync(target: String, calls: String) throws -> String {
        let rsync = try #require(ProcessRunner.find("rsync"))
        try FileManager.default.createDirectory(atPath: calls, withIntermediateDirectories: true)
        let script = calls + "/../rsync-recording"
        try """
        #!/bin/sh
        n=$(printf '%03d' "$(ls '\(calls)' | wc -l)")
        mkdir '\(calls)'/$n
        printf '%s\\n' "$@" > '\(calls)'/$n/args
        cp -a '\(target)/.' '\(calls)'/$n/target 2>/dev/null || mkdir -p '\(calls)'/$n/target
        exec '\(rsync)' "$@"
        """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        return script
    }

    @Test func aPublishSendsFilesThenPagesThenDeletesAndNeverServesABrokenLink() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        let calls = NSTemporaryDirectory() + "warta-rsync-calls-" + UUID().uuidString + "/calls"
        defer { PosixFile.removeTree(site); PosixFile.removeTree(target); PosixFile.removeTree((calls as NSString).deletingLastPathComponent) }
        _ = try await publish(site, to: target) { $0.initialize = true }
        _ = try await publish(site, to: target)

        // A new release with its attachment, and an old release (with its translation) gone.
        try FileManager.default.createDirectory(atPath: site + "/content/lampiran", withIntermediateDirectories: true)
        try Data("%PDF-1.4 kabar baru\n".utf8).write(to: URL(fileURLWithPath: site + "/content/lampiran/kabar-baru.pdf"))
        try """
        ---
        title: Kabar Baru dari Balai Kota
        date: 2023-02-20
        tags: [umkm]
        attachments:
          - file: /lampiran/kabar-baru.pdf
            title: Kabar baru (PDF)
        ---
        Isi kabar baru.
        """.write(toFile: site + "/content/press/2023-02-20-kabar-baru.md", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: site + "/content/press/2023-02-07-wifi-publik-gratis-45-titik.md")
        try FileManager.default.removeItem(atPath: site + "/content/press/2023-02-07-wifi-publik-gratis-45-titik.en.md")

        let rsync = try recordingRsync(target: target, calls: calls)
        var request = Publisher.Request(siteRoot: site, now: Self.now)
        request.destination = target
        let outcome = try await Publisher(rsync: rsync, clock: .fixed(Self.now)).publish(request)
        #expect(outcome.summary.added.contains("siaran-pers/2023/02/kabar-baru/index.html"))
        #expect(outcome.summary.deleted.contains("siaran-pers/2023/02/wifi-publik-gratis-45-titik/index.html"))

        // The marker check, the dry run, then the three passes in order.
        let runs = try FileManager.default.contentsOfDirectory(atPath: calls).sorted()
        let args = try runs.map { try String(contentsOfFile: calls + "/\($0)/args", encoding: .utf8).split(separator: "\n").map(String.init) }
        let passes = args.indices.filter { !args[$0].contains("--list-only") && !args[$0].contains("--dry-run") }
        try #require(passes.count == 3, "\(args)")
        #expect(args[passes[0]].contains { $0.hasPrefix("--files-from=") && $0.hasSuffix("pass-files") })
        #expect(args[passes[1]].contains { $0.hasPrefix("--files-from=") && $0.hasSuffix("pass-pages") })
        #expect(args[passes[2]].contains("--delete") && args[passes[2]].contains("--existing") && args[passes[2]].contains("--ignore-existing"))
        #expect(passes[0] > args.firstIndex { $0.contains("--dry-run") } ?? Int.max)

        // What the target held when each pass after the first began, and at the end.
        let base = try #require(SiteLoader.config(root: site).0?.baseURL)
        let afterFiles = calls + "/\(runs[passes[1]])/target", afterPages = calls + "/\(runs[passes[2]])/target"
        let home = { (folder: String) in (try? String(contentsOfFile: folder + "/index.html", encoding: .utf8)) ?? "" }
        let gone = "siaran-pers/2023/02/wifi-publik-gratis-45-titik/index.html"
        #expect(FileManager.default.fileExists(atPath: afterFiles + "/siaran-pers/2023/02/kabar-baru/index.html"))
        #expect(FileManager.default.fileExists(atPath: afterFiles + "/lampiran/kabar-baru.pdf"))
        #expect(!home(afterFiles).contains("Kabar Baru dari Balai Kota"), "a list page went in the first pass")
        #expect(home(afterPages).contains("Kabar Baru dari Balai Kota"))
        #expect(FileManager.default.fileExists(atPath: afterPages + "/" + gone), "a file was deleted before the pages linking to it changed")
        #expect(!FileManager.default.fileExists(atPath: target + "/" + gone))
        for (state, folder) in [("after the files", afterFiles), ("after the pages", afterPages), ("at the end", target)] {
            let broken = SiteChecks.run(output: folder, base: base, unmade: [SearchIndex.folder + "/"])
            #expect(broken.isEmpty, "\(state): \(broken.prefix(5))")
        }
    }
}
