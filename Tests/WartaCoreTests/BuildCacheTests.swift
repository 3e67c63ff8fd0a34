import Foundation
import Synchronization
import Testing
import WartaTestSupport
@testable import WartaCore

/// The build cache kept on disk between runs (`.warta/cache/`): every cached build gives the same
/// bytes as a clean build without it, whatever happened in between, and a build with nothing to do
/// writes nothing at all.
@Suite struct BuildCacheTests {
    /// A build as `warta build` runs it: a new process, so a cache read fresh from disk.
    func cachedBuild(_ root: String, now: String) async throws -> BuildReport {
        var options = TestSite.options(root: root, now: now, output: root + "/public")
        options.cache = BuildCache.persistent(for: options)
        return try await SiteBuilder.build(options)
    }

    func expectSameAsCleanBuild(_ root: String, now: String, _ step: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let clean = temporaryFolder()
        defer { PosixFile.removeTree(clean) }
        try await SiteBuilder.build(TestSite.options(root: root, now: now, output: clean + "/public"))
        let cached = snapshot(root + "/public"), expected = snapshot(clean + "/public")
        #expect(cached.keys.sorted() == expected.keys.sorted(), "\(step): other files", sourceLocation: sourceLocation)
        for (path, bytes) in expected where cached[path] != bytes {
            Issue.record("\(step): \(path) differs from a clean build", sourceLocation: sourceLocation)
        }
    }

    func edit(_ path: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old), "\(path) has no '\(old)'")
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// After an edit, the blocks of the file whose entries did not change are written back as
    /// they were read: the file must be the one a fresh encoding of the same state gives.
    @Test func aCacheFileWrittenFromReusedBlocksIsTheFileAFreshEncodingGives() async throws {
        let root = try SampleSite.copy(prefix: "warta-cache-")
        defer { PosixFile.removeTree(root) }
        let now = "2023-02-21T09:00:00+08:00"
        try await cachedBuild(root, now: now)
        try await cachedBuild(root, now: now)  // the cards too, now read from the file
        try edit(root + "/content/press/2023-02-16-peresmian-pabrik-pengolahan-ikan.md", "Wali Kota Resmikan Pabrik", "Wali Kota Meresmikan Pabrik")
        var options = TestSite.options(root: root, now: now, output: root + "/public")
        let cache = BuildCache.persistent(for: options)
        let read = try #require(cache.state.withLock { $0.read }, "the cache file was read")
        #expect(read.files.count > 1 && read.cards.count > 1, "the sections are in several blocks")
        options.cache = cache
        try await SiteBuilder.build(options)
        let file = try #require(cache.file)
        let written = try PosixFile.read(file)
        var state = try BuildCache.decode(written)
        #expect(state.loaded["content/press/2023-02-16-peresmian-pabrik-pengolahan-ikan.md"]?.item?.title.hasPrefix("Wali Kota Meresmikan Pabrik") == true)
        state.read = nil
        #expect(BuildCache.encode(state) == written)
    }

    @Test func cachedBuildsEqualCleanBuildsThroughEditsTemplatesSettingsAndTime() async throws {
        let root = try SampleSite.copy(prefix: "warta-cache-")
        defer { PosixFile.removeTree(root) }
        let steps: [(now: String, name: String, change: () throws -> Void)] = [
            ("2023-02-15T23:00:00+08:00", "first build", {}),
            ("2023-02-16T00:00:00+08:00", "the call for applicants expires", {}),
            ("2023-02-21T09:00:00+08:00", "a release is edited", {
                try edit(root + "/content/press/2023-02-16-peresmian-pabrik-pengolahan-ikan.md", "Wali Kota Resmikan Pabrik", "Wali Kota Meresmikan Pabrik")
            }),
            ("2023-02-21T09:00:00+08:00", "a page is deleted", {
                try FileManager.default.removeItem(atPath: root + "/content/pages/kebijakan-privasi.md")
            }),
            ("2023-02-21T09:00:00+08:00", "a release with a new tag is added", {
                try release("title: Rilis Baru Sekali\ndate: 2023-02-21 08:00\ndepartment: dinkes\ntags: [topik-baru]")
                    .write(toFile: root + "/content/press/2023-02-21-rilis-baru.md", atomically: true, encoding: .utf8)
            }),
            ("2023-02-21T09:00:00+08:00", "a release is withdrawn", {
                try edit(root + "/content/press/2023-02-07-wifi-publik-gratis-45-titik.md", "\ntitle: ",
                         "\nwithdrawn: {date: 2023-02-21 08:00, reason: Uji pencabutan.}\ntitle: ")
            }),
            ("2023-02-21T09:00:00+08:00", "a correction is added", {
                try edit(root + "/content/press/2023-02-09-pertemuan-wali-kota-kadin.md", "\ntitle: ",
                         "\ncorrections:\n  - {date: 2023-02-21 08:30, note: Uji ralat.}\ntitle: ")
            }),
            ("2023-02-21T09:00:00+08:00", "a withdrawal that removes the text is set for tomorrow", {
                try edit(root + "/content/press/2023-02-16-peresmian-pabrik-pengolahan-ikan.md", "\ntitle: ",
                         "\nwithdrawn: {date: 2023-02-22 09:30, reason: Uji putusan., hide_body: true}\ntitle: ")
            }),
            ("2023-02-21T09:00:00+08:00", "the release template changes", {
                try edit(root + "/site-templates/release.mustache", "<article class=\"item release\"", "<article class=\"item release\" data-uji=\"1\"")
            }),
            ("2023-02-21T09:00:00+08:00", "the card partial changes", {
                try edit(root + "/site-templates/partials/summary.mustache", "</h{{headingLevel}}>", "</h{{headingLevel}}><!-- kartu -->")
            }),
            ("2023-02-21T09:00:00+08:00", "site.yml renames a department", {
                try edit(root + "/site.yml", "name: {id: Dinas Kesehatan, en: Health Department}", "name: {id: Dinas Kesehatan Kota, en: City Health Office}")
            }),
            ("2023-02-21T09:00:00+08:00", "site.yml changes the city, the default media contact and a tag name", {
                try edit(root + "/site.yml", "city: Wiramaya", "city: Kota Wiramaya")
                try edit(root + "/site.yml", "  name: Nurhayati Lamato, S.Sos., M.Si.\n  role: Kepala Bagian", "  name: Rahmat Hidayat\n  role: Kepala Bagian")
                try edit(root + "/site.yml", "umkm: UMKM", "umkm: Usaha Mikro, Kecil, dan Menengah")
            }),
            ("2023-02-21T09:00:00+08:00", "a release's number and notes to editors change", {
                let file = root + "/content/press/2023-02-17-pemantauan-harga-bahan-pokok.md"
                try edit(file, "nomor: 027/HUMAS-SETDA/II/2023", "nomor: 028/HUMAS-SETDA/II/2023")
                try edit(file, "3. Foto pemantauan", "3. Foto-foto pemantauan")
            }),
            ("2023-02-21T09:00:00+08:00", "an English translation is added: its original now links to it", {
                try release("title: Prices of Staple Foods Checked\ndate: 2023-02-17 10:00\ndepartment: dinkes")
                    .write(toFile: root + "/content/press/2023-02-17-pemantauan-harga-bahan-pokok.en.md", atomically: true, encoding: .utf8)
            }),
            ("2023-02-21T09:00:00+08:00", "an original is embargoed: its translation goes with it", {
                try edit(root + "/content/press/2023-02-14-pawai-budaya-hut-ke-77.md", "\ntitle: ", "\npublish_at: 2023-02-22 09:00\ntitle: ")
            }),
            ("2023-02-21T09:00:00+08:00", "the English translation table changes", {
                try edit(root + "/site-templates/i18n/en.yml", "readMore: \"Read more\"", "readMore: \"Read on\"")
                try edit(root + "/site-templates/i18n/en.yml", "pressReleases: \"Press releases\"", "pressReleases: \"News releases\"")
            }),
            ("2023-02-21T12:00:01+08:00", "the service day ends", {}),
            ("2023-02-22T10:00:00+08:00", "the embargo lifts and the withdrawal takes the text down", {}),
            ("2023-02-22T10:00:00+08:00", "an attachment changes", {
                try Data("%PDF baru".utf8).write(to: URL(fileURLWithPath: root + "/content/lampiran/rekapitulasi-penilaian-kla-2023.pdf"))
            }),
            ("2023-02-23T17:59:59+08:00", "the flood watch is corrected", {
                try edit(root + "/content/alerts/2023-02-21-banjir-rob-pesisir-teluk.md", "mencapai 2,6 meter", "mencapai 2,7 meter")
            }),
            ("2023-02-23T18:00:00+08:00", "the flood watch expires", {}),
            ("2023-03-02T08:00:00+08:00", "the parade notice shows", {}),
            ("2023-03-05T08:00:00+08:00", "a month later", {}),
        ]
        for step in steps {
            try step.change()
            try await cachedBuild(root, now: step.now)
            try await expectSameAsCleanBuild(root, now: step.now, step.name)
        }
    }

    @Test func aBuildWithNothingToDoWritesNoFile() async throws {
        let root = try SampleSite.copy(prefix: "warta-cache-")
        defer { PosixFile.removeTree(root) }
        let now = TestSite.sampleNow
        let first = try await cachedBuild(root, now: now)
        #expect(first.written == first.files)
        func stamps() -> [String: PosixFile.Info] {
            var out: [String: PosixFile.Info] = [:]
            for folder in ["public", ".warta"] {
                for file in (try? PosixFile.walk(root + "/" + folder)) ?? [] { out[folder + "/" + file] = PosixFile.info(root + "/" + folder + "/" + file) }
                out[folder] = PosixFile.info(root + "/" + folder)
            }
            return out
        }
        let before = stamps()
        #expect(before.keys.contains { $0.hasPrefix(".warta/cache/") })
        let again = try await cachedBuild(root, now: now)
        #expect(again.written == 0 && again.unchanged == again.files)
        #expect(stamps() == before, "a build with nothing to do touched a file")
    }

    /// One warning anywhere must not cost every build its quick way out: the warnings are kept and
    /// shown again by the build that does nothing.
    @Test func aBuildWithNothingToDoShowsTheLastBuildsWarnings() async throws {
        let root = try SampleSite.copy(prefix: "warta-cache-")
        defer { PosixFile.removeTree(root) }
        let path = "content/press/2023-02-16-peresmian-pabrik-pengolahan-ikan.md"
        let file = root + "/" + path
        try (try String(contentsOfFile: file, encoding: .utf8) + "\nDi sini <span>mentah</span>.\n").write(toFile: file, atomically: true, encoding: .utf8)
        let first = try await cachedBuild(root, now: TestSite.sampleNow)
        #expect(!first.warnings.isEmpty && first.warnings.allSatisfy { $0.path == path })
        let again = try await cachedBuild(root, now: TestSite.sampleNow)
        #expect(again.timings.map(\.stage) == ["nothing to do"])
        #expect(again.warnings.map(\.description) == first.warnings.sorted().map(\.description))
    }

    @Test func anOutputFolderChangedByHandOrACorruptCacheIsBuiltWhole() async throws {
        let root = try SampleSite.copy(prefix: "warta-cache-")
        defer { PosixFile.removeTree(root) }
        let now = TestSite.sampleNow
        try await cachedBuild(root, now: now)
        // public/ removed and made again by hand: nothing in it can be trusted.
        PosixFile.removeTree(root + "/public")
        try FileManager.default.createDirectory(atPath: root + "/public", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/public/" + OutputWriter.marker))
        try await cachedBuild(root, now: now)
        try await expectSameAsCleanBuild(root, now: now, "public/ replaced")
        // The cache file damaged: it is ignored, never trusted.
        let cacheFolder = root + "/.warta/cache"
        for name in try PosixFile.list(cacheFolder) {
            var bytes = try PosixFile.read(cacheFolder + "/" + name)
            for i in stride(from: 40, to: bytes.count, by: 97) { bytes[i] ^= 0x5A }
            try Data(bytes).write(to: URL(fileURLWithPath: cacheFolder + "/" + name))
        }
        try edit(root + "/content/press/2023-02-16-peresmian-pabrik-pengolahan-ikan.md", "Wali Kota Resmikan Pabrik", "Wali Kota Meresmikan Pabrik")
        try await cachedBuild(root, now: now)
        try await expectSameAsCleanBuild(root, now: now, "corrupt cache")
    }

    @Test func aBuildStopsAtOnceOnlyUntilTheClockChangesSomething() async throws {
        let root = try SampleSite.copy(prefix: "warta-cache-")
        defer { PosixFile.removeTree(root) }
        try await cachedBuild(root, now: "2023-02-21T09:00:00+08:00")
        // The weekly service day ends at noon: until then nothing the clock decides changes.
        let quiet = try await cachedBuild(root, now: "2023-02-21T11:59:59+08:00")
        #expect(quiet.timings.map(\.stage) == ["nothing to do"] && quiet.written == 0)
        let noon = try await cachedBuild(root, now: "2023-02-21T12:00:00+08:00")
        #expect(noon.timings.map(\.stage).contains("load"))
        try await expectSameAsCleanBuild(root, now: "2023-02-21T12:00:00+08:00", "the service day ended")
        // A clock set back is never inside the stretch, nor is a touched file.
        #expect(try await cachedBuild(root, now: "2023-02-21T08:00:00+08:00").timings.map(\.stage) != ["nothing to do"])
        try await cachedBuild(root, now: "2023-02-21T12:00:00+08:00")
        let page = root + "/content/pages/tentang.md"
        try (try String(contentsOfFile: page, encoding: .utf8) + "\nSatu kalimat lagi.\n").write(toFile: page, atomically: true, encoding: .utf8)
        #expect(try await cachedBuild(root, now: "2023-02-21T12:00:01+08:00").timings.map(\.stage) != ["nothing to do"])
        try await expectSameAsCleanBuild(root, now: "2023-02-21T12:00:01+08:00", "a page was edited")
    }
}
