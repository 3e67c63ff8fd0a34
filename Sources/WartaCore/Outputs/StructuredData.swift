import Foundation

/// JSON-LD (schema.org) for search engines and news aggregators: `NewsArticle` on releases,
/// `Event` on events, `BreadcrumbList` on both. Keys are sorted so the bytes never vary.
enum StructuredData {
    static func json(for index: Int, context c: PageContext, teaser: String) -> String? {
        let entry = c.catalog.entries[index]
        let item = entry.item
        let url = c.absolute(entry.path)
        let publisher: [String: Any] = ["@type": "GovernmentOrganization", "name": c.config.title, "url": c.absolute(c.routes.home)]
        var main: [String: Any]
        switch item.kind {
        case .page:
            return nil
        case .release:
            main = ["@type": "NewsArticle", "headline": item.title, "url": url, "mainEntityOfPage": url,
                    "publisher": publisher, "inLanguage": c.config.language.rawValue, "description": teaser]
            if let date = item.date {
                main["datePublished"] = date.iso8601
                main["dateModified"] = (item.updated ?? date).iso8601
            }
            main["author"] = item.author.map { ["@type": "Person", "name": $0] as [String: Any] } ?? publisher
        case .event:
            guard let event = entry.event else { return nil }
            main = ["@type": "Event", "name": item.title, "url": url, "description": teaser, "organizer": publisher,
                    "eventStatus": "https://schema.org/" + status(event.status),
                    "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                    "startDate": date(event.start, allDay: event.allDay)]
            if let end = event.end { main["endDate"] = date(end, allDay: event.allDay) }
            if let previous = event.previousStart { main["previousStartDate"] = date(previous, allDay: event.allDay) }
            if let location = event.location {
                var place: [String: Any] = ["@type": "Place", "name": location.name]
                if let address = location.address { place["address"] = ["@type": "PostalAddress", "streetAddress": address] }
                if let map = location.map { place["hasMap"] = map }
                main["location"] = place
            }
        }
        if let image = item.image {
            main["image"] = image.src.hasPrefix("/") ? c.absolute(String(image.src.dropFirst())) : image.src
        }
        let section = item.kind == .release ? (c.labels["pressReleases"]!, c.routes.press) : (c.labels["events"]!, c.routes.events)
        let crumbs: [[String: Any]] = [
            ["@type": "ListItem", "position": 1, "name": c.labels["home"]!, "item": c.absolute(c.routes.home)],
            ["@type": "ListItem", "position": 2, "name": section.0, "item": c.absolute(section.1)],
            ["@type": "ListItem", "position": 3, "name": item.title, "item": url],
        ]
        let document: [String: Any] = [
            "@context": "https://schema.org",
            "@graph": [main, ["@type": "BreadcrumbList", "itemListElement": crumbs]],
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]) else { return nil }
        // Inside <script>, "<" may start "</script>" or "<!--": written as \u003c it is still the same JSON
        // string, and the script element can only end where the template ends it.
        return String(decoding: data, as: UTF8.self).replacingAll("<", with: "\\u003c", unlessFollowedBy: nil)
            .replacingAll(">", with: "\\u003e", unlessFollowedBy: nil)
    }

    static func status(_ status: EventStatus) -> String {
        switch status {
        case .scheduled: "EventScheduled"
        case .cancelled: "EventCancelled"
        case .postponed: "EventPostponed"
        case .rescheduled: "EventRescheduled"
        }
    }

    /// All-day events have dates without times, as schema.org allows.
    static func date(_ instant: ZonedInstant, allDay: Bool) -> String {
        allDay ? instant.civil.dateString : instant.iso8601
    }
}
