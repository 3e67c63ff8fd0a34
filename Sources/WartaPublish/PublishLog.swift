import Foundation
import WartaCore

/// One line per publish in `.warta/publish.log` beside `site.yml`: when, where, what was sent.
/// Tab-separated, so `column -t` and a spreadsheet both read it.
public struct PublishLog: Sendable {
    public struct Entry: Sendable, Equatable {
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

        var line: String {
            [time.iso8601, target, destination, siteHash, "\(added)", "\(changed)", "\(deleted)", "\(milliseconds)",
             "\(rsyncStatus)", dryRun ? "dry-run" : "published"].joined(separator: "\t")
        }

        init?(line: String) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 10, let time = Clock.parse(f[0]), let added = Int(f[4]), let changed = Int(f[5]),
                  let deleted = Int(f[6]), let ms = Int(f[7]), let status = Int32(f[8]) else { return nil }
            self.init(time: time, target: f[1], destination: f[2], siteHash: f[3], added: added, changed: changed,
                      deleted: deleted, milliseconds: ms, rsyncStatus: status, dryRun: f[9] == "dry-run")
        }

        public init(time: ZonedInstant, target: String, destination: String, siteHash: String, added: Int, changed: Int,
                    deleted: Int, milliseconds: Int, rsyncStatus: Int32, dryRun: Bool) {
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
        }
    }

    public let path: String

    public init(siteRoot: String) { path = siteRoot + "/.warta/publish.log" }

    public func append(_ entry: Entry) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let line = Data((entry.line + "\n").utf8)
        if let handle = FileHandle(forWritingAtPath: path) {
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: line)
        } else {
            try line.write(to: URL(fileURLWithPath: path))
        }
    }

    public func entries() -> [Entry] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { Entry(line: String($0)) }
    }

    /// The last successful, real publish to a destination.
    public func lastSuccess(destination: String) -> Entry? {
        entries().last { $0.destination == destination && $0.rsyncStatus == 0 && !$0.dryRun }
    }
}
