import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// What a page says of itself when shared (Open Graph and Twitter tags), the WhatsApp link, and
/// the plain-text version of each release (`index.txt`), which follows its page in and out of view.
@Suite struct SharingTests {
    static let config = TestSite.defaultConfig + """

    city: Kota Uji
    about: Kota Uji adalah kota [contoh](/tentang/).
    share_image:
      src: /gambar/bagikan.png
      alt: Balai Kota Uji
    media_contact:
      name: Rina Humas
      role: Kepala Bagian Humas
      phone: "+62 451 000 111"
      email: humas@kota-uji.go.id
    """

    /// The page `about` links to: every site built with `config` needs it.
    static let aboutPage = (path: "content/pages/tentang.md", text: "---\ntitle: Tentang\n---\nHalaman.\n")

    static let files = [
        "content/press/2023-02-10-foto.md": release("""
            title: Rilis "Berfoto" & Berembargo
            date: 2023-02-10 08:00
            publish_at: 2023-02-10 11:00
            updated: 2023-02-12 09:30
            summary: Ringkasan rilis berfoto.
            image: {src: /gambar/foto.jpg, alt: Foto pasar}
            """),
        "content/press/2023-02-09-vektor.md": release("title: Rilis Bergambar Vektor\ndate: 2023-02-09 08:00\nimage: {src: /gambar/peta.svg, alt: Peta}"),
        "content/events/2023-03-01-acara.md": "---\ntitle: Acara Terbuka\nstart: 2023-03-01 09:00\nsummary: Acara untuk warga.\n---\nAcara.\n",
        "content/pages/tentang.md": "---\ntitle: Tentang\n---\nHalaman.\n",
        "content/gambar/bagikan.png": "png",
        "content/gambar/foto.jpg": "jpg",
        "content/gambar/peta.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    ]

    static func page(_ site: TestSite, _ path: String) throws -> HTMLPage {
        HTMLPage(try #require(site.read(path), "no page at /\(path)"))
    }

    @Test func pagesDescribeThemselvesForLinkPreviews() async throws {
        let site = try TestSite(Self.files, config: Self.config)
        defer { site.cleanUp() }
        try await site.build()

        let release = try Self.page(site, "siaran-pers/2023/02/foto/").meta
        #expect(release["og:type"] == "article")
        #expect(release["og:title"] == "Rilis “Berfoto” & Berembargo")
        #expect(release["og:description"] == "Ringkasan rilis berfoto.")
        #expect(release["og:url"] == "https://kota-uji.go.id/siaran-pers/2023/02/foto/")
        #expect(release["og:image"] == "https://kota-uji.go.id/gambar/foto.jpg")
        #expect(release["og:image:alt"] == "Foto pasar")
        #expect(release["og:locale"] == "id_ID")
        #expect(release["twitter:card"] == "summary_large_image")
        // Published when it went public: the embargo, later than its date.
        #expect(release["article:published_time"] == "2023-02-10T11:00:00+08:00")
        #expect(release["article:modified_time"] == "2023-02-12T09:30:00+08:00")

        // Link previews show no SVG: the site's image stands in.
        let vector = try Self.page(site, "siaran-pers/2023/02/vektor/").meta
        #expect(vector["og:image"] == "https://kota-uji.go.id/gambar/bagikan.png")
        #expect(vector["og:image:alt"] == "Balai Kota Uji")
        #expect(vector["article:published_time"] == "2023-02-09T08:00:00+08:00")

        for path in ["agenda/2023/03/acara/", "tentang/", "siaran-pers/", "", "topik/"] {
            let meta = try Self.page(site, path).meta
            #expect(meta["og:type"] == "website", "/\(path)")
            #expect(meta["og:image"] == "https://kota-uji.go.id/gambar/bagikan.png", "/\(path)")
            #expect(meta["twitter:card"] == "summary_large_image", "/\(path)")
            #expect(meta["article:published_time"] == nil, "/\(path)")
            #expect(meta["og:url"] == "https://kota-uji.go.id/\(path)", "/\(path)")
        }
        #expect(try Self.page(site, "agenda/2023/03/acara/").meta["og:description"] == "Acara untuk warga.")

        // A site without a share image: no image, the small card.
        try site.write("site.yml", TestSite.defaultConfig)
        try await site.build()
        let bare = try Self.page(site, "agenda/2023/03/acara/").meta
        #expect(bare["og:image"] == nil && bare["twitter:card"] == "summary")
    }

    @Test func releasesAndEventsHaveAWhatsAppLinkWithoutScript() async throws {
        let site = try TestSite(Self.files, config: Self.config)
        defer { site.cleanUp() }
        try await site.build()
        for (path, title) in [("siaran-pers/2023/02/foto/", "Rilis “Berfoto” & Berembargo"), ("agenda/2023/03/acara/", "Acara Terbuka")] {
            let page = try Self.page(site, path)
            let link = try #require(HTMLPage.matches(#"<a class="share-whatsapp" href="[^"]+""#, in: page.html).first, "/\(path)")
            let href = try #require(HTMLPage.attribute("href", in: link))
            let url = try #require(URLComponents(string: href))
            #expect(url.scheme == "https" && url.host == "wa.me" && url.path == "/")
            #expect(url.queryItems?.first { $0.name == "text" }?.value == "\(title)\nhttps://kota-uji.go.id/\(path)")
            // The only script on the page is data, never code.
            #expect(HTMLPage.matches("<script[^>]*>", in: page.html).allSatisfy { $0 == "<script type=\"application/ld+json\">" })
        }
        #expect(!(try #require(site.read("tentang/"))).contains("wa.me"))
    }

    @Test func eachReleaseHasAPlainTextVersionReadyToPaste() async throws {
        let body = """
        Paragraf *pertama* dengan [lampiran](/lampiran/data.pdf), [laman lain](https://contoh.go.id/a) dan \
        [peta](peta.pdf), juga <https://kota-uji.go.id/>.

        ## Jadwal

        - Senin: rapat
        - Selasa: kunjungan
          lapangan

        1. satu
        2. dua

        > "Kutipan wali kota," katanya.

        | Bahan | Harga |
        |---|---:|
        | Beras | Rp 11.800 |
        | Gula \\| pasir | **Rp 14.500** |

        Baris akhir.
        """
        let site = try TestSite([
            "content/press/2023-02-10-teks.md": release("""
                title: Rilis Teks "Polos"
                date: 2023-02-10 09:00
                nomor: 7/HUMAS/2023
                notes_to_editors: Foto di [galeri](https://foto.kota-uji.go.id/).
                """, body: body + "\n"),
            "content/lampiran/data.pdf": "%PDF",
            "content/press/peta.pdf": "%PDF",
            "content/events/2023-03-01-acara.md": "---\ntitle: Acara\nstart: 2023-03-01 09:00\n---\nAcara.\n",
            "content/pages/tentang.md": "---\ntitle: Tentang\n---\nHalaman.\n",
            "content/gambar/bagikan.png": "png",
        ], config: Self.config)
        defer { site.cleanUp() }
        try await site.build()
        let bytes = try #require(FileManager.default.contents(atPath: site.output + "/siaran-pers/2023/02/teks/index.txt"))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a byte order mark, so browsers read it as UTF-8")
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text == """
        SIARAN PERS
        Nomor: 7/HUMAS/2023

        Rilis Teks “Polos”

        KOTA UJI, 10 Februari 2023 – Paragraf pertama dengan lampiran (https://kota-uji.go.id/lampiran/data.pdf), \
        laman lain (https://contoh.go.id/a) dan peta (https://kota-uji.go.id/siaran-pers/2023/02/teks/peta.pdf), \
        juga https://kota-uji.go.id/.

        Jadwal

        - Senin: rapat
        - Selasa: kunjungan lapangan

        1. satu
        2. dua

        > “Kutipan wali kota,” katanya.

        Bahan | Harga
        Beras | Rp 11.800
        Gula | pasir | Rp 14.500

        Baris akhir.

        -- SELESAI --

        Catatan untuk Redaksi:
        Foto di galeri (https://foto.kota-uji.go.id/).

        Tentang Kota Uji:
        Kota Uji adalah kota contoh (https://kota-uji.go.id/tentang/).

        Kontak media:
        Rina Humas
        Kepala Bagian Humas
        +62 451 000 111
        humas@kota-uji.go.id

        https://kota-uji.go.id/siaran-pers/2023/02/teks/

        """, "\(text)")
        // The page links to it; the sitemap does not list it; events and pages have none.
        #expect(try #require(site.read("siaran-pers/2023/02/teks/")).contains("href=\"/siaran-pers/2023/02/teks/index.txt\""))
        #expect(!(try #require(site.read("sitemap.xml"))).contains(".txt"))
        let written = Set(snapshot(site.output).keys)
        #expect(written.filter { $0.hasSuffix(".txt") }.sorted() == ["robots.txt", "siaran-pers/2023/02/teks/index.txt"])
    }

    @Test func aHiddenReleaseHasNoTextVersionUntilItIsPublic() async throws {
        let site = try TestSite([
            "content/press/2023-02-22-embargo.md": release("title: Rilis Embargo Teks\ndate: 2023-02-22 10:00\npublish_at: 2023-02-22 10:00"),
            "content/press/2023-02-20-draf.md": release("title: Rilis Draf Teks\ndate: 2023-02-20 10:00\ndraft: true"),
            "content/gambar/bagikan.png": "png", Self.aboutPage.path: Self.aboutPage.text,
        ], config: Self.config)
        defer { site.cleanUp() }
        try await site.build(now: "2023-02-22T09:59:59+08:00")
        #expect(!snapshot(site.output).keys.contains { $0.hasSuffix("index.txt") })
        try await site.build(now: "2023-02-22T10:00:00+08:00")
        let text = try #require(site.read("siaran-pers/2023/02/embargo/index.txt"))
        #expect(text.contains("Rilis Embargo Teks") && text.contains("KOTA UJI, 22 Februari 2023 –"))
        #expect(site.read("siaran-pers/2023/02/draf/index.txt") == nil)

        // A preview's text says so before anything else, so it is never pasted as the real thing.
        let preview = temporaryFolder()
        defer { PosixFile.removeTree(preview) }
        try await site.build(drafts: true, output: preview + "/site")
        let draft = try #require(site.read("siaran-pers/2023/02/draf/index.txt", in: preview + "/site"))
        #expect(draft.hasPrefix("[DRAF — belum terbit, hanya pratinjau]\n\nSIARAN PERS\n"))
    }

    @Test func theTextVersionUsesTheAddressOfTheBuild() async throws {
        let site = try TestSite(["content/press/2023-02-10-a.md": release("title: A\ndate: 2023-02-10", body: "Lihat [data](/lampiran/a.pdf).\n"),
                                 "content/lampiran/a.pdf": "%PDF", "content/gambar/bagikan.png": "png",
                                 Self.aboutPage.path: Self.aboutPage.text], config: Self.config)
        defer { site.cleanUp() }
        var options = TestSite.options(root: site.root, output: site.output)
        options.baseURL = BaseURL("https://staging.kota-uji.go.id/")
        try await SiteBuilder.build(options)
        let text = try #require(site.read("siaran-pers/2023/02/a/index.txt"))
        #expect(text.contains("data (https://staging.kota-uji.go.id/lampiran/a.pdf)"))
        #expect(text.hasSuffix("\nhttps://staging.kota-uji.go.id/siaran-pers/2023/02/a/\n"))
    }

    @Test func aMissingShareImageIsAnErrorAndAnSVGOneAWarning() async throws {
        let site = try TestSite(["content/press/2023-02-10-a.md": release("title: A\ndate: 2023-02-10"), Self.aboutPage.path: Self.aboutPage.text],
                                config: Self.config)
        defer { site.cleanUp() }
        let line = Self.config.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("src: /gambar/bagikan.png") }! + 1
        #expect(await site.failures().map(\.description) == ["site.yml:\(line):8: error: share image not found: content/gambar/bagikan.png"])
        try site.write("site.yml", Self.config.replacingOccurrences(of: "bagikan.png", with: "bagikan.svg"))
        try site.write("content/gambar/bagikan.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        let report = try await site.build()
        #expect(report.warnings.map(\.description) == [
            "site.yml:\(line):8: warning: link previews (Facebook, WhatsApp, X) do not show SVG images; give 'share_image' a PNG or JPEG of 1200 × 630",
        ])
    }

    @Test func theTextVersionCarriesCorrectionsAndWithdrawalsAsThePageDoes() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-ralat.md": release("""
                title: Rilis Beralat
                date: 2023-02-10 09:00
                corrections:
                  - {date: 2023-02-11 10:00, note: Jumlah peserta yang benar 120 orang.}
                """, body: "Peserta berjumlah 120 orang.\n"),
            "content/press/2023-02-12-cabut.md": release("""
                title: Rilis Dicabut
                date: 2023-02-12 09:00
                withdrawn: {date: 2023-02-13 15:00, reason: Acara dibatalkan.}
                """, body: "Acara akan digelar di alun-alun.\n"),
            "content/press/2023-02-14-hapus.md": release("""
                title: Rilis Dihapus
                date: 2023-02-14 09:00
                corrections:
                  - {date: 2023-02-14 10:00, note: Ralat rahasia.}
                notes_to_editors: Catatan rahasia.
                withdrawn: {date: 2023-02-15 15:00, reason: Putusan pengadilan., hide_body: true}
                """, body: "Teks yang harus hilang.\n"),
            "content/gambar/bagikan.png": "png", Self.aboutPage.path: Self.aboutPage.text,
        ], config: Self.config)
        defer { site.cleanUp() }
        try await site.build()
        let corrected = try #require(site.read("siaran-pers/2023/02/ralat/index.txt"))
        #expect(corrected.contains("-- SELESAI --\n\nRalat (Sabtu, 11 Februari 2023 pukul 10.00 WITA): Jumlah peserta yang benar 120 orang.\n"))

        let withdrawn = try #require(site.read("siaran-pers/2023/02/cabut/index.txt"))
        #expect(withdrawn.hasPrefix("[Telah dicabut. Dicabut pada Senin, 13 Februari 2023 pukul 15.00 WITA. Alasan: Acara dibatalkan.]\n\nSIARAN PERS\n"), "\(withdrawn)")
        #expect(withdrawn.contains("KOTA UJI, 12 Februari 2023 – Acara akan digelar di alun-alun."))

        // Taken down: the notice, the title and the address, nothing of the text, the about text or the contact.
        let hidden = try #require(site.read("siaran-pers/2023/02/hapus/index.txt"))
        #expect(hidden == """
            [Telah dicabut. Dicabut pada Rabu, 15 Februari 2023 pukul 15.00 WITA. Alasan: Putusan pengadilan.]

            SIARAN PERS

            Rilis Dihapus

            https://kota-uji.go.id/siaran-pers/2023/02/hapus/

            """, "\(hidden)")
        let page = try #require(site.read("siaran-pers/2023/02/hapus/"))
        #expect(!page.contains("end-mark") && !page.contains("Catatan rahasia") && !page.contains("dateline"))
    }
}
