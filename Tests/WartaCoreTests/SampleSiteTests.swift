import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// The bundled sample site, built for real with the clock at 21 February 2023, 09:00 WITA.
@Suite struct SampleSiteTests {
    let output = temporaryFolder() + "/public"

    func buildSample(into folder: String? = nil, drafts: Bool = false, future: Bool = false) async throws -> BuildReport {
        try await SiteBuilder.build(TestSite.options(root: TestSite.repositoryRoot, drafts: drafts, future: future, output: folder ?? output))
    }

    func page(_ sitePath: String) -> String? {
        try? String(contentsOfFile: output + "/" + Routes.file(sitePath), encoding: .utf8)
    }

    @Test func everyPageExistsAtItsURL() async throws {
        try await buildSample()
        let expected = [
            "", "siaran-pers/", "siaran-pers/halaman/2/", "agenda/", "agenda/arsip/", "dinas/", "topik/", "arsip/",
            "arsip/2023/", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "style.css", "print.css",
            "siaran-pers/2023/02/pawai-budaya-hut-ke-77/", "siaran-pers/2023/01/siaga-darurat-banjir-longsor/",
            "siaran-pers/2023/02/investment-forum-international-partners/",  // its old address, which leads to the English one
            "en/", "en/feed.xml", "en/events.ics", "en/press-releases/", "en/events/", "en/search/",
            "en/press-releases/2023/02/investment-forum-international-partners/", "en/press-releases/2023/02/fish-processing-plant-opens/",
            "en/events/2023/03/pawai-budaya-hut-ke-77/",
            "agenda/2023/03/pawai-budaya-hut-ke-77/", "agenda/2023/02/pelatihan-kepemimpinan-administrator/",
            "agenda/2023/02/festival-layang-layang-pantai-lanuwasa/",
            "tentang/", "kontak/", "kebijakan-privasi/",
            "dinas/dispar/", "dinas/dispar/feed.xml", "dinas/dinkes/", "topik/hut-kota/",
            "lampiran/jadwal-pka-angkatan-i-2023.pdf", "gambar/pawai-budaya.svg",
            "alerts.xml", "alerts/banjir-rob-pesisir-teluk.xml",
        ]
        for path in expected {
            #expect(FileManager.default.fileExists(atPath: output + "/" + Routes.file(path)), "missing /\(path)")
        }
        // Every release and event of the sample that is public has its page.
        let prepared = try await SiteBuilder.prepare(TestSite.options(root: TestSite.repositoryRoot, output: output))
        let site = prepared.site, catalog = prepared.catalog
        // Minus the draft, the embargoed release and its English translation (held back with it).
        #expect(catalog.entries.count == site.items.count - 3)
        for entry in catalog.entries {
            let html = try #require(page(entry.path), "no page for \(entry.item.sourcePath)")
            #expect(html.contains(HTMLEscape.escape(entry.item.title)))
        }
    }

    /// One 404 page answers every missing address, in either language: it says so in each.
    @Test func theNotFoundPageSpeaksEveryLanguageOfTheSite() async throws {
        try await buildSample()
        let page = try #require(self.page("404.html"))
        #expect(page.contains("<html lang=\"id\">") && page.contains("<h1>Halaman tidak ditemukan</h1>"))
        let english = try #require(HTMLPage.matches("<div class=\"not-found-other\" lang=\"en\">[\\s\\S]*?</div>", in: page).first)
        #expect(english.contains("<h2>Page not found</h2>"))
        #expect(english.contains("<a href=\"/en/\" hreflang=\"en\">"))

        // A site of one language: the message once.
        let site = try TestSite(["content/press/2023-02-10-rilis.md": "---\ntitle: Rilis\ndate: 2023-02-10 10:00\n---\nIsi.\n"])
        defer { site.cleanUp() }
        try await site.build()
        let alone = try #require(site.read("404.html"))
        #expect(alone.contains("<h1>Halaman tidak ditemukan</h1>") && !alone.contains("not-found-other"))
    }

    @Test func releasePageShowsDatesInWITAAndItsParts() async throws {
        try await buildSample()
        let html = try #require(page("siaran-pers/2023/02/hari-cek-kesehatan-gratis/"))
        #expect(html.contains("<time datetime=\"2023-02-15T11:00:00+08:00\">Rabu, 15 Februari 2023 pukul 11.00 WITA</time>"))
        #expect(html.contains("Diperbarui <time datetime=\"2023-02-16T14:00:00+08:00\">"))
        #expect(html.contains("class=\"corrections\""))
        #expect(html.contains("class=\"media-contact\""))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://wiramayakota.go.id/siaran-pers/2023/02/hari-cek-kesehatan-gratis/\">"))
        #expect(html.contains("<link rel=\"alternate\" type=\"application/rss+xml\""))
        let withAttachment = try #require(page("siaran-pers/2023/02/pelatihan-kepemimpinan-administrator/"))
        #expect(withAttachment.contains("href=\"/lampiran/jadwal-pka-angkatan-i-2023.pdf\""))
        #expect(withAttachment.contains("(PDF, "))
    }

    @Test func eventsSplitIntoUpcomingAndPastByBuildTime() async throws {
        try await buildSample()
        let events = try #require(page("agenda/"))
        let upcoming = try #require(events.components(separatedBy: "id=\"agenda-lalu\"").first)
        #expect(upcoming.contains("Pawai Budaya HUT ke-77"))
        #expect(!upcoming.contains("Pertemuan Wali Kota dengan Pengurus KADIN"))
        let past = try #require(page("agenda/arsip/"))
        #expect(past.contains("Pertemuan Wali Kota dengan Pengurus KADIN"))
        #expect(!past.contains("Pawai Budaya HUT ke-77 Kota Wiramaya</a>"))
        let cancelled = try #require(page("agenda/2023/02/festival-layang-layang-pantai-lanuwasa/"))
        #expect(cancelled.contains("Dibatalkan"))
        let training = try #require(page("agenda/2023/02/pelatihan-kepemimpinan-administrator/"))
        #expect(training.contains("Senin, 27 Februari 2023 pukul 08.00 WITA – Jumat, 3 Maret 2023 pukul 16.00 WITA"))
        let kadin = try #require(page("agenda/2023/02/pertemuan-wali-kota-kadin/"))
        #expect(kadin.contains("Agenda ini telah berlangsung."))
        // Built a month later, the parade is past too.
        _ = try await SiteBuilder.build(TestSite.options(root: TestSite.repositoryRoot, now: "2023-04-01T09:00:00+08:00", output: output + "-later"))
        let later = try String(contentsOfFile: output + "-later/agenda/index.html", encoding: .utf8)
        let laterUpcoming = try #require(later.components(separatedBy: "id=\"agenda-lalu\"").first)
        #expect(!laterUpcoming.contains("Pawai Budaya HUT ke-77"))
        #expect(laterUpcoming.contains("Hari Layanan Publik Keliling"))  // weekly until June
    }

    @Test func aliasesRedirectToTheirPage() async throws {
        try await buildSample()
        let html = try #require(page("berita/pawai-budaya-hut-77/"))
        let target = "https://wiramayakota.go.id/siaran-pers/2023/02/pawai-budaya-hut-ke-77/"
        #expect(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=\(target)\">"))
        #expect(html.contains("<link rel=\"canonical\" href=\"\(target)\">"))
    }

    @Test func twoBuildsAreByteIdentical() async throws {
        let second = temporaryFolder() + "/public"
        try await buildSample()
        try await buildSample(into: second)
        let a = snapshot(output), b = snapshot(second)
        #expect(a.count > 50)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, bytes) in a { #expect(b[path] == bytes, "\(path) differs between builds") }
    }

    @Test func rebuildKeepsUnchangedFilesUntouched() async throws {
        try await buildSample()
        let file = output + "/siaran-pers/2023/02/pawai-budaya-hut-ke-77/index.html"
        let before = try FileManager.default.attributesOfItem(atPath: file)
        let report = try await buildSample()
        #expect(report.written == 0)
        #expect(report.unchanged == report.files)
        let after = try FileManager.default.attributesOfItem(atPath: file)
        #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
    }

    @Test func feedIsValidRSSWithTheRequiredElements() async throws {
        try await buildSample()
        let data = try #require(FileManager.default.contents(atPath: output + "/feed.xml"))
        let feed = try FeedDocument(data)
        #expect(feed.channel["title"] == "Pemerintah Kota Wiramaya")
        #expect(feed.channel["link"] == "https://wiramayakota.go.id/")
        #expect(feed.channel["language"] == "id")
        #expect(feed.selfLink == "https://wiramayakota.go.id/feed.xml")
        // The notice in force first, then the 20 newest items.
        #expect(feed.items.count == 21)
        let notice = try #require(feed.items.first)
        #expect(notice["title"] == "[Waspada] Pasang Tinggi dan Banjir Rob di Pesisir Teluk hingga Kamis Sore")
        #expect(notice["link"] == "https://wiramayakota.go.id/#peringatan-banjir-rob-pesisir-teluk")
        // Widened at 08.15 (see its CAP record): the Update's identifier.
        #expect(notice["guid"] == "wiramayakota.go.id.alert.20230221001500.banjir-rob-pesisir-teluk")
        for item in feed.items {
            let link = try #require(item["link"])
            #expect(item["guid"] == link || item == notice)
            #expect(link.hasPrefix("https://wiramayakota.go.id/"))
            let pubDate = try #require(item["pubDate"])
            #expect(pubDate.hasSuffix(" +0800"), "pubDate \(pubDate)")
            #expect(try #require(item["content:encoded"]).contains("<p>"))
        }
        // Newest first.
        let dates = feed.items.dropFirst().compactMap { $0["pubDate"] }.map(FeedDocument.parseRFC822)
        #expect(dates == dates.sorted(by: >))
        // A department feed holds only its department.
        let dept = try FeedDocument(try #require(FileManager.default.contents(atPath: output + "/dinas/dinkes/feed.xml")))
        #expect(!dept.items.isEmpty)
        #expect(dept.items.allSatisfy { $0["category"] == "Dinas Kesehatan" })
    }

    @Test func sitemapAndRobotsNameThePublicPages() async throws {
        try await buildSample()
        let sitemap = try String(contentsOfFile: output + "/sitemap.xml", encoding: .utf8)
        _ = try FeedDocument(Data(sitemap.utf8), root: "urlset")
        #expect(sitemap.contains("<loc>https://wiramayakota.go.id/siaran-pers/2023/02/pawai-budaya-hut-ke-77/</loc>"))
        #expect(!sitemap.contains("404"))
        #expect(!sitemap.contains("berita/"))
        let robots = try String(contentsOfFile: output + "/robots.txt", encoding: .utf8)
        #expect(robots.contains("Sitemap: https://wiramayakota.go.id/sitemap.xml"))
    }

    @Test func expiredItemKeepsItsPageButLeavesListings() async throws {
        try await buildSample()
        let path = "siaran-pers/2023/01/pendaftaran-duta-wisata-2023/"
        let html = try #require(page(path))
        #expect(html.contains("Informasi ini sudah tidak berlaku"))
        #expect(html.contains("<meta name=\"robots\" content=\"noindex\">"))
        let everyOther = snapshot(output).filter { !$0.key.hasPrefix(path) }
        for (file, data) in everyOther {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("/" + path), "expired item linked from \(file)")
        }
    }
}
