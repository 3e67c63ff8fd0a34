import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// The one table of front-matter fields (`FieldTable`) is what the README's reference, the loader
/// and the desk read: a field written there is documented, accepted and offered without a second list.
@Suite struct FieldTableTests {
    static let begin = "<!-- fields:begin -->\n"
    static let end = "<!-- fields:end -->"

    /// The README's "Front matter reference" table is the one `FieldTable` renders. When they differ,
    /// the text to paste between the two markers is printed.
    @Test func theReadmeReferenceIsTheTableOfFields() throws {
        let readme = try String(contentsOfFile: SampleSite.repositoryRoot + "/README.md", encoding: .utf8)
        let from = try #require(readme.range(of: Self.begin), "README.md has no \(Self.begin)")
        let to = try #require(readme.range(of: Self.end, range: from.upperBound..<readme.endIndex), "README.md has no \(Self.end)")
        let written = String(readme[from.upperBound..<to.lowerBound])
        let expected = "\n" + FieldTable.referenceTable() + "\n"
        if written != expected {
            print("README.md is out of date: put this between \(Self.begin.dropLast()) and \(Self.end):\n" + expected)
        }
        #expect(written == expected, "README.md's front matter reference differs from FieldTable (the text to paste is printed above)")
    }

    /// The reference names every key the loader accepts inside a mapping field (it left out
    /// `contact`'s `address`).
    @Test func theReferenceNamesEveryPartOfAMapping() {
        for field in FieldTable.fields {
            for part in field.partNames { #expect(field.reference.contains(part), "\(field.name): '\(part)' is not in its reference") }
        }
    }

    /// Every field of the table, for each kind it belongs to, is accepted by the loader, and a field
    /// of another kind is refused with the kind's words: the loader's list is the table's.
    @Test(arguments: ItemKind.allCases) func theLoaderAcceptsExactlyTheTablesFields(_ kind: ItemKind) throws {
        let site = try TestSite([:])
        defer { site.cleanUp() }
        let config = try #require(SiteLoader.config(root: site.root).0)
        let what = kind == .event ? "an event" : kind == .page ? "a page" : "a press release"
        for field in FieldTable.fields {
            let bytes = Array("---\ntitle: A\n\(field.name): x\n---\nText.\n".utf8)
            let (_, problems) = ItemLoader(config: config).load(bytes: bytes, path: "content/\(kind.rawValue)/a.md", kind: kind)
            let refused = problems.contains { $0.message.hasPrefix("unknown field '\(field.name)' in \(what)") }
            #expect(refused == !field.kinds.contains(kind), "\(field.name) in \(kind): \(problems.map(\.message))")
        }
    }

    /// Each input of the desk's form has its label (and hint) in both languages from the table, and
    /// every field the form offers is one the loader accepts for that kind.
    @Test func theDeskOffersOnlyTableFieldsWithBothLanguages() {
        for kind in ItemKind.allCases {
            for key in DeskFields.keys(kind) {
                let field = FieldTable[key]
                #expect(field.kinds.contains(kind), "\(key) on \(kind)'s form")
                let desk = field.desk(for: kind)
                #expect(desk.map { !$0.label.id.isEmpty && !$0.label.en.isEmpty } == true, "\(key) on \(kind)'s form")
                for part in DeskFields.parts(key) { #expect(field.part(part)?.desk?.label.en.isEmpty == false, "\(key).\(part)") }
            }
        }
        #expect(!DeskFields.keys(.page).contains("date"), "a page's form has no date")
    }

    /// The desk writes each field as its type in the table says (a date, a flag, a list, a mapping, a
    /// list of mappings), and reads back the same inputs; a field the form does not offer stays off it.
    @Test func theDeskWritesAndReadsEachFieldByItsType() throws {
        let form = DeskForm(kind: .event, values: [
            "title": "Pawai", "start": "2023-03-04", "all_day": "true", "end": "2023-03-05T10:00", "tags": "satu, dua, tiga",
            "location.name": "Alun-alun", "location.map": "https://www.openstreetmap.org/", "status": "scheduled",
            "attachments.0.file": "/lampiran/a.pdf", "attachments.0.title": "Jadwal", "attachments.1.title": "Tanpa berkas",
            "attachments.2.file": "/lampiran/b.pdf", "draft": "false", "menu": "3",
        ])
        let lines = DeskFields.keys(.event).compactMap { DeskFields.lines($0, form) }.flatMap { $0 }
        #expect(lines == [
            "title: Pawai", "start: 2023-03-04", "end: 2023-03-05", "all_day: true",
            "location:", "  name: Alun-alun", "  map: https://www.openstreetmap.org/", "tags: [satu, dua, tiga]",
            "attachments:", "  - file: /lampiran/a.pdf", "    title: Jadwal", "  - file: \"\"", "    title: Tanpa berkas", "  - file: /lampiran/b.pdf",
        ], "\(lines)")
        let zone = try #require(SiteTimeZone(identifier: "Asia/Makassar"))
        let read = try #require(DeskFields.read(yaml: (lines + ["aliases: [/lama/]", "corrections:", "  - date: 2023-03-05", "    note: x"]).joined(separator: "\n"),
                                                kind: .event, zone: zone))
        #expect(read["tags"] == "satu, dua, tiga" && read["location.map"] == "https://www.openstreetmap.org/" && read["attachments.1.title"] == "Tanpa berkas")
        #expect(read["aliases"] == nil && read.keys.allSatisfy { !$0.hasPrefix("corrections") }, "\(read)")
    }
}
