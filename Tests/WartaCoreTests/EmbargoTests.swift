import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// Embargoed and draft items must not appear in any public output: not a page, a listing, a feed,
/// the sitemap, a tag or department page, a count, nor the records of corrections and withdrawals
/// or the list of gone pages (the embargoed release has a correction and a later withdrawal).
@Suite struct EmbargoTests {
    static let files = [
        "content/press/2023-02-10-terbit.md": release("""
            title: Rilis Terbit Biasa
            date: 2023-02-10 10:00
            department: dinkes
            tags: [kesehatan]
            """),
        "content/press/2023-02-22-embargo.md": release("""
            title: Rilis Rahasia Embargo Zamrud
            date: 2023-02-22 10:00
            publish_at: 2023-02-22 10:00
            department: diskominfo
            tags: [kesehatan, topik-embargo]
            aliases: [/lama/embargo-zamrud/]
            summary: Ringkasan rahasia zamrud.
            corrections:
              - {date: 2023-02-22 12:00, note: Ralat rahasia zamrud.}
            withdrawn: {date: 2023-02-23 10:00, reason: Pencabutan rahasia zamrud., hide_body: true}
            """),
        "content/press/2023-02-20-draf.md": release("""
            title: Draf Rahasia Safir
            date: 2023-02-20 10:00
            draft: true
            department: dinkes
            tags: [kesehatan, topik-draf]
            aliases: [/lama/draf-safir/]
            """),
        "content/events/2023-03-01-acara-embargo.md": """
            ---
            title: Acara Rahasia Embargo Mutiara
            start: 2023-03-01 09:00
            publish_at: 2023-02-25 08:00
            department: dinkes
            ---
            Acara.
            """,
    ]
    static let secrets = ["Zamrud", "zamrud", "Safir", "safir", "Mutiara", "mutiara", "topik-draf", "topik-embargo",
                          "2023/02/embargo", "2023/02/draf", "acara-embargo", "lama/"]

    @Test func hiddenItemsAreAbsentFromEveryFile() async throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        let report = try await site.build()
        #expect(report.items == 1)
        let files = snapshot(site.output)
        #expect(files.count > 10)
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            for secret in Self.secrets {
                #expect(!path.contains(secret), "\(path) is named after a hidden item")
                #expect(!text.contains(secret), "\(path) mentions '\(secret)'")
            }
        }
        // Counts: the tag 'kesehatan' has one public item, the department diskominfo none.
        let tags = try #require(site.read("topik/"))
        #expect(tags.contains("kesehatan</a> <span class=\"count\">(1 tulisan)"))
        #expect(!tags.contains("topik-embargo"))
        let departments = try #require(site.read("dinas/"))
        #expect(departments.contains("Dinas Komunikasi dan Informatika</a> <span class=\"count\">(0 tulisan)"))
        #expect(departments.contains("Dinas Kesehatan</a> <span class=\"count\">(1 tulisan)"))
    }

    @Test func embargoLiftsAtItsInstant() async throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try await site.build(now: "2023-02-22T09:59:59+08:00")
        #expect(site.read("siaran-pers/2023/02/embargo/") == nil)
        try await site.build(now: "2023-02-22T10:00:00+08:00")
        let page = try #require(site.read("siaran-pers/2023/02/embargo/"))
        #expect(page.contains("Rilis Rahasia Embargo Zamrud"))
        #expect(try #require(site.read("feed.xml")).contains("Zamrud"))
        #expect(try #require(site.read("lama/embargo-zamrud/")).contains("url=https://kota-uji.go.id/siaran-pers/2023/02/embargo/"))
        // The same instant written in another zone lifts it too (02:00 UTC is 10:00 WITA).
        try await site.build(now: "2023-02-22T02:00:00Z")
        #expect(site.read("siaran-pers/2023/02/embargo/") != nil)
        // The draft never appears on a public build, whatever the clock.
        #expect(!snapshot(site.output).values.contains { String(decoding: $0, as: UTF8.self).contains("Safir") })
    }

    @Test func previewBuildsShowHiddenItemsWithABanner() async throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try await site.build(drafts: true, future: true)
        let draft = try #require(site.read("siaran-pers/2023/02/draf/"))
        #expect(draft.contains("DRAF — belum terbit"))
        #expect(draft.contains("<meta name=\"robots\" content=\"noindex\">"))
        let embargoed = try #require(site.read("siaran-pers/2023/02/embargo/"))
        #expect(embargoed.contains("EMBARGO — belum boleh disiarkan sampai Rabu, 22 Februari 2023 pukul 10.00 WITA"))
        // A preview never reaches the sitemap.
        #expect(!(try #require(site.read("sitemap.xml"))).contains("siaran-pers/2023/02/draf/"))
    }

    @Test func sampleSiteHidesItsEmbargoedReleaseAndDraft() async throws {
        let output = temporaryFolder() + "/public"
        try await SiteBuilder.build(TestSite.options(root: TestSite.repositoryRoot, output: output))
        let secrets = ["Penghargaan Kota Layak Anak", "penghargaan-kota-layak-anak", "Bantuan Pangan Tahap II",
                       "jadwal-bantuan-pangan-tahap-dua", "topik/penghargaan/"]
        for (path, data) in snapshot(output) {
            let text = String(decoding: data, as: UTF8.self)
            for secret in secrets { #expect(!text.contains(secret) && !path.contains(secret), "\(path) leaks '\(secret)'") }
        }
    }
}
