import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// Each kind of bad input is reported at its `path:line:column`, all of them in one run, and the
/// previous output survives untouched.
@Suite struct InvalidInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let path: String
        let bytes: [UInt8]
        let line: Int
        let column: Int
        let message: String
        var testDescription: String { name }

        init(_ name: String, _ path: String, _ text: String, _ line: Int, _ column: Int, _ message: String) {
            self.init(name, path, Array(text.utf8), line, column, message)
        }

        init(_ name: String, _ path: String, _ bytes: [UInt8], _ line: Int, _ column: Int, _ message: String) {
            self.name = name
            self.path = path
            self.bytes = bytes
            self.line = line
            self.column = column
            self.message = message
        }
    }

    static let cases: [Case] = [
        Case("missing front matter", "content/press/a.md", "Hanya teks tanpa front matter.\n", 1, 1, "missing front matter"),
        Case("unclosed front matter", "content/press/a.md", "---\ntitle: Judul\n\nIsi\n", 1, 1, "never closed"),
        Case("malformed YAML", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\ntags: [a, b\n---\nIsi\n", 5, 1, "invalid YAML"),
        Case("unclosed quote", "content/press/a.md", "---\ntitle: \"Judul\ndate: 2023-02-10\n---\nIsi\n", 4, 1, "starts at line 2, column 8"),
        Case("front matter not a mapping", "content/press/a.md", "---\n- satu\n- dua\n---\nIsi\n", 2, 1, "must be a mapping"),
        Case("missing title", "content/press/a.md", "---\ndate: 2023-02-10\n---\nIsi\n", 2, 1, "missing required field 'title'"),
        Case("release without date", "content/press/a.md", "---\ntitle: Judul\n---\nIsi\n", 2, 1, "missing required field 'date'"),
        Case("unknown department", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\ndepartment: dinsos\n---\nIsi\n", 4, 13, "unknown department 'dinsos'"),
        Case("misspelt field", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\npubish_at: 2023-02-25\n---\nIsi\n", 4, 1, "did you mean 'publish_at'?"),
        Case("impossible date", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-30\n---\nIsi\n", 3, 7, "February 2023 has 28 days"),
        Case("malformed date", "content/press/a.md", "---\ntitle: Judul\ndate: 21/02/2023\n---\nIsi\n", 3, 7, "write the date as 2023-02-21"),
        Case("bad embargo date", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\npublish_at: besok\n---\nIsi\n", 4, 13, "'publish_at' is not a valid date"),
        Case("draft not a boolean", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\ndraft: mungkin\n---\nIsi\n", 4, 8, "true or false"),
        Case("end before start", "content/events/a.md", "---\ntitle: Acara\nstart: 2023-03-01 10:00\nend: 2023-03-01 09:00\n---\nIsi\n", 4, 6, "must be after 'start'"),
        Case("event without start", "content/events/a.md", "---\ntitle: Acara\n---\nIsi\n", 2, 1, "missing required field 'start'"),
        Case("unknown event status", "content/events/a.md", "---\ntitle: Acara\nstart: 2023-03-01 10:00\nstatus: batal\n---\nIsi\n", 4, 9, "unknown status 'batal'"),
        Case("invalid UTF-8", "content/press/a.md", Array("---\ntitle: Judul\ndate: 2023-02-10\n---\nIsi ca".utf8) + [0xFF] + Array("k\n".utf8), 5, 7, "invalid UTF-8"),
        Case("missing attachment", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\nattachments:\n  - file: /lampiran/tidak-ada.pdf\n    title: Hilang\n---\nIsi\n", 5, 11, "attachment not found: content/lampiran/tidak-ada.pdf"),
        Case("image without alt", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\nimage:\n  src: /gambar/a.png\n---\nIsi\n", 5, 3, "needs 'src' and 'alt'"),
        Case("Markdown outside a section", "content/berita.md", "---\ntitle: Judul\n---\nIsi\n", 1, 1, "belong in content/press/"),
        // Trust: what would make invalid feeds and calendars, hang or crash the reader, or take another URL.
        Case("form feed pasted from a word processor", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\nsummary: Satu\u{0C}dua\n---\nIsi\n", 4, 14, "U+000C (form feed"),
        Case("NUL byte in the body", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\n---\nIsi\nbaris ke\u{0}enam\n", 6, 9, "U+0000 (NUL)"),
        Case("YAML alias bomb", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\na: &a [x, x, x]\nb: &b [*a, *a, *a]\n---\n", 4, 4, "anchors and aliases"),
        Case("alias bomb as a mapping key", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\n? &k [a]\n: x\n---\n", 4, 3, "anchors and aliases"),
        Case("nesting deeper than 64", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\ntags: " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "\n---\n", 4, 70, "deeper than 64"),
        Case("front matter over 1 MiB", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\nsummary: " + String(repeating: "kata ", count: 220_000) + "\n---\n", 2, 1, "the limit is 1024 KiB"),
        Case("content file over the size limit", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\n---\n" + String(repeating: "Kalimat panjang. ", count: 280_000), 1, 1, "at most 4 MiB"),
        Case("file name without Latin letters", "content/press/2023-02-10-\u{628}\u{64A}\u{627}\u{646}.md", "---\ntitle: Judul\ndate: 2023-02-10\n---\nIsi\n", 1, 1, "gives no URL"),
        Case("alias that is the home page in disguise", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\naliases: [/./]\n---\nIsi\n", 4, 11, "names another URL"),
        Case("alias with an empty segment", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\naliases: [/berita//lama/]\n---\nIsi\n", 4, 11, "names another URL"),
        Case("alias of the home page", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\naliases: [/]\n---\nIsi\n", 4, 11, "names the home page"),
        Case("slug that is a dot", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\nslug: .\n---\nIsi\n", 4, 7, "'slug' may hold only"),
        Case("Markdown named .MD", "content/press/a.MD", "---\ntitle: Judul\ndate: 2023-02-10\n---\nIsi\n", 1, 1, "must end in exactly '.md'"),
        Case("Markdown named .markdown", "content/events/a.markdown", "---\ntitle: Judul\nstart: 2023-02-10\n---\nIsi\n", 1, 1, "must end in exactly '.md'"),
        Case("withdrawal without a reason", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\nwithdrawn:\n  date: 2023-02-12\n---\nIsi\n", 5, 3, "needs 'date' (when it was withdrawn) and 'reason'"),
        Case("withdrawal before publication", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10 10:00\nwithdrawn:\n  date: 2023-02-10\n  reason: Keliru\n---\nIsi\n", 5, 9, "is before the item went public"),
        Case("misspelt withdrawal field", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\nwithdrawn: {date: 2023-02-12, reason: Keliru, hide_bodi: true}\n---\nIsi\n", 4, 47, "did you mean 'hide_body'?"),
        // Dates that hold nothing back, or take an item down before it goes up.
        Case("embargo before the date", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10 10:00\npublish_at: 2023-02-09 10:00\n---\nIsi\n", 4, 13, "'publish_at' (2023-02-09T10:00:00+08:00) is before 'date'"),
        Case("expiry before the embargo lifts", "content/press/a.md", "---\ntitle: Judul\ndate: 2023-02-10\npublish_at: 2023-02-10 20:00\nexpires: 2023-02-10 18:00\n---\nIsi\n", 5, 10, "is not after 'publish_at' (2023-02-10T20:00:00+08:00)"),
        Case("expiry before the date", "content/events/a.md", "---\ntitle: Acara\nstart: 2023-03-01 10:00\ndate: 2023-02-10 10:00\nexpires: 2023-02-10\n---\nIsi\n", 5, 10, "is not after 'date'"),
        Case("alert embargoed before its date", "content/alerts/a.md", "---\ntitle: Banjir\nseverity: info\narea: Kota\ndate: 2023-02-21 06:00\npublish_at: 2023-02-21 05:00\nexpires: 2023-02-22\n---\nIsi\n", 6, 13, "is before 'date'"),
        // Emergency notices: one that could stay on every page for ever, or say nothing, never builds.
        Case("alert without an expiry", "content/alerts/a.md", "---\ntitle: Banjir\nseverity: warning\narea: Kota\ndate: 2023-02-21 06:00\n---\nIsi\n", 2, 1, "missing required field 'expires'"),
        Case("alert with an unknown severity", "content/alerts/a.md", "---\ntitle: Banjir\nseverity: tinggi\narea: Kota\ndate: 2023-02-21 06:00\nexpires: 2023-02-22\n---\nIsi\n", 3, 11, "unknown severity 'tinggi'; use info, warning or danger"),
        Case("alert that expires before it is issued", "content/alerts/a.md", "---\ntitle: Banjir\nseverity: info\narea: Kota\ndate: 2023-02-21 06:00\nexpires: 2023-02-20\n---\nIsi\n", 6, 10, "'expires' (2023-02-20T00:00:00+08:00) is not after 'date'"),
        Case("alert with a category CAP does not know", "content/alerts/a.md", "---\ntitle: Banjir\nseverity: info\narea: Kota\ndate: 2023-02-21\nexpires: 2023-02-22\ncategory: cuaca\n---\nIsi\n", 7, 11, "unknown category 'cuaca'; CAP allows: Geo, Met,"),
        Case("alert without a text", "content/alerts/a.md", "---\ntitle: Banjir\nseverity: info\narea: Kota\ndate: 2023-02-21\nexpires: 2023-02-22\n---\n\n", 8, 1, "an alert needs its text"),
        Case("alert in English without its text", "content/alerts/a.md", "---\ntitle: Banjir\nseverity: info\narea: Kota\ndate: 2023-02-21\nexpires: 2023-02-22\nen:\n  title: Flood\n---\nIsi\n", 8, 3, "'en' needs 'title' and 'text'"),
        Case("alert with a misspelt field", "content/alerts/a.md", "---\ntitle: Banjir\nseverity: info\narea: Kota\ndate: 2023-02-21\nexpires: 2023-02-22\ncertanty: Likely\n---\nIsi\n", 7, 1, "did you mean 'certainty'?"),
    ]

    @Test(arguments: cases)
    func reportsWhereTheProblemIs(_ c: Case) async throws {
        let site = try TestSite()
        defer { site.cleanUp() }
        try site.write(c.path, bytes: c.bytes)
        let problems = await site.failures()
        let problem = try #require(problems.first { $0.path == c.path }, "no diagnostic for \(c.path): \(problems)")
        #expect(problem.line == c.line && problem.column == c.column, "\(problem)")
        #expect(problem.message.contains(c.message), "\(problem)")
        #expect(problem.description.hasPrefix("\(c.path):\(c.line):\(c.column): error: "))
    }

    @Test func everyProblemIsReportedInOneRun() async throws {
        let site = try TestSite()
        defer { site.cleanUp() }
        for (i, c) in Self.cases.enumerated() {
            try site.write(c.path.replacingOccurrences(of: "/a.md", with: "/k\(i).md"), bytes: c.bytes)
        }
        let problems = await site.failures()
        let files = Set(problems.map(\.path))
        #expect(files.count == Self.cases.count, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    /// An alias is a page in a folder of that name: where a file of the site (public or not yet),
    /// a feed or a theme file is, or under Warta's own folder, it is an error at the alias, at once,
    /// not a "File exists" with no place when an embargo lifts.
    @Test func anAliasWhereAFileIsIsAnErrorAtTheAlias() async throws {
        let site = try TestSite([
            "content/lampiran/surat.pdf": "%PDF surat",
            "content/lampiran/rahasia.pdf": "%PDF rahasia",
            "content/press/2023-02-10-a.md": release("title: A\ndate: 2023-02-10\naliases: [/lampiran/surat.pdf, /lama/a/]"),
            "content/press/2023-02-11-b.md": release("title: B\ndate: 2023-02-11\npublish_at: 2023-03-01 10:00\naliases:\n  - /feed.xml\n  - /style.css/"),
            "content/press/2023-02-12-c.md": release("title: C\ndate: 2023-02-12\naliases: [/.warta/lama/]"),
            // A file held back with its embargoed item still takes its place.
            "content/press/2023-02-13-d.md": release("title: D\ndate: 2023-02-13\npublish_at: 2023-03-01 10:00\nattachments: [{file: /lampiran/rahasia.pdf, title: R}]"),
            "content/press/2023-02-14-e.md": release("title: E\ndate: 2023-02-14\naliases: [/lampiran/rahasia.pdf/lama/]"),
        ])
        defer { site.cleanUp() }
        let problems = await site.failures().map(\.description)
        func expect(_ prefix: String, _ words: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            #expect(problems.contains { $0.hasPrefix(prefix) && $0.contains(words) }, "\(prefix): \(problems)", sourceLocation: sourceLocation)
        }
        expect("content/press/2023-02-10-a.md:4:11: error: alias '/lampiran/surat.pdf'", "inside /lampiran/surat.pdf, which is the file 'lampiran/surat.pdf'")
        expect("content/press/2023-02-11-b.md:6:5: error: alias '/feed.xml'", "inside /feed.xml")
        expect("content/press/2023-02-11-b.md:7:5: error: alias '/style.css/'", "inside /style.css")
        expect("content/press/2023-02-12-c.md:4:11: error: alias '/.warta/lama/'", "reserved by Warta")
        expect("content/press/2023-02-14-e.md:4:11: error: alias '/lampiran/rahasia.pdf/lama/'", "inside /lampiran/rahasia.pdf")
        #expect(!problems.contains { $0.contains("/lama/a/") }, "\(problems)")
        #expect(!problems.contains { $0.contains("File exists") }, "\(problems)")
    }

    @Test func theSearchIndexFolderIsReserved() async throws {
        let site = try TestSite([
            "content/pages/cari-di-sini.md": "---\ntitle: Mesin Pencari\nslug: pagefind\n---\nIsi.\n",
            "content/pagefind/catatan.txt": "bukan indeks\n",
        ])
        defer { site.cleanUp() }
        let problems = await site.failures().filter { $0.message.contains("reserved for the search index") }
        #expect(Set(problems.map(\.path)) == ["content/pages/cari-di-sini.md", "content/pagefind/catatan.txt"], "\(problems)")
        #expect(problems.first { $0.path.hasSuffix(".md") }?.line == 3)
    }

    @Test func twoItemsOnOneURLAreBothNamed() async throws {
        let site = try TestSite([
            "content/press/satu.md": release("title: Satu\ndate: 2023-02-10\nslug: sama"),
            "content/press/dua.md": release("title: Dua\ndate: 2023-02-11\nslug: sama"),
            "content/press/tiga.md": release("title: Tiga\ndate: 2023-01-11\naliases: [/siaran-pers/2023/02/sama/]"),
        ])
        defer { site.cleanUp() }
        let problems = await site.failures()
        #expect(Set(problems.map(\.path)) == ["content/press/satu.md", "content/press/dua.md", "content/press/tiga.md"], "\(problems)")
        #expect(problems.allSatisfy { $0.message.contains("/siaran-pers/2023/02/sama/") })
        let alias = try #require(problems.first { $0.path == "content/press/tiga.md" })
        #expect(alias.line == 4 && alias.column == 11)
        // Each item is named at the line that made its URL: the slug here.
        let first = try #require(problems.first { $0.path == "content/press/satu.md" })
        #expect(first.line == 4 && first.column == 7, "\(first)")
    }

    @Test func aClashOfURLsMadeByDatesPointsAtTheDates() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-rapat.md": release("title: Rapat\ndate: 2023-02-10"),
            "content/press/2023-02-11-rapat.md": release("title: Rapat Lagi\nsummary: Ringkas\ndate: 2023-02-11"),
        ])
        defer { site.cleanUp() }
        let located = await site.failures().map { "\($0.path):\($0.line):\($0.column)" }
        #expect(Set(located) == ["content/press/2023-02-10-rapat.md:3:7", "content/press/2023-02-11-rapat.md:4:7"], "\(located)")
    }

    @Test func aPageMayNotTakeASectionURL() async throws {
        let site = try TestSite(["content/pages/agenda.md": "---\ntitle: Agenda\n---\nIsi\n"])
        defer { site.cleanUp() }
        let problems = await site.failures()
        #expect(problems.contains { $0.path == "content/pages/agenda.md" && $0.message.contains("the events page") }, "\(problems)")
    }

    @Test func previousOutputSurvivesAFailedBuild() async throws {
        let site = try TestSite(["content/press/baik.md": release("title: Baik\ndate: 2023-02-10")])
        defer { site.cleanUp() }
        try await site.build()
        let before = snapshot(site.output)
        #expect(before["siaran-pers/2023/02/baik/index.html"] != nil)
        try site.write("content/press/rusak.md", "---\ntitle: Rusak\ndate: kemarin\n---\n")
        try site.write("content/press/baik.md", release("title: Baik Sekali\ndate: 2023-02-10"))
        let problems = await site.failures()
        #expect(problems.count == 1)
        #expect(snapshot(site.output) == before)
        // No staging folder is left behind.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: site.root)
        #expect(siblings.filter { $0.hasPrefix("public.") }.isEmpty, "\(siblings)")
    }

    @Test func templateErrorsPointIntoTheTemplate() async throws {
        let site = try TestSite(["content/press/baik.md": release("title: Baik\ndate: 2023-02-10")])
        defer { site.cleanUp() }
        try site.write("site-templates/page.mustache", "<p>satu</p>\n{{#items}}\n<p>{{title}}</p>\n{{/itemz}}\n")
        let problems = await site.failures()
        let problem = try #require(problems.first)
        #expect(problem.path == "site-templates/page.mustache")
        #expect(problem.line == 4, "\(problem)")
        #expect(problem.message.contains("template error"))
    }

    @Test func missingTemplateIsNamed() async throws {
        let site = try TestSite()
        defer { site.cleanUp() }
        try site.remove("site-templates/event.mustache")
        let problems = await site.failures()
        #expect(problems.contains { $0.path == "site-templates/event.mustache" && $0.message.contains("missing template") })
    }

    @Test func siteConfigurationErrorsAreLocated() async throws {
        let site = try TestSite(config: """
        title: Kota Uji
        base_url: kota-uji.go.id
        timezone: Asia/Wiramaya
        language: jw
        departments:
          - slug: Dinas Kesehatan
            name: Dinas Kesehatan
        """)
        defer { site.cleanUp() }
        let problems = await site.failures()
        let located = problems.map { "\($0.line):\($0.column) \($0.message)" }
        #expect(problems.allSatisfy { $0.path == "site.yml" })
        #expect(located.contains { $0.hasPrefix("2:11 'base_url'") }, "\(located)")
        #expect(located.contains { $0.hasPrefix("3:11 unknown time zone 'Asia/Wiramaya'") }, "\(located)")
        #expect(located.contains { $0.hasPrefix("4:11 unknown language 'jw'") }, "\(located)")
        #expect(located.contains { $0.hasPrefix("6:11 department slug") }, "\(located)")
    }

    @Test func aForeignOutputFolderIsNeverReplaced() async throws {
        let site = try TestSite(["content/press/baik.md": release("title: Baik\ndate: 2023-02-10")])
        defer { site.cleanUp() }
        let foreign = temporaryFolder()
        try Data("penting".utf8).write(to: URL(fileURLWithPath: foreign + "/skripsi.docx"))
        await #expect(throws: BuildFailure.self) { try await site.build(output: foreign) }
        #expect(FileManager.default.contents(atPath: foreign + "/skripsi.docx") == Data("penting".utf8))
    }
}
