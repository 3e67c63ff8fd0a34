import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// Published means when it went public: `publish_at` later than `date` is the date every output
/// shows; a `date` far from `publish_at` is a located warning, and a `publish_at` before `date`
/// (an embargo that holds nothing back) an error at its line.
@Suite struct PublicationDateTests {
    @Test func anEmbargoLaterThanTheDateIsThePublicationDateEverywhere() async throws {
        let site = try TestSite([
            "content/press/2023-02-20-jam-sebelas.md": release("""
                title: Rilis Embargo Jam Sebelas
                date: 2023-02-20 10:00
                publish_at: 2023-02-20 11:00
                """),
            "content/press/2023-02-20-setengah.md": release("title: Rilis Setengah Sebelas\ndate: 2023-02-20 10:30"),
        ])
        defer { site.cleanUp() }
        try await site.build()
        let page = try #require(site.read("siaran-pers/2023/02/jam-sebelas/"))
        #expect(page.contains("Diterbitkan <time datetime=\"2023-02-20T11:00:00+08:00\">Senin, 20 Februari 2023 pukul 11.00 WITA</time>"))
        // Lists: the card's date, and the order (11.00 is newer than 10.30).
        let list = try #require(site.read("siaran-pers/"))
        #expect(list.contains("<time datetime=\"2023-02-20T11:00:00+08:00\">20 Februari 2023</time>"))
        let eleven = try #require(list.range(of: "Rilis Embargo Jam Sebelas")), half = try #require(list.range(of: "Rilis Setengah Sebelas"))
        #expect(eleven.lowerBound < half.lowerBound)
        // Feed: pubDate and order.
        let feed = try FeedDocument(Data(try #require(site.read("feed.xml")).utf8))
        #expect(feed.items.first?["title"] == "Rilis Embargo Jam Sebelas")
        #expect(feed.items.first?["pubDate"] == "Mon, 20 Feb 2023 11:00:00 +0800")
        #expect(feed.items.first?["atom:updated"] == nil, "going public at the embargo is not a change")
        // Structured data and the sitemap.
        let article = try #require(try StructuredDataTests().graph("siaran-pers/2023/02/jam-sebelas/", in: site.output).first { $0["@type"] as? String == "NewsArticle" })
        #expect(article["datePublished"] as? String == "2023-02-20T11:00:00+08:00")
        #expect(article["dateModified"] as? String == "2023-02-20T11:00:00+08:00")
        #expect(try #require(site.read("sitemap.xml")).contains("<loc>https://kota-uji.go.id/siaran-pers/2023/02/jam-sebelas/</loc><lastmod>2023-02-20T11:00:00+08:00</lastmod>"))
    }

    @Test func aDateMoreThanADayFromPublishAtIsALocatedWarning() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-jauh.md": release("title: Jauh\nsummary: Ringkas.\ndate: 2023-02-10 10:00\npublish_at: 2023-02-11 10:01"),
            "content/press/2023-02-15-dekat.md": release("title: Dekat\ndate: 2023-02-15 10:00\npublish_at: 2023-02-16 10:00"),
        ])
        defer { site.cleanUp() }
        let report = try await site.build()
        let located = report.warnings.sorted().map(\.description)
        #expect(located.count == 1, "\(located)")
        #expect(located.first?.hasPrefix("content/press/2023-02-10-jauh.md:4:7: warning: 'date' (2023-02-10T10:00:00+08:00) is more than a day away from 'publish_at' (2023-02-11T10:01:00+08:00)") == true, "\(located)")
        #expect(located.first?.contains("2023-02-11T10:01:00+08:00 as the publication date") == true)
        // A warning never stops the build.
        #expect(site.read("siaran-pers/2023/02/jauh/") != nil)
    }

    @Test func theSampleImmunisationReleaseShowsWhenItWentPublic() async throws {
        let output = temporaryFolder() + "/public"
        let report = try await SiteBuilder.build(TestSite.options(root: TestSite.repositoryRoot, output: output))
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        let page = try String(contentsOfFile: output + "/siaran-pers/2023/02/cakupan-imunisasi-kejar-campak-rubela/index.html", encoding: .utf8)
        #expect(page.contains("Diterbitkan <time datetime=\"2023-02-17T10:00:00+08:00\">Jumat, 17 Februari 2023 pukul 10.00 WITA</time>"))
        let feed = try FeedDocument(try #require(FileManager.default.contents(atPath: output + "/feed.xml")))
        let item = try #require(feed.items.first { $0["title"] == "Imunisasi Kejar Campak-Rubela Jangkau 92 Persen Anak Sasaran" })
        #expect(item["pubDate"] == "Fri, 17 Feb 2023 10:00:00 +0800")
    }

    @Test func anEmbargoBeforeTheDateIsAnErrorAtItsLine() async throws {
        let site = try TestSite([
            "content/press/2023-02-19-lebih-awal.md": release("title: Rilis Embargo Lebih Awal\ndate: 2023-02-19 10:00\npublish_at: 2023-02-19 08:00"),
        ])
        defer { site.cleanUp() }
        let problems = await site.failures()
        #expect(problems.map(\.description).contains { $0.hasPrefix("content/press/2023-02-19-lebih-awal.md:4:13: error: 'publish_at' (2023-02-19T08:00:00+08:00) is before 'date'") },
                "\(problems)")
    }
}
