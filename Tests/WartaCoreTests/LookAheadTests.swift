import Foundation
import Testing
@testable import WartaCore

/// The scheduled publish never stops by itself: what a coming instant would break is told by
/// `check` now, with the instant, and what a withdrawal or an expiry does to the site never leaves
/// a link to a page that is not built.
@Suite struct LookAheadTests {
    /// A release that will be withdrawn, the only one with the tag `topik-sekali`; a plain page of a
    /// council's theme links that tag's page by hand.
    static let files = [
        "content/press/2023-02-10-akan-dicabut.md": release("""
            title: Rilis Yang Akan Dicabut
            date: 2023-02-10 10:00
            tags: [kesehatan, topik-sekali]
            withdrawn:
              date: 2023-02-25 11:00
              reason: Data keliru.
            """),
        "content/press/2023-02-11-biasa.md": release("title: Rilis Biasa\ndate: 2023-02-11 10:00\ntags: [kesehatan]"),
    ]

    static func prepared(_ site: TestSite, now: String = TestSite.sampleNow) async throws -> PreparedSite {
        try await SiteBuilder.prepare(TestSite.options(root: site.root, now: now, output: site.output))
    }

    /// Every link of every page of a built folder that leads to no file of it, as publish finds them.
    static func brokenLinks(_ folder: String, base: String = "https://kota-uji.go.id/") throws -> [String] {
        let files = try PosixFile.walk(folder)
        let present = Set(files)
        var out: [String] = []
        for file in files where file.hasSuffix(".html") {
            let links = BuiltLinks.links(in: try PosixFile.read(folder + "/" + file), base: BaseURL(base)!)
            out += BuiltLinks.broken(links, present: present, unmade: ["pagefind/"]).map { "\(file) -> \($0.value)" }
        }
        return out
    }

    @Test func aWithdrawnItemsLastTagLeavesItsPageWithoutABrokenLink() async throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try await site.build(now: "2023-02-26T09:00:00+08:00")
        #expect(site.read("topik/topik-sekali/") == nil, "no listed item carries the tag any more")
        let page = try #require(site.read("siaran-pers/2023/02/akan-dicabut/"))
        #expect(page.contains("/topik/kesehatan/"), "a tag that still has its page is linked")
        #expect(!page.contains("/topik/topik-sekali/"))
        #expect(try Self.brokenLinks(site.output) == [])
        // Before the withdrawal the tag has its page and the release links it.
        try await site.build(now: "2023-02-24T09:00:00+08:00")
        #expect(try #require(site.read("siaran-pers/2023/02/akan-dicabut/")).contains("/topik/topik-sekali/"))
        #expect(try Self.brokenLinks(site.output) == [])
        #expect(await LookAhead.problems(try Self.prepared(site, now: "2023-02-24T09:00:00+08:00")).isEmpty)
    }

    @Test func aProblemOnlyAComingInstantBringsIsAnErrorNowWithItsInstant() async throws {
        var files = Self.files
        files["content/pages/topik-pilihan.md"] = "---\ntitle: Topik Pilihan\n---\nLihat topik pilihan kami.\n"
        let site = try TestSite(files)
        defer { site.cleanUp() }
        // A council's own theme: its page template links a topic by hand.
        let template = site.root + "/site-templates/page.mustache"
        let text = try String(contentsOfFile: template, encoding: .utf8)
        try text.replacingOccurrences(of: "{{{content}}}", with: "{{{content}}}\n<p><a href=\"/topik/topik-sekali/\">Topik sekali</a></p>")
            .write(toFile: template, atomically: true, encoding: .utf8)
        let prepared = try await Self.prepared(site, now: "2023-02-21T09:00:00+08:00")
        #expect(!prepared.warnings.contains { $0.severity == .error }, "nothing is wrong now")
        let problems = await LookAhead.problems(prepared)
        #expect(problems.count == 1, "\(problems.map(\.diagnostic))")
        let problem = try #require(problems.first)
        #expect(problem.due?.change == .withdrawn)
        #expect(problem.due?.path == "content/press/2023-02-10-akan-dicabut.md")
        #expect(problem.diagnostic.severity == .error)
        #expect(problem.diagnostic.path == "content/pages/topik-pilihan.md", "told at the item whose page holds the link")
        #expect(problem.diagnostic.message.hasPrefix(
            "from 2023-02-25 11:00 WITA, when the withdrawal of 'Rilis Yang Akan Dicabut' takes effect: the page /topik-pilihan/ links to /topik/topik-sekali/"),
            "\(problem.diagnostic.message)")
        // The build now is whole; the one at that instant is what publish would refuse.
        try await site.build(now: "2023-02-21T09:00:00+08:00")
        #expect(try Self.brokenLinks(site.output) == [])
        try await site.build(now: "2023-02-25T11:00:00+08:00")
        #expect(try Self.brokenLinks(site.output) == ["topik-pilihan/index.html -> /topik/topik-sekali/"])
        // Beyond the days looked at, nothing is said.
        #expect(await LookAhead.problems(prepared, days: 3).isEmpty)
    }

    @Test func aLinkWrittenInFullToTheSitesOwnAddressIsAnInternalLink() async throws {
        let site = try TestSite([
            "content/press/2023-02-20-umum.md": release("title: Rilis Umum\ndate: 2023-02-20 10:00", body: """
                Lihat [jadwal](https://KOTA-uji.go.id/lampiran/jadwal.pdf).

                Lihat [dokumen](//kota-uji.go.id/lampiran/tiada.pdf).

                Baca <https://kota-uji.go.id/siaran-pers/2023/02/rahasia/>.
                """),
            "content/press/2023-02-22-rahasia.md": release("title: Rilis Rahasia\ndate: 2023-02-22 10:00\npublish_at: 2023-02-22 10:00", body: """
                Unduh [lampiran rahasia](https://kota-uji.go.id/lampiran/rahasia.pdf).
                """),
            "content/events/2023-03-01-acara.md": """
                ---
                title: Acara Daftar
                start: 2023-03-01 09:00
                registration: https://kota-uji.go.id/lampiran/formulir-tiada.pdf
                ---
                Isi.
                """,
            "content/lampiran/jadwal.pdf": "%PDF-1.4 jadwal",
            "content/lampiran/rahasia.pdf": "%PDF-1.4 rahasia",
        ])
        defer { site.cleanUp() }
        let failures = await site.failures()
        let messages = failures.map { "\($0.path):\($0.line):\($0.column): \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("content/press/2023-02-20-umum.md:7:7: link to //kota-uji.go.id/lampiran/tiada.pdf leads to no page") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("content/press/2023-02-20-umum.md:9:6: link to https://kota-uji.go.id/siaran-pers/2023/02/rahasia/ leads to 'content/press/2023-02-22-rahasia.md', which readers cannot see yet") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("content/events/2023-03-01-acara.md:4:15: link to https://kota-uji.go.id/lampiran/formulir-tiada.pdf leads to no page") }, "\(messages)")
        #expect(failures.count == 3, "\(messages)")
        // Once the writer mends them, the embargoed release's file, linked in full, waits for it.
        try site.write("content/press/2023-02-20-umum.md", release("title: Rilis Umum\ndate: 2023-02-20 10:00", body: "Lihat [jadwal](https://KOTA-uji.go.id/lampiran/jadwal.pdf).\n"))
        try site.remove("content/events/2023-03-01-acara.md")
        try await site.build()
        #expect(FileManager.default.fileExists(atPath: site.output + "/lampiran/jadwal.pdf"))
        #expect(!FileManager.default.fileExists(atPath: site.output + "/lampiran/rahasia.pdf"), "held with its embargoed item")
        try await site.build(now: "2023-02-22T10:00:00+08:00")
        #expect(FileManager.default.fileExists(atPath: site.output + "/lampiran/rahasia.pdf"), "public with it")
    }

    @Test func onASiteUnderASubPathOnlyItsOwnPathOfTheHostIsInternal() {
        let written = WrittenAddress(host: "Kota-Uji.go.id", path: "/warta/")
        #expect(FileReferences.target(of: "https://kota-uji.go.id/warta/lampiran/x.pdf", written: written) == "/warta/lampiran/x.pdf")
        #expect(FileReferences.target(of: "//kota-uji.go.id/warta", written: written) == "/warta")
        #expect(FileReferences.target(of: "https://kota-uji.go.id/layanan/", written: written) == nil, "the city's portal beside the site")
        #expect(FileReferences.target(of: "https://lain.go.id/warta/x/", written: written) == nil)
        let root = WrittenAddress(host: "kota-uji.go.id", path: "/")
        #expect(FileReferences.target(of: "https://kota-uji.go.id/layanan/?q=1", written: root) == "/layanan/")
        #expect(FileReferences.target(of: "https://kota-uji.go.id", written: root) == "/")
    }

    @Test func aTranslationIsWithdrawnWithItsOriginalAndHidesWhatTheOriginalHides() async throws {
        let config = TestSite.defaultConfig + "\nlanguages: [id, en]\nabout: \"Kota Uji adalah kota contoh.\"\nmedia_contact:\n  name: Humas Kota Uji\n  email: humas@kota-uji.go.id\n"
        let site = try TestSite([
            "content/press/2023-02-10-rapat.md": release("""
                title: Rapat Dicabut
                date: 2023-02-10 10:00
                tags: [anggaran]
                withdrawn:
                  date: 2023-02-15 10:00
                  reason: Putusan pengadilan.
                  hide_body: true
                """, body: "Isi rapat yang disembunyikan.\n"),
            "content/press/2023-02-10-rapat.en.md": release("""
                title: Meeting Withdrawn
                date: 2023-02-10 10:00
                tags: [budget]
                withdrawn:
                  date: 2023-02-18 10:00
                  reason: Later reason.
                """, body: "Text of the hidden meeting.\n"),
            "content/press/2023-02-11-lain.md": release("title: Rilis Lain\ndate: 2023-02-11 10:00\ntags: [anggaran]"),
        ], config: config)
        defer { site.cleanUp() }
        try await site.build(now: "2023-02-16T09:00:00+08:00")
        let english = try #require(site.read("en/press-releases/2023/02/rapat/"))
        #expect(english.contains("notice-withdrawn"), "withdrawn with its original, before its own later date")
        #expect(!english.contains("Text of the hidden meeting"), "its text hidden as the original's")
        let original = try #require(site.read("siaran-pers/2023/02/rapat/"))
        for page in [original, english] {
            #expect(!page.contains("class=\"tags\"") && !page.contains("rel=\"tag\""), "no tags")
            #expect(!page.contains("humas@kota-uji.go.id"), "no media contact")
            #expect(!page.contains("kota contoh"), "no about text")
        }
        let text = try #require(site.read("siaran-pers/2023/02/rapat/index.txt"))
        #expect(!text.contains("humas@kota-uji.go.id") && !text.contains("kota contoh"))
        let feed = try #require(site.read("feed.xml"))
        let item = try #require(feed.components(separatedBy: "<item>").first { $0.contains("Rapat Dicabut") })
        #expect(!item.contains("<category>"), "no categories")
    }
}

/// The desk's check looks ahead at the text's own coming changes, as `check` does.
@Suite struct DeskLookAheadTests {
    @Test func anEmbargoedTextLinkingADraftIsRefusedForWhenItsEmbargoLifts() async throws {
        let site = try TestSite([
            "content/press/2023-02-20-draf.md": release("title: Rilis Draf\ndate: 2023-02-20 10:00\ndraft: true"),
        ])
        defer { site.cleanUp() }
        let text = release("title: Rilis Berembargo\ndate: 2023-02-22 10:00\npublish_at: 2023-02-22 10:00",
                           body: "Lihat [draf](/siaran-pers/2023/02/draf/).\n")
        let outcome = await DeskCheck.run(root: site.root, themeDirectory: site.root + "/site-templates", path: "content/press/2023-02-22-embargo.md",
                                          kind: .release, bytes: Array(text.utf8), now: ZonedInstant.parse(TestSite.sampleNow)!)
        #expect(outcome.errors.count == 1, "\(outcome.errors)")
        let error = try #require(outcome.errors.first)
        #expect(error.path == "content/press/2023-02-22-embargo.md" && error.line == 6 && error.column == 7)
        #expect(error.message.hasPrefix("from 2023-02-22 10:00 WITA, when the embargo of 'Rilis Berembargo' lifts: link to /siaran-pers/2023/02/draf/ leads to 'content/press/2023-02-20-draf.md', which readers cannot see yet"), "\(error.message)")
        // Without the embargo the same link is wrong now, and told once, without an instant.
        let now = release("title: Rilis Sekarang\ndate: 2023-02-20 10:00", body: "Lihat [draf](/siaran-pers/2023/02/draf/).\n")
        let plain = await DeskCheck.run(root: site.root, themeDirectory: site.root + "/site-templates", path: "content/press/2023-02-20-sekarang.md",
                                        kind: .release, bytes: Array(now.utf8), now: ZonedInstant.parse(TestSite.sampleNow)!)
        #expect(plain.errors.count == 1 && plain.errors.first?.message.hasPrefix("link to /siaran-pers/2023/02/draf/") == true, "\(plain.errors)")
    }
}
