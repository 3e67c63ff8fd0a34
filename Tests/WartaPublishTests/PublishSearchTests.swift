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

    /// Pagefind gone missing (a new machine, a changed PATH) must not take the live site's search
    /// down with the next timer run: the publish stops before building, and the index stays.
    @Test func aMissingPagefindNeverDeletesThePublishedIndex() async throws {
        let pagefind = try #require(SampleSite.pagefind, "Pagefind is not installed: run make search-deps (CI does)")
        let site = try PublishTests.sampleCopy(), target = PublishTests.emptyFolder()
        defer { PosixFile.removeTree(site); PosixFile.removeTree(target) }
        _ = try await publishing.publish(site, to: target) { $0.initialize = true }
        try await publish(site, to: target, pagefind: pagefind, said: Said())
        let before = publishing.contents(target)
        #expect(before["pagefind/pagefind-entry.json"] != nil)
        // An edit, so there is something to send.
        try "---\ntitle: Kabar Baru\ndate: 2023-02-20\n---\nIsi.\n".write(toFile: site + "/content/press/kabar-baru.md", atomically: true, encoding: .utf8)
        let said = Said()
        let failure = await #expect(throws: Publisher.Failure.self) { try await publish(site, to: target, pagefind: nil, said: said) }
        let message = failure?.message ?? ""
        #expect(message.contains("Pagefind is not found") && message.contains("nothing was built or sent"), "\(message)")
        #expect(message.contains("make install") && message.contains("PREFIX/lib/warta/pagefind"), "\(message)")
        #expect(publishing.contents(target) == before)
        // With Pagefind back, the edit goes out with its index.
        try await publish(site, to: target, pagefind: pagefind, said: Said())
        #expect(publishing.contents(target)["siaran-pers/2023/02/kabar-baru/index.html"] != nil)
        #expect(publishing.contents(target)["pagefind/pagefind-entry.json"] != nil)
    }
}
