import Foundation
import Logging
import Synchronization
import Testing
@testable import WartaCore
@testable import WartaServe

/// The writing desk over real HTTP on a real server: what it refuses (and that a refused request
/// writes nothing), and that what it accepts is written as promised.
@Suite(.serialized) struct DeskTests {
    static let release = "content/press/2023-02-13-jadwal-musrenbang-kecamatan-2024.md"

    /// Every file under `content/` with its bytes: compared before and after a refused request.
    static func snapshot(_ root: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for file in try PosixFile.walk(root + "/content") {
            out[file] = FileManager.default.contents(atPath: root + "/content/" + file) ?? Data()
        }
        return out
    }

    static func field(_ name: String, in page: String) -> String? {
        guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = page[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
    }

    static func post(_ http: RawHTTP, _ path: String, _ body: String, origin: String? = "own", extra: String = "") async throws -> RawHTTP.Response {
        var request = "POST \(path) HTTP/1.1\r\nHost: \(http.hostHeader)\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n" + http.cookieLine
        if let origin { request += "Origin: \(origin == "own" ? "http://" + http.hostHeader : origin)\r\n" }
        request += extra
        request += "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        return try await http.send(raw: request)
    }

    @Test func noDeskOnANetworkAddress() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root, .init(host: "0.0.0.0")) { running in
                let before = try Self.snapshot(root)
                #expect(try await running.http.fetch(Desk.prefix).status == 404)
                #expect(try await running.http.fetch(Desk.prefix + "new?kind=press").status == 404)
                let save = try await Self.post(running.http, Desk.prefix + "save", Self.encode([("kind", "press"), ("title", "Rilis Baru"), ("date", "2023-02-21T09:00")]))
                #expect(save.status == 404)
                #expect(try Self.snapshot(root) == before)
                // The site itself is still served.
                #expect(try await running.http.fetch("/").status == 200)
            }
        }
    }

    @Test func aMissingOrWrongTokenOrAForeignOriginIsRefused() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root) { running in
                let http = running.http
                let list = try await http.fetch(Desk.prefix)
                #expect(list.status == 200 && list.body.contains(Self.release))
                let page = try await http.fetch(Desk.prefix + "new?kind=press")
                let token = try #require(Self.field("token", in: page.body))
                let form = [("kind", "press"), ("path", ""), ("title", "Rilis dari Situs Lain"), ("date", "2023-02-21T08:00"), ("body", "Teks.\n")]
                let before = try Self.snapshot(root)
                for (body, origin, why) in [
                    (Self.encode(form), "own", "no token"),
                    (Self.encode([("token", String(token.reversed()))] + form), "own", "a wrong token"),
                    (Self.encode([("token", String(token.dropLast()))] + form), "own", "a shorter token"),
                    (Self.encode([("token", token)] + form), "http://evil.example", "a foreign origin"),
                    (Self.encode([("token", token)] + form), nil, "neither Origin nor Referer"),
                ] as [(String, String?, String)] {
                    let answer = try await Self.post(http, Desk.prefix + "save", body, origin: origin)
                    #expect(answer.status == 403, "\(why): \(answer.status)")
                    let preview = try await Self.post(http, Desk.prefix + "preview", body, origin: origin)
                    #expect(preview.status == 403, "preview with \(why): \(preview.status)")
                }
                let upload = "PUT \(Desk.prefix)upload?role=attachment&name=a.pdf HTTP/1.1\r\nHost: \(http.hostHeader)\r\nConnection: close\r\nOrigin: http://\(http.hostHeader)\r\n\(http.cookieLine)Content-Length: 9\r\n\r\n%PDF-1.4\n"
                #expect(try await http.send(raw: upload).status == 403)
                #expect(try Self.snapshot(root) == before)
                // The same form with the token and the desk's own origin is saved: the refusals were the token's and the origin's.
                let saved = try await Self.post(http, Desk.prefix + "save", Self.encode([("token", token)] + form))
                #expect(saved.status == 303)
                let written = try Self.snapshot(root).keys.filter { before[$0] == nil }
                #expect(written == ["press/2023-02-21-rilis-dari-situs-lain.md"])
                let sameReferer = try await Self.post(http, Desk.prefix + "preview", Self.encode([("token", token)] + form), origin: nil,
                                                      extra: "Referer: http://\(http.hostHeader)\(Desk.prefix)new?kind=press\r\n")
                #expect(sameReferer.status == 200 && sameReferer.body.contains("Rilis dari Situs Lain"))
            }
        }
    }

    @Test func aPathOutsideContentIsRefused() async throws {
        try await SampleCopy.with { root in
            // A folder inside content/ that leads out of it.
            let outside = root + "-outside"
            try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: root + "/content/press/keluar", withDestinationPath: outside)
            try FileManager.default.createSymbolicLink(atPath: root + "/content/press/tautan.md", withDestinationPath: root + "/site.yml")
            try await ServerHarness.withServer(root) { running in
                let http = running.http
                let page = try await http.fetch(Desk.prefix + "new?kind=press")
                let token = try #require(Self.field("token", in: page.body))
                let siteYML = try Data(contentsOf: URL(fileURLWithPath: root + "/site.yml"))
                let before = try Self.snapshot(root)
                for path in ["../site.yml", "site.yml", "content/../site.yml", "content/press/../../site.yml", "/etc/passwd",
                             root + "/content/press/x.md", "content/press/keluar/x.md", "content/press/tautan.md",
                             "content/press/.tersembunyi.md", "content/lampiran/x.md", "content/press/x.txt", "content/press/%2e%2e/x.md"] {
                    let answer = try await Self.post(http, Desk.prefix + "save", Self.encode([
                        ("token", token), ("kind", "press"), ("path", path), ("digest", ""), ("title", "Isi"), ("date", "2023-02-21T08:00"), ("body", "x\n"),
                    ]))
                    #expect(answer.status == 403, "\(path): \(answer.status)")
                    #expect(try await http.fetch(Desk.prefix + "edit?path=" + path).status == 403, "edit \(path)")
                }
                #expect(try Self.snapshot(root) == before)
                #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/site.yml")) == siteYML)
                #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
            }
        }
    }

    @Test func aChangeOnDiskSinceTheFormWasOpenedIsRefused() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root) { running in
                let http = running.http
                let path = Self.release
                let page = try await http.fetch(Desk.prefix + "edit?path=" + path)
                let token = try #require(Self.field("token", in: page.body))
                let digest = try #require(Self.field("digest", in: page.body))
                // Someone saves the file in an editor meanwhile.
                let full = root + "/" + path
                let edited = try String(contentsOfFile: full, encoding: .utf8).replacingOccurrences(of: "Muh. Ikbal Dg. Nai", with: "Penulis Lain")
                try edited.write(toFile: full, atomically: true, encoding: .utf8)
                let before = try Self.snapshot(root)
                let answer = try await Self.post(http, Desk.prefix + "save", Self.encode([
                    ("token", token), ("kind", "press"), ("path", path), ("digest", digest),
                    ("title", "Judul yang Ditulis di Meja"), ("date", "2023-02-13T10:00"), ("body", "Teks penulis yang tidak boleh hilang.\n"),
                ]))
                #expect(answer.status == 409)
                #expect(answer.body.contains("Teks penulis yang tidak boleh hilang."))
                #expect(answer.body.contains("Judul yang Ditulis di Meja"))
                #expect(answer.body.contains("berubah di disk"))
                #expect(try Self.snapshot(root) == before)
                #expect(try String(contentsOfFile: full, encoding: .utf8) == edited)
            }
        }
    }

    @Test func anOversizedUploadIsRefusedAndLeavesNothing() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root, .init(uploadLimit: 64 * 1024)) { running in
                let http = running.http
                let page = try await http.fetch(Desk.prefix + "new?kind=press")
                let token = try #require(Self.field("token", in: page.body))
                let before = try Self.snapshot(root)
                let big = "%PDF-1.4\n" + String(repeating: "a", count: 200 * 1024)
                func put(_ name: String, _ body: String, length: Bool) async throws -> RawHTTP.Response {
                    var request = "PUT \(Desk.prefix)upload?role=attachment&name=\(name) HTTP/1.1\r\nHost: \(http.hostHeader)\r\nConnection: close\r\n"
                    request += "Origin: http://\(http.hostHeader)\r\nX-Warta-Token: \(token)\r\n" + http.cookieLine
                    if length {
                        request += "Content-Length: \(body.utf8.count)\r\n\r\n" + body
                    } else {
                        // Chunked, so the server learns the size only while reading.
                        request += "Transfer-Encoding: chunked\r\n\r\n"
                        var rest = Substring(body)
                        while !rest.isEmpty {
                            let chunk = rest.prefix(16 * 1024)
                            request += String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n"
                            rest = rest.dropFirst(chunk.count)
                        }
                        request += "0\r\n\r\n"
                    }
                    return try await http.send(raw: request)
                }
                #expect(try await put("besar.pdf", big, length: true).status == 413)
                #expect(try await put("besar.pdf", big, length: false).status == 413)
                // Not what its name says, or not an allowed type.
                #expect(try await put("palsu.pdf", "MZ not a pdf", length: true).status == 415)
                #expect(try await put("skrip.sh", "#!/bin/sh\n", length: true).status == 415)
                #expect(try Self.snapshot(root) == before)
                // Within the limit: named with a slug, next to none it replaces, waiting for its item outside content/.
                let small = try await put("Jadwal%20Rapat%20(Final).pdf", "%PDF-1.4\nkecil\n", length: true)
                #expect(small.status == 200 && small.body.contains("/lampiran/jadwal-rapat-final.pdf"), "\(small.status) \(small.body)")
                let again = try await put("Jadwal%20Rapat%20(Final).pdf", "%PDF-1.4\nlain\n", length: false)
                #expect(again.body.contains("/lampiran/jadwal-rapat-final-2.pdf"), "\(again.body)")
                let waiting = root + "/.warta/uploads/lampiran"
                #expect(try String(contentsOfFile: waiting + "/jadwal-rapat-final.pdf", encoding: .utf8) == "%PDF-1.4\nkecil\n")
                #expect(try FileManager.default.contentsOfDirectory(atPath: waiting).sorted() == ["jadwal-rapat-final-2.pdf", "jadwal-rapat-final.pdf"])
                #expect(try Self.snapshot(root) == before)
            }
        }
    }

    @Test func aSaveWithErrorsIsRefusedWithTheErrorsBesideTheFields() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root) { running in
                let http = running.http
                let path = "content/events/2023-03-04-pawai-budaya-hut-ke-77.md"
                let page = try await http.fetch(Desk.prefix + "edit?path=" + path)
                let token = try #require(Self.field("token", in: page.body))
                let digest = try #require(Self.field("digest", in: page.body))
                let before = try Self.snapshot(root)
                // Rescheduled without the start it had before; a department site.yml does not list.
                let answer = try await Self.post(http, Desk.prefix + "save", Self.encode([
                    ("token", token), ("kind", "events"), ("path", path), ("digest", digest), ("title", "Pawai Budaya"),
                    ("start", "2023-03-04T08:00"), ("status", "rescheduled"), ("department", "dinas-khayalan"), ("body", "Teks.\n"),
                ]))
                #expect(answer.status == 422)
                #expect(answer.body.contains("previous_start"))
                #expect(answer.body.contains("id=\"err-department\""))
                #expect(answer.body.contains("aria-describedby=\"err-department\""))
                #expect(try Self.snapshot(root) == before)
            }
        }
    }

    @Test func aNewItemIsADraftAndSiapTerbitMakesItPublic() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root) { running in
                let http = running.http
                let blank = try await http.fetch(Desk.prefix + "new?kind=press")
                #expect(blank.body.contains("name=\"draft\" type=\"checkbox\" value=\"true\" checked"), "\(blank.body)")
                #expect(blank.body.contains("id=\"item-state\"") && blank.body.contains("state-draft"))
                let token = try #require(Self.field("token", in: blank.body))
                let example = NewItemText.body(.release, en: false, dateline: true)
                let path = "content/press/2023-02-21-pasar-murah-ramadan.md"
                let page = "/siaran-pers/2023/02/pasar-murah-ramadan/"
                // Saved as the form comes: a draft, with the example text, that the preview does not publish.
                let saved = try await Self.post(http, Desk.prefix + "save", Self.encode([
                    ("token", token), ("kind", "press"), ("path", ""), ("digest", ""), ("title", "Pasar Murah Ramadan"),
                    ("date", "2023-02-21T09:00"), ("draft", "true"), ("body", example),
                ]))
                #expect(saved.status == 303, "\(saved.status) \(saved.body)")
                #expect(try String(contentsOfFile: root + "/" + path, encoding: .utf8).contains("\ndraft: true\n"))
                #expect(try await http.fetch(page).status == 404)
                let edit = try await http.fetch(Desk.prefix + "edit?path=" + path)
                #expect(edit.body.contains("state-draft") && edit.body.contains("name=\"ready\" value=\"1\""), "\(edit.body)")
                let digest = try #require(Self.field("digest", in: edit.body))

                // "Siap terbit" with the example text still in it: refused, the error beside the text.
                let form = [("token", token), ("kind", "press"), ("path", path), ("digest", digest), ("title", "Pasar Murah Ramadan"),
                            ("date", "2023-02-21T09:00"), ("draft", "true"), ("ready", "1")]
                let refused = try await Self.post(http, Desk.prefix + "save", Self.encode(form + [("body", example)]))
                #expect(refused.status == 422)
                #expect(refused.body.contains("id=\"err-body\"") && refused.body.contains("this is the example text"), "\(refused.body)")
                #expect(try String(contentsOfFile: root + "/" + path, encoding: .utf8).contains("\ndraft: true\n"))

                // With the release's own text: saved without `draft: true`, and public in the preview.
                let ready = try await Self.post(http, Desk.prefix + "save", Self.encode(form + [("body", "Pemerintah kota menggelar pasar murah.\n")]))
                #expect(ready.status == 303, "\(ready.status) \(ready.body)")
                let text = try String(contentsOfFile: root + "/" + path, encoding: .utf8)
                #expect(!text.contains("\ndraft:"), "\(text)")
                let served = try await http.fetch(page)
                #expect(served.status == 200 && served.body.contains("Pasar Murah Ramadan"))
                let after = try await http.fetch(Desk.prefix + "edit?path=" + path)
                #expect(after.body.contains("state-public") && !after.body.contains("name=\"ready\""))
            }
        }
    }

    @Test func anEditKeepsTheBodyAndTheOrderOfTheFields() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root) { running in
                let http = running.http
                let path = Self.release
                let full = root + "/" + path
                let original = try String(contentsOfFile: full, encoding: .utf8)
                let page = try await http.fetch(Desk.prefix + "edit?path=" + path)
                let token = try #require(Self.field("token", in: page.body))
                let digest = try #require(Self.field("digest", in: page.body))
                let form = try #require(DeskDocument.form(Array(original.utf8), kind: .release, config: SiteLoader.config(root: root).0!))
                var fields = [("token", token), ("kind", "press"), ("path", path), ("digest", digest)]
                fields += form.values.map { ($0.key, $0.value) }.filter { $0.0 != "author" } + [("author", "Nama Baru")]
                // As a browser sends a text area: CRLF line breaks.
                fields.append(("body", form.body.replacingOccurrences(of: "\n", with: "\r\n")))
                fields.append(("publish_at", "2023-02-22T10:00"))
                let answer = try await Self.post(http, Desk.prefix + "save", Self.encode(fields))
                #expect(answer.status == 303, "\(answer.status) \(answer.body)")
                let written = try String(contentsOfFile: full, encoding: .utf8)
                let expected = original.replacingOccurrences(of: "author: Muh. Ikbal Dg. Nai", with: "author: Nama Baru")
                    .replacingOccurrences(of: "    title: Jadwal Musrenbang Kecamatan RKPD 2024 (PDF)\n---",
                                          with: "    title: Jadwal Musrenbang Kecamatan RKPD 2024 (PDF)\npublish_at: 2023-02-22 10:00\n---")
                #expect(written == expected)
                // Rebuilt: the release is embargoed now, so the preview no longer serves its page.
                let list = try await http.fetch(Desk.prefix + "?state=embargoed")
                #expect(list.body.contains(path))
            }
        }
    }

    @Test func aFileWhoseFrontMatterDoesNotReadIsOfferedAsTextWithTheSameChecks() async throws {
        try await SampleCopy.with { root in
            let path = "content/press/2023-02-21-rusak.md"
            let broken = "---\ntitle: Rapat: hasil\ndate: 2023-02-21 08:00\n---\nIsi.\n"
            try broken.write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
            try await ServerHarness.withServer(root) { running in
                let http = running.http
                let list = try await http.fetch(Desk.prefix)
                #expect(list.body.contains("edit?path=\(path)") && list.body.contains("2:"), "the list names the file that does not load")
                let page = try await http.fetch(Desk.prefix + "edit?path=" + path)
                #expect(page.status == 200 && page.body.contains("name=\"raw\"") && page.body.contains("Rapat: hasil"))
                let token = try #require(Self.field("token", in: page.body))
                let digest = try #require(Self.field("digest", in: page.body))
                let before = try Self.snapshot(root)
                let still = try await Self.post(http, Desk.prefix + "save", Self.encode([
                    ("token", token), ("kind", "press"), ("path", path), ("digest", digest), ("raw", broken.replacingOccurrences(of: "Isi.", with: "Isi baru.")),
                ]))
                #expect(still.status == 422 && still.body.contains("Isi baru."))
                #expect(try Self.snapshot(root) == before)
                let fixed = broken.replacingOccurrences(of: "title: Rapat: hasil", with: "title: \"Rapat: hasil\"")
                let saved = try await Self.post(http, Desk.prefix + "save", Self.encode([
                    ("token", token), ("kind", "press"), ("path", path), ("digest", digest), ("raw", fixed.replacingOccurrences(of: "\n", with: "\r\n")),
                ]))
                #expect(saved.status == 303)
                #expect(try String(contentsOfFile: root + "/" + path, encoding: .utf8) == fixed)
                // Now it reads: the full form again.
                #expect(try await http.fetch(Desk.prefix + "edit?path=" + path).body.contains("id=\"f-title\""))
            }
        }
    }
}

/// Log lines kept for a test to read.
final class KeptLog: LogHandler, Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        lines.withLock { $0.append("\(message)") }
    }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? { get { nil } set {} }
    var metadata: Logger.Metadata { get { [:] } set {} }
    var logLevel: Logger.Level { get { .trace } set {} }
}

@Suite struct DeskSwitchTests {
    /// Whether the desk is offered, and what the log says, for each `--host`.
    @Test func theDeskIsOnlyOnLoopbackAndTheLogSaysWhenItIsOff() {
        for (host, offered) in [("127.0.0.1", true), ("localhost", true), ("::1", true), ("127.0.0.2", true),
                                ("0.0.0.0", false), ("::", false), ("192.168.1.20", false), ("kantor.local", false)] {
            let log = KeptLog()
            var options = PreviewServer.Options(siteRoot: "/nonexistent", clock: .fixed(ZonedInstant.parse("2023-02-21T09:00:00+08:00")!))
            options.host = host
            let server = PreviewServer(options: options, logger: Logger(label: "test", factory: { _ in log }))
            #expect((server.makeDesk() != nil) == offered, "\(host)")
            #expect(log.all.contains { $0.contains("the writing desk is off") && $0.contains(host) } == !offered, "\(host): \(log.all)")
        }
    }
}
