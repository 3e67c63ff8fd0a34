import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// Rebuilds with a cache (as the preview server does) redo only what an edit touches, and always
/// give the same bytes as a full build of the same files.
@Suite struct IncrementalBuildTests {
    static func sampleCopy() throws -> String { try SampleSite.copy(prefix: "warta-incr-") }

    func incremental(_ root: String, _ cache: BuildCache) -> BuildOptions {
        var options = TestSite.options(root: root, output: root + "-preview")
        options.cache = cache
        options.writerMode = .inPlace
        return options
    }

    /// The incremental output must equal a fresh full build, file for file.
    func expectSameAsFullBuild(_ root: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let full = temporaryFolder() + "/public"
        try await SiteBuilder.build(TestSite.options(root: root, output: full))
        let a = snapshot(root + "-preview"), b = snapshot(full)
        #expect(a.keys.sorted() == b.keys.sorted(), sourceLocation: sourceLocation)
        for (path, bytes) in b where a[path] != bytes {
            Issue.record("\(path) differs from a full build", sourceLocation: sourceLocation)
        }
    }

    @Test func editingOneReleaseRedoesOnlyWhatShowsIt() async throws {
        let root = try Self.sampleCopy()
        let cache = BuildCache()
        let first = try await SiteBuilder.build(incremental(root, cache))
        #expect(cache.lastRendered.count == first.files)

        // Nothing changed: nothing is rendered but the few small files made every time.
        try await SiteBuilder.build(incremental(root, cache))
        let everyTime: Set = ["robots.txt"]
        #expect(cache.lastRendered == everyTime, "\(cache.lastRendered.sorted())")

        let file = root + "/content/press/2023-02-16-peresmian-pabrik-pengolahan-ikan.md"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "Wali Kota Resmikan Pabrik", with: "Wali Kota Meresmikan Pabrik")
            .write(toFile: file, atomically: true, encoding: .utf8)
        try await SiteBuilder.build(incremental(root, cache))
        let redone = cache.lastRendered
        #expect(redone.contains("siaran-pers/2023/02/peresmian-pabrik-pengolahan-ikan/index.html"))
        #expect(redone.contains("siaran-pers/2023/02/peresmian-pabrik-pengolahan-ikan/index.txt"))
        #expect(redone.contains("siaran-pers/index.html"))
        #expect(redone.contains("dinas/dpmptsp/index.html"))
        #expect(redone.contains("feed.xml"))
        #expect(redone.contains("index.html"))
        // Pages that do not show it are left alone.
        #expect(!redone.contains("siaran-pers/2023/02/pawai-budaya-hut-ke-77/index.html"))
        #expect(!redone.contains("siaran-pers/2023/02/pawai-budaya-hut-ke-77/index.txt"))
        #expect(!redone.contains("dinas/dinkes/index.html"))
        #expect(!redone.contains("agenda/arsip/index.html"))
        #expect(!redone.contains("style.css"))
        #expect(redone.count < 30, "\(redone.count) outputs redone: \(redone.sorted())")
        try await expectSameAsFullBuild(root)
    }

    @Test func templateAndConfigChangesRedoEverythingThatUsesThem() async throws {
        let root = try Self.sampleCopy()
        let cache = BuildCache()
        try await SiteBuilder.build(incremental(root, cache))
        let base = root + "/site-templates/base.mustache"
        try (try String(contentsOfFile: base, encoding: .utf8)).replacingOccurrences(of: "<main id=\"isi\"", with: "<main data-uji=\"1\" id=\"isi\"")
            .write(toFile: base, atomically: true, encoding: .utf8)
        let report = try await SiteBuilder.build(incremental(root, cache))
        #expect(report.written > 60)
        try await expectSameAsFullBuild(root)

        // A template that only release pages use redoes only release pages.
        let releaseTemplate = root + "/site-templates/release.mustache"
        try (try String(contentsOfFile: releaseTemplate, encoding: .utf8)).replacingOccurrences(of: "<article class=\"item release\"", with: "<article class=\"item release\" data-uji=\"2\"")
            .write(toFile: releaseTemplate, atomically: true, encoding: .utf8)
        try await SiteBuilder.build(incremental(root, cache))
        let redone = cache.lastRendered.subtracting(["robots.txt", "sitemap.xml"])
        #expect(redone.count > 10 && redone.allSatisfy { $0.hasPrefix("siaran-pers/20") || $0.hasPrefix("en/press-releases/20") }, "\(redone.sorted())")
        try await expectSameAsFullBuild(root)

        // A new department name in site.yml reaches every page that names it.
        let config = root + "/site.yml"
        try (try String(contentsOfFile: config, encoding: .utf8)).replacingOccurrences(of: "name: Dinas Kesehatan", with: "name: Dinas Kesehatan Kota")
            .write(toFile: config, atomically: true, encoding: .utf8)
        try await SiteBuilder.build(incremental(root, cache))
        try await expectSameAsFullBuild(root)
    }

    @Test func addingDeletingAndMovingInTimeStayExact() async throws {
        let root = try Self.sampleCopy()
        let cache = BuildCache()
        try await SiteBuilder.build(incremental(root, cache))
        // A new release with a new tag, a deleted page, a changed event status.
        try release("title: Rilis Baru Sekali\ndate: 2023-02-21 08:00\ndepartment: dinkes\ntags: [topik-baru]")
            .write(toFile: root + "/content/press/2023-02-21-rilis-baru.md", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: root + "/content/pages/kebijakan-privasi.md")
        let event = root + "/content/events/2023-03-04-pawai-budaya-hut-ke-77.md"
        try (try String(contentsOfFile: event, encoding: .utf8)).replacingOccurrences(of: "start: 2023-03-04", with: "status: postponed\nstart: 2023-03-04")
            .write(toFile: event, atomically: true, encoding: .utf8)
        try await SiteBuilder.build(incremental(root, cache))
        #expect(!FileManager.default.fileExists(atPath: root + "-preview/kebijakan-privasi/index.html"))
        #expect(FileManager.default.fileExists(atPath: root + "-preview/topik/topik-baru/index.html"))
        try await expectSameAsFullBuild(root)

        // A broken file fails the build and leaves the preview as it was; fixing it catches up.
        try "---\ntitle: Rusak\n".write(toFile: root + "/content/press/rusak.md", atomically: true, encoding: .utf8)
        await #expect(throws: BuildFailure.self) { try await SiteBuilder.build(incremental(root, cache)) }
        try FileManager.default.removeItem(atPath: root + "/content/press/rusak.md")
        try await SiteBuilder.build(incremental(root, cache))
        try await expectSameAsFullBuild(root)
    }

    @Test func aWithdrawalRedoesWhatListedTheItemAndStaysExact() async throws {
        let root = try Self.sampleCopy()
        let cache = BuildCache()
        try await SiteBuilder.build(incremental(root, cache))
        let file = root + "/content/press/2023-02-16-peresmian-pabrik-pengolahan-ikan.md"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\ntitle: ", with: "\nwithdrawn:\n  date: 2023-02-20 10:00\n  reason: Uji pencabutan.\ntitle: ")
            .write(toFile: file, atomically: true, encoding: .utf8)
        try await SiteBuilder.build(incremental(root, cache))
        var redone = cache.lastRendered
        for output in ["siaran-pers/2023/02/peresmian-pabrik-pengolahan-ikan/index.html", "siaran-pers/index.html", "index.html", "feed.xml",
                       "dinas/dpmptsp/index.html", "dinas/dpmptsp/feed.xml", "topik/perikanan/index.html", "dinas/index.html", "topik/index.html",
                       "arsip/2023/index.html", "dicabut/index.html", "sitemap.xml"] {
            #expect(redone.contains(output), "\(output) still shows the release as listed")
        }
        #expect(!redone.contains("gone.map") && !redone.contains("ralat/index.html") && !redone.contains("dinas/dinkes/index.html"))
        try await expectSameAsFullBuild(root)

        // Its text taken down: the page, the list of gone URLs and the image it alone showed.
        let withdrawn = try String(contentsOfFile: file, encoding: .utf8)
        try withdrawn.replacingOccurrences(of: "  reason: Uji pencabutan.\n", with: "  reason: Uji pencabutan.\n  hide_body: true\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        try await SiteBuilder.build(incremental(root, cache))
        redone = cache.lastRendered
        #expect(redone.contains("gone.map") && redone.contains("siaran-pers/2023/02/peresmian-pabrik-pengolahan-ikan/index.html"))
        #expect(!FileManager.default.fileExists(atPath: root + "-preview/gambar/pabrik-ikan.svg"))
        try await expectSameAsFullBuild(root)
    }
}
