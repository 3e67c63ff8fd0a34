import Foundation
import Testing
@testable import WartaCore

/// The site's own words (its title, tagline, department names, about text) as the programs that
/// read the outputs get them: escaped exactly once for XML, and never an empty description.
@Suite struct SiteTextTests {
    static let ampersand = TestSite.defaultConfig
        .replacingOccurrences(of: "title: Kota Uji", with: "title: Kota Uji & Sekitarnya")
        .replacingOccurrences(of: "tagline: Situs uji", with: "tagline: Berita <resmi> & agenda")
        .replacingOccurrences(of: "name: Dinas Kesehatan", with: "name: Dinas Kesehatan & KB")

    @Test func channelTitlesAndDescriptionsAreEscapedOnce() async throws {
        let site = try TestSite([
            "content/press/2023-02-20-rilis.md": release("title: Rilis & Kabar\ndate: 2023-02-20 10:00\ndepartment: dinkes"),
            "content/alerts/2023-02-21-banjir.md": "---\ntitle: Banjir\nseverity: danger\narea: Kota\ndate: 2023-02-21 07:00\nexpires: 2023-02-21 12:00\n---\nAir naik.\n",
        ], config: Self.ampersand)
        defer { site.cleanUp() }
        try await site.build()
        let main = try FeedDocument(Data(contentsOf: URL(fileURLWithPath: site.output + "/feed.xml")))
        #expect(main.channel["title"] == "Kota Uji & Sekitarnya")
        #expect(main.channel["description"] == "Berita <resmi> & agenda")
        let department = try FeedDocument(Data(contentsOf: URL(fileURLWithPath: site.output + "/dinas/dinkes/feed.xml")))
        #expect(department.channel["title"] == "Kota Uji & Sekitarnya — Dinas Kesehatan & KB")
        #expect(department.channel["description"] == "Dinas Kesehatan & KB")
        let alerts = try FeedDocument(Data(contentsOf: URL(fileURLWithPath: site.output + "/alerts.xml")))
        #expect(alerts.channel["title"] == "Kota Uji & Sekitarnya — Peringatan darurat")
        #expect(alerts.channel["description"] == "Kota Uji & Sekitarnya — Peringatan darurat")
        // An item's description is HTML: its text is escaped as HTML, then for XML.
        #expect(main.items.first { $0["title"] == "Rilis & Kabar" } != nil)
        for path in ["feed.xml", "dinas/dinkes/feed.xml", "alerts.xml"] {
            let raw = try String(contentsOfFile: site.output + "/" + path, encoding: .utf8)
            #expect(!raw.contains("&amp;amp;"), "\(path)")
        }
    }

    @Test func withoutATaglinePagesDescribeThemselvesOrTheSiteOrNotAtAll() async throws {
        let files = [
            "content/press/2023-02-20-rilis.md": release("title: Rilis\ndate: 2023-02-20 10:00\nsummary: Ringkasan rilis ini."),
            "content/press/2023-02-19-polos.md": release("title: Polos\ndate: 2023-02-19 10:00", body: "Paragraf pertama *rilis* polos.\n\nKedua.\n"),
            "content/pages/tentang.md": "---\ntitle: Tentang\n---\nHalaman.\n",
        ]
        let untagged = TestSite.defaultConfig.replacingOccurrences(of: "tagline: Situs uji\n", with: "")
        let about = untagged + "\nabout: |\n  Kota Uji adalah kota [pesisir](/tentang/).\n\n  Paragraf kedua.\n"
        let site = try TestSite(files, config: about)
        defer { site.cleanUp() }
        try await site.build()
        func meta(_ path: String) throws -> [String: String] { HTMLPage(try #require(site.read(path), "/\(path)")).meta }
        #expect(try meta("siaran-pers/2023/02/rilis/")["description"] == "Ringkasan rilis ini.")
        #expect(try meta("siaran-pers/2023/02/polos/")["og:description"] == "Paragraf pertama rilis polos.")
        for path in ["", "siaran-pers/", "agenda/", "cari/"] {
            #expect(try meta(path)["description"] == "Kota Uji adalah kota pesisir.", "/\(path)")
            #expect(try meta(path)["og:description"] == "Kota Uji adalah kota pesisir.", "/\(path)")
        }

        // Neither: no empty tag, on any page.
        let bare = try TestSite(files, config: untagged)
        defer { bare.cleanUp() }
        try await bare.build()
        for path in ["", "siaran-pers/", "agenda/", "cari/"] {
            let html = try #require(bare.read(path))
            #expect(!html.contains("content=\"\""), "/\(path)")
            #expect(HTMLPage(html).meta["description"] == nil && HTMLPage(html).meta["og:description"] == nil, "/\(path)")
        }
        #expect(try HTMLPage(#require(bare.read("siaran-pers/2023/02/rilis/"))).meta["description"] == "Ringkasan rilis ini.")
    }
}
