import Foundation
import WartaCore

/// What `warta schedule` prints: the coming changes (all of them, or the first `limit` and a line
/// saying how many more), then the drafts apart. As text for people, or as JSON for scripts, whose
/// shape is documented in the README ("warta schedule") and kept stable:
///
///     {"now": "…", "changes": [{"at", "change", "title", "path", "url", "files"}], "more": 0,
///      "drafts": [{"title", "path", "url"}]}
public struct ScheduleListing: Sendable {
    public let now: ZonedInstant
    public let changes: [Schedule.Due]
    /// Changes left out by the limit.
    public let more: Int
    public let drafts: [Schedule.Draft]

    public init(site: Site, now: ZonedInstant, limit: Int? = nil) {
        let due = Schedule.upcoming(site: site, now: now)
        let shown = limit.map { min($0, due.count) } ?? due.count
        self.now = site.config.timeZone.local(now)
        self.changes = Array(due.prefix(shown))
        self.more = due.count - shown
        self.drafts = Schedule.drafts(site: site)
    }

    /// The next change on the first line; `nothing scheduled` when there is none.
    public var text: String {
        var lines: [String] = []
        if changes.isEmpty && more == 0 { lines.append("nothing scheduled") }
        let width = Schedule.Change.allCases.map(\.text.count).max() ?? 0
        for d in changes {
            lines.append("\(d.instant.iso8601)  \(d.reason.padding(toLength: width, withPad: " ", startingAt: 0))  \(d.title)  (\(d.path))")
            for file in d.files { lines.append("    with \(file)") }
        }
        if more > 0 { lines.append("… \(more) more (--limit \(changes.count + more) lists all)") }
        if !drafts.isEmpty {
            lines.append("")
            lines.append("\(drafts.count) draft\(drafts.count == 1 ? "" : "s"), never published until `draft: false`:")
            for d in drafts { lines.append("  \(d.title)  (\(d.path))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: String {
        struct Change: Encodable {
            let at, change, title, path, url: String
            let files: [String]
        }
        struct Draft: Encodable { let title, path, url: String }
        struct Listing: Encodable {
            let now: String
            let changes: [Change]
            let more: Int
            let drafts: [Draft]
        }
        let listing = Listing(
            now: now.iso8601,
            changes: changes.map { Change(at: $0.instant.iso8601, change: $0.change.rawValue, title: $0.title, path: $0.path, url: $0.url, files: $0.files) },
            more: more,
            drafts: drafts.map { Draft(title: $0.title, path: $0.path, url: $0.url) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and numbers cannot fail.
        let data = (try? encoder.encode(listing)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
