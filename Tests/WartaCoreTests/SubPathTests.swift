import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// A site under a sub-path (`base_url: https://host/warta/`): a root-relative link written in
/// Markdown (`/kontak/`, or with the sub-path, `/warta/kontak/`) leads into the site wherever it is
/// written out: pages, feeds, text versions, the home page's notices, the about text; and the link
/// check reads it as the site path it becomes.
@Suite struct SubPathTests {
    static let config = TestSite.defaultConfig.replacingOccurrences(of: "base_url: https://kota-uji.go.id/", with: "base_url: https://kota-uji.go.id/warta/")
        + "\nabout: Kota Uji adalah kota [pesisir](/tentang/).\n"

    static let files = [
        "content/press/2023-02-20-rilis.md": release("""
            title: Rilis
            date: 2023-02-20 10:00
            image: {src: /gambar/foto.jpg, alt: Foto}
            notes_to_editors: Hubungi [humas](/kontak/).
            """, body: "Lihat [kontak](/kontak/), [profil](/warta/tentang/#sejarah) dan ![peta](/lampiran/peta.png).\n\n[Luar](https://contoh.id/x/) dan [pojok](//cdn.contoh.id/y).\n"),
        "content/pages/kontak.md": "---\ntitle: Kontak\n---\nKontak.\n",
        "content/pages/tentang.md": "---\ntitle: Tentang\n---\nTentang.\n",
        "content/lampiran/peta.png": "png",
        "content/gambar/foto.jpg": "jpg",
        "content/alerts/2023-02-21-banjir.md": "---\ntitle: Banjir\nseverity: danger\narea: Kota\ndate: 2023-02-21 07:00\nexpires: 2023-02-21 12:00\n---\nPosko: [kontak](/kontak/).\n",
    ]

    @Test func rootRelativeLinksTakeTheSubPathEverywhereTheyAreWritten() async throws {
        let site = try TestSite(Self.files, config: Self.config)
        defer { site.cleanUp() }
        try await site.build()
        let page = try #require(site.read("siaran-pers/2023/02/rilis/"))
        for link in ["href=\"/warta/kontak/\"", "href=\"/warta/tentang/#sejarah\"", "src=\"/warta/lampiran/peta.png\"", "href=\"/warta/tentang/\"",
                     "href=\"https://contoh.id/x/\"", "href=\"//cdn.contoh.id/y\""] {
            #expect(page.contains(link), "\(link)")
        }
        let feed = try FeedDocument(Data(try #require(site.read("feed.xml")).utf8))
        let item = try #require(feed.items.first { $0["title"] == "Rilis" })
        #expect(item["content:encoded"]?.contains("href=\"https://kota-uji.go.id/warta/kontak/\"") == true)
        #expect(item["content:encoded"]?.contains("src=\"https://kota-uji.go.id/warta/lampiran/peta.png\"") == true)
        let notice = try #require(feed.items.first)
        #expect(notice["content:encoded"]?.contains("href=\"https://kota-uji.go.id/warta/kontak/\"") == true)
        let text = try #require(site.read("siaran-pers/2023/02/rilis/index.txt"))
        #expect(text.contains("kontak (https://kota-uji.go.id/warta/kontak/)") && text.contains("(https://kota-uji.go.id/warta/tentang/)"), "\(text)")
        #expect(site.read("")?.contains("Posko: <a href=\"/warta/kontak/\">kontak</a>") == true)
        let article = try #require(HTMLPage(page).structuredData.first { $0["@type"] as? String == "NewsArticle" })
        #expect(article["image"] as? String == "https://kota-uji.go.id/warta/gambar/foto.jpg")
        #expect((article["url"] as? String)?.hasPrefix("https://kota-uji.go.id/warta/") == true)
        // Nothing the build wrote links out of the sub-path on its own host.
        for (path, bytes) in snapshot(site.output) {
            let written = String(decoding: bytes, as: UTF8.self)
            for stray in ["href=\"/kontak", "href=\"/tentang", "src=\"/lampiran", "kota-uji.go.id/kontak", "kota-uji.go.id/tentang", "kota-uji.go.id/lampiran"] {
                #expect(!written.contains(stray), "\(path) holds \(stray)")
            }
        }

        // A preview serves the site at its own root: the same links, without the sub-path.
        let preview = temporaryFolder()
        defer { PosixFile.removeTree(preview) }
        var options = TestSite.options(root: site.root, output: preview + "/site")
        options.baseURL = BaseURL("http://127.0.0.1:8080/")
        try await SiteBuilder.build(options)
        let previewed = try #require(site.read("siaran-pers/2023/02/rilis/", in: preview + "/site"))
        #expect(previewed.contains("href=\"/kontak/\"") && previewed.contains("href=\"/tentang/#sejarah\"") && !previewed.contains("/warta/"))
    }

    @Test func theLinkCheckReadsALinkAsTheSitePathItBecomes() async throws {
        var files = Self.files
        files["content/press/2023-02-19-salah.md"] = release("title: Salah\ndate: 2023-02-19 10:00", body: "Ke [sana](/tidak-ada/) dan [ganda](/warta/warta/kontak/).\n\n[Brosur](/warta/brosur.pdf) ada di [sini](/warta/warta/brosur.pdf).\n")
        // A file whose own path begins with the sub-path: /warta/brosur.pdf is the site path
        // brosur.pdf, which is no file; the file is at /warta/warta/brosur.pdf.
        files["content/warta/brosur.pdf"] = "%PDF"
        let site = try TestSite(files, config: Self.config.replacingOccurrences(of: "[pesisir](/tentang/)", with: "[pesisir](/profil/)"))
        defer { site.cleanUp() }
        let problems = await site.failures().map(\.description).sorted()
        #expect(problems == [
            "content/press/2023-02-19-salah.md:5:28: error: link to /warta/warta/kontak/ leads to no page of the site",
            "content/press/2023-02-19-salah.md:5:4: error: link to /tidak-ada/ leads to no page of the site",
            "content/press/2023-02-19-salah.md:7:1: error: link to /warta/brosur.pdf leads to no page of the site",
            "site.yml:12:29: error: link to /profil/ leads to no page of the site",
        ], "\(problems)")
    }
}
