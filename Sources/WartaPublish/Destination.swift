import Foundation
import WartaCore

/// An rsync destination, understood well enough to refuse the dangerous ones and to name files in it.
public struct Destination: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case local
        case ssh
        case daemon
    }

    public let raw: String
    public let kind: Kind
    /// The folder part (after `host:` or the module), as written.
    public let path: String

    public init(_ raw: String) {
        self.raw = raw
        if raw.hasPrefix("rsync://") {
            kind = .daemon
            path = String(raw.dropFirst("rsync://".count).drop { $0 != "/" })
        } else if let range = raw.range(of: "::"), !raw[..<range.lowerBound].contains("/") {
            kind = .daemon
            path = String(raw[range.upperBound...])
        } else if let colon = raw.firstIndex(of: ":"), !raw[..<colon].contains("/") {
            kind = .ssh
            path = String(raw[raw.index(after: colon)...])
        } else {
            kind = .local
            path = raw
        }
    }

    public var description: String { raw }

    /// The destination as rsync should see it: always a folder (trailing slash).
    public var folder: String { raw.hasSuffix("/") ? raw : raw + "/" }

    /// A reason never to publish here, or nil. A publish deletes what it did not make, so a typo
    /// must not be able to point it at a system folder or someone's home.
    public func danger(home: String? = ProcessInfo.processInfo.environment["HOME"]) -> String? {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        if raw.trimmingCharacters(in: .whitespaces).isEmpty { return "the destination is empty" }
        switch kind {
        case .daemon:
            // rsync://host/module/...: the module is the folder the server owner set aside.
            return p.split(separator: "/").isEmpty ? "name an rsync module, e.g. rsync://host/warta/" : nil
        case .ssh:
            if p.isEmpty || p == "~" || p == "." { return "the destination is the remote home folder" }
            if p == "/" { return "the destination is the remote root folder" }
            if Self.systemFolders.contains(p) { return "the destination is the system folder \(p)" }
            return nil
        case .local:
            if p.isEmpty || p == "." { return "the destination is the current folder" }
            if p == "/" { return "the destination is the root folder" }
            if p == "~" { return "the destination is your home folder" }
            let absolute = (p as NSString).expandingTildeInPath
            let resolved = PosixFile.realPath(absolute) ?? absolute
            if resolved == "/" { return "the destination is the root folder" }
            if let home {
                let realHome = PosixFile.realPath(home) ?? home
                if resolved == realHome || realHome.hasPrefix(resolved + "/") { return "the destination is your home folder or holds it" }
            }
            if Self.systemFolders.contains(resolved) { return "the destination is the system folder \(resolved)" }
            return nil
        }
    }

    static let systemFolders: Set<String> = [
        "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/opt", "/proc", "/root", "/run", "/sbin", "/srv",
        "/sys", "/tmp", "/usr", "/var", "/var/www",
    ]
}
