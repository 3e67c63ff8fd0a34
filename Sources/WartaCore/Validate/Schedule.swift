/// When the public site next changes by itself: an embargo lifting, a notice expiring, a withdrawal
/// or a correction taking effect, an event starting or ending (it moves from upcoming to past), an emergency alert
/// showing or expiring. A timer that rebuilds at or after that instant keeps the site true without
/// anyone at the office. Drafts are no part of it: the clock never publishes them.
public enum Schedule {
    /// What happens at a due instant. The raw values are the stable names `--format json` uses.
    public enum Change: String, Sendable, CaseIterable {
        case embargoLifts = "embargo_lifts"
        case expires
        case withdrawn
        case correction
        case eventStarts = "event_starts"
        case eventEnds = "event_ends"
        case alertShows = "alert_shows"
        case alertExpires = "alert_expires"

        public var text: String {
            switch self {
            case .embargoLifts: "embargo lifts"
            case .expires: "expires"
            case .withdrawn: "withdrawn"
            case .correction: "correction"
            case .eventStarts: "event starts"
            case .eventEnds: "event ends"
            case .alertShows: "alert shows"
            case .alertExpires: "alert expires"
            }
        }
    }

    public struct Due: Sendable, Equatable {
        public let instant: ZonedInstant
        public let change: Change
        public let path: String
        public let title: String
        /// The item's public address (a notice's: its place on the home page).
        public let url: String
        /// Files under `content/` that go public with an embargo lifting (attachments, images,
        /// linked files that only this item names).
        public var files: [String] = []

        public var reason: String { change.text }
    }

    /// A draft: never published by any clock, until its file says `draft: false`.
    public struct Draft: Sendable, Equatable {
        public let path: String
        public let title: String
        public let url: String
    }

    /// Every future instant at which some public output changes, soonest first (then by file and
    /// change, so equal instants always list in one order).
    public static func upcoming(site: Site, now: ZonedInstant) -> [Due] {
        var due: [Due] = []
        let held = Visibility(now: now).heldFiles(site)
        let routes = Routes(config: site.config)
        for item in site.items where !item.draft {
            let url = site.config.baseURL.absolute(routes.item(item))
            func add(_ instant: ZonedInstant?, _ change: Change, files: [String] = []) {
                if let instant, instant > now {
                    due.append(Due(instant: site.config.timeZone.local(instant), change: change, path: item.sourcePath,
                                   title: item.title, url: url, files: files))
                }
            }
            add(item.publishedAt, .embargoLifts, files: held[item.sourcePath] ?? [])
            add(item.expires, .expires)
            add(item.withdrawal?.date, .withdrawn)
            for correction in item.corrections { add(correction.date, .correction) }
            if let event = item.event?.current(zone: site.config.timeZone, now: now) {
                add(event.start, .eventStarts)
                add(event.finish, .eventEnds)
            }
        }
        // A notice appears at its publication and leaves every page at its expiry: a publish at
        // each keeps the banner true.
        for alert in site.alerts where !alert.draft {
            let url = noticeURL(alert, site)
            if alert.issued > now {
                due.append(Due(instant: site.config.timeZone.local(alert.issued), change: .alertShows, path: alert.sourcePath,
                               title: alert.title, url: url, files: held[alert.sourcePath] ?? []))
            }
            if alert.expires > now {
                due.append(Due(instant: site.config.timeZone.local(alert.expires), change: .alertExpires, path: alert.sourcePath,
                               title: alert.title, url: url))
            }
        }
        return due.sorted { ($0.instant.seconds, $0.path, $0.change.rawValue) < ($1.instant.seconds, $1.path, $1.change.rawValue) }
    }

    /// Every draft, by file: items and emergency notices.
    public static func drafts(site: Site) -> [Draft] {
        let routes = Routes(config: site.config)
        return (site.items.filter(\.draft).map {
            Draft(path: $0.sourcePath, title: $0.title, url: site.config.baseURL.absolute(routes.item($0)))
        } + site.alerts.filter(\.draft).map { Draft(path: $0.sourcePath, title: $0.title, url: noticeURL($0, site)) })
        .sorted { $0.path < $1.path }
    }

    /// Where a notice is read in full: at the top of the home page.
    static func noticeURL(_ alert: Alert, _ site: Site) -> String {
        site.config.baseURL.absolute(Routes(config: site.config).home) + "#" + alert.anchor(in: site.config.language)
    }
}
