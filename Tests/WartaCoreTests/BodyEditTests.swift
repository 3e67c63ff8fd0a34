import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// The preview's quick rebuild (`BodyEdit`): a saved body is swapped into the last build without
/// loading the site again, and anything more than a body takes the full road. Either way the
/// preview folder must equal a fresh full build of the same files, byte for byte.
@Suite struct BodyEditTests {
    static let quick = "read the edited bodies"
    static let full = "load"

    struct Preview {
        let root: String
        let cache = BuildCache()
        var now = TestSite.sampleNow

        var output: String { root + "-preview" }

        /// A rebuild as the preview server runs it, told which files were saved; returns the road taken.
        func build(changed: Set<String>?) async throws -> String {
            var options = TestSite.options(root: root, now: now, output: output)
            options.cache = cache
            options.writerMode = .inPlace
            options.changedPaths = changed
            let report = try await SiteBuilder.build(options)
            return report.timings.map(\.stage).first { $0 == BodyEditTests.quick || $0 == BodyEditTests.full } ?? "?"
        }

        func expectSameAsFullBuild(sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
            let fresh = temporaryFolder() + "/public"
            try await SiteBuilder.build(TestSite.options(root: root, now: now, output: fresh))
            let a = snapshot(output), b = snapshot(fresh)
            #expect(a.keys.sorted() == b.keys.sorted(), sourceLocation: sourceLocation)
            for (path, bytes) in b where a[path] != bytes {
                Issue.record("\(path) differs from a full build", sourceLocation: sourceLocation)
            }
        }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let file = root + "/" + path
            try change(try String(contentsOfFile: file, encoding: .utf8)).write(toFile: file, atomically: true, encoding: .utf8)
        }
    }

    static let release = "content/press/2023-02-16-peresmian-pabrik-pengolahan-ikan.md"
    static let releasePage = "siaran-pers/2023/02/peresmian-pabrik-pengolahan-ikan/index.html"

    @Test func anEditedBodyIsSwappedInAndShowsEverywhere() async throws {
        let preview = Preview(root: try SampleSite.copy(prefix: "warta-body-"))
        #expect(try await preview.build(changed: nil) == Self.full)

        try preview.edit(Self.release) { $0 + "\nKalimat tambahan dari penyunting: penyerapan tenaga kerja dipantau tiap bulan.\n" }
        #expect(try await preview.build(changed: [Self.release]) == Self.quick)
        let page = try String(contentsOfFile: preview.output + "/" + Self.releasePage, encoding: .utf8)
        #expect(page.contains("penyerapan tenaga kerja dipantau tiap bulan"))
        // The full-text feed carries it too, and pages that do not show the release are kept.
        #expect(try String(contentsOfFile: preview.output + "/feed.xml", encoding: .utf8).contains("dipantau tiap bulan"))
        #expect(preview.cache.lastRendered.contains(Self.releasePage))
        #expect(!preview.cache.lastRendered.contains("siaran-pers/2023/02/pawai-budaya-hut-ke-77/index.html"))
        try await preview.expectSameAsFullBuild()

        // A second edit of the same body, building on the first quick one.
        try preview.edit(Self.release) { $0.replacingOccurrences(of: "Produk utama pabrik", with: "Produk andalan pabrik") }
        #expect(try await preview.build(changed: [Self.release]) == Self.quick)
        try await preview.expectSameAsFullBuild()
    }

    @Test func aTeaserTakenFromTheBodyChangesInEveryList() async throws {
        let preview = Preview(root: try SampleSite.copy(prefix: "warta-body-"))
        let path = "content/press/2023-02-18-tanpa-ringkasan.md"
        try "---\ntitle: Rilis Tanpa Ringkasan\ndate: 2023-02-18 09:00\ndepartment: dpmptsp\ntags: [ekonomi]\n---\nParagraf pembuka versi pertama.\n\nParagraf kedua.\n"
            .write(toFile: preview.root + "/" + path, atomically: true, encoding: .utf8)
        #expect(try await preview.build(changed: nil) == Self.full)
        try preview.edit(path) { $0.replacingOccurrences(of: "versi pertama", with: "versi kedua yang diperbaiki") }
        #expect(try await preview.build(changed: [path]) == Self.quick)
        let list = try String(contentsOfFile: preview.output + "/siaran-pers/index.html", encoding: .utf8)
        #expect(list.contains("versi kedua yang diperbaiki"))
        #expect(!list.contains("versi pertama"))
        try await preview.expectSameAsFullBuild()
    }

    @Test func anythingMoreThanABodyTakesTheFullBuild() async throws {
        var preview = Preview(root: try SampleSite.copy(prefix: "warta-body-"))
        #expect(try await preview.build(changed: nil) == Self.full)

        // The front matter: the title is in lists, the feed, the sitemap's neighbours.
        try preview.edit(Self.release) { $0.replacingOccurrences(of: "title: Wali Kota Resmikan", with: "title: Wali Kota Meresmikan") }
        #expect(try await preview.build(changed: [Self.release]) == Self.full)
        try await preview.expectSameAsFullBuild()

        // A new link in the body may bring a file with it.
        try preview.edit(Self.release) { $0 + "\nUnduh [formulir](/lampiran/formulir-usulan-musrenbang.pdf).\n" }
        #expect(try await preview.build(changed: [Self.release]) == Self.full)
        try await preview.expectSameAsFullBuild()

        // A new file, and a theme file, are never a body edit.
        let added = "content/press/2023-02-19-rilis-baru.md"
        try "---\ntitle: Rilis Baru\ndate: 2023-02-19 09:00\nsummary: Ringkasan.\n---\nIsi.\n".write(toFile: preview.root + "/" + added, atomically: true, encoding: .utf8)
        #expect(try await preview.build(changed: [added]) == Self.full)
        try preview.edit("site-templates/release.mustache") { $0.replacingOccurrences(of: "<article class=\"item release\"", with: "<article class=\"item release\" data-uji=\"1\"") }
        #expect(try await preview.build(changed: ["site-templates/release.mustache"]) == Self.full)
        try await preview.expectSameAsFullBuild()

        // A body with a warning is built in full, and so is the next edit (warnings are shown again).
        try preview.edit(added) { $0 + "\n<span>mentah</span>\n" }
        #expect(try await preview.build(changed: [added]) == Self.full)
        try preview.edit(added) { $0.replacingOccurrences(of: "<span>mentah</span>", with: "tidak lagi mentah") }
        #expect(try await preview.build(changed: [added]) == Self.full)
        try preview.edit(added) { $0 + "\nLagi.\n" }
        #expect(try await preview.build(changed: [added]) == Self.quick)
        try await preview.expectSameAsFullBuild()

        // The clock passing the sample's embargo changes more than a body.
        preview.now = "2023-02-22T10:00:00+08:00"
        try preview.edit(Self.release) { $0 + "\nSatu kalimat lagi.\n" }
        #expect(try await preview.build(changed: [Self.release]) == Self.full)
        try await preview.expectSameAsFullBuild()

        // A file named as saved but gone is the full build's to report.
        try FileManager.default.removeItem(atPath: preview.root + "/" + added)
        #expect(try await preview.build(changed: [added]) == Self.full)
        try await preview.expectSameAsFullBuild()
    }

    @Test func aWarningAboutAnotherFileStandsAndTheEditIsStillQuick() async throws {
        let preview = Preview(root: try SampleSite.copy(prefix: "warta-body-"))
        let warned = "content/press/2023-02-07-wifi-publik-gratis-45-titik.md"
        try preview.edit(warned) { $0 + "\nDi sini <span>mentah</span>.\n" }
        #expect(try await preview.build(changed: nil) == Self.full)
        try preview.edit(Self.release) { $0 + "\nKalimat tambahan.\n" }
        var options = TestSite.options(root: preview.root, output: preview.output)
        options.cache = preview.cache
        options.writerMode = .inPlace
        options.changedPaths = [Self.release]
        let report = try await SiteBuilder.build(options)
        #expect(report.bodiesOnly)
        #expect(!report.warnings.isEmpty && report.warnings.allSatisfy { $0.path == warned })
        try await preview.expectSameAsFullBuild()
        // The warned file itself takes the full road, which says whether its warning still holds.
        try preview.edit(warned) { $0.replacingOccurrences(of: "<span>mentah</span>", with: "matang") }
        #expect(try await preview.build(changed: [warned]) == Self.full)
    }

    @Test func aHiddenItemsBodyChangesNothingPublic() async throws {
        let preview = Preview(root: try SampleSite.copy(prefix: "warta-body-"))
        #expect(try await preview.build(changed: nil) == Self.full)
        let before = snapshot(preview.output)
        let draft = "content/press/2023-02-20-jadwal-bantuan-pangan-tahap-dua.md"
        try preview.edit(draft) { $0 + "\nKalimat rahasia dalam draf yang baru ditulis.\n" }
        #expect(try await preview.build(changed: [draft]) == Self.quick)
        #expect(snapshot(preview.output) == before)
        #expect(preview.cache.lastRendered.isSubset(of: ["robots.txt"]))
        try await preview.expectSameAsFullBuild()
    }
}
