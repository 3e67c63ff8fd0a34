import Foundation
import Testing
@testable import WartaServe

/// DNS rebinding: a page on a foreign site points its own name at the preview's address; the
/// browser then sends that name in `Host`. The preview must answer only its own names.
@Suite(.serialized) struct HostHeaderTests {
    static let marker = "Siaran Pers Terbaru"

    /// One request with exactly this `Host` line (nil: none at all).
    static func request(_ path: String = "/", host: String?, version: String = "HTTP/1.1") -> String {
        "GET \(path) \(version)\r\n" + (host.map { "Host: \($0)\r\n" } ?? "") + "Connection: close\r\n\r\n"
    }

    static func expectRefused(_ response: RawHTTP.Response, _ host: String, status: Int = 421) {
        #expect(response.status == status, "Host \(host) answered \(response.status)")
        #expect(response.headers["content-type"] == "text/plain; charset=utf-8", "Host \(host)")
        #expect(response.body.count < 200 && !response.body.contains(marker) && !response.body.contains("<"), "Host \(host) got \(response.body)")
    }

    @Test func aForeignHostNameGetsNeitherPagesNorTheEventStream() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root) { running in
                let port = running.http.port
                let allowed = ["127.0.0.1:\(port)", "127.0.0.1", "localhost:\(port)", "localhost", "LocalHost:\(port)",
                               "127.8.9.10:\(port)", "[::1]:\(port)", "[::1]", "[0:0:0:0:0:0:0:1]:\(port)"]
                for host in allowed {
                    let response = try await running.http.send(raw: Self.request(host: host))
                    #expect(response.status == 200, "Host \(host) answered \(response.status)")
                    #expect(response.body.contains(Self.marker), "Host \(host)")
                }
                let foreign = [
                    "rebind.example:\(port)", "rebind.example", "localhost.rebind.example:\(port)", "127.0.0.1.nip.io:\(port)",
                    "localhost:\(port + 1)", "127.0.0.1:80", "[::1]:\(port + 1)", "0.0.0.0:\(port)", "127.1:\(port)",
                    "[127.0.0.1]:\(port)", "::1", "localhost:", "localhost:\(port)x", "localhost.", "local host",
                ]
                for host in foreign {
                    Self.expectRefused(try await running.http.send(raw: Self.request(host: host)), host)
                    // Every path, not only pages: the event stream and the site's files too.
                    Self.expectRefused(try await running.http.send(raw: Self.request(LiveReload.eventsPath, host: host)), host)
                    Self.expectRefused(try await running.http.send(raw: Self.request("/style.css", host: host)), host)
                }
            }
        }
    }

    @Test func aRequestWithoutExactlyOneHostIsABadRequest() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root) { running in
                let port = running.http.port
                Self.expectRefused(try await running.http.send(raw: Self.request(host: nil)), "(none)", status: 400)
                Self.expectRefused(try await running.http.send(raw: Self.request(host: "")), "(empty)", status: 400)
                let twice = "GET / HTTP/1.1\r\nHost: localhost:\(port)\r\nHost: rebind.example\r\nConnection: close\r\n\r\n"
                Self.expectRefused(try await running.http.send(raw: twice), "(twice)", status: 400)
                let events = Self.request(LiveReload.eventsPath, host: nil)
                Self.expectRefused(try await running.http.send(raw: events), "(none, events)", status: 400)
            }
        }
    }

    /// An IPv4 address of a non-loopback interface of this machine, if it has one.
    static func lanAddress() -> String? {
        InterfaceAddresses.current().compactMap { name -> String? in
            guard case .ipv4(let bytes) = name, bytes[0] != 127 else { return nil }
            return bytes.map(String.init).joined(separator: ".")
        }.sorted().first
    }

    @Test(.enabled(if: lanAddress() != nil, "this machine has no non-loopback IPv4 address"))
    func listeningOnALANAddressAnswersThatAddressAndLoopbackNamesOnly() async throws {
        let lan = try #require(Self.lanAddress())
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root, .init(host: lan, connectTo: lan)) { running in
                let port = running.http.port
                for host in ["\(lan):\(port)", lan, "localhost:\(port)"] {
                    let response = try await running.http.send(raw: Self.request(host: host))
                    #expect(response.status == 200 && response.body.contains(Self.marker), "Host \(host) answered \(response.status)")
                }
                for host in ["rebind.example:\(port)", "\(lan).nip.io:\(port)", "\(lan):\(port + 1)"] {
                    Self.expectRefused(try await running.http.send(raw: Self.request(host: host)), host)
                }
            }
        }
    }

    @Test func listeningOnEveryAddressAnswersThisMachinesAddressesOnly() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root, .init(host: "0.0.0.0")) { running in
                let port = running.http.port
                var names = ["127.0.0.1:\(port)", "localhost:\(port)", "0.0.0.0:\(port)"]
                if let lan = Self.lanAddress() { names.append("\(lan):\(port)") }
                for host in names {
                    let response = try await running.http.send(raw: Self.request(host: host))
                    #expect(response.status == 200 && response.body.contains(Self.marker), "Host \(host) answered \(response.status)")
                }
                // 192.0.2.1 is reserved for documentation: never an address of this machine.
                for host in ["rebind.example:\(port)", "192.0.2.1:\(port)", "[2001:db8::1]:\(port)"] {
                    Self.expectRefused(try await running.http.send(raw: Self.request(host: host)), host)
                }
            }
        }
    }

    @Test(.enabled(if: InterfaceAddresses.current().contains(.ipv6([UInt8](repeating: 0, count: 15) + [1])), "no IPv6 loopback here"))
    func listeningOnIPv6LoopbackAnswersItsBracketedAddress() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root, .init(host: "::1", connectTo: "::1")) { running in
                let port = running.http.port
                for host in ["[::1]:\(port)", "localhost:\(port)"] {
                    let response = try await running.http.send(raw: Self.request(host: host))
                    #expect(response.status == 200, "Host \(host) answered \(response.status)")
                }
                Self.expectRefused(try await running.http.send(raw: Self.request(host: "rebind.example:\(port)")), "rebind.example")
            }
        }
    }
}
