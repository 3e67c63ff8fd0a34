import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// Corrections reach feed readers: the notes open the item's content, the guid and pubDate stay,
/// the change is dated in the item; and one page lists every correction, newest first.
@Suite struct CorrectionTests {
    static let original = release("""
        title: Rilis yang Diralat
        date: 2023-02-10 10:00
        department: dinkes
        """, body: "Kuota pemeriksaan 1.500 orang.\n")

    @Test func correctionsOpenTheFeedItemWhichKeepsItsGuidAndIsDated() async throws {
        let site = try TestSite(["content/press/2023-02-10-diralat.md": Self.original,
                                 "content/press/2023-02-09-lain.md": release("title: Rilis Lain\ndate: 2023-02-09 10:00\ndepartment: dinkes")])
        defer { site.cleanUp() }
        try await site.build()
        let before = try FeedDocument(Data(try #require(site.read("feed.xml")).utf8))
        let first = try #require(before.items.first { $0["title"] == "Rilis yang Diralat" })
        #expect(first["atom:updated"] == nil)
        #expect(before.channel["lastBuildDate"] == "Fri, 10 Feb 2023 10:00:00 +0800")

        try site.write("content/press/2023-02-10-diralat.md", release("""
            title: Rilis yang Diralat
            date: 2023-02-10 10:00
            department: dinkes
            corrections:
              - date: 2023-02-12 09:00
                note: Lokasi yang benar GOR Wiramaya.
              - date: 2023-02-13 15:00
                note: Kuota yang benar 2.000 orang.
            """, body: "Kuota pemeriksaan 2.000 orang.\n"))
        try await site.build()
        for feedPath in ["feed.xml", "dinas/dinkes/feed.xml"] {
            let feed = try FeedDocument(Data(try #require(site.read(feedPath)).utf8))
            let item = try #require(feed.items.first { $0["guid"] == first["guid"] }, "\(feedPath): the corrected item has another guid")
            #expect(item["title"] == first["title"] && item["link"] == first["link"] && item["pubDate"] == first["pubDate"])
            #expect(item["atom:updated"] == "2023-02-13T15:00:00+08:00", "the newest correction dates the item")
            let content = try #require(item["content:encoded"])
            #expect(content.hasPrefix("""
                <p><strong>Ralat (Senin, 13 Februari 2023 pukul 15.00 WITA):</strong> Kuota yang benar 2.000 orang.</p>
                <p><strong>Ralat (Minggu, 12 Februari 2023 pukul 09.00 WITA):</strong> Lokasi yang benar GOR Wiramaya.</p>
                <p>Kuota pemeriksaan 2.000 orang.</p>
                """), "\(content)")
            #expect(item["description"]?.hasPrefix("Ralat (Senin, 13 Februari 2023 pukul 15.00 WITA): Kuota yang benar 2.000 orang. Ralat (Minggu") == true)
            #expect(feed.channel["lastBuildDate"] == "Mon, 13 Feb 2023 15:00:00 +0800")
            #expect(feed.items.contains { $0["title"] == "Rilis Lain" && $0["atom:updated"] == nil })
        }
        // The page, its structured data and the sitemap date the change the same way.
        let article = try #require(try StructuredDataTests().graph("siaran-pers/2023/02/diralat/", in: site.output).first { $0["@type"] as? String == "NewsArticle" })
        #expect(article["datePublished"] as? String == "2023-02-10T10:00:00+08:00")
        #expect(article["dateModified"] as? String == "2023-02-13T15:00:00+08:00")
        #expect(try #require(site.read("sitemap.xml")).contains("<loc>https://kota-uji.go.id/siaran-pers/2023/02/diralat/</loc><lastmod>2023-02-13T15:00:00+08:00</lastmod>"))
        #expect(try #require(site.read("siaran-pers/2023/02/diralat/")).contains("<section class=\"corrections\""))
    }

    @Test func aCorrectionDatedAfterTheClockTakesEffectAtItsDate() async throws {
        let site = try TestSite(["content/press/2023-02-10-diralat.md": release("""
            title: Rilis yang Diralat
            date: 2023-02-10 10:00
            department: dinkes
            corrections:
              - date: 2023-02-12 09:00
                note: Lokasi yang benar GOR Wiramaya.
              - date: 2023-02-21 15:00
                note: Kuota yang benar 2.000 orang.
            """)])
        defer { site.cleanUp() }
        let (loaded, problems) = await SiteLoader.load(root: site.root)
        let s = try #require(loaded, "\(problems)")
        // The schedule lists it, and the site's next change is then.
        let due = Schedule.upcoming(site: s, now: ZonedInstant.parse("2023-02-21T09:00:00+08:00")!)
        #expect(due.map(\.change) == [.correction] && due.first?.instant.iso8601 == "2023-02-21T15:00:00+08:00", "\(due)")
        #expect(Visibility(now: ZonedInstant.parse("2023-02-21T09:00:00+08:00")!).nextChange(s).iso8601 == "2023-02-21T15:00:00+08:00")

        try await site.cachedBuild(now: "2023-02-21T09:00:00+08:00")
        // Before its date: no output shows it or is dated by it.
        let page = try #require(site.read("siaran-pers/2023/02/diralat/"))
        #expect(page.contains("Lokasi yang benar") && !page.contains("Kuota yang benar"))
        #expect(HTMLPage(page).meta["article:modified_time"] == "2023-02-12T09:00:00+08:00")
        let article = try #require(HTMLPage(page).structuredData.first { $0["@type"] as? String == "NewsArticle" })
        #expect(article["dateModified"] as? String == "2023-02-12T09:00:00+08:00")
        #expect(try #require(site.read("sitemap.xml")).contains("<loc>https://kota-uji.go.id/siaran-pers/2023/02/diralat/</loc><lastmod>2023-02-12T09:00:00+08:00</lastmod>"))
        for path in ["feed.xml", "dinas/dinkes/feed.xml"] {
            let feed = try FeedDocument(Data(try #require(site.read(path)).utf8))
            #expect(feed.channel["lastBuildDate"] == "Sun, 12 Feb 2023 09:00:00 +0800", "\(path)")
            #expect(feed.items.first?["atom:updated"] == "2023-02-12T09:00:00+08:00", "\(path)")
            #expect(feed.items.first?["content:encoded"]?.contains("Kuota yang benar") == false, "\(path)")
        }
        #expect(try #require(site.read("ralat/")).contains("Lokasi yang benar") && site.read("ralat/")?.contains("Kuota yang benar") == false)
        #expect(try #require(site.read("siaran-pers/2023/02/diralat/index.txt")).contains("Kuota yang benar") == false)

        // At its date a cached build takes it in, as a clean build does.
        #expect(try await site.cachedBuild(now: "2023-02-21T14:59:59+08:00").timings.map(\.stage) == ["nothing to do"])
        try await site.cachedBuild(now: "2023-02-21T15:00:00+08:00")
        let clean = temporaryFolder()
        defer { PosixFile.removeTree(clean) }
        try await site.build(now: "2023-02-21T15:00:00+08:00", output: clean + "/public")
        #expect(snapshot(site.output) == snapshot(clean + "/public"))
        #expect(site.read("siaran-pers/2023/02/diralat/")?.contains("Kuota yang benar") == true)
        let feed = try FeedDocument(Data(try #require(site.read("feed.xml")).utf8))
        #expect(feed.items.first?["atom:updated"] == "2023-02-21T15:00:00+08:00")
    }

    @Test func theCorrectionsPageListsEveryCorrectionNewestFirst() async throws {
        let site = try TestSite([
            "content/press/2023-02-01-a.md": release("""
                title: Rilis A
                date: 2023-02-01 10:00
                corrections:
                  - {date: 2023-02-02 10:00, note: Ralat A satu.}
                  - {date: 2023-02-08 10:00, note: Ralat A dua.}
                """),
            "content/press/2023-02-03-b.md": release("""
                title: Rilis B
                date: 2023-02-03 10:00
                corrections:
                  - {date: 2023-02-05 10:00, note: Ralat B satu.}
                """),
            "content/events/2023-03-01-c.md": """
                ---
                title: Acara C
                start: 2023-03-01 09:00
                corrections:
                  - {date: 2023-02-06 12:00, note: Ralat C satu.}
                ---
                Acara.
                """,
            "content/pages/d.md": "---\ntitle: Halaman D\ncorrections:\n  - {date: 2023-02-04 08:00, note: Ralat D satu.}\n---\nIsi.\n",
            // Not public yet, or taken down: their corrections are not listed.
            "content/press/2023-02-25-embargo.md": release("""
                title: Rilis Embargo
                date: 2023-02-25 10:00
                corrections:
                  - {date: 2023-02-20 10:00, note: Ralat embargo rahasia.}
                """),
            "content/press/2023-02-07-hapus.md": release("""
                title: Rilis Hapus
                date: 2023-02-07 10:00
                corrections:
                  - {date: 2023-02-09 10:00, note: Ralat yang ikut dihapus.}
                withdrawn: {date: 2023-02-10 10:00, reason: Putusan, hide_body: true}
                """),
        ])
        defer { site.cleanUp() }
        try await site.build()
        let page = try #require(site.read("ralat/"))
        let list = try #require(page.components(separatedBy: "<ol class=\"change-log\">").dropFirst().first?.components(separatedBy: "</ol>").first)
        let notes = ["Ralat A dua.", "Ralat C satu.", "Ralat B satu.", "Ralat D satu.", "Ralat A satu."]
        let places = try notes.map { try #require(list.range(of: $0)?.lowerBound, "\($0) is not listed") }
        #expect(places == places.sorted(), "newest first")
        let times = list.components(separatedBy: "<time datetime=\"").dropFirst().map { String($0.prefix(25)) }
        #expect(times == ["2023-02-08T10:00:00+08:00", "2023-02-06T12:00:00+08:00", "2023-02-05T10:00:00+08:00",
                          "2023-02-04T08:00:00+08:00", "2023-02-02T10:00:00+08:00"])
        #expect(list.contains("<a href=\"/siaran-pers/2023/02/a/\">Rilis A</a>") && list.contains("Agenda: <a href=\"/agenda/2023/03/c/\">Acara C</a>"))
        #expect(!page.contains("embargo") && !page.contains("dihapus"))
        #expect(try #require(site.read("sitemap.xml")).contains("<loc>https://kota-uji.go.id/ralat/</loc>"))
    }

    @Test func aSiteWithoutCorrectionsSaysSo() async throws {
        let site = try TestSite(["content/press/2023-02-01-a.md": release("title: Rilis A\ndate: 2023-02-01 10:00")])
        defer { site.cleanUp() }
        try await site.build()
        #expect(try #require(site.read("ralat/")).contains("<p>Belum ada ralat.</p>"))
        #expect(try #require(site.read("dicabut/")).contains("<p>Belum ada tulisan yang dicabut.</p>"))
        #expect(WithdrawalTests.goneLines(try #require(site.read("gone.map"))).isEmpty)
    }

    @Test func theSamplePriceReleaseCarriesItsTwoCorrectionsToFeedReaders() async throws {
        let output = temporaryFolder() + "/public"
        try await SiteBuilder.build(TestSite.options(root: TestSite.repositoryRoot, output: output))
        let url = "https://wiramayakota.go.id/siaran-pers/2023/02/pemantauan-harga-bahan-pokok/"
        let feed = try FeedDocument(try #require(FileManager.default.contents(atPath: output + "/feed.xml")))
        let item = try #require(feed.items.first { $0["guid"] == url })
        #expect(item["atom:updated"] == "2023-02-18T09:00:00+08:00")
        let content = try #require(item["content:encoded"])
        #expect(content.hasPrefix("<p><strong>Ralat (Sabtu, 18 Februari 2023 pukul 09.00 WITA):</strong> Stok beras"), "\(content)")
        #expect(content.contains("<p><strong>Ralat (Jumat, 17 Februari 2023 pukul 15.30 WITA):</strong> Versi awal"))
        let record = try String(contentsOfFile: output + "/ralat/index.html", encoding: .utf8)
        let order = try ["2.580 ton", "bawang merah Rp 34.000", "1.500 peserta"].map { try #require(record.range(of: $0)?.lowerBound, "\($0) is not listed") }
        #expect(order == order.sorted(), "the price release's two corrections, then the older one of the health release")
    }
}
