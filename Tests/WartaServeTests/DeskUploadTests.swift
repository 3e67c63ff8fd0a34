import Foundation
import Testing
import WartaCore
@testable import WartaServe

/// Files follow their items, uploads included: a file sent through the desk waits outside the site
/// (and outside `content/`) until an item that names it is saved, and is then held back with it.
@Suite(.serialized) struct DeskUploadTests {
    static func upload(_ http: RawHTTP, token: String, name: String, _ body: String) async throws -> String {
        let request = "PUT \(Desk.prefix)upload?role=attachment&name=\(name) HTTP/1.1\r\nHost: \(http.hostHeader)\r\nConnection: close\r\n"
            + "Origin: http://\(http.hostHeader)\r\nX-Warta-Token: \(token)\r\n" + http.cookieLine + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        let answer = try await http.send(raw: request)
        #expect(answer.status == 200, "\(answer.status) \(answer.body)")
        let src = try #require(answer.body.split(separator: "\"").first { $0.hasPrefix("/lampiran/") })
        return String(src)
    }

    static func release(_ token: String, title: String, file: String, extra: [(String, String)] = []) -> String {
        DeskTests.encode([("token", token), ("kind", "press"), ("path", ""), ("title", title), ("date", "2023-02-21T08:00"),
                          ("attachments.0.file", file), ("attachments.0.title", "Undangan")] + extra + [("body", "Teks rilis.\n")])
    }

    @Test func anUploadWaitsOutsideTheSiteUntilTheItemThatNamesItIsSavedAndThenFollowsIt() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root) { running in
                let http = running.http
                let page = try await http.fetch(Desk.prefix + "new?kind=press")
                let token = try #require(DeskTests.field("token", in: page.body))
                let before = try DeskTests.snapshot(root)
                let pdf = "%PDF-1.4\nundangan rapat tertutup\n"
                let src = try await Self.upload(http, token: token, name: "Undangan.pdf", pdf)
                #expect(src == "/lampiran/undangan.pdf")
                // Not in content/ (so in no build, no publish), not served to anyone but the desk's user.
                #expect(try DeskTests.snapshot(root) == before)
                #expect(try String(contentsOfFile: root + "/.warta/uploads/lampiran/undangan.pdf", encoding: .utf8) == pdf)
                let mode = try FileManager.default.attributesOfItem(atPath: root + "/.warta/uploads")[.posixPermissions] as? Int
                #expect(mode == 0o700)
                await running.server.coordinator.rebuild(changed: [])
                #expect(try await running.stranger.fetch(src).status == 404)
                let shown = try await http.fetch(src)
                #expect(shown.status == 200 && shown.body == pdf, "the desk's live preview shows it")
                // A name a file in content/ has is not taken: the upload would replace it once saved.
                #expect(try await Self.upload(http, token: token, name: "rekapitulasi-penilaian-kla-2023.pdf", pdf) == "/lampiran/rekapitulasi-penilaian-kla-2023-2.pdf")

                // A refused save leaves the upload where it waits.
                let refused = try await DeskTests.post(http, Desk.prefix + "save", Self.release(token, title: "Rapat Tertutup", file: src,
                                                                                                  extra: [("department", "dinas-khayalan")]))
                #expect(refused.status == 422)
                #expect(try DeskTests.snapshot(root) == before)
                #expect(try await running.stranger.fetch(src).status == 404)

                // Saved under embargo: the file joins it in content/, and is held back with it.
                let saved = try await DeskTests.post(http, Desk.prefix + "save", Self.release(token, title: "Rapat Tertutup", file: src,
                                                                                                extra: [("publish_at", "2023-02-22T10:00")]))
                #expect(saved.status == 303, "\(saved.status) \(saved.body)")
                #expect(try String(contentsOfFile: root + "/content/lampiran/undangan.pdf", encoding: .utf8) == pdf)
                #expect(!FileManager.default.fileExists(atPath: root + "/.warta/uploads/lampiran/undangan.pdf"))
                #expect(try await http.fetch(src).status == 404, "held back while its release is embargoed")
                #expect(try await running.stranger.fetch(src).status == 404)

                // Saved public: served with it.
                let notice = try await Self.upload(http, token: token, name: "Pengumuman.pdf", "%PDF-1.4\npengumuman\n")
                let open = try await DeskTests.post(http, Desk.prefix + "save", Self.release(token, title: "Pengumuman Terbuka", file: notice))
                #expect(open.status == 303, "\(open.status) \(open.body)")
                let published = try await running.stranger.fetch(notice)
                #expect(published.status == 200 && published.body == "%PDF-1.4\npengumuman\n")
                // The one no saved item names still waits.
                #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/.warta/uploads/lampiran") == ["rekapitulasi-penilaian-kla-2023-2.pdf"])
            }
        }
    }
}
