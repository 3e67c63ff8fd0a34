import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// The embargo promise on the bundled sample site, at every instant where it matters: just
/// before, at and just after each item's publication and expiry. At each one, every byte of every
/// output file is searched for what would give a hidden item away.
@Suite struct LeakTests {
    /// What would show that an item is out: its title, a run of words from its text, its URL and
    /// slug, and the names of the files only it brings.
    struct Needles {
        let item: String
        var texts: [String]
    }

    /// An item's body as its page shows it (items keep only what it holds, not the text).
    static func bodyHTML(_ item: Item, _ site: Site) -> String {
        do {
            return String(decoding: try ItemBody.render(item, root: site.root).html, as: UTF8.self)
        } catch {
            Issue.record("cannot read the body of \(item.sourcePath): \(error)")
            return ""
        }
    }

    static func needles(for item: Item, in site: Site, among shown: [Item], routes: Routes) -> Needles {
        var texts = [item.title, HTMLEscape.escape(item.title), routes.item(item)]
        if !shown.contains(where: { $0.slug == item.slug }) { texts.append(item.slug) }
        // Words of its own: a release and its event often share a sentence, and names of
        // departments stand on every page.
        let elsewhere = site.items.filter { $0.sourcePath != item.sourcePath }
            .flatMap { [Self.bodyHTML($0, site), $0.title, $0.summary ?? ""] } + site.config.departments.map(\.name)
        texts.append(wordRun(item.content.firstParagraph, notIn: elsewhere))
        let publicFiles = shown.reduce(into: Set<String>()) { $0.formUnion(FileReferences.of($1, routes: routes, written: site.written)) }
        // Files only: a body's link to a public page (`/kontak/`) gives nothing of the item away.
        let files = Set(site.assets.map(\.sitePath))
        for file in FileReferences.of(item, routes: routes, written: site.written) where files.contains(file) && !publicFiles.contains(file) {
            texts.append(String(file.split(separator: "/").last!))
        }
        return Needles(item: item.sourcePath, texts: texts.filter { $0.count >= 6 })
    }

    /// Six plain words in a row that no other text of the site holds: found as they are in the
    /// HTML, whatever markup is around them.
    static func wordRun(_ text: String, notIn others: [String]) -> String {
        let words = text.split(separator: " ")
        var run: [Substring] = []
        for word in words {
            guard word.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                run = []
                continue
            }
            run.append(word)
            if run.count > 6 { run.removeFirst() }
            let candidate = run.joined(separator: " ")
            if run.count == 6, !others.contains(where: { $0.contains(candidate) }) { return candidate }
        }
        return ""
    }

    static func contents(_ folder: String) -> [(path: String, text: String)] {
        snapshot(folder).map { ($0.key, String(decoding: $0.value, as: UTF8.self)) }
    }

    @Test func noHiddenItemLeaksAtAnyInstantAroundItsPublicationOrExpiry() async throws {
        let root = try SampleSite.copy()
        defer { PosixFile.removeTree(root) }
        // The embargoed release also links a file of its own by the site's full address, the way a
        // writer pastes it from the browser: the file is held back with it as any other.
        let embargoed = root + "/content/press/2023-02-22-penghargaan-kota-layak-anak.md"
        try (try String(contentsOfFile: embargoed, encoding: .utf8)
            + "\nDaftar penerima: <https://wiramayakota.go.id/lampiran/daftar-penerima-kla-2023.pdf>.\n")
            .write(toFile: embargoed, atomically: true, encoding: .utf8)
        try Data("%PDF-1.4 daftar penerima".utf8).write(to: URL(fileURLWithPath: root + "/content/lampiran/daftar-penerima-kla-2023.pdf"))
        let (loaded, problems) = await SiteLoader.load(root: root)
        let site = try #require(loaded, "\(problems)")
        let routes = Routes(config: site.config)
        var instants = Set<Int64>()
        for item in site.items {
            for t in [item.publishedAt, item.expires].compactMap({ $0 }) { instants.formUnion([t.seconds - 1, t.seconds, t.seconds + 1]) }
        }
        #expect(instants.count > 30)

        // Every needle must be findable when the item is shown, or the search proves nothing.
        let preview = temporaryFolder()
        defer { PosixFile.removeTree(preview) }
        var options = TestSite.options(root: root, output: preview + "/site")
        options.visibility = Visibility(now: ZonedInstant.parse(TestSite.sampleNow)!, includeDrafts: true, includeFuture: true)
        try await SiteBuilder.build(options)
        let everything = Self.contents(preview + "/site")
        let hiddenSomewhere = site.items.filter { $0.draft || $0.publishAt != nil }
        #expect(hiddenSomewhere.count >= 2)
        #expect(Self.needles(for: try #require(site.items.first { $0.sourcePath.hasSuffix("penghargaan-kota-layak-anak.md") }), in: site, among: [], routes: routes)
            .texts.contains("daftar-penerima-kla-2023.pdf"), "the file linked by full address is one of its needles")
        // The English translation of the embargoed release, held back with it (it has no embargo of its own).
        let sampleNow = Visibility(now: ZonedInstant.parse(TestSite.sampleNow)!)
        #expect(site.items.contains { $0.translationOf != nil && sampleNow.decide($0) == .hidden && routes.item($0).hasPrefix("en/") })
        // A hidden release has a text version once shown: its absence below proves something.
        for item in hiddenSomewhere where item.kind == .release {
            #expect(everything.contains { $0.path == ReleaseText.file(routes.item(item)) }, "no index.txt for \(item.sourcePath) in a preview")
        }
        for item in hiddenSomewhere {
            for needle in Self.needles(for: item, in: site, among: [], routes: routes).texts {
                #expect(everything.contains { $0.path.contains(needle) || $0.text.contains(needle) },
                        "'\(needle)' of \(item.sourcePath) is not in a preview build, so its absence would prove nothing")
            }
        }

        let output = temporaryFolder()
        defer { PosixFile.removeTree(output) }
        var checkedHidden = 0
        for seconds in instants.sorted() {
            let now = ZonedInstant(seconds: seconds, offset: 8 * 3600)
            let visibility = Visibility(now: now)
            let hidden = site.items.filter { visibility.decide($0) == .hidden }
            let shown = site.items.filter { visibility.decide($0) != .hidden }
            var build = TestSite.options(root: root, output: output + "/site")
            build.visibility = visibility
            try await SiteBuilder.build(build)
            let files = Self.contents(output + "/site")
            for item in hidden {
                checkedHidden += 1
                for needle in Self.needles(for: item, in: site, among: shown, routes: routes).texts {
                    for file in files where file.path.contains(needle) || file.text.contains(needle) {
                        Issue.record("at \(now.iso8601), \(file.path) gives away '\(needle)' of hidden \(item.sourcePath)")
                    }
                }
            }
        }
        #expect(checkedHidden > instants.count)
    }

    /// An emergency notice is out from its publication until its expiry, and before and after
    /// leaves no trace: no banner, no feed item, no CAP message, not a word of its text, in any file.
    /// One ended before the end it had announced leaves only its CAP Cancel until that end (its
    /// headline and slug, never its text).
    @Test func noNoticeShowsBeforeItsTimeOrLingersAfterItsExpiry() async throws {
        let root = try SampleSite.copy()
        defer { PosixFile.removeTree(root) }
        let (loaded, problems) = await SiteLoader.load(root: root)
        let site = try #require(loaded, "\(problems)")
        // The sample has a notice in force at its clock, one expired before it, one still embargoed.
        let now = ZonedInstant.parse(TestSite.sampleNow)!
        #expect(site.alerts.filter { Visibility(now: now).decide($0) != .hidden }.count == 1)
        #expect(site.alerts.contains { $0.expires <= now } && site.alerts.contains { $0.issued > now })
        let others = site.items.flatMap { [Self.bodyHTML($0, site), $0.title, $0.summary ?? ""] } + site.config.departments.map(\.name)
        func needles(_ alert: Alert) -> [String] {
            let own = others + site.alerts.filter { $0.sourcePath != alert.sourcePath }.flatMap { [$0.text, $0.title] }
            return [alert.title, HTMLEscape.escape(alert.title), alert.slug, CAPFeed.identifier(alert, base: site.config.baseURL),
                    Self.wordRun(alert.text.replacingOccurrences(of: "\n", with: " "), notIn: own)].filter { $0.count >= 6 }
        }
        let output = temporaryFolder()
        defer { PosixFile.removeTree(output) }
        func build(at seconds: Int64) async throws -> [(path: String, text: String)] {
            var options = TestSite.options(root: root, output: output + "/site")
            options.visibility = Visibility(now: ZonedInstant(seconds: seconds, offset: 8 * 3600))
            try await SiteBuilder.build(options)
            return Self.contents(output + "/site")
        }
        // Each needle is found while its notice is out, or its absence would prove nothing.
        for alert in site.alerts {
            let files = try await build(at: alert.issued.seconds)
            for needle in needles(alert) {
                #expect(files.contains { $0.path.contains(needle) || $0.text.contains(needle) }, "'\(needle)' of \(alert.sourcePath) is not out while it is in force")
            }
        }
        var checked = 0
        for seconds in Set(site.alerts.flatMap { [$0.issued.seconds - 1, $0.issued.seconds, $0.expires.seconds - 1, $0.expires.seconds] }).sorted() {
            let files = try await build(at: seconds)
            let at = ZonedInstant(seconds: seconds, offset: 8 * 3600)
            for alert in site.alerts where Visibility(now: at).decide(alert) == .hidden {
                checked += 1
                let cancelled = site.capRecords.first { $0.slug == alert.slug }.map { record in
                    record.messages.first.map { $0.sent <= at } == true && record.messages.last.map { $0.expires > at } == true
                } ?? false
                if cancelled {
                    #expect(files.contains { $0.path == "alerts/\(alert.slug).xml" && $0.text.contains("<msgType>Cancel</msgType>") }, "at \(at.iso8601)")
                }
                for needle in cancelled ? Array(needles(alert).suffix(1)) : needles(alert) {
                    for file in files where file.path.contains(needle) || file.text.contains(needle) {
                        Issue.record("at \(at.iso8601), \(file.path) gives away '\(needle)' of \(alert.sourcePath), which is not in force")
                    }
                }
            }
        }
        #expect(checked >= site.alerts.count * 4)
    }

    @Test func filesOfHiddenItemsStayHiddenUntilOneOfThemIsPublic() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-terbit.md": release("""
                title: Rilis Terbit
                date: 2023-02-10 10:00
                attachments:
                  - file: /lampiran/bersama.pdf
                """),
            "content/press/2023-02-22-embargo.md": release("""
                title: Rilis Embargo
                date: 2023-02-22 10:00
                image: {src: /gambar/foto-embargo.png, alt: Foto}
                attachments:
                  - file: /lampiran/embargo.pdf
                  - file: /lampiran/bersama.pdf
                """, body: "Lihat [tabel](/lampiran/tabel-embargo.csv) dan [peta](peta-embargo.pdf).\n"),
            "content/press/2023-02-20-draf.md": release("""
                title: Draf
                date: 2023-02-20 10:00
                draft: true
                """, body: "![denah](../../../../gambar/denah-draf.png)\n"),
            "content/lampiran/embargo.pdf": "%PDF embargo",
            "content/lampiran/bersama.pdf": "%PDF bersama",
            "content/lampiran/tabel-embargo.csv": "a,b",
            "content/press/peta-embargo.pdf": "%PDF peta",
            "content/press/catatan-lepas.txt": "catatan yang tak dirujuk siapa pun",
            "content/gambar/foto-embargo.png": "png",
            "content/gambar/denah-draf.png": "png",
            "content/lampiran/umum.pdf": "%PDF umum",
        ])
        defer { site.cleanUp() }
        let hiddenFiles = ["lampiran/embargo.pdf", "lampiran/tabel-embargo.csv", "gambar/foto-embargo.png", "press/peta-embargo.pdf",
                           "gambar/denah-draf.png"]
        try await site.build(now: "2023-02-22T09:59:59+08:00")
        var files = Set(snapshot(site.output).keys)
        for file in hiddenFiles { #expect(!files.contains(file), "\(file) is out before its item") }
        // A file a public item names is public; one that no item names is public as before,
        // except beside the Markdown of an item folder.
        #expect(files.contains("lampiran/bersama.pdf") && files.contains("lampiran/umum.pdf"))
        #expect(!files.contains("press/catatan-lepas.txt"))

        try await site.build(now: "2023-02-22T10:00:00+08:00")
        files = Set(snapshot(site.output).keys)
        for file in hiddenFiles.dropLast() { #expect(files.contains(file), "\(file) should be out with its item") }
        #expect(!files.contains("gambar/denah-draf.png"))
    }

    @Test func aPreviewAtAnotherAddressKeepsFilesOfHiddenItemsHidden() async throws {
        let site = try TestSite([
            "content/press/2023-02-22-embargo.md": release("title: Rilis Embargo\ndate: 2023-02-22 10:00",
                                                          body: "Unduh [data](/kota/lampiran/data-embargo.csv).\n"),
            "content/lampiran/data-embargo.csv": "a,b",
        ], config: TestSite.defaultConfig.replacingOccurrences(of: "base_url: https://kota-uji.go.id/", with: "base_url: https://kota-uji.go.id/kota/"))
        defer { site.cleanUp() }
        // Links are written against site.yml's address; a preview serves the site at its own.
        var options = TestSite.options(root: site.root, output: site.output)
        options.baseURL = BaseURL("http://127.0.0.1:8080/")
        try await SiteBuilder.build(options)
        #expect(snapshot(site.output)["lampiran/data-embargo.csv"] == nil)
    }
}
