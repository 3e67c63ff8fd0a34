import Foundation
import Testing
@testable import WartaCore

/// The theme's search page: at the section name of the site's language (or the one site.yml gives),
/// in the navigation of every page, loading Pagefind's interface from the index folder, and
/// pointing readers without JavaScript to the archive. Which item pages are marked for the index.
@Suite struct SearchPageTests {
    static let english = TestSite.defaultConfig.replacingOccurrences(of: "language: id", with: "language: en")

    func expectSearchPage(_ site: TestSite, at path: String, archive: String) throws {
        let page = try #require(site.read(path), "no search page at /\(path)")
        // Pagefind's interface is loaded by the page's script, from the folder Pagefind writes
        // after the build: no link or script of the page names a file that may not be there.
        #expect(page.contains("data-bundle=\"/pagefind/\""))
        #expect(!page.contains("href=\"/pagefind/") && !page.contains("src=\"/pagefind/"))
        #expect(page.contains("script.src = bundle + \"pagefind-ui.js\";") && page.contains("style.href = bundle + \"pagefind-ui.css\";"))
        let noscript = try #require(page.range(of: "<noscript>").flatMap { start in page.range(of: "</noscript>").map { page[start.upperBound..<$0.lowerBound] } })
        #expect(noscript.contains("href=\"/\(archive)/\""), "\(noscript)")
        // Without the index (the script cannot load), the page says so and leads to the archive.
        let start = try #require(page.range(of: "<p class=\"notice\" id=\"cari-tanpa-indeks\" hidden>"), "no notice for a site without its index")
        let unavailable = page[start.upperBound...].prefix { $0 != "\n" }
        #expect(unavailable.contains("href=\"/\(archive)/\""), "\(unavailable)")
        let home = try #require(site.read(""))
        #expect(home.contains("href=\"/\(path)\""), "the navigation does not link to /\(path)")
    }

    @Test func indonesianEnglishAndRenamed() async throws {
        let indonesian = try TestSite(["content/press/a.md": release("title: A\ndate: 2023-02-10")])
        defer { indonesian.cleanUp() }
        try await indonesian.build()
        try expectSearchPage(indonesian, at: "cari/", archive: "arsip")

        let english = try TestSite(["content/press/a.md": release("title: A\ndate: 2023-02-10")], config: Self.english)
        defer { english.cleanUp() }
        try await english.build()
        try expectSearchPage(english, at: "search/", archive: "archive")
        #expect(english.read("search/")?.contains("Search needs JavaScript") == true)

        let renamed = try TestSite(["content/press/a.md": release("title: A\ndate: 2023-02-10")],
                                   config: TestSite.defaultConfig + "\nsections:\n  search: pencarian\n")
        defer { renamed.cleanUp() }
        try await renamed.build()
        try expectSearchPage(renamed, at: "pencarian/", archive: "arsip")
        #expect(renamed.read("cari/") == nil)
    }

    @Test func onlyListedPublishedItemsAreMarkedForTheIndex() async throws {
        let site = try TestSite([
            "content/press/tampil.md": release("title: Tampil\ndate: 2023-02-10"),
            "content/press/kedaluwarsa.md": release("title: Kedaluwarsa\ndate: 2023-02-01\nexpires: 2023-02-15"),
            "content/press/dicabut.md": release("title: Dicabut\ndate: 2023-02-02\nwithdrawn:\n  date: 2023-02-05\n  reason: Salah data."),
            "content/press/draf.md": release("title: Draf\ndate: 2023-02-03\ndraft: true"),
        ])
        defer { site.cleanUp() }
        try await site.build()
        func marked(_ slug: String, in output: String? = nil) -> Bool? {
            site.read("siaran-pers/2023/02/\(slug)/", in: output).map { $0.contains("data-pagefind-body") }
        }
        #expect(marked("tampil") == true)
        #expect(marked("kedaluwarsa") == false)
        #expect(marked("dicabut") == false)
        #expect(marked("draf") == nil)
        // A preview shows the draft, but never marks it: a preview's index holds no draft.
        let preview = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: preview) }
        try await site.build(drafts: true, output: preview + "/site")
        #expect(marked("draf", in: preview + "/site") == false)
        #expect(marked("tampil", in: preview + "/site") == true)
    }
}
