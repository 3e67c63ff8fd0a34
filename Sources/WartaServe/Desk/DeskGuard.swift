import HTTPTypes
import Hummingbird

/// What every request that changes a file (or reads the writer's text back rendered) must show:
/// the token of this server's session, and that it comes from a page of the desk itself.
///
/// The token is made fresh for each server, printed only into the desk's own pages (which other
/// sites cannot read: same-origin policy, and `HostCheck` against DNS rebinding), and compared in
/// constant time. The origin check refuses a form another site's page posts with the user's browser.
struct DeskGuard: Sendable {
    static let header = HTTPField.Name("X-Warta-Token")!
    static let field = "token"

    let token = Self.randomHex(bytes: 32)

    /// `bytes` random bytes from the system's generator, in hexadecimal.
    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return String(byte >> 4, radix: 16) + String(byte & 15, radix: 16)
        }.joined()
    }

    enum Verdict: Equatable {
        case allowed
        case refused(String)
    }

    /// `presented`: the token from the header, or else from the form's field.
    func verdict(_ request: Request, presented: String?) -> Verdict {
        guard let presented, Self.equal(Array(presented.utf8), Array(token.utf8)) else {
            return .refused("missing or wrong desk token: reload the desk (the server was restarted?)")
        }
        guard let host = request.hostValues.first else { return .refused("no Host") }
        let own = "http://" + host.lowercased()
        if let origin = request.headers[.origin] {
            return origin.lowercased() == own ? .allowed : .refused("request from another origin (\(origin))")
        }
        if let referer = request.headers[.referer] {
            let lower = referer.lowercased()
            return lower == own || lower.hasPrefix(own + "/") ? .allowed : .refused("request from another page (\(referer))")
        }
        return .refused("request without Origin or Referer")
    }

    /// Equal in constant time for equal lengths (the token's length is no secret).
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
