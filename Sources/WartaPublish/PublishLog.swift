import Foundation
import Glibc
import WartaCore

/// One line per publish in `.warta/publish.log` beside `site.yml`: when, where, what was sent.
/// Tab-separated, so `column -t` and a spreadsheet both read it.
public struct PublishLog: Sendable {
    public struct Entry: Sendable, Equatable {
        /// The real time the run started (never the `--now` it built as of).
        public var time: ZonedInstant
        public var target: String
        public var destination: String
        public var siteHash: String
        public var added: Int
        public var changed: Int
        public var deleted: Int
        public var milliseconds: Int
        public var rsyncStatus: Int32
        public var dryRun: Bool
        /// The instant the site was built as of (`--now`, else the real time).
        public var buildClock: ZonedInstant
        /// The build's plan (`SiteBuilder.plan`): equal plans, equal sites.
        public var plan = ""

        /// The build clock comes last, so the first ten columns read as in older logs.
        var line: String {
            [time.iso8601, LogField.escaped(target), LogField.escaped(destination), siteHash, "\(added)", "\(changed)",
             "\(deleted)", "\(milliseconds)", "\(rsyncStatus)", dryRun ? "dry-run" : "published", buildClock.iso8601, plan]
                .joined(separator: "\t")
        }

        /// A line of this format, or of the older one without the build clock.
        init?(line: String) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard (10...12).contains(f.count), let time = ZonedInstant.parse(f[0]), let target = LogField.unescaped(f[1]),
                  let destination = LogField.unescaped(f[2]), let added = Int(f[4]), let changed = Int(f[5]),
                  let deleted = Int(f[6]), let ms = Int(f[7]), let status = Int32(f[8]) else { return nil }
            guard let buildClock = f.count >= 11 ? ZonedInstant.parse(f[10]) : time else { return nil }
            self.init(time: time, target: target, destination: destination, siteHash: f[3], added: added, changed: changed,
                      deleted: deleted, milliseconds: ms, rsyncStatus: status, dryRun: f[9] == "dry-run", buildClock: buildClock)
            plan = f.count == 12 ? f[11] : ""
        }

        public init(time: ZonedInstant, target: String, destination: String, siteHash: String, added: Int, changed: Int,
                    deleted: Int, milliseconds: Int, rsyncStatus: Int32, dryRun: Bool, buildClock: ZonedInstant) {
            self.time = time
            self.target = target
            self.destination = destination
            self.siteHash = siteHash
            self.added = added
            self.changed = changed
            self.deleted = deleted
            self.milliseconds = milliseconds
            self.rsyncStatus = rsyncStatus
            self.dryRun = dryRun
            self.buildClock = buildClock
        }
    }

    public let path: String

    let siteRoot: String
    static let name = "publish.log"

    public init(siteRoot: String) {
        self.siteRoot = siteRoot
        path = siteRoot + "/.warta/" + Self.name
    }

    /// Opens the log for appending, never through a symbolic link (see `StateFile`).
    private func open() throws -> Int32 {
        do {
            return try StateFile.open(siteRoot: siteRoot, name: Self.name, flags: O_WRONLY | O_CREAT | O_APPEND)
        } catch {
            throw WriteError(reason: error.description)
        }
    }

    /// Throws when the log cannot be written: checked before a publish, which must not send a site
    /// it cannot record (the next `--if-due` would not know of it).
    public func checkWritable() throws {
        close(try open())
    }

    /// One write(2) in append mode: publishes to two destinations of one site (each under its own
    /// lock) may finish together, and neither may overwrite the other's line.
    public func append(_ entry: Entry) throws {
        let line = Array((entry.line + "\n").utf8)
        let fd = try open()
        defer { close(fd) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else { throw WriteError(reason: written < 0 ? String(cString: strerror(errno)) : "short write") }
    }

    struct WriteError: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    public func entries() -> [Entry] {
        guard let data = StateFile.read(siteRoot: siteRoot, name: Self.name) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n").compactMap { Entry(line: String($0)) }
    }

    /// The last successful, real publish to a destination.
    public func lastSuccess(destination: String) -> Entry? {
        entries().last { $0.destination == destination && $0.rsyncStatus == 0 && !$0.dryRun }
    }
}

/// A text field of the log, written so that no value (a folder name with a tab or a newline in it)
/// can end its column or its line and forge another: `\` `\t` `\n` `\r`, other control characters `\xHH`.
enum LogField {
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// nil for a field no writer of this log could have made.
    static func unescaped(_ text: String) -> String? {
        var out = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\" else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalars.next() {
            case "\\": out += "\\"
            case "t": out += "\t"
            case "n": out += "\n"
            case "r": out += "\r"
            case "x":
                guard let high = scalars.next(), let low = scalars.next(),
                      let value = UInt32(String(high) + String(low), radix: 16), let decoded = Unicode.Scalar(value) else { return nil }
                out.unicodeScalars.append(decoded)
            default: return nil
            }
        }
        return out
    }
}
