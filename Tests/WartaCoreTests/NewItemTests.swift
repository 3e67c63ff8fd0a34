import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// `warta new`'s files, made by the real `NewItem.create` in real site folders: every field the
/// loader accepts is there (filled or as a comment in the site's language), each comment turned
/// into a field on its own still loads, and the URL printed is the one the build writes.
@Suite struct NewItemTests {
    static let now = ZonedInstant.parse(TestSite.sampleNow)!

    static func englishConfig() -> String {
        TestSite.defaultConfig.replacingOccurrences(of: "language: id", with: "language: en")
    }

    func make(_ site: TestSite, _ kind: ItemKind, _ title: String, start: String? = nil, date: String? = nil, draft: Bool = true) async throws -> NewItem.Created {
        var request = NewItem.Request(kind: kind, title: title, now: Self.now)
        request.start = start
        request.date = date
        request.draft = draft
        return try await NewItem.create(siteRoot: site.root, request)
    }

    /// The example text replaced by the writer's own (after `dateline`, when the body starts with one).
    func ownText(_ site: TestSite, _ path: String, keeping dateline: String = "") throws {
        let text = try String(contentsOfFile: site.root + "/" + path, encoding: .utf8)
        let front = text.components(separatedBy: "\n---\n")[0]
        try (front + "\n---\n" + dateline + "Wali kota membuka rapat koordinasi.\n").write(toFile: site.root + "/" + path, atomically: true, encoding: .utf8)
    }

    /// The keys written as comments (`# key:` at the start of a line), and the filled ones.
    func keys(_ text: String) -> (commented: [String], filled: [String]) {
        let front = text.components(separatedBy: "\n---\n")[0].split(separator: "\n").dropFirst()
        func key(_ line: Substring) -> String? {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon]
            return !name.isEmpty && name.allSatisfy({ $0.isLetter || $0 == "_" }) ? String(name) : nil
        }
        return (front.compactMap { $0.hasPrefix("# ") ? key($0.dropFirst(2)) : nil }, front.compactMap(key))
    }

    @Test(arguments: [(ItemKind.release, "2023-02-21 09:00"), (.event, "2023-03-08 09:00"), (.event, "2023-03-08"), (.page, "")],
          [false, true])
    func everyFieldIsThereAndEachCommentLoadsAlone(_ kindAndStart: (ItemKind, String), _ english: Bool) async throws {
        let (kind, start) = kindAndStart
        let site = try TestSite([:], config: english ? Self.englishConfig() : TestSite.defaultConfig)
        defer { site.cleanUp() }
        let created = try await make(site, kind, "Rapat Koordinasi: Tahap Dua", start: kind == .event ? start : nil)
        let text = try String(contentsOfFile: site.root + "/" + created.path, encoding: .utf8)
        let (commented, filled) = keys(text)
        let allowed = FieldTable.names(kind)
        #expect(Set(commented).isDisjoint(with: filled), "\(commented) \(filled)")
        #expect((commented + filled).sorted() == allowed.sorted(), "\(text)")
        // The comments are in the site's language.
        #expect(text.contains(english ? "# Optional fields:" : "# Kolom pilihan:"))
        #expect(text.contains(english ? "media contact" : "kontak media"))
        #expect(!text.contains(english ? "kontak media" : "media contact"))

        // Each commented field, its "# " removed (and its indented lines'), loads without an error;
        // `all_day` only makes sense with a start written as a date.
        let config = try #require(SiteLoader.config(root: site.root).0)
        let lines = text.components(separatedBy: "\n")
        for key in commented where !(key == "all_day" && start.contains(":")) {
            var edited = lines
            let first = try #require(lines.firstIndex { $0.hasPrefix("# \(key):") })
            var i = first
            repeat {
                edited[i] = String(edited[i].dropFirst(2))
                i += 1
            } while lines[i].hasPrefix("#   ")
            let bytes = Array(edited.joined(separator: "\n").utf8)
            let (item, problems) = ItemLoader(config: config).load(bytes: bytes, path: created.path, kind: kind)
            #expect(item != nil && problems.isEmpty, "uncommenting '\(key)': \(problems)")
        }
    }

    @Test func theURLPrintedIsTheOneBuiltAndTheDateIsTodayInTheSiteZone() async throws {
        let site = try TestSite([:])
        defer { site.cleanUp() }
        // 23:30 UTC on the 20th is already the 21st in WITA (UTC+8).
        var request = NewItem.Request(kind: .release, title: "Pengumuman Ujian Çakap Ñarasi", now: ZonedInstant.parse("2023-02-20T23:30:45Z")!)
        request.department = "dinkes"
        request.draft = false
        let created = try await NewItem.create(siteRoot: site.root, request)
        try ownText(site, created.path)
        #expect(created.path == "content/press/2023-02-21-pengumuman-ujian-cakap-narasi.md")
        #expect(created.url == "https://kota-uji.go.id/siaran-pers/2023/02/pengumuman-ujian-cakap-narasi/")
        #expect(created.publicFrom == nil)
        let text = try String(contentsOfFile: site.root + "/" + created.path, encoding: .utf8)
        #expect(text.hasPrefix("---\ntitle: Pengumuman Ujian Çakap Ñarasi\ndate: 2023-02-21 07:30\ndepartment: dinkes\n"), "\(text)")
        try await site.build(now: "2023-02-21T07:30:45+08:00")
        #expect(site.read("siaran-pers/2023/02/pengumuman-ujian-cakap-narasi/")?.contains("Pengumuman Ujian Çakap Ñarasi") == true)

        // A later --date: the file says so, and it is public from then.
        let later = try await make(site, .release, "Jadwal Berikutnya", date: "2023-03-01 10:00", draft: false)
        #expect(later.path == "content/press/2023-03-01-jadwal-berikutnya.md")
        #expect(later.publicFrom?.iso8601 == "2023-03-01T10:00:00+08:00")
    }

    @Test func aReleaseLeavesTheDatelineToTheSiteWhenSiteYmlNamesTheCity() async throws {
        let site = try TestSite([:], config: TestSite.defaultConfig + "\ncity: Kota Uji\n")
        defer { site.cleanUp() }
        let created = try await make(site, .release, "Rapat Koordinasi", draft: false)
        let text = try String(contentsOfFile: site.root + "/" + created.path, encoding: .utf8)
        #expect(text.contains("\n---\nParagraf pembuka: siapa, apa"), "\(text)")
        try ownText(site, created.path)
        let report = try await site.build(now: "2023-02-21T09:30:00+08:00")
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        #expect(site.read("siaran-pers/2023/02/rapat-koordinasi/")?.contains("<span class=\"dateline\">KOTA UJI, 21 Februari 2023 –</span> Wali kota membuka") == true)

        // Without a city, the release's text starts with a place to write it.
        try site.write("site.yml", TestSite.defaultConfig)
        let plain = try await make(site, .release, "Rapat Lain")
        #expect(try String(contentsOfFile: site.root + "/" + plain.path, encoding: .utf8).contains("\n---\n**TEMPAT** – Paragraf pembuka"))
    }

    @Test func titlesThatMeanSomethingToYAMLAreQuoted() async throws {
        let site = try TestSite([:])
        defer { site.cleanUp() }
        for title in ["Wali Kota: \"Kerja Bakti\" # Minggu", "- daftar", "true", "2023 Tahun Baru", "Biaya 100% #gratis",
                      "Rapat [Tahap 2] {Final}", "Apa Kabar, Wiramaya?", "Kota's \\ Catatan", "@wiramaya & *kota*", "null"] {
            let created = try await make(site, .page, title)
            let (loaded, problems) = await SiteLoader.load(root: site.root)
            #expect(problems.isEmpty, "\(title): \(problems)")
            // Read back as written, with the punctuation the body gets too ("…" curled).
            #expect(loaded?.items.first { $0.sourcePath == created.path }?.title == Markdown.smartPunctuation(title))
        }
    }

    @Test func slugsAreFoldedShortenedAndNumberedPastTakenOnes() async throws {
        let site = try TestSite(["content/press/2023-01-05-rapat-paripurna.md": release("title: Lama\ndate: 2023-01-05"),
                                 "content/press/lain.md": release("title: Lain\nslug: sidang-istimewa\ndate: 2023-01-06")])
        defer { site.cleanUp() }
        #expect(try await make(site, .release, "Rapat Paripurna").path == "content/press/2023-02-21-rapat-paripurna-2.md")
        #expect(try await make(site, .release, "Rapat Paripurna").path == "content/press/2023-02-21-rapat-paripurna-3.md")
        // A slug written in front matter is taken too, not only file names.
        #expect(try await make(site, .release, "Sidang Istimewa").path == "content/press/2023-02-21-sidang-istimewa-2.md")
        // Pages live at the top of the site: a section's name is taken.
        #expect(try await make(site, .page, "Agenda").path == "content/pages/agenda-2.md")
        let long = try await make(site, .page, "Laporan Penyelenggaraan Pemerintahan Daerah Kota Tahun Anggaran Dua Ribu Dua Puluh Dua")
        let slug = long.path.dropFirst("content/pages/".count).dropLast(3)
        #expect(slug == "laporan-penyelenggaraan-pemerintahan-daerah-kota-tahun")
        #expect(slug.count <= NewItem.maxSlugLength)
        await #expect(throws: NewItem.Failure.self) { try await make(site, .page, "Рабочая встреча") }
    }

    @Test func exampleTextInAnItemThatIsNoDraftIsAnErrorAtItsLineAndColumn() async throws {
        let site = try TestSite([:])
        defer { site.cleanUp() }
        // Without a city in site.yml the opening follows the place mark: the column is counted in characters.
        let created = try await make(site, .release, "Rapat Lain")
        let config = try #require(SiteLoader.config(root: site.root).0)
        let draft = try String(contentsOfFile: site.root + "/" + created.path, encoding: .utf8)
        let (_, draftProblems) = ItemLoader(config: config).load(bytes: Array(draft.utf8), path: created.path, kind: .release)
        #expect(draftProblems.isEmpty, "a draft may keep the example text: \(draftProblems)")
        let ready = draft.replacingOccurrences(of: "\ndraft: true\n", with: "\n")
        let lines = ready.split(separator: "\n", omittingEmptySubsequences: false)
        let opening = try #require(lines.firstIndex { $0.hasPrefix("**TEMPAT** – Paragraf pembuka") })
        let rest = try #require(lines.firstIndex { $0 == "Isi siaran pers." })
        let (item, problems) = ItemLoader(config: config).load(bytes: Array(ready.utf8), path: created.path, kind: .release)
        #expect(item == nil)
        let located = problems.filter { $0.message == NewItemText.leftoverMessage(.release) }.map { "\($0.line):\($0.column)" }
        #expect(located.contains("\(opening + 1):\("**TEMPAT** – ".count + 1)") && located.contains("\(rest + 1):1"), "\(problems)")
        // Saved by a Windows editor: the same lines, the same places.
        let crlf = ready.replacingOccurrences(of: "\n", with: "\r\n")
        let (_, crlfProblems) = ItemLoader(config: config).load(bytes: Array(crlf.utf8), path: created.path, kind: .release)
        #expect(crlfProblems.filter { $0.message == NewItemText.leftoverMessage(.release) }.map { "\($0.line):\($0.column)" } == located)
    }
}
