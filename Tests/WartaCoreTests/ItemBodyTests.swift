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
        #expect(body.html == Markdown.render("Rapat membahas [jadwal](/agenda/).\n\nParagraf kedua.\n").html)
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
}
