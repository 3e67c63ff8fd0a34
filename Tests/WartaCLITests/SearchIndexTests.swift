import Foundation
import FoundationNetworking
import Glibc
import Testing
import WartaTestSupport

/// `warta build` runs Pagefind over what it wrote: the index holds the listed items of the site in
/// its language and nothing else, survives rebuilds in place, and a missing Pagefind is one warning.
@Suite struct SearchIndexTests {
    let cli = CLITests()
    static let now = "2023-02-21T09:00:00+08:00"

    /// The languages and page counts Pagefind wrote in its entry file.
    func entry(_ output: String) throws -> [String: Int] {
        let data = try #require(FileManager.default.contents(atPath: output + "/pagefind/pagefind-entry.json"), "no index in \(output)")
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let languages = try #require(json["languages"] as? [String: [String: Any]])
        return languages.mapValues { $0["page_count"] as? Int ?? -1 }
    }

    /// Item pages whose article carries Pagefind's marker.
    func marked(_ output: String) -> Set<String> {
        var pages = Set<String>()
        for case let path as String in FileManager.default.enumerator(atPath: output)! where path.hasSuffix("index.html") {
            if let text = try? String(contentsOfFile: output + "/" + path, encoding: .utf8), text.contains("data-pagefind-body") { pages.insert(path) }
        }
        return pages
    }

    /// Counts of marked pages by the index they belong in: the English tree (`en/`) is English.
    func expected(_ pages: Set<String>) -> [String: Int] {
        let english = pages.filter { $0.hasPrefix("en/") }.count
        return english == 0 ? ["id": pages.count] : ["id": pages.count - english, "en": english]
    }

    @Test func theSampleIsIndexedPerLanguageWithOnlyItsListedItems() throws {
        let pagefind = try #require(SampleSite.pagefind, "Pagefind is not installed: run make search-deps (CI does)")
        let site = try SampleSite.copy()
        let output = NSTemporaryDirectory() + "warta-search-" + UUID().uuidString
        defer { removeTemporary(site); removeTemporary(output) }
        let run = try cli.warta(["build", "--site", site, "--output", output, "--now", Self.now], environment: ["WARTA_PAGEFIND": pagefind])
        #expect(run.status == 0, "\(run.stderr)")
        let pages = marked(output)
        #expect(try entry(output) == expected(pages), "\(run.stdout)")
        #expect(run.stdout.contains("search index: \(pages.count) pages"), "\(run.stdout)")
        #expect(pages.contains("siaran-pers/2023/02/wifi-publik-gratis-45-titik/index.html"))
        #expect(pages.contains("kontak/index.html"), "a page of the site is searchable too")
        // The sample has two languages: its English pages are in their own index, searched from /en/search/.
        #expect(pages.contains("en/press-releases/2023/02/investment-forum-international-partners/index.html"))
        #expect(pages.contains("en/press-releases/2023/02/wifi-publik-gratis-45-titik/index.html"))
        // Served but never searchable: the withdrawn and the expired release keep their pages.
        for kept in ["siaran-pers/2023/02/pendaftaran-stan-umkm-festival-layang-layang/index.html",
                     "siaran-pers/2023/01/pendaftaran-duta-wisata-2023/index.html"] {
            #expect(FileManager.default.fileExists(atPath: output + "/" + kept), "\(kept) is not served")
            #expect(!pages.contains(kept), "\(kept) is indexed")
        }
        // Not public at all: no page, nothing to index.
        #expect(!pages.contains { $0.contains("penghargaan-kota-layak-anak") || $0.contains("jadwal-bantuan-pangan-tahap-dua") })
        #expect(!pages.contains("cari/index.html") && !pages.contains("404.html") && !pages.contains("index.html"))
        #expect(FileManager.default.fileExists(atPath: output + "/cari/index.html"))
    }

    /// On a site of one language, an item in another (`lang: en`) is in the site's one index, found
    /// from the site's search page.
    @Test func aSiteOfOneLanguageHasOneIndexForEveryPage() throws {
        let pagefind = try #require(SampleSite.pagefind, "Pagefind is not installed: run make search-deps (CI does)")
        let site = try SampleSite.copy()
        let output = NSTemporaryDirectory() + "warta-search-" + UUID().uuidString
        defer { removeTemporary(site); removeTemporary(output) }
        let config = try String(contentsOfFile: site + "/site.yml", encoding: .utf8)
        let languages = try #require(config.range(of: #"languages:\n(  .*\n)+"#, options: .regularExpression))
        try config.replacingCharacters(in: languages, with: "language: id\n").write(toFile: site + "/site.yml", atomically: true, encoding: .utf8)
        for folder in ["press", "events"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: site + "/content/" + folder) where name.hasSuffix(".en.md") || name.contains("fish-processing") {
                try FileManager.default.removeItem(atPath: site + "/content/" + folder + "/" + name)
            }
        }
        // The English release keeps its first address, which its alias names on the two-language sample.
        let english = site + "/content/press/2023-02-03-investment-forum-international-partners.md"
        let text = try String(contentsOfFile: english, encoding: .utf8)
        try text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("aliases:") }.joined(separator: "\n")
            .write(toFile: english, atomically: true, encoding: .utf8)
        let run = try cli.warta(["build", "--site", site, "--output", output, "--now", Self.now], environment: ["WARTA_PAGEFIND": pagefind])
        #expect(run.status == 0, "\(run.stderr)")
        let pages = marked(output)
        #expect(try entry(output) == ["id": pages.count], "\(run.stdout)")
        #expect(pages.contains("siaran-pers/2023/02/investment-forum-international-partners/index.html"))
    }

    @Test func cachedRebuildsInPlaceKeepAndRenewTheIndex() throws {
        let pagefind = try #require(SampleSite.pagefind, "Pagefind is not installed: run make search-deps (CI does)")
        let site = try SampleSite.copy()
        let output = NSTemporaryDirectory() + "warta-search-" + UUID().uuidString
        defer { removeTemporary(site); removeTemporary(output) }
        let env = ["WARTA_PAGEFIND": pagefind]
        #expect(try cli.warta(["build", "--site", site, "--output", output, "--now", Self.now], environment: env).status == 0)
        let first = try entry(output)
        // Nothing to do: the index stays as it was, not made again.
        let quiet = try cli.warta(["build", "--site", site, "--output", output, "--now", Self.now], environment: env)
        #expect(quiet.status == 0 && quiet.stdout.contains("0 written") && !quiet.stdout.contains("search index"), "\(quiet.stdout)")
        #expect(try entry(output) == first)
        // One release withdrawn: the cache rewrites in place, the writer keeps the index folder,
        // and Pagefind makes it again without that release.
        let path = site + "/content/press/2023-02-07-wifi-publik-gratis-45-titik.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "\n---\n", with: "\nwithdrawn:\n  date: 2023-02-20 10:00\n  reason: Data titik belum final.\n---\n", options: [], range: text.range(of: "\n---\n"))
            .write(toFile: path, atomically: true, encoding: .utf8)
        let again = try cli.warta(["build", "--site", site, "--output", output, "--now", Self.now], environment: env)
        #expect(again.status == 0, "\(again.stderr)")
        // Its English translation is withdrawn with it.
        #expect(try entry(output) == ["id": first["id"]! - 1, "en": first["en"]! - 1], "\(again.stdout)")
        #expect(!marked(output).contains("siaran-pers/2023/02/wifi-publik-gratis-45-titik/index.html"))
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: output)).contains { $0.hasPrefix("pagefind.new-") })
    }

    @Test func thePreviewMakesItsIndexWhenTheSearchPageAsksForIt() async throws {
        _ = try #require(SampleSite.pagefind, "Pagefind is not installed: run make search-deps (CI does)")
        let temporary = try CLITests.privateTemporaryFolder()
        let site = try SampleSite.copy()
        defer { removeTemporary(site); removeTemporary(temporary) }
        let (server, port) = try cli.startServe(site: site, temporary: temporary)
        let preview = try #require(try cli.previewFolders(in: temporary, of: server.pid).first) + "/site"
        // Saving and rebuilding never waits for Pagefind: until asked for, there is no index.
        #expect(!FileManager.default.fileExists(atPath: preview + "/pagefind"))
        let (body, response) = try await URLSession.shared.data(from: try #require(URL(string: "http://127.0.0.1:\(port)/pagefind/pagefind-ui.js")))
        #expect((response as? HTTPURLResponse)?.statusCode == 200 && !body.isEmpty)
        #expect(try entry(preview) == expected(marked(preview)))
        server.send(SIGTERM)
        #expect(server.wait(timeout: .seconds(30)))
        #expect(server.process.terminationStatus == 0, "\(server.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
    }

    @Test func withoutPagefindTheBuildWarnsOnceAndGoesOn() throws {
        let pagefind = try #require(SampleSite.pagefind, "Pagefind is not installed: run make search-deps (CI does)")
        let site = try SampleSite.copy()
        let output = NSTemporaryDirectory() + "warta-search-" + UUID().uuidString
        defer { removeTemporary(site); removeTemporary(output) }
        #expect(try cli.warta(["build", "--site", site, "--output", output, "--now", Self.now], environment: ["WARTA_PAGEFIND": pagefind]).status == 0)
        #expect(FileManager.default.fileExists(atPath: output + "/pagefind/pagefind-entry.json"))
        // Pagefind gone, one file changed: the build goes on, says so in one line, and drops the old
        // index (it would find what the pages no longer say).
        try "\nTambahan.\n".appendLine(to: site + "/content/pages/kontak.md")
        let run = try cli.warta(["build", "--site", site, "--output", output, "--now", Self.now],
                                environment: ["WARTA_PAGEFIND": "/nonexistent/pagefind", "PATH": "/usr/bin:/bin"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("Pagefind not found"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output + "/pagefind"))
        #expect(FileManager.default.fileExists(atPath: output + "/cari/index.html"))
    }
}

private extension String {
    func appendLine(to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(utf8))
    }
}
