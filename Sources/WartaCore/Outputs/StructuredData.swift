/// JSON-LD (schema.org) for search engines and news aggregators: `NewsArticle` on releases,
/// `Event` on events, `BreadcrumbList` on both. Written by hand in a fixed key order (see
/// `JSONText`): a generic serialiser here was a fifth of a build's time.
enum StructuredData {
    static func json(for index: Int, context c: PageContext, teaser: String) -> String? {
        let entry = c.catalog.entries[index]
        let item = entry.item
        let url = c.absolute(entry.path)
        var publisher = JSONText()
        publisher.add("@type", "GovernmentOrganization")
        publisher.add("name", c.config.title)
        publisher.add("url", c.absolute(c.routes.home))
        var main = JSONText()
        switch item.kind {
        case .page:
            return nil
        case .release:
            main.add("@type", "NewsArticle")
            main.add("headline", item.title)
            main.add("url", url)
            main.add("mainEntityOfPage", url)
            main.add("description", teaser)
            main.add("inLanguage", item.language(c.config).rawValue)
            if let number = item.number { main.add("identifier", number) }
            if let dateline = Dateline.text(item, context: c), !entry.bodyHidden { main.add("dateline", dateline) }
            // Published when it went public (`publish_at` when later than `date`); modified at the
            // newest update, correction or withdrawal.
            if let date = item.publicationDate {
                main.add("datePublished", date.iso8601)
                main.add("dateModified", (entry.lastChange ?? date).iso8601)
            }
            // schema.org has no withdrawal: the work's status says it, the description gives the reason.
            if entry.withdrawal != nil { main.add("creativeWorkStatus", "Withdrawn") }
            if let author = item.author {
                var person = JSONText()
                person.add("@type", "Person")
                person.add("name", author)
                main.add("author", person)
            } else {
                main.add("author", publisher)
            }
            main.add("publisher", publisher)
        case .event:
            guard let event = entry.event else { return nil }
            main.add("@type", "Event")
            main.add("name", item.title)
            main.add("url", url)
            main.add("description", teaser)
            main.add("inLanguage", item.language(c.config).rawValue)
            // A withdrawn event will not take place as announced: cancelled, for calendars and search alike.
            main.add("eventStatus", "https://schema.org/" + status(entry.withdrawal == nil ? event.status : .cancelled))
            main.add("eventAttendanceMode", "https://schema.org/OfflineEventAttendanceMode")
            main.add("startDate", date(event.start, allDay: event.allDay))
            if let end = event.end { main.add("endDate", date(end, allDay: event.allDay)) }
            if let previous = event.previousStart { main.add("previousStartDate", date(previous, allDay: event.allDay)) }
            if let location = event.location {
                var place = JSONText()
                place.add("@type", "Place")
                place.add("name", location.name)
                if let address = location.address {
                    var postal = JSONText()
                    postal.add("@type", "PostalAddress")
                    postal.add("streetAddress", address)
                    place.add("address", postal)
                }
                if let map = location.map { place.add("hasMap", map) }
                main.add("location", place)
            }
            main.add("organizer", publisher)
        }
        if let image = item.image, !entry.bodyHidden {
            if image.caption == nil && image.credit == nil {
                main.add("image", c.mediaURL(image.src))
            } else {
                var object = JSONText()
                object.add("@type", "ImageObject")
                object.add("url", c.mediaURL(image.src))
                if let caption = image.caption { object.add("caption", caption) }
                if let credit = image.credit { object.add("creditText", credit) }
                main.add("image", object)
            }
        } else if let share = c.config.shareImage {
            // As for link previews (`og:image`): the site's share image when the item shows none.
            main.add("image", c.mediaURL(share.src))
        }
        let section = item.kind == .release ? (c.labels["pressReleases"]!, c.routes.press) : (c.labels["events"]!, c.routes.events)
        let crumbs = [(c.labels["home"]!, c.absolute(c.routes.home)), (section.0, c.absolute(section.1)), (item.title, url)]
            .enumerated().map { position, crumb in
                var element = JSONText()
                element.add("@type", "ListItem")
                element.add("position", position + 1)
                element.add("name", crumb.0)
                element.add("item", crumb.1)
                return element
            }
        var breadcrumbs = JSONText()
        breadcrumbs.add("@type", "BreadcrumbList")
        breadcrumbs.add("itemListElement", crumbs)
        var document = JSONText()
        document.add("@context", "https://schema.org")
        document.add("@graph", [main, breadcrumbs])
        return document.closed
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
