import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// The mistakes a press officer makes in front matter, each answered with what to write instead,
/// at the line and column to fix: the whole message is the contract here, not a fragment of it.
@Suite struct PlainErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let path: String
        let text: String
        let line: Int
        let column: Int
        let message: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ line: Int, _ column: Int, _ message: String, path: String = "content/press/a.md") {
            (self.name, self.path, self.text, self.line, self.column, self.message) = (name, path, text, line, column, message)
        }
    }

    static let cases: [Case] = [
        // "mapping values are not allowed in this context", said the parser.
        Case("a title with a colon", "---\ntitle: Rapat: hasil\ndate: 2023-02-10\n---\nIsi\n", 2, 8,
             #"put the title in quotes: title: "Rapat: hasil" (a colon followed by a space ends a field name)"#),
        Case("a title with a colon and quotes inside", "---\ndate: 2023-02-10\ntitle: Lomba \"Kampung Bersih\": pemenang # diumumkan\n---\nIsi\n", 3, 8,
             #"put the title in quotes: title: 'Lomba "Kampung Bersih": pemenang' (a colon followed by a space ends a field name)"#),
        Case("a title that goes on after its quotes", "---\ndate: 2023-02-10\ntitle: \"Wali Kota\" Resmikan Pasar\n---\nIsi\n", 3, 8,
             #"put the whole title in quotes: title: '"Wali Kota" Resmikan Pasar' (nothing may follow a closing quote)"#),
        Case("a summary that goes on after its quotes, with both quotes inside", "---\ntitle: Judul\ndate: 2023-02-10\nsummary: 'Pasar' Jum'at\n---\nIsi\n", 4, 10,
             #"put the whole summary in quotes: summary: "'Pasar' Jum'at" (nothing may follow a closing quote)"#),
        Case("a contact's role with a colon", "---\ntitle: Judul\ndate: 2023-02-10\ncontact:\n  name: Budi\n  role: Kepala Bagian: Protokol\n---\nIsi\n", 6, 9,
             #"put the value of 'role' in quotes: role: "Kepala Bagian: Protokol" (a colon followed by a space ends a field name)"#),
        Case("a tab at the start of a line", "---\ntitle: Judul\ndate: 2023-02-10\ntags:\n\t- banjir\n---\nIsi\n", 5, 1,
             "use spaces, not tabs, to indent"),
        Case("a tab after spaces", "---\ntitle: Judul\ndate: 2023-02-10\nimage:\n  src: /gambar/a.png\n  \talt: Foto\n---\nIsi\n", 6, 3,
             "use spaces, not tabs, to indent"),
        Case("a tabbed field", "---\ntitle: Judul\n\tdate: 2023-02-10\n---\nIsi\n", 3, 1, "use spaces, not tabs, to indent"),
        Case("30 February", "---\ntitle: Judul\ndate: 2023-02-30\n---\nIsi\n", 3, 7,
             "'date' is not a valid date: February 2023 has 28 days ('2023-02-30')"),
        Case("30 February of a leap year", "---\ntitle: Judul\ndate: 2024-02-30 09:00\n---\nIsi\n", 3, 7,
             "'date' is not a valid date: February 2024 has 29 days ('2024-02-30 09:00')"),
        Case("31 April, written the Indonesian way", "---\ntitle: Judul\ndate: 31/04/2023\n---\nIsi\n", 3, 7,
             "'date' is not a valid date: April 2023 has 30 days ('31/04/2023')"),
        Case("month 13", "---\ntitle: Judul\ndate: 2023-13-01\n---\nIsi\n", 3, 7,
             "'date' is not a valid date: there is no month 13 ('2023-13-01')"),
        Case("day/month/year", "---\ntitle: Judul\ndate: 21/02/2023\n---\nIsi\n", 3, 7,
             "'date' is written '21/02/2023'; write the date as 2023-02-21"),
        Case("an Indonesian month name", "---\ntitle: Judul\ndate: 21 Februari 2023\n---\nIsi\n", 3, 7,
             "'date' is written '21 Februari 2023'; write the date as 2023-02-21"),
        Case("an English month name", "---\ntitle: Judul\ndate: February 21, 2023\n---\nIsi\n", 3, 7,
             "'date' is written 'February 21, 2023'; write the date as 2023-02-21"),
        Case("a weekday, a short month and a time", "---\ntitle: Judul\ndate: 2023-02-10\npublish_at: Selasa, 21 Feb 2023 pukul 09.00 WITA\n---\nIsi\n", 4, 13,
             "'publish_at' is written 'Selasa, 21 Feb 2023 pukul 09.00 WITA'; write the date as 2023-02-21 09:00 WITA"),
        Case("an hour of one digit", "---\ntitle: Judul\ndate: 2023-02-21 9:00\n---\nIsi\n", 3, 7,
             "'date' is written '2023-02-21 9:00'; write the date as 2023-02-21 09:00"),
        Case("an event on 29 February 2023", "---\ntitle: Acara\nstart: 29 Februari 2023 10:00\n---\nIsi\n", 3, 8,
             "'start' is not a valid date: February 2023 has 28 days ('29 Februari 2023 10:00')", path: "content/events/a.md"),
        Case("a repeat's exception written the Indonesian way", "---\ntitle: Senam\nstart: 2023-03-07 06:00\nrepeat:\n  every: week\n  except: [14/03/2023]\n---\nIsi\n", 6, 12,
             "'except' is written '14/03/2023'; write the date as 2023-03-14", path: "content/events/a.md"),
        Case("an unknown department", "---\ntitle: Judul\ndate: 2023-02-10\ndepartment: dinsos\n---\nIsi\n", 4, 13,
             #"unknown department 'dinsos'; site.yml lists diskominfo, dinkes. To add it, put this line under 'departments:' in site.yml:  - {slug: dinsos, name: "Full name"}"#),
        Case("a misspelt department", "---\ntitle: Judul\ndate: 2023-02-10\ndepartment: dinkess\n---\nIsi\n", 4, 13,
             "unknown department 'dinkess'; did you mean 'dinkes' (Dinas Kesehatan)? Write its slug from site.yml: department: dinkes"),
        Case("a department written as its name", "---\ntitle: Judul\ndate: 2023-02-10\ndepartment: Dinas Kesehatan\n---\nIsi\n", 4, 13,
             "unknown department 'Dinas Kesehatan'; did you mean 'dinkes' (Dinas Kesehatan)? Write its slug from site.yml: department: dinkes"),
        Case("a department in capitals", "---\ntitle: Judul\ndate: 2023-02-10\ndepartment: DINKES\n---\nIsi\n", 4, 13,
             "unknown department 'DINKES'; did you mean 'dinkes' (Dinas Kesehatan)? Write its slug from site.yml: department: dinkes"),
        // "mapping values are not allowed in this context": quotes would not help a stray indent.
        Case("a field indented under a title", "---\ntitle: Judul\n  date: 2023-02-10\n---\nIsi\n", 3, 1,
             "'date' is indented 2 spaces, not as 'title' on the line above; write it at the start of the line, with no spaces before it, like 'title' (the spaces at the start of a line say which field it belongs to)"),
        Case("a field of the image indented too far", "---\ntitle: Judul\ndate: 2023-02-10\nimage:\n  src: /gambar/a.png\n    alt: Foto\n---\nIsi\n", 6, 1,
             "'alt' is indented 4 spaces, not as 'src' on the line above; write it with 2 spaces before it, like 'src' (the spaces at the start of a line say which field it belongs to)"),
        Case("an Indonesian field name", "---\ntitle: Judul\ndate: 2023-02-10\ntopik: pasar\n---\nIsi\n", 4, 1,
             "unknown field 'topik' in a press release; field names are in English: write 'tags'"),
        Case("an Indonesian field name on an event", "---\ntitle: Senam\nstart: 2023-03-07 06:00\nlokasi: Lapangan\n---\nIsi\n", 4, 1,
             "unknown field 'lokasi' in an event; field names are in English: write 'location'", path: "content/events/a.md"),
        // Columns count characters: the curly quotes before `map` are three bytes each.
        Case("a column after curly quotes", "---\ntitle: Senam\nstart: 2023-03-07 06:00\nlocation: {name: “Aula” Balai, map: peta kota}\n---\nIsi\n", 4, 37,
             "'map' must be an http(s) link", path: "content/events/a.md"),
        Case("corrections written as one line", "---\ntitle: Judul\ndate: 2023-02-10\ncorrections: 2023-02-11 nama diperbaiki\n---\nIsi\n", 4, 14, """
             'corrections' must be a list of {date, note}, each starting with '- ', e.g.
             corrections:
               - date: 2023-02-22 10:00
                 note: The speaker's name was corrected.
             """),
        Case("withdrawn written as one line", "---\ntitle: Judul\ndate: 2023-02-10\nwithdrawn: 2023-02-11\n---\nIsi\n", 4, 12, """
             'withdrawn' must be a mapping of 'field: value' lines, indented under it, e.g.
             withdrawn:
               date: 2023-02-22 10:00
               reason: The schedule was changed; see the new release.
             """),
    ]

    @Test(arguments: cases)
    func saysWhatToWriteWhereItGoes(_ c: Case) async throws {
        let site = try TestSite()
        defer { site.cleanUp() }
        try site.write(c.path, c.text)
        let problems = await site.failures()
        #expect(problems.map(\.description) == ["\(c.path):\(c.line):\(c.column): error: \(c.message)"])
    }

    @Test func aSiteWithoutDepartmentsSaysHowToStartTheList() async throws {
        let site = try TestSite(["content/press/a.md": "---\ntitle: Judul\ndate: 2023-02-10\ndepartment: dinsos\n---\nIsi\n"],
                                config: "title: Kota Uji\nbase_url: https://kota-uji.go.id/\ntimezone: Asia/Makassar\n")
        defer { site.cleanUp() }
        let problems = await site.failures()
        #expect(problems.map(\.description) == [
            #"content/press/a.md:4:13: error: unknown department 'dinsos'; site.yml lists no departments. To add it, put this line in site.yml:  departments: [{slug: dinsos, name: "Full name"}]"#,
        ])
    }

    @Test func siteYmlGetsTheSameAdvice() async throws {
        let site = try TestSite(config: "title: Kota Uji: Situs Resmi\nbase_url: https://kota-uji.go.id/\ntimezone: Asia/Makassar\n")
        defer { site.cleanUp() }
        #expect(await site.failures().map(\.description) == [
            #"site.yml:1:8: error: put the title in quotes: title: "Kota Uji: Situs Resmi" (a colon followed by a space ends a field name)"#,
        ])
        try site.write("site.yml", "title: Kota Uji\nbase_url: https://kota-uji.go.id/\ndepartments:\n  - slug: dinkes\n\t name: Dinas Kesehatan\n")
        #expect(await site.failures().map(\.description) == ["site.yml:5:1: error: use spaces, not tabs, to indent"])
    }

    /// The YAML each message proposes is read by Warta: following the advice fixes the file.
    @Test func theProposedFixesBuild() async throws {
        let site = try TestSite([
            "content/press/a.md": "---\ntitle: \"Lomba \\\"Kampung Bersih\\\": pemenang\"\ndate: 2023-02-21 09:00 WITA\ndepartment: dinsos\n---\nIsi\n",
        ], config: TestSite.defaultConfig + "\n  - {slug: dinsos, name: \"Full name\"}\n")
        defer { site.cleanUp() }
        try await site.build()
        let page = try #require(site.read("/siaran-pers/2023/02/a/"))
        #expect(page.contains("<h1>Lomba “Kampung Bersih”: pemenang</h1>"), "the title, its quotes curled as in the body")
    }

    @Test func everyMistakeIsReportedInOneRun() async throws {
        let site = try TestSite()
        defer { site.cleanUp() }
        for (i, c) in Self.cases.enumerated() {
            try site.write(c.path.replacingOccurrences(of: "/a.md", with: "/k\(i).md"), c.text)
        }
        let problems = await site.failures()
        #expect(problems.count == Self.cases.count, "\(problems.map(\.description).joined(separator: "\n"))")
        for (i, c) in Self.cases.enumerated() {
            let path = c.path.replacingOccurrences(of: "/a.md", with: "/k\(i).md")
            #expect(problems.contains { $0.description == "\(path):\(c.line):\(c.column): error: \(c.message)" }, "\(c.name)")
        }
    }
}
