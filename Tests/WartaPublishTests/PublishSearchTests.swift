import Foundation
import Synchronization
import Testing
import WartaCore
import WartaTestSupport
@testable import WartaPublish

/// What is published carries its search index, made over the clean build that is sent; without
/// Pagefind, publish says so once and sends the site without one.
@Suite(.serialized) struct PublishSearchTests {
    /// What publish said, line by line.
    final class Said: Sendable {
        private let lines = Mutex<[String]>([])
        func add(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    let publishing = PublishTests()

    func publish(_ site: String, to target: String, pagefind: String?, said: Said) async throws {
        var request = Publisher.Request(siteRoot: site, now: PublishTests.now)
        request.destination = target
        request.pagefind = pagefind
        _ = try await PublishTests.publisher(say: { said.add($0) }).publish(request)
    }

    @Test func thePublishedSiteCarriesItsIndex() async throws {
        let pagefind = try #require(SampleSite.pagefind, "Pagefind is not installed: run make search-deps (CI does)")
        let site = try PublishTests.sampleCopy(), target = PublishTests.emptyFolder()
        defer { PosixFile.removeTree(site); PosixFile.removeTree(target) }
        let said = Said()
        var initialize = Publisher.Request(siteRoot: site, now: PublishTests.now)
        initialize.destination = target
        initialize.initialize = true
        _ = try await PublishTests.publisher().publish(initialize)
        try await publish(site, to: target, pagefind: pagefind, said: said)
        let files = publishing.contents(target)
        let entry = try #require(files["pagefind/pagefind-entry.json"], "no index at \(target)")
        let json = try #require(try JSONSerialization.jsonObject(with: entry) as? [String: Any])
        let languages = try #require(json["languages"] as? [String: [String: Any]])
        let marked = files.filter { $0.key.hasSuffix(".html") && String(decoding: $0.value, as: UTF8.self).contains("data-pagefind-body") }
        // One index per language of the sample: the English pages (under en/) in their own.
        let english = marked.keys.filter { $0.hasPrefix("en/") }.count
        #expect(languages.keys.sorted() == ["en", "id"] && marked.count > 20 && english > 0)
        #expect(languages["id"]?["page_count"] as? Int == marked.count - english && languages["en"]?["page_count"] as? Int == english)
        #expect(files["cari/index.html"] != nil && files["pagefind/pagefind-ui.js"] != nil)
        #expect(!said.all.contains { $0.contains("Pagefind") })
    }

    @Test func withoutPagefindPublishSaysSoOnceAndGoesOn() async throws {
        let site = try PublishTests.sampleCopy(), target = PublishTests.emptyFolder()
        defer { PosixFile.removeTree(site); PosixFile.removeTree(target) }
        var initialize = Publisher.Request(siteRoot: site, now: PublishTests.now)
        initialize.destination = target
        initialize.initialize = true
        _ = try await PublishTests.publisher().publish(initialize)
        let said = Said()
        try await publish(site, to: target, pagefind: nil, said: said)
        let warnings = said.all.filter { $0.contains("Pagefind") }
        #expect(warnings.count == 1, "\(said.all)")
        let files = publishing.contents(target)
        #expect(files["cari/index.html"] != nil && !files.keys.contains { $0.hasPrefix("pagefind/") })
    }
}
