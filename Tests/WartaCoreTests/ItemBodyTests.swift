import Foundation
import Testing
@testable import WartaCore

/// Items keep what their body holds, not the body: an output that shows it reads the file again,
/// which must still be the file the checks were made on.
@Suite struct ItemBodyTests {
    static let text = "---\ntitle: Rapat Koordinasi\ndate: 2023-02-10\n---\nRapat membahas [jadwal](/agenda/).\n\nParagraf kedua.\n"

    func loaded(_ site: TestSite) async throws -> Item {
        let (loaded, problems) = await SiteLoader.load(root: site.root)
        return try #require(loaded?.items.first, "\(problems)")
    }

    @Test func theBodyIsRenderedFromTheFileAsLoaded() async throws {
        let site = try TestSite(["content/press/2023-02-10-rapat.md": Self.text])
        defer { site.cleanUp() }
        let item = try await loaded(site)
        let body = try ItemBody.render(item, root: site.root)
        #expect(body.html == Array(Markdown.render("Rapat membahas [jadwal](/agenda/).\n\nParagraf kedua.\n").html.utf8))
        #expect(body.plain != nil)  // a release: its text version too
        #expect(item.content.links.map(\.destination) == ["/agenda/"])
    }

    @Test(arguments: [
        ("a link added", text.replacingOccurrences(of: "Paragraf kedua.", with: "Lihat [lampiran](/lampiran/rahasia.pdf).")),
        ("the front matter", text.replacingOccurrences(of: "Rapat Koordinasi", with: "Rapat Koordinasi Ulang")),
        ("the first paragraph", text.replacingOccurrences(of: "Rapat membahas", with: "Rapat tertutup membahas")),
    ])
    func aFileChangedSinceItWasLoadedIsNotRenderedAsIfItWereTheSame(change: String, text: String) async throws {
        let site = try TestSite(["content/press/2023-02-10-rapat.md": Self.text])
        defer { site.cleanUp() }
        let item = try await loaded(site)
        try site.write("content/press/2023-02-10-rapat.md", text)
        #expect(throws: PosixFile.IOError.self, "\(change)") { try ItemBody.render(item, root: site.root) }
    }

    /// A build's load renders each body once and parks it (`BodyStore`): the page shows the body
    /// that was checked, even when its file changes or goes before the page is made.
    @Test func aBuildsLoadParksTheBodyItChecked() async throws {
        let site = try TestSite(["content/press/2023-02-10-rapat.md": Self.text + "\n| Hari | Acara |\n|---|---|\n| Senin | Rapat “RT” |\n"])
        defer { site.cleanUp() }
        let (loaded, problems) = await SiteLoader.load(root: site.root, snapshot: nil, renderBodies: true)
        let item = try #require(loaded?.items.first, "\(problems)")
        #expect(item.storedBody != nil)
        let expected = try ItemBody.render(try await self.loaded(site), root: site.root)
        try FileManager.default.removeItem(atPath: site.root + "/content/press/2023-02-10-rapat.md")
        let parked = try ItemBody.render(item, root: site.root)
        #expect(parked.html == expected.html)
        #expect(parked.plain == expected.plain)
        #expect(parked.plain?.pieces.contains(.link("/agenda/")) == true)
        #expect(try ItemBody.render(item, root: site.root, plainText: false).plain == nil)
    }

    @Test func theStoreGivesBackWhatItWasGiven() throws {
        let store = try #require(BodyStore())
        #expect(BodyStore(directory: "/nonexistent-warta-folder") == nil, "no temporary folder: no store, bodies read from their files")
        let bodies: [(String, PlainText?)] = [
            ("", nil),
            ("<p>Rapat “RT” &amp; warga</p>\n", PlainText(pieces: [.text("Rapat “RT” & warga"), .link("https://example.go.id/ä"), .text("")])),
            (String(repeating: "<p>Paragraf panjang.</p>\n", count: 5_000), PlainText(pieces: [])),
        ]
        let entries = try bodies.map { try #require(store.put(html: $0.0, plain: $0.1)) }
        for (entry, body) in zip(entries, bodies).reversed() {
            let got = try #require(store.get(entry))
            #expect(got.html == Array(body.0.utf8))
            #expect(got.plain == body.1)
            let htmlOnly = try #require(store.get(entry, plain: false))
            #expect(htmlOnly.html == Array(body.0.utf8) && htmlOnly.plain == nil)
        }
    }
}
