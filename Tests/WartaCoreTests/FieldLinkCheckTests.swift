import Foundation
import Testing
@testable import WartaCore

/// Links read on a page but written outside a body: a release's `notes_to_editors`, `site.yml`'s
/// `about` (under every release) and an emergency notice's text (on the home page, in its body
/// and in its translation). Each is checked as a body link is, and reported at its own line and
/// column in the file that holds it.
@Suite struct FieldLinkCheckTests {
    static let about = """

        about:
          id: |
            Kota Uji adalah kota contoh.
            Lihat [profil](/profil-kota/) dan [kontak](../../../../kontak/).
          en: "Kota Uji is a test city; see [the map](peta/)."
        """

    static let a = "content/press/2023-02-10-a.md"
    static let b = "content/press/2023-02-12-b.md"
    static let draft = "content/press/2023-02-13-rahasia.md"
    static let english = "content/press/2023-02-11-english.md"
    static let closure = "content/alerts/2023-02-21-jalan.md"

    /// The road-closure notice, its English text on line 10 and its body on line 12.
    static func closureNotice(english: String, body: String) -> String {
        """
        ---
        title: Jalan Merdeka Ditutup
        severity: info
        area: Jl. Merdeka
        date: 2023-02-21 07:00
        expires: 2023-02-28 12:00
        en:
          title: Jalan Merdeka Closed
          text: |
            \(english)
        ---
        \(body)
        """
    }

    static let files: [String: String] = [
        "content/pages/kontak.md": "---\ntitle: Kontak\n---\nHubungi kami.\n",
        "content/lampiran/jadwal.pdf": "%PDF-1.4\n",
        // A literal block, the usual form: each link at its own line and column.
        a: release("""
            title: Rilis A
            date: 2023-02-10
            notes_to_editors: |
              1. Foto ada di [galeri](/galeri/).
              2. Jadwal: [unduh](/lampiran/jadwal.pdf) atau [rekap](/lampiran/rekap.pdf).
            """),
        // A value on one line: a public release linking to a draft.
        b: release("title: Rilis B\ndate: 2023-02-12\nnotes_to_editors: Lihat [draf](/siaran-pers/2023/02/rahasia/)."),
        // Folded, its lines joined: at the start of its text. A draft, linking to nothing.
        draft: release("""
            title: Rilis Rahasia
            date: 2023-02-13
            draft: true
            notes_to_editors: >
              Catatan draf untuk
              [halaman lama](/halaman/lama/).
            """),
        // Shows the English `about`, whose relative link leads nowhere from its page.
        english: release("title: English Release\ndate: 2023-02-11\nlang: en"),
        closure: closureNotice(english: "Detour via [the map](/peta-pengalihan/).",
                               body: "Ditutup untuk pawai. Lihat [peta](/peta-pengalihan/) dan [rilis](/siaran-pers/2023/02/rahasia/)."),
        // Not out yet: it may link to the draft (they may go public together).
        "content/alerts/2023-02-22-besok.md": """
            ---
            title: Pemadaman Listrik Besok
            severity: info
            area: Kecamatan Utara
            publish_at: 2023-02-22 08:00
            expires: 2023-02-23 08:00
            ---
            Lihat [rilis](/siaran-pers/2023/02/rahasia/) dan [kontak](/kontak/).
            """,
    ]

    @Test func linksInNotesAboutAndNoticesAreCheckedAtTheirPlace() async throws {
        let site = try TestSite(Self.files, config: TestSite.defaultConfig + Self.about)
        defer { site.cleanUp() }
        let found = await site.failures().sorted().map(\.description)
        let hidden = "leads to '\(Self.draft)', which readers cannot see yet (it is a draft); it would be a broken link on the published page"
        #expect(found == [
            "\(Self.closure):10:16: error: link to /peta-pengalihan/ leads to no page of the site",
            "\(Self.closure):12:28: error: link to /peta-pengalihan/ leads to no page of the site",
            "\(Self.closure):12:58: error: link to /siaran-pers/2023/02/rahasia/ \(hidden)",
            "\(Self.a):5:18: error: link to /galeri/ leads to no page of the site",
            "\(Self.a):6:49: error: link to /lampiran/rekap.pdf leads to no page of the site",
            "\(Self.b):4:25: error: link to /siaran-pers/2023/02/rahasia/ \(hidden)",
            "\(Self.draft):6:3: error: link to /halaman/lama/ leads to no page of the site",
            "site.yml:15:11: error: link to /profil-kota/ leads to no page of the site",
            "site.yml:16:37: error: link to peta/ leads to no page of the site (read from the page of '\(Self.english)', where 'about' is shown)",
        ], "\(found.joined(separator: "\n"))")
    }

    /// Mended, the site builds; the notes' links come back from the build cache with their places,
    /// so a page they name going away is still reported at the notes' line.
    @Test func mendedTheSiteBuildsAndACachedReleasesNotesAreStillChecked() async throws {
        var files = Self.files
        files[Self.a] = files[Self.a]!.replacingOccurrences(of: "/galeri/", with: "/kontak/").replacingOccurrences(of: "rekap.pdf", with: "jadwal.pdf")
        files[Self.b] = files[Self.b]!.replacingOccurrences(of: "rahasia", with: "a")
        files[Self.draft] = files[Self.draft]!.replacingOccurrences(of: "/halaman/lama/", with: "/siaran-pers/2023/02/b/")
        files[Self.closure] = files[Self.closure]!.replacingOccurrences(of: "/peta-pengalihan/", with: "/lampiran/jadwal.pdf")
            .replacingOccurrences(of: "rahasia", with: "b")
        let config = TestSite.defaultConfig + Self.about.replacingOccurrences(of: "/profil-kota/", with: "/kontak/")
            .replacingOccurrences(of: "(peta/)", with: "(../../../../kontak/)")
        let site = try TestSite(files, config: config)
        defer { site.cleanUp() }
        #expect(try await site.cachedBuild().warnings.isEmpty)
        #expect(try await site.cachedBuild().written == 0, "nothing changed: the cache was used")
        try site.remove("content/pages/kontak.md")
        do {
            _ = try await site.cachedBuild()
            Issue.record("links to a removed page were built")
        } catch {
            #expect(error.diagnostics.sorted().map(\.description) == [
                "content/alerts/2023-02-22-besok.md:8:50: error: link to /kontak/ leads to no page of the site",
                "\(Self.a):5:18: error: link to /kontak/ leads to no page of the site",
                "site.yml:15:11: error: link to /kontak/ leads to no page of the site",
                "site.yml:15:34: error: link to ../../../../kontak/ leads to no page of the site (read from the page of '\(Self.b)', where 'about' is shown)",
                "site.yml:16:37: error: link to ../../../../kontak/ leads to no page of the site (read from the page of '\(Self.english)', where 'about' is shown)",
            ], "\(error.diagnostics)")
        }
    }

    /// Raw HTML in notes to editors is warned about at its own column too, not at the text's; so is
    /// raw HTML in a notice's translated text, which was not looked at before.
    @Test func rawHTMLInNotesAndATranslatedNoticeIsPlacedAtItsColumn() async throws {
        let site = try TestSite([
            Self.a: release("title: Rilis A\ndate: 2023-02-10\nnotes_to_editors: |\n  Catatan <b>tebal</b>.\n"),
            Self.closure: Self.closureNotice(english: "The road is <em>closed</em>.", body: "Ditutup untuk pawai."),
        ])
        defer { site.cleanUp() }
        let report = try await site.build()
        #expect(report.warnings.sorted().map { "\($0.path):\($0.line):\($0.column)" } == [
            "\(Self.closure):10:17", "\(Self.closure):10:27", "\(Self.a):5:11", "\(Self.a):5:19",
        ], "\(report.warnings)")
    }
}
