/// An rsync destination, read by rsync's own rules (`check_for_hostspec` in rsync's main.c), so that
/// Warta checks the same place rsync will write to.
public struct Destination: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case local
        case ssh
        case daemon
    }

    public let raw: String
    public let kind: Kind
    /// The login before `@`, if any (ssh and daemon).
    public let user: String?
    /// The host, without the brackets of an IPv6 address (nil for a local folder).
    public let host: String?
    /// The folder part, as written: after `host:`, or the module and what follows it for a daemon.
    public let path: String

    public init(_ raw: String) {
        self.raw = raw
        if raw.lowercased().hasPrefix("rsync://") {
            let rest = raw.dropFirst("rsync://".count)
            let spec = Self.hostspec(rest)
            kind = .daemon
            user = spec?.user
            host = spec?.host
            // After the host: an optional `:port`, then the slash that starts the module.
            var tail = rest[(spec?.end ?? rest.endIndex)...]
            if tail.first == ":" { tail = tail.drop { $0 != "/" } }
            path = String(tail.drop { $0 == "/" })
            return
        }
        // Without `rsync://`, a host needs a colon before any slash: `host:path` (ssh) or `host::module` (daemon).
        if let spec = Self.hostspec(Substring(raw)), spec.end < raw.endIndex, raw[spec.end] == ":" {
            let after = raw[raw.index(after: spec.end)...]
            user = spec.user
            host = spec.host
            kind = after.first == ":" ? .daemon : .ssh
            path = String(kind == .daemon ? after.dropFirst() : after)
        } else {
            kind = .local
            user = nil
            host = nil
            path = raw
        }
    }

    /// `[user@]host` or `[user@][v6:addr]` at the start of `text`, up to the first `:` or `/` (`end`).
    /// Nil when rsync would not read a host there: a `[` not right at the host's start, or not
    /// closed by `]` before a slash, or followed by anything but `:`, `/` or the end.
    private static func hostspec(_ text: Substring) -> (user: String?, host: String, end: String.Index)? {
        var user: String?
        var hostStart = text.startIndex
        var i = text.startIndex
        while i < text.endIndex, text[i] != ":", text[i] != "/" {
            if text[i] == "@" {
                user = String(text[text.startIndex..<i])
                hostStart = text.index(after: i)
            } else if text[i] == "[" {
                guard i == hostStart, let close = text[i...].firstIndex(where: { $0 == "]" || $0 == "/" }), text[close] == "]",
                      text.index(after: i) < close else { return nil }
                let after = text.index(after: close)
                guard after == text.endIndex || text[after] == ":" || text[after] == "/" else { return nil }
                return (user, String(text[text.index(after: i)..<close]), after)
            }
            i = text.index(after: i)
        }
        return (user, String(text[hostStart..<i]), i)
    }

    public var description: String { raw }

    /// The destination as rsync should see it: always a folder (trailing slash).
    public var folder: String { raw.hasSuffix("/") ? raw : raw + "/" }
}
