/// The desk's list: every item with its state at the clock, as `Visibility` decides it.
public enum DeskListing {
    public enum State: Sendable, Equatable {
        case draft
        case embargoed(until: ZonedInstant)
        case published
        case expired
        case withdrawn
        public var name: String {
            switch self {
            case .draft: "draft"
            case .embargoed: "embargoed"
            case .published: "public"
            case .expired: "expired"
            case .withdrawn: "withdrawn"
            }
        }
    }

    public struct Row: Sendable {
        public let path: String
        public let kind: ItemKind
        public let title: String
        public let department: String?
        /// The date it sorts by (publication, else the event's start); nil for pages.
        public let date: ZonedInstant?
        public let state: State
        /// Its page's path on the site (`/siaran-pers/2023/02/…/`).
        public let url: String
    }

    /// Newest first; undated pages after, by title.
    public static func rows(_ site: Site, now: ZonedInstant) -> [Row] {
        let visibility = Visibility(now: now)
        let routes = Routes(config: site.config)  // an English item is under /en/ on a site of two languages
        let rows = site.items.map { item -> Row in
            let state: State
            switch visibility.decide(item) {
            case .hidden: state = item.draft ? .draft : .embargoed(until: item.publishedAt ?? now)
            case .shown(let listed, _):
                state = visibility.withdrawal(item) != nil ? .withdrawn : listed ? .published : .expired
            }
            return Row(path: item.sourcePath, kind: item.kind, title: item.title, department: item.department,
                       date: item.sortDate, state: state, url: "/" + routes.item(item))
        }
        return rows.sorted { a, b in
            switch (a.date, b.date) {
            case let (x?, y?): x != y ? x > y : a.path < b.path
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.title < b.title
            }
        }
    }

    /// Every tag in use, for the form's suggestions.
    public static func tags(_ site: Site) -> [String] {
        Array(Set(site.items.flatMap(\.tags))).sorted()
    }
}
