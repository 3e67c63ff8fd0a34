import HTTPTypes
import Hummingbird

/// The key to what only the person who started `warta serve` may see: the writing desk, and a
/// preview that shows drafts or embargoed items. Every account on the machine reaches the loopback
/// address, so the address alone proves nothing. The key is made fresh for each server and printed
/// only in its terminal, inside a link; opening the link once stores the key in a cookie (HttpOnly,
/// SameSite=Strict, so no script and no other site's page can use it) and goes on to the same
/// address without the key, so it stays out of the history and of `Referer`.
struct AccessKey: Sendable {
    static let parameter = "key"
    let secret = DeskGuard.randomHex(bytes: 32)

    /// Named for the port: a browser sends a host's cookies to every port, and two servers (one
    /// per site) must not overwrite each other's key.
    static func cookieName(port: Int) -> String { "warta-key-\(port)" }

    /// A link that opens `path` (which must not carry a query) with the key.
    func link(host: String, port: Int, path: String) -> String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return "http://\(shown):\(port)\(path)?\(Self.parameter)=\(secret)"
    }

    /// nil: the request goes on. Otherwise the answer: a link with the right key sets the cookie and
    /// leads to the same address without the key; a wrong key, or a `guarded` request without the
    /// cookie, is refused (403) with a page that says where the link is.
    func answer(_ request: Request, port: Int, guarded: Bool) -> Response? {
        let pairs = (request.uri.query ?? "").split(separator: "&", omittingEmptySubsequences: true)
        let prefix = Self.parameter + "="
        if let presented = pairs.first(where: { $0.hasPrefix(prefix) }) {
            guard DeskGuard.equal(Array(presented.utf8.dropFirst(prefix.utf8.count)), Array(secret.utf8)) else {
                return Self.refusal(wrongKey: true)
            }
            let rest = pairs.filter { !$0.hasPrefix(prefix) }.joined(separator: "&")
            // "//name" would be another site's address.
            let path = request.uri.path.hasPrefix("/") && !request.uri.path.hasPrefix("//") ? request.uri.path : "/"
            let cookie = "\(Self.cookieName(port: port))=\(secret); HttpOnly; SameSite=Strict; Path=/"
            return Response(status: .seeOther, headers: [.location: path + (rest.isEmpty ? "" : "?" + rest), .setCookie: cookie,
                                                         .cacheControl: "no-store", .init("Referrer-Policy")!: "no-referrer"])
        }
        guard guarded else { return nil }
        return presentsKey(request, port: port) ? nil : Self.refusal(wrongKey: false)
    }

    /// Whether the request's cookies hold the key (compared in constant time).
    func presentsKey(_ request: Request, port: Int) -> Bool {
        let name = Self.cookieName(port: port) + "="
        let expected = Array(secret.utf8)
        var found = false
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let pair = pair.drop { $0 == " " }
                if pair.hasPrefix(name), DeskGuard.equal(Array(pair.utf8.dropFirst(name.utf8.count)), expected) { found = true }
            }
        }
        return found
    }

    static func refusal(wrongKey: Bool) -> Response {
        let why = wrongKey ? ("Kunci di tautan ini salah (server dijalankan ulang?).", "The key in this link is wrong (was the server restarted?).")
                           : ("Halaman ini memuat naskah yang belum terbit.", "This page holds unpublished text.")
        let body = """
        <!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
        <title>Warta: buka tautan dari terminal</title></head><body><main style="max-width:40rem;margin:2rem auto;font:16px/1.5 system-ui,sans-serif">\
        <h1>Buka tautan yang dicetak di terminal</h1>\
        <p>\(why.0) Hanya orang yang menjalankan <code>warta serve</code> yang dapat membukanya: buka tautan yang dicetak \
        di terminal tempat server berjalan (tautan itu memuat kuncinya), sekali saja untuk peramban ini.</p>\
        <p lang="en">\(why.1) Only the person who started <code>warta serve</code> can open it: open the link printed in \
        the terminal where the server runs (it holds the key), once for this browser.</p></main></body></html>

        """
        return Response(status: .forbidden, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                                                      .init("X-Frame-Options")!: "DENY"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
