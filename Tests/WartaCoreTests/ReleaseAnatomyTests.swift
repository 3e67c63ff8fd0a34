import Foundation
import Testing
@testable import WartaCore

/// The parts of an official release: number, dateline, end mark, notes to editors, the "about"
/// text, the site's media contact, and an image with caption and credit, in every output that
/// shows them (page, structured data, feed; `index.txt` in `SharingTests`).
@Suite struct ReleaseAnatomyTests {
    static let config = TestSite.defaultConfig + """

    city: Kota Uji
    about:
      id: Kota Uji adalah kota contoh untuk [pengujian](/siaran-pers/).
      en: Kota Uji is a city made for tests.
    media_contact:
      name: Rina Humas
      role: Kepala Bagian Humas
      phone: "+62 451 000 111"
      email: humas@kota-uji.go.id
    """

    static let numbered = release("""
        title: Rilis Bernomor
        date: 2023-02-10 09:00
        nomor: 045/HUMAS/II/2023
        notes_to_editors: |
          1. Foto tersedia di [galeri](https://foto.kota-uji.go.id/).
          2. Data lengkap menyusul.
        image:
          src: /gambar/a.png
          alt: Wali kota di pasar
          caption: Wali kota meninjau pasar, Jumat pagi.
          credit: Humas Kota Uji
        """, body: "Paragraf pertama rilis.\n\nParagraf kedua.\n")

    static func page(_ site: TestSite, _ path: String) throws -> HTMLPage {
        HTMLPage(try #require(site.read(path), "no page at /\(path)"))
    }

    @Test func aReleaseShowsItsNumberDatelineEndMarkNotesAndAbout() async throws {
        let site = try TestSite(["content/press/2023-02-10-a.md": Self.numbered, "content/gambar/a.png": "png"], config: Self.config)
        defer { site.cleanUp() }
        try await site.build()
        let page = try Self.page(site, "siaran-pers/2023/02/a/")
        #expect(HTMLPage.text(try #require(page.element(class: "release-number"))) == "Nomor: 045/HUMAS/II/2023")

        // The dateline opens the first paragraph, as printed; the second paragraph has none.
        let content = try #require(page.element(class: "content")).trimmingWhitespace
        #expect(content.hasPrefix("<p><span class=\"dateline\">KOTA UJI, 10 Februari 2023 –</span> Paragraf pertama rilis.</p>"), "\(content)")
        #expect(content.components(separatedBy: "class=\"dateline\"").count == 2)

        // After the text: the end mark, then the notes, then the about text, then the contact.
        let html = page.html
        let order = ["class=\"content\"", "<p class=\"end-mark\">-- SELESAI --</p>", "class=\"notes-to-editors\"", "class=\"about\"", "class=\"media-contact\""]
        let places = try order.map { try #require(html.range(of: $0), "\($0) is missing").lowerBound }
        #expect(places == places.sorted())
        let notes = try #require(page.element(class: "notes-to-editors"))
        #expect(notes.contains("<h2 id=\"catatan-redaksi\">Catatan untuk Redaksi</h2>"))
        #expect(notes.contains("<ol>") && notes.contains("<a href=\"https://foto.kota-uji.go.id/\">galeri</a>"))
        let about = try #require(page.element(class: "about"))
        #expect(about.contains("<h2 id=\"tentang-kota\">Tentang Kota Uji</h2>"))
        #expect(HTMLPage.text(about).contains("Kota Uji adalah kota contoh untuk pengujian."))
        #expect(!about.contains("lang="), "the text is in the page's language")

        // The image with its caption and credit.
        let figure = try #require(page.element(class: "lead-image"))
        #expect(figure.contains("<img src=\"/gambar/a.png\" alt=\"Wali kota di pasar\">"))
        #expect(figure.contains("<figcaption>Wali kota meninjau pasar, Jumat pagi. <span class=\"credit\">Foto: Humas Kota Uji</span></figcaption>"))

        // Structured data: the number, the dateline, the image with caption and credit.
        let article = try #require(page.structuredData.first { $0["@type"] as? String == "NewsArticle" })
        #expect(article["identifier"] as? String == "045/HUMAS/II/2023")
        #expect(article["dateline"] as? String == "KOTA UJI, 10 Februari 2023 –")
        let image = try #require(article["image"] as? [String: Any])
        #expect(image["@type"] as? String == "ImageObject")
        #expect(image["url"] as? String == "https://kota-uji.go.id/gambar/a.png")
        #expect(image["caption"] as? String == "Wali kota meninjau pasar, Jumat pagi.")
        #expect(image["creditText"] as? String == "Humas Kota Uji")

        // Feed readers get the dateline in the text too.
        let feedText = try #require(site.read("feed.xml"))
        let feed = try FeedDocument(Data(feedText.utf8))
        let encoded = try #require(feed.items.first?["content:encoded"])
        #expect(encoded.hasPrefix("<p><span class=\"dateline\">KOTA UJI, 10 Februari 2023 –</span> Paragraf pertama rilis.</p>"))
    }

    @Test func aBodyThatOpensWithAHeadingOrATableGetsADatelineOfItsOwn() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-judul.md": release("title: Judul Dulu\ndate: 2023-02-10", body: "## Latar\n\nTeks.\n"),
            "content/press/2023-02-11-tabel.md": release("title: Tabel Dulu\ndate: 2023-02-11", body: "| a | b |\n|---|---|\n| 1 | 2 |\n\nTeks.\n"),
        ], config: Self.config)
        defer { site.cleanUp() }
        try await site.build()
        for (path, next) in [("siaran-pers/2023/02/judul/", "<h2>Latar</h2>"), ("siaran-pers/2023/02/tabel/", "<div class=\"table-scroll\"")] {
            let content = try #require(try Self.page(site, path).element(class: "content")).trimmingWhitespace
            #expect(content.hasPrefix("<p class=\"dateline\"><span class=\"dateline\">KOTA UJI, "), "\(path): \(content)")
            let after = content.components(separatedBy: "</p>\n").dropFirst().joined(separator: "</p>\n")
            #expect(after.hasPrefix(next), "\(path): \(after)")
        }
    }

    @Test func anEnglishReleaseEndsInEnglishWithTheEnglishAboutText() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-en.md": release("title: Forum Opens\ndate: 2023-02-10 09:00\nlang: en", body: "The forum opens.\n"),
        ], config: Self.config)
        defer { site.cleanUp() }
        try await site.build()
        let page = try Self.page(site, "siaran-pers/2023/02/en/")
        #expect(page.html.contains("<span class=\"dateline\">KOTA UJI, 10 February 2023 –</span> The forum opens."))
        #expect(page.html.contains("<p class=\"end-mark\">-- ENDS --</p>"))
        let about = try #require(page.element(class: "about"))
        #expect(about.contains("About Kota Uji") && about.contains("Kota Uji is a city made for tests."))
        #expect(page.html.contains("<h2 id=\"kontak-media\">Media contact</h2>"))
        // Its text version speaks English too.
        let text = try #require(site.read("siaran-pers/2023/02/en/index.txt"))
        #expect(text.hasPrefix("PRESS RELEASE\n\nForum Opens\n\nKOTA UJI, 10 February 2023 – The forum opens.\n\n-- ENDS --\n\nAbout Kota Uji:\nKota Uji is a city made for tests.\n\nMedia contact:\nRina Humas\n"), "\(text)")

        // With an about text in the site's language only, an English release shows it, marked as such.
        let indonesianOnly = Self.config.replacingOccurrences(of: "\n  en: Kota Uji is a city made for tests.", with: "")
        try site.write("site.yml", indonesianOnly)
        try await site.build()
        let marked = try #require(try Self.page(site, "siaran-pers/2023/02/en/").element(class: "about"))
        #expect(marked.contains("<div lang=\"id\">") && marked.contains("Kota Uji adalah kota contoh"))
    }

    @Test func theSiteMediaContactStandsInOnlyForAReleaseWithoutOne() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-tanpa.md": release("title: Tanpa Kontak\ndate: 2023-02-10"),
            "content/press/2023-02-11-dengan.md": release("title: Dengan Kontak\ndate: 2023-02-11\ncontact: {name: Budi Dinas, email: budi@kota-uji.go.id}"),
            "content/events/2023-03-01-acara.md": "---\ntitle: Acara Tanpa Kontak\nstart: 2023-03-01 09:00\n---\nAcara.\n",
        ], config: Self.config)
        defer { site.cleanUp() }
        try await site.build()
        let without = try #require(try Self.page(site, "siaran-pers/2023/02/tanpa/").element(class: "media-contact"))
        #expect(without.contains("Rina Humas") && without.contains("Kepala Bagian Humas") && without.contains("href=\"tel:+62451000111\""))
        let with = try #require(try Self.page(site, "siaran-pers/2023/02/dengan/").element(class: "media-contact"))
        #expect(with.contains("Budi Dinas") && !with.contains("Rina Humas"))
        let event = try #require(site.read("agenda/2023/03/acara/"))
        #expect(!event.contains("media-contact") && !event.contains("end-mark") && !event.contains("class=\"about\""))
    }

    @Test func aCityOfItsOwnWinsAndWithoutAnyCityThereIsNoDateline() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-jakarta.md": release("title: Dari Jakarta\ndate: 2023-02-10\ncity: Jakarta"),
            "content/press/2023-02-11-embargo.md": release("title: Embargo Lewat\ndate: 2023-02-11 08:00\npublish_at: 2023-02-12 10:00"),
        ], config: Self.config)
        defer { site.cleanUp() }
        try await site.build()
        #expect(try #require(site.read("siaran-pers/2023/02/jakarta/")).contains("<span class=\"dateline\">JAKARTA, 10 Februari 2023 –</span>"))
        // The dateline carries the day the release went public.
        #expect(try #require(site.read("siaran-pers/2023/02/embargo/")).contains("<span class=\"dateline\">KOTA UJI, 12 Februari 2023 –</span>"))

        try site.write("site.yml", TestSite.defaultConfig)
        try site.remove("content/press/2023-02-10-jakarta.md")
        try await site.build()
        let plain = try #require(site.read("siaran-pers/2023/02/embargo/"))
        #expect(!plain.contains("dateline"))
        #expect(plain.contains("<p class=\"end-mark\">-- SELESAI --</p>"))
        #expect(!plain.contains("class=\"about\"") && !plain.contains("media-contact"))
    }

    @Test func aDatelineWrittenByHandIsALocatedWarning() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-a.md": release("title: Ganda\ndate: 2023-02-10", body: "\n**KOTA UJI** – Pemerintah Kota Uji membuka layanan.\n"),
            "content/press/2023-02-11-b.md": release("title: Biasa\ndate: 2023-02-11", body: "KOTA UJI memang kota uji, tanpa garis.\n"),
        ], config: Self.config)
        defer { site.cleanUp() }
        let report = try await site.build()
        #expect(report.warnings.map(\.description) == [
            "content/press/2023-02-10-a.md:6:1: warning: the text opens with a dateline written by hand ('KOTA UJI –'); the page adds one from site.yml's 'city', so remove it here",
        ])
    }

    @Test func badAnatomyFieldsAreLocatedErrors() async throws {
        let site = try TestSite([
            "content/events/2023-03-01-acara.md": "---\ntitle: Acara\nstart: 2023-03-01 09:00\nnomor: 12/2023\n---\nAcara.\n",
            "content/press/2023-02-10-a.md": release("title: A\ndate: 2023-02-10\nlang: fr\nimage: {src: /gambar/a.png, alt: A, caption: [satu, dua]}"),
        ], config: Self.config)
        defer { site.cleanUp() }
        let found = await site.failures().map(\.description)
        #expect(found == [
            "content/events/2023-03-01-acara.md:4:1: error: unknown field 'nomor' in an event",
            "content/press/2023-02-10-a.md:4:7: error: unknown language 'fr'; use 'id' or 'en'",
            "content/press/2023-02-10-a.md:5:46: error: 'caption' must be text, not a list or mapping",
        ], "\(found)")
    }

    @Test func badReleaseSettingsInSiteYmlAreLocated() async throws {
        let lines = TestSite.defaultConfig.split(separator: "\n", omittingEmptySubsequences: false).count
        let site = try TestSite([:], config: TestSite.defaultConfig + """

            tags:
              HUT Kota: HUT
            about: {id: Teks, fr: Texte}
            media_contact: {name: Rina, email: bukan-surel}
            """)
        defer { site.cleanUp() }
        let found = await site.failures().map(\.description)
        #expect(found == [
            "site.yml:\(lines + 2):3: error: tag 'HUT Kota' must be written as its slug (lowercase letters, digits and '-', e.g. hut-kota)",
            "site.yml:\(lines + 3):19: error: unknown field 'fr' in 'about'; did you mean 'id'?",
            "site.yml:\(lines + 4):36: error: 'email' does not look like an e-mail address: 'bukan-surel'",
        ], "\(found)")
    }
}
