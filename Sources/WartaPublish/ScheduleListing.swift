import Foundation
import WartaCore

/// What `warta schedule` prints: the coming changes (all of them, or the first `limit` and a line
/// saying how many more), then the drafts apart. As text for people, or as JSON for scripts, whose
/// shape is documented in the README ("warta schedule") and kept stable:
///
///     {"now": "…", "changes": [{"at", "change", "title", "path", "url", "files", "problems"}], "more": 0,
///      "drafts": [{"title", "path", "url"}]}
///
/// A change at which the site would fail to build or publish carries its problems (`LookAhead`).
public struct ScheduleListing: Sendable {
    public let now: ZonedInstant
    public let changes: [Schedule.Due]
    /// Changes left out by the limit.
    public let more: Int
    public let drafts: [Schedule.Draft]
    /// The problems each change brings (by its index in `changes`), as `check` finds them.
    public let problems: [Int: [Diagnostic]]

    public init(site: Site, now: ZonedInstant, limit: Int? = nil, lookingAhead: [LookAhead.Problem] = []) {
        let due = Schedule.upcoming(site: site, now: now)
        let shown = limit.map { min($0, due.count) } ?? due.count
        self.now = site.config.timeZone.local(now)
        self.changes = Array(due.prefix(shown))
        self.more = due.count - shown
        self.drafts = Schedule.drafts(site: site)
        var problems: [Int: [Diagnostic]] = [:]
        for problem in lookingAhead {
            guard let due = problem.due, let i = changes.firstIndex(of: due) else { continue }
            problems[i, default: []].append(problem.plain)
        }
        self.problems = problems
    }

    /// Instants where the scheduled publish would stop, told in the listing.
    public var failing: Int { problems.count }

    /// The `schedule` a listing with look-ahead needs: through its last change.
    public static func days(until changes: [Schedule.Due], from now: ZonedInstant) -> Int {
        guard let last = changes.last else { return 0 }
        return Int((last.instant.seconds - now.seconds) / 86_400) + 1
    }

    /// The next change on the first line; `nothing scheduled` when there is none.
    public var text: String {
        var lines: [String] = []
        if changes.isEmpty && more == 0 { lines.append("nothing scheduled") }
        let width = Schedule.Change.allCases.map(\.text.count).max() ?? 0
        for (i, d) in changes.enumerated() {
            lines.append("\(d.instant.iso8601)  \(d.reason.padding(toLength: width, withPad: " ", startingAt: 0))  \(d.title)  (\(d.path))")
            for file in d.files { lines.append("    with \(file)") }
            // Where the timer would stop: said under the change that brings it, with the fix.
            for problem in problems[i] ?? [] { lines.append("    ! the publish would fail here: \(problem.description)") }
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
            let problems: [String]
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
            changes: changes.enumerated().map { i, d in
                Change(at: d.instant.iso8601, change: d.change.rawValue, title: d.title, path: d.path, url: d.url, files: d.files,
                       problems: (problems[i] ?? []).map(\.description))
            },
            more: more,
            drafts: drafts.map { Draft(title: $0.title, path: $0.path, url: $0.url) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and numbers cannot fail.
        let data = (try? encoder.encode(listing)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
