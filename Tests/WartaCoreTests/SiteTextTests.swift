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
}
