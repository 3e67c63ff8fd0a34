import Foundation
import Glibc

/// A deliberately plain HTTP/1.1 client over a socket: sends the request line exactly as given
/// (no URL normalisation, so `..` and `%2e%2e` reach the server untouched).
struct RawHTTP: Sendable {
    struct Response: Sendable {
        let status: Int
        let headers: [String: String]
        let body: String
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    let port: Int
    /// The IP address connected to (IPv4 or IPv6).
    var address = "127.0.0.1"
    /// Sent as `Cookie` with every request (as a browser that opened the server's link does).
    var cookie: String?

    /// The `Cookie` header line, for requests written by hand ("" without a cookie).
    var cookieLine: String { cookie.map { "Cookie: \($0)\r\n" } ?? "" }

    /// The `Host` header a browser would send for `address`.
    var hostHeader: String { address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)" }

    func get(_ path: String, headers: [String: String] = [:], method: String = "GET") throws -> Response {
        var request = "\(method) \(path) HTTP/1.1\r\nHost: \(hostHeader)\r\nConnection: close\r\n" + cookieLine
        for (k, v) in headers { request += "\(k): \(v)\r\n" }
        return try exchange(request + "\r\n")
    }

    /// Sends `request` byte for byte (its own request line and headers, `Connection: close`
    /// included) and reads the answer until the server closes.
    func exchange(_ request: String) throws -> Response {
        let fd = try connectSocket()
        defer { close(fd) }
        try send(fd, request)
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        return try parse(data)
    }

    /// Opens an event stream and returns the first event name that arrives within `timeout`
    /// after `trigger` has run (nil on timeout).
    func firstEvent(at path: String, timeout: Duration = .seconds(10), after trigger: () throws -> Void) throws -> String? {
        let fd = try connectSocket()
        defer { close(fd) }
        try send(fd, "GET \(path) HTTP/1.1\r\nHost: \(hostHeader)\r\nAccept: text/event-stream\r\n\(cookieLine)\r\n")
        var received = ""
        let deadline = ContinuousClock.now + timeout
        var triggered = false
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now < deadline {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&pfd, 1, 100) > 0 {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return nil }
                received += String(decoding: buffer[0..<n], as: UTF8.self)
            }
            if !triggered, received.contains(": connected") {
                triggered = true
                try trigger()
            }
            if triggered, let range = received.range(of: "event: ") {
                let rest = received[range.upperBound...]
                if let end = rest.firstIndex(of: "\n") { return String(rest[..<end]) }
            }
        }
        return nil
    }

    /// `get` on a Dispatch thread: a test blocked in `recv` must not hold one of the few
    /// cooperative threads the in-process server itself needs.
    func fetch(_ path: String, headers: [String: String] = [:], method: String = "GET") async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try get(path, headers: headers, method: method) })
            }
        }
    }

    /// `exchange` on a Dispatch thread (see `fetch`).
    func send(raw request: String) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try exchange(request) })
            }
        }
    }

    func firstEventAsync(at path: String, after trigger: @escaping @Sendable () throws -> Void) async throws -> String? {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try firstEvent(at: path, after: trigger) })
            }
        }
    }

    private func connectSocket() throws -> Int32 {
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        let fd: Int32
        let rc: Int32
        if inet_pton(AF_INET, address, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = in_port_t(UInt16(port).bigEndian)
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure(description: "socket") }
            rc = withUnsafePointer(to: &v4) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        } else if inet_pton(AF_INET6, address, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = in_port_t(UInt16(port).bigEndian)
            fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure(description: "socket") }
            rc = withUnsafePointer(to: &v6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            throw Failure(description: "not an IP address: \(address)")
        }
        guard rc == 0 else {
            close(fd)
            throw Failure(description: "connect to \(address) port \(port) failed")
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    private func send(_ fd: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
        guard n == bytes.count else { throw Failure(description: "send") }
    }

    private func parse(_ data: [UInt8]) throws -> Response {
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure(description: "no header end in: \(text.prefix(200))") }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line \(head[0])") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return Response(status: status, headers: headers, body: String(text[split.upperBound...]))
    }
}
