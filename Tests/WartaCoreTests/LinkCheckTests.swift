import Foundation
import Testing
@testable import WartaCore

/// `check`, `build` and the preview refuse a body link that leads nowhere, located at the link in
/// the Markdown; likely mistakes are warnings that never stop a build.
@Suite struct LinkCheckTests {
    static let page = "---\ntitle: Tentang Kota\n---\nHalaman tentang kota.\n"

    /// A public release whose body links to a page, a release, an alias, a file, and to things
    /// that do not exist; a draft and a release it links to.
    func brokenLinkSite() throws -> TestSite {
        try TestSite([
            "content/pages/tentang.md": Self.page,
            "content/lampiran/jadwal.pdf": "%PDF-1.4\n",
            "content/press/2023-02-12-b.md": release("title: Rilis B\ndate: 2023-02-12\naliases: [\"/berita/b/\"]"),
            "content/press/2023-02-13-rahasia.md": release("title: Rilis Rahasia\ndate: 2023-02-13\ndraft: true", body: """
                Draf ini menaut [rilis B](/siaran-pers/2023/02/b/) dan [halaman lama](/halaman/lama/).
                """),
            "content/press/2023-02-10-a.md": release("title: Rilis A\ndate: 2023-02-10", body: """
                Paragraf pertama.

                Lihat [halaman BKPSDM](/halaman/bkpsdm/) dan [rilis B](/siaran-pers/2023/02/b/),
                [rilis lama](/berita/b/), [tentang](/tentang/) atau [beranda](/).
                Unduh [jadwal](/lampiran/jadwal.pdf), [jadwal lagi](../lampiran/jadwal.pdf) dan [rekap](/lampiran/rekap.pdf).

                - Rilis [berikutnya](/siaran-pers/2023/02/rahasia/) belum terbit.
                - ![Peta kota](../../../../gambar/peta.png) dan [surel](mailto:humas@kota-uji.go.id).
                """),
        ])
    }

    @Test func aLinkToNothingIsAnErrorAtItsPlaceInTheMarkdown() async throws {
        let site = try brokenLinkSite()
        defer { site.cleanUp() }
        let problems = await site.failures()
        let found = problems.map { "\($0.path):\($0.line):\($0.column): \($0.severity.rawValue): \($0.message)" }
        // The body of a.md starts on line 5 (the draft's on line 6); each at its `[` or `![`.
        let a = "content/press/2023-02-10-a.md"
        #expect(found == [
            "\(a):7:7: error: link to /halaman/bkpsdm/ leads to no page of the site",
            "\(a):9:81: error: link to /lampiran/rekap.pdf leads to no page of the site",
            "\(a):11:9: error: link to /siaran-pers/2023/02/rahasia/ leads to 'content/press/2023-02-13-rahasia.md', which readers cannot see yet (it is a draft); it would be a broken link on the published page",
            "\(a):12:3: error: image to ../../../../gambar/peta.png leads to no file of the site",
            // A draft may link to another hidden item, never to nothing (it may go public later).
            "content/press/2023-02-13-rahasia.md:6:56: error: link to /halaman/lama/ leads to no page of the site",
        ], "\(found.joined(separator: "\n"))")
    }

    @Test func linksThatLandAreFineUnderABasePathAndInAPreviewWithDrafts() async throws {
        let site = try brokenLinkSite()
        defer { site.cleanUp() }
        // Mend the links to nothing: what is left must pass.
        let a = "content/press/2023-02-10-a.md"
        let text = try String(contentsOfFile: site.root + "/" + a, encoding: .utf8)
        try site.write(a, text.replacingOccurrences(of: "/halaman/bkpsdm/", with: "/tentang/")
            .replacingOccurrences(of: "rekap.pdf", with: "jadwal.pdf").replacingOccurrences(of: "peta.png", with: "peta.svg"))
        try site.write("content/gambar/peta.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        try site.write("content/press/2023-02-13-rahasia.md", release("title: Rilis Rahasia\ndate: 2023-02-13\ndraft: true", body: "Draf.\n"))
        // Still a draft: the link to it is the only error left.
        #expect(await site.failures().map(\.line) == [11])
        // In a preview with drafts it is shown, so the link lands.
        let report = try await site.build(drafts: true)
        #expect(!report.warnings.contains { $0.severity == .error })
        // Public, under a base path: links written with the base path or from the root both land.
        try site.write("content/press/2023-02-13-rahasia.md", release("title: Rilis Rahasia\ndate: 2023-02-13", body: "Kembali ke [rilis A](/kota/siaran-pers/2023/02/a/).\n"))
        try site.write("site.yml", TestSite.defaultConfig.replacingOccurrences(of: "https://kota-uji.go.id/", with: "https://kota-uji.go.id/kota/"))
        let built = try await site.build()
        #expect(built.warnings.isEmpty, "\(built.warnings)")
    }

    /// Images without alt text, a date a year from the clock, one slug in two months, one title twice:
    /// warnings at their lines, and the site is built.
    @Test func likelyMistakesAreLocatedWarningsThatNeverStopTheBuild() async throws {
        let site = try TestSite([
            "content/gambar/foto.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "content/press/2023-02-10-foto.md": release("title: Foto Kegiatan\ndate: 2023-02-10", body: """
                Foto pertama:

                ![](/gambar/foto.svg) dan ![  ](/gambar/foto.svg) dan ![Wali kota](/gambar/foto.svg).
                """),
            // A year typed wrong, in the past and ahead; an old release of the archive is no mistake.
            "content/press/2023-02-10-lama.md": release("title: Rilis Lama\ndate: 2022-02-10"),
            "content/press/2025-03-01-jauh.md": release("title: Rilis Jauh\ndate: 2025-03-01"),
            "content/press/2020-05-01-arsip.md": release("title: Rilis Arsip\ndate: 2020-05-01"),
            "content/press/2023-01-05-rapat.md": release("title: Rapat Januari\ndate: 2023-01-05"),
            "content/press/2023-02-05-rapat.md": release("title: Rapat Februari\ndate: 2023-02-05"),
            "content/press/2023-02-06-sama.md": release("title: Foto kegiatan\ndate: 2023-02-06"),
        ])
        defer { site.cleanUp() }
        let report = try await site.build()
        let found = report.warnings.sorted().map { "\($0.path):\($0.line):\($0.column): \($0.severity.rawValue)" }
        #expect(found == [
            "content/press/2023-02-05-rapat.md:3:7: warning",
            "content/press/2023-02-10-foto.md:2:8: warning",
            "content/press/2023-02-10-foto.md:7:1: warning",
            "content/press/2023-02-10-foto.md:7:27: warning",
            "content/press/2023-02-10-lama.md:3:7: warning",
            "content/press/2025-03-01-jauh.md:3:7: warning",
        ], "\(report.warnings)")
        let messages = report.warnings.sorted().map(\.message)
        #expect(messages[0].contains("the slug 'rapat' is used by 'content/press/2023-01-05-rapat.md' in another month"))
        #expect(messages[1].contains("'content/press/2023-02-06-sama.md' has the same title"))
        #expect(messages[2].contains("has no alt text") && messages[3].contains("has no alt text"))
        #expect(messages[4] == "'date' (2022-02-10T00:00:00+08:00) is a year or more before the build clock (2023-02-21T09:00:00+08:00); check the year")
        #expect(messages[5].contains("a year or more after the build clock"))
        // Built all the same: the page with the bare images is there.
        #expect(site.read("siaran-pers/2023/02/foto/")?.contains("alt=\"Wali kota\"") == true)
    }

    /// With the cache on disk, an unchanged release comes back from the cache, links and all: when
    /// the page it links to goes, its link is reported at its line all the same.
    @Test func aCachedItemsLinkIsCheckedWhenItsTargetGoes() async throws {
        let site = try TestSite([
            "content/pages/tentang.md": Self.page,
            "content/press/2023-02-10-a.md": release("title: Rilis A\ndate: 2023-02-10", body: "Lihat [tentang kota](/tentang/).\n"),
        ])
        defer { site.cleanUp() }
        #expect(try await site.cachedBuild().warnings.isEmpty)
        #expect(try await site.cachedBuild().written == 0, "nothing changed: the cache was used")
        try site.remove("content/pages/tentang.md")
        do {
            _ = try await site.cachedBuild()
            Issue.record("a link to a removed page was built")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["content/press/2023-02-10-a.md:5:7: error: link to /tentang/ leads to no page of the site"])
        }
    }

    /// The preview's quick rebuild reads only bodies: one that loses an image's alt text (the same
    /// link targets) must still be reported, by the full build.
    @Test func aBodyEditThatDropsAltTextIsReportedByThePreview() async throws {
        let site = try TestSite([
            "content/gambar/foto.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "content/press/2023-02-10-foto.md": release("title: Foto\ndate: 2023-02-10", body: "![Wali kota](/gambar/foto.svg)\n"),
        ])
        defer { site.cleanUp() }
        let cache = BuildCache()
        func preview(_ changed: Set<String>?) async throws -> BuildReport {
            var options = TestSite.options(root: site.root, now: TestSite.sampleNow, output: site.output)
            options.cache = cache
            options.writerMode = .inPlace
            options.changedPaths = changed
            return try await SiteBuilder.build(options)
        }
        #expect(try await preview(nil).warnings.isEmpty)
        // A body edit with the same targets and no problem is the quick one...
        try site.write("content/press/2023-02-10-foto.md", release("title: Foto\ndate: 2023-02-10", body: "![Wali kota tersenyum](/gambar/foto.svg)\n"))
        #expect(try await preview(["content/press/2023-02-10-foto.md"]).bodiesOnly)
        // ...and one that drops the alt text is not: its warning is shown.
        try site.write("content/press/2023-02-10-foto.md", release("title: Foto\ndate: 2023-02-10", body: "![](/gambar/foto.svg)\n"))
        let report = try await preview(["content/press/2023-02-10-foto.md"])
        #expect(!report.bodiesOnly)
        #expect(report.warnings.map { "\($0.line):\($0.column)" } == ["5:1"] && report.warnings.first?.message.contains("alt text") == true)
    }

    @Test func aBrokenLinkNamesTheNearestPageAndItsColumnCountsCharacters() async throws {
        let site = try TestSite([
            "content/press/2023-02-12-pasar-murah.md": release("title: Pasar Murah\ndate: 2023-02-12"),
            "content/press/2023-02-10-a.md": release("title: Rilis A\ndate: 2023-02-10", body: """
                Lihat “rilis” Dinas – [pasar murah](/siaran-pers/2023/02/pasar-mura/) dan [bulan lain](/siaran-pers/2023/03/pasar-murah/).

                Juga [jauh sekali](/halaman-yang-tidak-ada/).
                """),
        ])
        defer { site.cleanUp() }
        let found = await site.failures().map(\.description)
        // Before the `[`: 22 characters, 28 bytes (the curly quotes and the dash take three bytes each).
        #expect(found == [
            "content/press/2023-02-10-a.md:5:23: error: link to /siaran-pers/2023/02/pasar-mura/ leads to no page of the site; did you mean /siaran-pers/2023/02/pasar-murah/?",
            "content/press/2023-02-10-a.md:5:75: error: link to /siaran-pers/2023/03/pasar-murah/ leads to no page of the site; did you mean /siaran-pers/2023/02/pasar-murah/?",
            "content/press/2023-02-10-a.md:7:6: error: link to /halaman-yang-tidak-ada/ leads to no page of the site",
        ], "\(found)")
    }
}
