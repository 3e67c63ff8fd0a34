import WartaCore

/// When the public site next changes by itself: an embargo lifting, a notice expiring, a withdrawal
/// taking effect, an event starting or ending (it moves from upcoming to past). A timer that
/// rebuilds at or after that instant keeps the site true without anyone at the office.
public enum Schedule {
    public struct Due: Sendable, Equatable {
        public let instant: ZonedInstant
        public let reason: String
        public let path: String
        /// Files under `content/` that go public with an embargo lifting (attachments, images,
        /// linked files that only this item names).
        public var files: [String] = []
    }

    /// Every future instant at which some public output changes, soonest first.
    public static func upcoming(site: Site, now: ZonedInstant) -> [Due] {
        var due: [Due] = []
        let held = Visibility(now: now).heldFiles(site)
        for item in site.items where !item.draft {
            func add(_ instant: ZonedInstant?, _ reason: String, files: [String] = []) {
                if let instant, instant > now {
                    due.append(Due(instant: site.config.timeZone.local(instant), reason: reason, path: item.sourcePath, files: files))
                }
            }
            add(item.publishedAt, "embargo lifts", files: held[item.sourcePath] ?? [])
            add(item.expires, "expires")
            add(item.withdrawal?.date, "withdrawn")
            if let event = item.event?.current(zone: site.config.timeZone, now: now) {
                add(event.start, "event starts")
                add(event.finish, "event ends")
            }
        }
        return due.sorted { ($0.instant.seconds, $0.path, $0.reason) < ($1.instant.seconds, $1.path, $1.reason) }
    }
}
