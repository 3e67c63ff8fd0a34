import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// The search index of an unchanged site has the same bytes at every build: a publish with
/// nothing new sends nothing, and no file on the target gets a new date.
@Suite struct SearchIndexStabilityTests {
    @Test func theSameSiteGivesTheSameIndexBytes() async throws {
        let pagefind = try #require(SampleSite.pagefind, "Pagefind is not installed: run make search-deps (CI does)")
        let output = temporaryFolder() + "/public"
        defer { try? FileManager.default.removeItem(atPath: (output as NSString).deletingLastPathComponent) }
        try await SiteBuilder.build(TestSite.options(root: TestSite.repositoryRoot, output: output))
        // The sample has two languages, which Pagefind lists in a random order: eight runs in the
        // same order by chance would happen once in 128.
        var entries: [Data] = []
        for _ in 0..<8 {
            #expect(await SearchIndex.make(in: output, pagefind: pagefind) != .missing)
            entries.append(try #require(FileManager.default.contents(atPath: output + "/pagefind/pagefind-entry.json")))
        }
        #expect(Set(entries).count == 1, "pagefind-entry.json differs between runs over the same site")
        let text = String(decoding: entries[0], as: UTF8.self)
        let english = try #require(text.range(of: "\"en\":")), indonesian = try #require(text.range(of: "\"id\":"))
        #expect(english.lowerBound < indonesian.lowerBound, "\(text)")
        #expect(SearchIndex.pageCount(output + "/pagefind") > 20, "the rewritten entry still reads")
    }
}
