import Foundation
import Testing
import WartaCore
@testable import WartaServe

/// Another account on the same machine reaches 127.0.0.1 too: the desk, and a preview of drafts or
/// embargoed items, open only through the link with the key that `warta serve` prints in its
/// terminal (once, then a cookie).
@Suite(.serialized) struct DeskAccessTests {
    static let draft = "/siaran-pers/2023/02/jadwal-bantuan-pangan-tahap-dua/"
    static let embargoed = "/siaran-pers/2023/02/penghargaan-kota-layak-anak/"

    /// A refusal that gives nothing away: 403, the short page that points to the terminal, no token.
    static func expectRefused(_ response: RawHTTP.Response, _ what: String) {
        #expect(response.status == 403, "\(what): \(response.status)")
        #expect(response.headers["set-cookie"] == nil, "\(what)")
        #expect(response.body.contains("terminal") && !response.body.contains("token"), "\(what): \(response.body.prefix(300))")
        for secret in PreviewLeakTests.secrets + [DeskTests.release, "jadwal-bantuan-pangan-tahap-dua"] {
            #expect(!response.body.contains(secret), "\(what) gives away '\(secret)'")
        }
    }

    @Test func theDeskOpensOnlyThroughTheLinkPrintedInTheTerminal() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root) { running in
                let link = try #require(running.links.first)
                let port = running.http.port
                let key = try #require(link.split(separator: "=").last.map(String.init))
                #expect(link == "http://127.0.0.1:\(port)\(Desk.prefix)?key=\(key)" && key.count == 64)
                // Anyone else: no list, no form (and so no token), no draft's text, not even the desk's style.
                let stranger = running.stranger
                for path in [Desk.prefix, String(Desk.prefix.dropLast()), Desk.prefix + "?state=draft", Desk.prefix + "new?kind=press",
                             Desk.prefix + "edit?path=content/press/2023-02-20-jadwal-bantuan-pangan-tahap-dua.md", Desk.prefix + "desk.css"] {
                    Self.expectRefused(try await stranger.fetch(path), path)
                }
                // The token of the real user's page is not enough without the cookie.
                let page = try await running.http.fetch(Desk.prefix + "new?kind=press")
                let token = try #require(DeskTests.field("token", in: page.body))
                let before = try DeskTests.snapshot(root)
                let form = DeskTests.encode([("token", token), ("kind", "press"), ("path", ""), ("title", "Rilis Orang Lain"),
                                             ("date", "2023-02-21T08:00"), ("body", "Teks.\n")])
                Self.expectRefused(try await DeskTests.post(stranger, Desk.prefix + "save", form), "save")
                Self.expectRefused(try await DeskTests.post(stranger, Desk.prefix + "preview", form), "preview")
                #expect(try DeskTests.snapshot(root) == before)
                // A wrong key, a wrong cookie, the key under another port's cookie: refused.
                let wrong = String(key.reversed())
                Self.expectRefused(try await stranger.fetch(Desk.prefix + "?key=" + wrong), "a wrong key")
                Self.expectRefused(try await stranger.fetch(Desk.prefix + "?key=" + key.dropLast()), "a shorter key")
                Self.expectRefused(try await stranger.fetch(Desk.prefix + "?key="), "an empty key")
                var guessing = stranger
                guessing.cookie = "warta-key-\(port)=\(wrong)"
                Self.expectRefused(try await guessing.fetch(Desk.prefix), "a wrong cookie")
                guessing.cookie = "warta-key-\(port + 1)=\(key)"
                Self.expectRefused(try await guessing.fetch(Desk.prefix), "another port's cookie")
                // The link: a cookie no script can read or another site send, then the address without the key.
                let opened = try await stranger.fetch(Desk.prefix + "?key=" + key)
                #expect(opened.status == 303 && opened.headers["location"] == Desk.prefix)
                #expect(opened.headers["set-cookie"] == "warta-key-\(port)=\(key); HttpOnly; SameSite=Strict; Path=/")
                let deep = try await stranger.fetch(Desk.prefix + "edit?path=\(DeskTests.release)&key=\(key)")
                #expect(deep.status == 303 && deep.headers["location"] == Desk.prefix + "edit?path=\(DeskTests.release)")
                let offsite = try await stranger.fetch("//evil.example/?key=" + key)
                #expect(offsite.headers["location"]?.hasPrefix("//") == false)
                var owner = stranger
                owner.cookie = "other=1; warta-key-\(port)=\(key)"
                let list = try await owner.fetch(Desk.prefix)
                #expect(list.status == 200 && list.body.contains(DeskTests.release))
                // The public preview itself stays open: it shows only what is public.
                #expect(try await stranger.fetch("/").status == 200)
            }
        }
    }

    @Test func aPreviewOfDraftsAndEmbargoedItemsOpensOnlyThroughTheLink() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root, .init(drafts: true, future: true)) { running in
                let port = running.http.port
                #expect(running.links.contains { $0.hasPrefix("http://127.0.0.1:\(port)/?key=") }, "\(running.links)")
                let stranger = running.stranger
                for path in ["/", Self.draft, Self.embargoed, "/lampiran/rancangan-jadwal-bantuan-pangan.pdf", "/style.css",
                             "/siaran-pers/", "/feed.xml", "/tidak-ada/", LiveReload.eventsPath] {
                    Self.expectRefused(try await stranger.fetch(path), path)
                    #expect(try await stranger.fetch(path, method: "HEAD").status == 403, "HEAD \(path)")
                }
                Self.expectRefused(try await stranger.fetch(Self.draft + "?key=0123"), "a wrong key")
                // With the cookie the link set: every page, drafts and embargoed items included.
                let draft = try await running.http.fetch(Self.draft)
                #expect(draft.status == 200 && draft.body.contains("DRAF — belum terbit"))
                #expect(try await running.http.fetch(Self.embargoed).status == 200)
                // The preview's own link opens it too, at the page it names.
                let link = try #require(running.links.first { $0.contains(":\(port)/?key=") })
                let key = try #require(link.split(separator: "=").last.map(String.init))
                let opened = try await stranger.fetch(Self.draft + "?key=" + key)
                #expect(opened.status == 303 && opened.headers["location"] == Self.draft)
            }
        }
    }
}
