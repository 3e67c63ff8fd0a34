import Foundation
import Testing
import WartaCore
import WartaTestSupport
@testable import WartaServe

/// The real preview server, started in-process on a free loopback port, spoken to over HTTP.
@Suite(.serialized) struct PreviewServerTests {
    @Test func servesTheSiteWithTheRightAnswers() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root) { running in
                let http = running.http

                let home = try await http.fetch("/")
                #expect(home.status == 200)
                #expect(home.headers["content-type"] == "text/html; charset=utf-8")
                #expect(home.body.contains("Siaran Pers Terbaru"))
                #expect(home.body.contains(LiveReload.eventsPath))
                let types = [
                    "/style.css": "text/css; charset=utf-8", "/feed.xml": "application/xml; charset=utf-8",
                    "/lampiran/jadwal-pka-angkatan-i-2023.pdf": "application/pdf", "/gambar/pawai-budaya.svg": "image/svg+xml",
                    "/robots.txt": "text/plain; charset=utf-8", "/siaran-pers/": "text/html; charset=utf-8",
                ]
                for (path, type) in types {
                    let response = try await http.fetch(path)
                    #expect(response.status == 200, "\(path)")
                    #expect(response.headers["content-type"] == type, "\(path)")
                }
                // The live-reload script is added on the way out, never written into the built files.
                let built = try String(contentsOfFile: running.output + "/index.html", encoding: .utf8)
                #expect(!built.contains(LiveReload.eventsPath))
                #expect(!(try await http.fetch("/style.css")).body.contains("EventSource"))

                let redirect = try await http.fetch("/siaran-pers?halaman=2")
                #expect(redirect.status == 301)
                #expect(redirect.headers["location"] == "/siaran-pers/?halaman=2")

                let missing = try await http.fetch("/tidak/ada/")
                #expect(missing.status == 404)
                #expect(missing.body.contains("Halaman tidak ditemukan"))

                let first = try await http.fetch("/siaran-pers/")
                let tag = try #require(first.headers["etag"])
                #expect(try await http.fetch("/siaran-pers/", headers: ["If-None-Match": tag]).status == 304)
                let cssTag = try #require(try await http.fetch("/style.css").headers["etag"])
                let notModified = try await http.fetch("/style.css", headers: ["If-None-Match": cssTag])
                #expect(notModified.status == 304 && notModified.body.isEmpty)
                #expect(try await http.fetch("/style.css", method: "HEAD").status == 200)
                #expect(try await http.fetch("/", method: "POST").status == 405)
            }
        }
    }

    @Test func nothingOutsideTheOutputIsEverServed() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root) { running in
                let secret = root + "-secret.txt"
                try "RAHASIA-NEGARA".write(toFile: secret, atomically: true, encoding: .utf8)
                try FileManager.default.createSymbolicLink(atPath: running.output + "/bocor.txt", withDestinationPath: secret)
                try FileManager.default.createSymbolicLink(atPath: running.output + "/naik", withDestinationPath: root)
                let attempts = [
                    "/../site.yml", "/../../etc/passwd", "/%2e%2e/site.yml", "/%2E%2E/%2E%2E/etc/passwd", "/..%2fsite.yml",
                    "/siaran-pers/..%2f..%2fsite.yml", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/./../site.yml", "/etc/passwd",
                    "//etc/passwd", "/%00", "/index.html%00.css", "/bocor.txt", "/naik/site.yml", "/naik/content/pages/tentang.md",
                    "/.warta-output", "/%zz", "/" + String(repeating: "../", count: 20) + "etc/passwd",
                ]
                for path in attempts {
                    let response = try await running.http.fetch(path)
                    #expect(response.status == 404 || response.status == 400, "\(path) answered \(response.status)")
                    #expect(!response.body.contains("RAHASIA-NEGARA") && !response.body.contains("root:x:0") && !response.body.contains("base_url"),
                            "\(path) leaked a file")
                }
            }
        }
    }

    @Test(arguments: [FileWatcher.Mode.inotify, .polling])
    func anEditIsServedAndAnnounced(mode: FileWatcher.Mode) async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root, .init(mode: mode)) { running in
                let page = "/tentang/"
                let file = root + "/content/pages/tentang.md"
                let original = try String(contentsOfFile: file, encoding: .utf8)
                let event = try await running.http.firstEventAsync(at: LiveReload.eventsPath) {
                    try (original + "\nKalimat baru dari uji pratinjau.\n").write(toFile: file, atomically: true, encoding: .utf8)
                }
                #expect(event == "reload")
                let served = try await running.eventually(page) { $0.body.contains("Kalimat baru dari uji pratinjau.") }
                #expect(served.body.contains("Kalimat baru dari uji pratinjau."))

                // A deleted page disappears from the preview.
                try FileManager.default.removeItem(atPath: root + "/content/pages/kebijakan-privasi.md")
                let gone = try await running.eventually("/kebijakan-privasi/") { $0.status == 404 }
                #expect(gone.status == 404)
            }
        }
    }

    @Test func aBrokenSaveShowsTheErrorsOverTheLastGoodPage() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root) { running in
                let file = root + "/content/press/2023-02-14-pawai-budaya-hut-ke-77.md"
                let page = "/siaran-pers/2023/02/pawai-budaya-hut-ke-77/"
                let good = try String(contentsOfFile: file, encoding: .utf8)
                try good.replacingOccurrences(of: "department: dispar", with: "department: dinas-tidak-ada").write(toFile: file, atomically: true, encoding: .utf8)
                let broken = try await running.eventually(page) { $0.body.contains("warta-error-overlay") }
                #expect(broken.status == 200)
                #expect(broken.body.contains("unknown department &#39;dinas-tidak-ada&#39;"))
                #expect(broken.body.contains("content/press/2023-02-14-pawai-budaya-hut-ke-77.md:"))
                #expect(broken.body.contains("Pawai Budaya HUT Kota Wiramaya ke-77"))  // the last good page is still there
                #expect(try await running.http.fetch("/").body.contains("warta-error-overlay"))
                try good.write(toFile: file, atomically: true, encoding: .utf8)
                let fixed = try await running.eventually(page) { !$0.body.contains("warta-error-overlay") }
                #expect(!fixed.body.contains("warta-error-overlay"))
            }
        }
    }

    @Test func aSiteBrokenFromTheStartShowsItsErrorsThenItsPages() async throws {
        try await SampleCopy.with { root in
            let file = root + "/content/pages/tentang.md"
            let good = try String(contentsOfFile: file, encoding: .utf8)
            try "---\ntitle: Rusak\n".write(toFile: file, atomically: true, encoding: .utf8)
            try await ServerHarness.withServer(root) { running in
                let first = try await running.http.fetch("/")
                #expect(first.body.contains("warta-error-overlay"))
                #expect(first.body.contains("content/pages/tentang.md:1:1: error: front matter is never closed"))
                try good.write(toFile: file, atomically: true, encoding: .utf8)
                // Pages are written in place while the build runs; the overlay goes once it has finished.
                let fixed = try await running.eventually("/") { $0.status == 200 && !$0.body.contains("warta-error-overlay") }
                #expect(fixed.body.contains("Siaran Pers Terbaru") && !fixed.body.contains("warta-error-overlay"))
            }
        }
    }

    @Test func draftsShowInThePreviewWithABannerButNeverInPublic() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root, .init(drafts: true)) { running in
                let draft = try await running.http.fetch("/siaran-pers/2023/02/jadwal-bantuan-pangan-tahap-dua/")
                #expect(draft.status == 200)
                #expect(draft.body.contains("DRAF — belum terbit"))
                #expect(!FileManager.default.fileExists(atPath: root + "/public"))
            }
        }
    }
}
