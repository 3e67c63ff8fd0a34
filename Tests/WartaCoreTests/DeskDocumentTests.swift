import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// The writing desk's files, on real sites: a new file is `warta new`'s, an edit changes only the
/// fields changed, and a save is checked as the build checks the whole site.
@Suite struct DeskDocumentTests {
    static let now = ZonedInstant.parse(TestSite.sampleNow)!

    static func config(_ site: TestSite) -> SiteConfig { SiteLoader.config(root: site.root).0! }

    @Test func aNewFileIsTheFileWartaNewWrites() async throws {
        let made = try TestSite(), desk = try TestSite()
        defer { made.cleanUp(); desk.cleanUp() }
        for kind in [ItemKind.release, .event, .page] {
            var request = NewItem.Request(kind: kind, title: "Rapat Koordinasi: Hasil Akhir", now: Self.now)
            request.department = "dinkes"
            if kind == .event { request.start = "2023-03-01 09:00" }
            let created = try await NewItem.create(siteRoot: made.root, request)
            let site = try #require(await SiteLoader.load(root: desk.root).0)
            var form = DeskDocument.blank(kind, config: site.config, now: Self.now)
            form.values["title"] = "Rapat Koordinasi: Hasil Akhir"
            form.values["department"] = "dinkes"
            if kind == .event { form.values["start"] = "2023-03-01T09:00" }
            let (path, bytes) = try DeskDocument.created(form, site: site, now: Self.now)
            #expect(path == created.path)
            #expect(String(decoding: bytes, as: UTF8.self) == (try String(contentsOfFile: made.root + "/" + created.path, encoding: .utf8)))
        }
    }

    @Test func aFieldAddedToANewFileTakesThePlaceOfItsExample() async throws {
        let desk = try TestSite()
        defer { desk.cleanUp() }
        let site = try #require(await SiteLoader.load(root: desk.root).0)
        var form = DeskDocument.blank(.release, config: site.config, now: Self.now)
        // A line break in a value (a crafted request) never starts a line of YAML of its own.
        form.values["title"] = "Embargo Uji"
        form.values["author"] = "Nama\nslug: disusupkan"
        form.values["publish_at"] = "2023-02-22T10:00"
        form.values["image.src"] = "/gambar/foto.jpg"
        form.values["image.alt"] = "Foto: uji"
        form.values["tags"] = "satu, dua, tiga, empat"
        form.body = "Isi.\r\n\r\nParagraf dua.\r\n"
        let (_, bytes) = try DeskDocument.created(form, site: site, now: Self.now)
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let template = NewItemText.file(.init(kind: .release, title: "Embargo Uji", date: "2023-02-21 09:00", today: Self.now), config: site.config)
        let templateLines = template.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let example = try #require(templateLines.firstIndex { $0.hasPrefix("# publish_at:") })
        #expect(lines[example] == "publish_at: 2023-02-22 10:00")
        #expect(!text.contains("# publish_at:") && !text.contains("# image:") && !text.contains("#   alt:"))
        #expect(text.contains("\nimage:\n  src: /gambar/foto.jpg\n  alt: \"Foto: uji\"\n"))
        #expect(text.contains("\ntags: [satu, dua, tiga, empat]\n"))
        #expect(text.contains("\nauthor: \"Nama slug: disusupkan\"\n") && !text.contains("\nslug:"))
        #expect(text.hasSuffix("\n---\nIsi.\n\nParagraf dua.\n"))
        let (item, problems) = ItemLoader(config: site.config).load(bytes: bytes, path: "content/press/x.md", kind: .release)
        #expect(problems.filter { $0.severity == .error }.isEmpty, "\(problems)")
        #expect(item?.image?.alt == "Foto: uji" && item?.tags.count == 4 && item?.publishAt == ZonedInstant.parse("2023-02-22T10:00:00+08:00"))
    }

    @Test func anEditChangesOnlyTheFieldsChangedAndKeepsLineEndings() throws {
        let desk = try TestSite()
        defer { desk.cleanUp() }
        let config = Self.config(desk)
        let original = "---\r\ntitle: Judul Lama\r\n# catatan penulis\r\ndate: 2023-02-13T10:00:00+07:00\r\nimage:\r\n  src: /gambar/a.png\r\n  alt: A\r\ntags:\r\n  - satu\r\n  - dua\r\ncontact:\r\n  name: X\r\n---\r\nIsi  \r\n\r\n---\r\nbukan front matter\r\n"
        let bytes = Array(original.utf8)
        var form = try #require(DeskDocument.form(bytes, kind: .release, config: config))
        #expect(form["date"] == "2023-02-13T11:00" && form["tags"] == "satu, dua" && form["image.alt"] == "A")
        // Nothing changed (the body as a browser sends it): not a byte changes.
        form.body = form.body.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(DeskDocument.edited(bytes, kind: .release, posted: form, config: config) == bytes)
        form.values["title"] = "Judul Baru"
        form.values["image.src"] = ""
        form.values["image.alt"] = ""
        form.values["summary"] = "Ringkas."
        let edited = String(decoding: try #require(DeskDocument.edited(bytes, kind: .release, posted: form, config: config)), as: UTF8.self)
        #expect(edited == "---\r\ntitle: Judul Baru\r\n# catatan penulis\r\ndate: 2023-02-13T10:00:00+07:00\r\ntags:\r\n  - satu\r\n  - dua\r\ncontact:\r\n  name: X\r\nsummary: Ringkas.\r\n---\r\nIsi  \r\n\r\n---\r\nbukan front matter\r\n")
        form.body = "Isi baru\n"
        let rewritten = String(decoding: try #require(DeskDocument.edited(bytes, kind: .release, posted: form, config: config)), as: UTF8.self)
        #expect(rewritten.hasSuffix("---\r\nIsi baru\r\n"))
    }

    @Test func aSaveIsCheckedWithTheWholeSite() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-lama.md": release("title: Lama\ndate: 2023-02-10 09:00"),
            // A file on disk that is already broken refuses no other file's save.
            "content/press/2023-02-11-rusak.md": release("title: Rusak\ndate: bukan tanggal"),
        ])
        defer { site.cleanUp() }
        let theme = site.root + "/site-templates"
        let clash = Array(release("title: Baru\ndate: 2023-02-12 09:00\nslug: lama").utf8)
        let clashing = await DeskCheck.run(root: site.root, themeDirectory: theme, path: "content/press/2023-02-12-baru.md", kind: .release, bytes: clash, now: Self.now)
        #expect(clashing.errors.contains { $0.message.contains("siaran-pers/2023/02/lama/") }, "\(clashing.errors)")
        let fine = Array(release("title: Baru\ndate: 2023-02-12 09:00", body: "Teks **tebal**.\n").utf8)
        let accepted = await DeskCheck.run(root: site.root, themeDirectory: theme, path: "content/press/2023-02-12-baru.md", kind: .release, bytes: fine, now: Self.now)
        #expect(accepted.errors.isEmpty, "\(accepted.errors)")
        #expect(accepted.page?.contains("<strong>tebal</strong>") == true && accepted.pagePath == "/siaran-pers/2023/02/baru/")
        let broken = Array(release("title: Baru\ndate: 2023-02-31").utf8)
        let refused = await DeskCheck.run(root: site.root, themeDirectory: theme, path: "content/press/2023-02-12-baru.md", kind: .release, bytes: broken, now: Self.now)
        #expect(refused.errors.count == 1 && refused.errors[0].path == "content/press/2023-02-12-baru.md" && refused.errors[0].line == 3, "\(refused.errors)")
    }

    @Test func theListGivesEachSampleItemItsStateAtTheClock() async throws {
        let root = try SampleSite.copy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let site = try #require(await SiteLoader.load(root: root).0)
        let rows = DeskListing.rows(site, now: Self.now)
        #expect(rows.count == site.items.count)
        func state(_ file: String) -> DeskListing.State? { rows.first { $0.path == "content/press/" + file }?.state }
        #expect(state("2023-02-22-penghargaan-kota-layak-anak.md").map { if case .embargoed = $0 { true } else { false } } == true)
        #expect(state("2023-02-20-jadwal-bantuan-pangan-tahap-dua.md") == .draft)
        #expect(state("2023-01-16-pendaftaran-duta-wisata-2023.md") == .expired)
        #expect(state("2023-02-08-pendaftaran-stan-umkm-festival-layang-layang.md") == .withdrawn)
        #expect(state("2023-02-07-wifi-publik-gratis-45-titik.md") == .published)
        let dated = rows.compactMap(\.date)
        #expect(dated == dated.sorted(by: >))
    }
}
