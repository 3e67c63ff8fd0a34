import Foundation
import Testing
@testable import WartaCore

/// The JSON-LD on item pages parses as JSON and says what search engines need, with offsets.
@Suite struct StructuredDataTests {
    static let output: String = temporaryFolder() + "/public"

    func graph(_ sitePath: String, in output: String) throws -> [[String: Any]] {
        let html = try String(contentsOfFile: output + "/" + Routes.file(sitePath), encoding: .utf8)
        let open = "<script type=\"application/ld+json\">"
        let start = try #require(html.range(of: open)).upperBound
        let end = try #require(html.range(of: "</script>", range: start..<html.endIndex)).lowerBound
        let json = try JSONSerialization.jsonObject(with: Data(html[start..<end].utf8)) as? [String: Any]
        #expect(json?["@context"] as? String == "https://schema.org")
        return try #require(json?["@graph"] as? [[String: Any]])
    }

    func sampleBuild() async throws -> String {
        let output = temporaryFolder() + "/public"
        try await SiteBuilder.build(TestSite.options(root: TestSite.repositoryRoot, output: output))
        return output
    }

    @Test func eventsScheduledCancelledAndRescheduled() async throws {
        let output = try await sampleBuild()
        let parade = try graph("agenda/2023/03/pawai-budaya-hut-ke-77/", in: output)
        let event = try #require(parade.first { $0["@type"] as? String == "Event" })
        #expect(event["name"] as? String == "Pawai Budaya HUT ke-77 Kota Wiramaya")
        #expect(event["startDate"] as? String == "2023-03-04T07:30:00+08:00")
        #expect(event["endDate"] as? String == "2023-03-04T11:30:00+08:00")
        #expect(event["eventStatus"] as? String == "https://schema.org/EventScheduled")
        #expect(event["eventAttendanceMode"] as? String == "https://schema.org/OfflineEventAttendanceMode")
        let place = try #require(event["location"] as? [String: Any])
        #expect(place["@type"] as? String == "Place")
        #expect((place["address"] as? [String: Any])?["@type"] as? String == "PostalAddress")
        #expect((event["organizer"] as? [String: Any])?["@type"] as? String == "GovernmentOrganization")
        #expect((event["url"] as? String)?.hasPrefix("https://wiramayakota.go.id/agenda/2023/03/") == true)
        #expect((event["image"] as? String)?.hasPrefix("https://wiramayakota.go.id/gambar/") == true)
        let crumbs = try #require(parade.first { $0["@type"] as? String == "BreadcrumbList" })
        #expect((crumbs["itemListElement"] as? [[String: Any]])?.count == 3)

        let cancelled = try #require(try graph("agenda/2023/02/festival-layang-layang-pantai-lanuwasa/", in: output).first { $0["@type"] as? String == "Event" })
        #expect(cancelled["eventStatus"] as? String == "https://schema.org/EventCancelled")

        let moved = try #require(try graph("agenda/2023/03/grand-final-duta-wisata-2023/", in: output).first { $0["@type"] as? String == "Event" })
        #expect(moved["eventStatus"] as? String == "https://schema.org/EventRescheduled")
        #expect(moved["previousStartDate"] as? String == "2023-03-10T19:30:00+08:00")
        #expect(moved["startDate"] as? String == "2023-03-17T19:30:00+08:00")

        let allDay = try #require(try graph("agenda/2023/03/hari-cek-kesehatan-gratis/", in: output).first { $0["@type"] as? String == "Event" })
        #expect(allDay["startDate"] as? String == "2023-03-11")
    }

    @Test func withoutAnImageOfItsOwnAnItemShowsTheSitesShareImageAsItsPageDoes() async throws {
        var files = SharingTests.files
        files["content/press/2023-02-11-polos.md"] = release("title: Rilis Polos\ndate: 2023-02-11 08:00")
        files["content/press/2023-02-08-dicabut.md"] = release("title: Dicabut\ndate: 2023-02-08 08:00\nimage: {src: /gambar/foto.jpg, alt: Foto}\nwithdrawn:\n  date: 2023-02-09\n  reason: Salah.\n  hide_body: true")
        let site = try TestSite(files, config: SharingTests.config)
        defer { site.cleanUp() }
        try await site.build()
        let share = "https://kota-uji.go.id/gambar/bagikan.png"
        for (path, type) in [("siaran-pers/2023/02/polos/", "NewsArticle"), ("siaran-pers/2023/02/dicabut/", "NewsArticle"), ("agenda/2023/03/acara/", "Event")] {
            let main = try #require(try graph(path, in: site.output).first { $0["@type"] as? String == type }, "/\(path)")
            #expect(main["image"] as? String == share, "/\(path)")
            #expect(HTMLPage(try #require(site.read(path))).meta["og:image"] == share, "/\(path)")
        }
        let own = try #require(try graph("siaran-pers/2023/02/foto/", in: site.output).first { $0["@type"] as? String == "NewsArticle" })
        #expect(own["image"] as? String == "https://kota-uji.go.id/gambar/foto.jpg")
    }

    @Test func releasesAreNewsArticles() async throws {
        let output = try await sampleBuild()
        let article = try #require(try graph("siaran-pers/2023/02/hari-cek-kesehatan-gratis/", in: output).first { $0["@type"] as? String == "NewsArticle" })
        #expect(article["headline"] as? String == "Dinkes Gelar Hari Cek Kesehatan Gratis Sambut HUT ke-77 Kota Wiramaya")
        #expect(article["datePublished"] as? String == "2023-02-15T11:00:00+08:00")
        #expect(article["dateModified"] as? String == "2023-02-16T14:00:00+08:00")
        #expect((article["author"] as? [String: Any])?["name"] as? String == "Kadek Ayu Wulandari")
        #expect((article["publisher"] as? [String: Any])?["name"] as? String == "Pemerintah Kota Wiramaya")
    }

    @Test func aTitleCannotCloseTheScript() async throws {
        let site = try TestSite(["content/press/a.md": release("title: \"Uji </script><script>alert(1)</script>\"\ndate: 2023-02-10")])
        defer { site.cleanUp() }
        try await site.build()
        let html = try #require(site.read("siaran-pers/2023/02/a/"))
        #expect(!html.contains("<script>alert(1)"))
        let article = try #require(try graph("siaran-pers/2023/02/a/", in: site.output).first)
        #expect(article["headline"] as? String == "Uji </script><script>alert(1)</script>")
    }

    @Test func jsonTextRoundTripsEveryCharacterAJSONReaderKnows() throws {
        let tricky = "Kutip \"dua\" \\ garis\nbaris\ttab <b>&amp;</b> é 😀 \u{1}"
        var object = JSONText()
        object.add("teks", tricky)
        object.add("angka", -42)
        var inner = JSONText()
        inner.add("@type", "Place")
        object.add("isi", [inner, inner])
        #expect(!object.closed.contains("<") && !object.closed.contains(">") && !object.closed.contains("&"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(object.closed.utf8)) as? [String: Any])
        #expect(parsed["teks"] as? String == tricky)
        #expect(parsed["angka"] as? Int == -42)
        #expect((parsed["isi"] as? [[String: Any]])?.count == 2)
    }
}
