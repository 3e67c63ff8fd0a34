import Glibc
import Synchronization

/// The DNS-rebinding guard. A web page on any site can point its own name at 127.0.0.1 and then
/// read the preview (drafts, embargoed releases) through the user's browser; the browser still
/// sends that foreign name in `Host`. So the preview answers only requests addressed to a name it
/// really is: the address it listens on, `localhost`, 127.x.x.x or [::1], and when it listens on
/// every address (0.0.0.0, ::), the addresses of this machine's interfaces. With a port, the port
/// must be the one it listens on.
final class HostCheck: Sendable {
    enum Verdict: Equatable {
        case allowed
        /// No `Host` header, several, or an empty one: not a valid HTTP/1.1 request.
        case badRequest
        /// Addressed to a name this server is not.
        case misdirected
    }

    /// A host as written in `Host` or `--host`: an IP address (compared as bytes, so `::1` and
    /// `0:0:0:0:0:0:0:1` are one) or a lowercased name.
    enum Name: Hashable, Sendable {
        case ipv4([UInt8])
        case ipv6([UInt8])
        case domain(String)

        init?(_ text: String) {
            var host = Substring(text)
            if host.hasPrefix("[") && host.hasSuffix("]") { host = host.dropFirst().dropLast() }
            if let bytes = Self.address(String(host), family: AF_INET, size: 4) {
                self = .ipv4(bytes)
            } else if let bytes = Self.address(String(host), family: AF_INET6, size: 16) {
                self = .ipv6(bytes)
            } else {
                let lower = host.lowercased()
                guard !lower.isEmpty, lower.utf8.allSatisfy({ Self.nameBytes.contains($0) }) else { return nil }
                self = .domain(lower)
            }
        }

        private static let nameBytes = Set("abcdefghijklmnopqrstuvwxyz0123456789.-_".utf8)

        /// inet_pton: strict dotted quads for IPv4 (no `127.1` shorthand), any valid IPv6 text.
        private static func address(_ text: String, family: Int32, size: Int) -> [UInt8]? {
            var bytes = [UInt8](repeating: 0, count: size)
            let ok = bytes.withUnsafeMutableBytes { inet_pton(family, text, $0.baseAddress) }
            return ok == 1 ? bytes : nil
        }

        var isLoopback: Bool {
            switch self {
            case .ipv4(let b): b[0] == 127
            case .ipv6(let b): b == [UInt8](repeating: 0, count: 15) + [1]
            case .domain(let name): name == "localhost"
            }
        }

        var isWildcard: Bool {
            switch self {
            case .ipv4(let b), .ipv6(let b): b.allSatisfy { $0 == 0 }
            case .domain: false
            }
        }
    }

    private let listening: Name?
    /// The bound port, known once the server listens (`--port 0` picks one).
    private let port = Atomic<Int>(0)

    init(listeningOn host: String) {
        listening = Name(host)
    }

    func listening(onPort bound: Int) {
        port.store(bound, ordering: .releasing)
    }

    /// The bound port (0 until the server listens).
    var boundPort: Int { port.load(ordering: .acquiring) }

    /// `authorities`: every `Host` value the request carried.
    func verdict(_ authorities: [String]) -> Verdict {
        guard authorities.count == 1, let authority = authorities.first, !authority.isEmpty else { return .badRequest }
        guard let (name, requestedPort) = Self.split(authority) else { return .misdirected }
        if let requestedPort, requestedPort != port.load(ordering: .acquiring) { return .misdirected }
        return accepts(name) ? .allowed : .misdirected
    }

    private func accepts(_ name: Name) -> Bool {
        if name.isLoopback || name == listening { return true }
        guard let listening, listening.isWildcard else { return false }
        // 0.0.0.0 is every IPv4 address of this machine; :: is every address, IPv4 included.
        // Looked up per request: addresses come and go (DHCP, VPN), and this path is rare.
        if case .ipv4 = listening, case .ipv6 = name { return false }
        return InterfaceAddresses.current().contains(name)
    }

    /// `name`, `name:port`, `[v6]`, `[v6]:port`; nil when malformed.
    static func split(_ authority: String) -> (Name, Int?)? {
        var host = Substring(authority)
        var portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let rest = host[host.index(after: close)...]
            host = host[...close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
        } else if let colon = host.firstIndex(of: ":") {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        let bracketed = host.hasPrefix("[")
        guard let name = Name(String(bracketed ? host.dropFirst().dropLast() : host)) else { return nil }
        // Brackets exactly around IPv6 addresses.
        let isIPv6 = if case .ipv6 = name { true } else { false }
        guard bracketed == isIPv6 else { return nil }
        guard let portText else { return (name, nil) }
        guard (1...5).contains(portText.count), portText.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(portText) else { return nil }
        return (name, value)
    }
}
