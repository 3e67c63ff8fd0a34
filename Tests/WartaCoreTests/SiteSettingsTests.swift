import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// Settings from `site.yml` reach every output: language, a base URL with a path, section names.
@Suite struct SiteSettingsTests {
    @Test func englishSiteUnderASubpath() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-forum.md": release("title: Investment Forum Opens\ndate: 2023-02-10 10:00\ndepartment: econ\naliases: [/news/forum/]"),
            "content/events/2023-03-01-hearing.md": "---\ntitle: Public Hearing\nstart: 2023-03-01 09:00\nend: 2023-03-01 11:00\n---\nBody.\n",
        ], config: """
        title: City of Example
        base_url: https://example.gov/news-room
        language: en
        timezone: Europe/London
        departments:
          - slug: econ
            name: Economic Development
        sections:
          press: releases
        """)
        defer { site.cleanUp() }
        try await site.build(now: "2023-02-21T09:00:00Z")
        let page = try #require(site.read("releases/2023/02/forum/"))
        #expect(page.contains("<html lang=\"en\">"))
        #expect(page.contains("Published <time datetime=\"2023-02-10T10:00:00+00:00\">Friday, 10 February 2023, 10:00 UTC</time>"))
        #expect(page.contains("href=\"/news-room/departments/econ/\""))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.gov/news-room/releases/2023/02/forum/\">"))
        #expect(site.read("events/") != nil)
        #expect(try #require(site.read("events/")).contains("Upcoming events"))
        #expect(try #require(site.read("news/forum/")).contains("url=https://example.gov/news-room/releases/2023/02/forum/"))
        let feed = try FeedDocument(try #require(FileManager.default.contents(atPath: site.output + "/feed.xml")))
        #expect(feed.channel["language"] == "en")
        #expect(feed.channel["link"] == "https://example.gov/news-room/")
        #expect(feed.items.first?["pubDate"] == "Wed, 01 Mar 2023 09:00:00 +0000")
    }

    @Test func theLogoStandsInTheHeaderAndItsFileIsPublishedWhereverItSits() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-rilis.md": release("title: Rilis\ndate: 2023-02-10 10:00"),
            "content/press/lambang.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ], config: TestSite.defaultConfig + "\nlogo: /press/lambang.svg\n")
        defer { site.cleanUp() }
        try await site.build()
        // Beside an item's Markdown a file no item names is held back; the logo is named by the site.
        #expect(FileManager.default.fileExists(atPath: site.output + "/press/lambang.svg"))
        for path in ["", "siaran-pers/2023/02/rilis/", "404.html"] {
            let html = try #require(site.read(path))
            #expect(html.contains("<a class=\"site-title\" href=\"/\"><img class=\"site-logo\" alt=\"\" src=\"/press/lambang.svg\" width=\"48\" height=\"48\"><span>Kota Uji</span></a>"), "\(path)")
        }
        // The letterhead of a printed page: the site's address on one line.
        try site.write("site.yml", TestSite.defaultConfig + "\nlogo: https://cdn.kota-uji.go.id/lambang.png\ncontact:\n  address: Jl. Merdeka 1\n  phone: \"0451 1\"\n")
        try await site.build()
        let home = try #require(site.read(""))
        #expect(home.contains("src=\"https://cdn.kota-uji.go.id/lambang.png\""))
        #expect(home.contains("<p class=\"letterhead-contact\"><span>Jl. Merdeka 1</span> <span>Telp. 0451 1</span></p>"))
        // A logo that is not there is an error in site.yml, at its line.
        try site.write("site.yml", TestSite.defaultConfig + "\nlogo: /gambar/tidak-ada.svg\n")
        let problems = await site.failures()
        #expect(problems.map(\.description) == ["site.yml:12:7: error: logo not found: content/gambar/tidak-ada.svg (nor in the theme's static/)"], "\(problems)")
        try site.write("site.yml", TestSite.defaultConfig + "\nlogo: gambar/lambang.svg\n")
        #expect(await site.failures().first?.message.contains("'logo' must be a file of the site from its root") == true)
    }

    @Test func listsArePaginatedWithoutLosingItems() async throws {
        var files: [String: String] = [:]
        for day in 1...9 {
            files["content/press/2023-01-0\(day)-rilis-\(day).md"] = release("title: Rilis Nomor \(day)\ndate: 2023-01-0\(day) 10:00\ntags: [umum]")
        }
        let site = try TestSite(files)  // per_page: 2
        defer { site.cleanUp() }
        try await site.build()
        var seen: [String] = []
        for n in 1...5 {
            let path = n == 1 ? "siaran-pers/" : "siaran-pers/halaman/\(n)/"
            let html = try #require(site.read(path), "missing \(path)")
            seen += (1...9).filter { html.contains("Rilis Nomor \($0)</a>") }.map(String.init)
            if n < 5 { #expect(html.contains("rel=\"next\"")) }
        }
        #expect(seen.sorted() == (1...9).map(String.init).sorted())
        #expect(site.read("siaran-pers/halaman/6/") == nil)
        #expect(site.read("topik/umum/halaman/5/") != nil)
    }

    @Test func templatesNeverRenderAnEmptyLinkOrTime() async throws {
        let output = temporaryFolder() + "/public"
        try await SiteBuilder.build(TestSite.options(root: TestSite.repositoryRoot, drafts: true, future: true, output: output))
        for (path, data) in snapshot(output) where path.hasSuffix(".html") {
            // The emblem beside the site's name in its link says nothing the name does not: empty on purpose.
            let html = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<img class=\"site-logo\" alt=\"\"", with: "<img class=\"site-logo\"")
            for empty in ["href=\"\"", "src=\"\"", "datetime=\"\"", "<title></title>", "<h1></h1>", "alt=\"\"", "content=\"\""] {
                #expect(!html.contains(empty), "\(path) has \(empty): a template uses a key the context does not set")
            }
        }
    }
}
