import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// Front matter and text that build, but not as the writer meant: each is a warning at the line
/// and column to fix, with what to write instead.
@Suite struct SilentSlipTests {
    func warnings(_ text: String, path: String = "content/press/2023-02-10-a.md") async throws -> [String] {
        let site = try TestSite([path: text])
        defer { site.cleanUp() }
        let report = try await site.build()
        return report.warnings.map(\.description)
    }

    @Test func aHashCuttingAnUnquotedTitleIsAWarningAtTheHash() async throws {
        let found = try await warnings("---\ntitle: Biaya Masuk 100% #gratis\ndate: 2023-02-10\n---\nTeks.\n")
        #expect(found == [#"content/press/2023-02-10-a.md:2:25: warning: the title stops before '#' (YAML reads ' #' as the start of a comment), so it is 'Biaya Masuk 100%'; to keep the rest, put the whole title in quotes: title: "Biaya Masuk 100% #gratis""#])
        // Quoted, or a '#' with no space before it: the title is whole, and nothing is said.
        #expect(try await warnings("---\ntitle: \"Biaya Masuk 100% #gratis\"\ndate: 2023-02-10\n---\nTeks.\n").isEmpty)
        #expect(try await warnings("---\ntitle: Rapat C#1\ndate: 2023-02-10\n---\nTeks.\n").isEmpty)
    }

    @Test func aCommaListWithoutBracketsIsAWarning() async throws {
        let found = try await warnings("---\ntitle: Judul\ndate: 2023-02-10\ntags: pasar, umkm\n---\nTeks.\n")
        #expect(found == ["content/press/2023-02-10-a.md:4:7: warning: 'tags' is one tag, 'pasar, umkm'; for 2 tags, put them in brackets: tags: [pasar, umkm]"])
        #expect(try await warnings("---\ntitle: Judul\ndate: 2023-02-10\ntags: [pasar, umkm]\n---\nTeks.\n").isEmpty)
    }

    @Test(arguments: ["-- SELESAI --", "-SELESAI-", "- end -", "###", "  — selesai —"])
    func aHandTypedEndMarkIsAWarningAtItsLine(_ mark: String) async throws {
        let found = try await warnings("---\ntitle: Judul\ndate: 2023-02-10\n---\nTeks.\n\n\(mark)\n\n")
        let column = mark.prefix { $0 == " " }.count + 1
        #expect(found == ["content/press/2023-02-10-a.md:7:\(column): warning: '\(mark.trimmingCharacters(in: .whitespaces))' at the end of the text: the end mark is added after every release's text by itself; remove this line, or readers see the end marked twice"])
    }

    @Test func aWordOrABreakAtTheEndIsNoEndMark() async throws {
        #expect(try await warnings("---\ntitle: Judul\ndate: 2023-02-10\n---\nTeks.\n\nSelesai\n").isEmpty)
        #expect(try await warnings("---\ntitle: Judul\ndate: 2023-02-10\n---\nTeks.\n\n---\n\nLagi.\n").isEmpty)
    }
}
