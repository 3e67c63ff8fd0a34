import Yams

/// The event-only fields of a note in `content/events/`.
enum EventReader {
    static func read(_ fields: [String: YAMLReader.Field], _ r: inout YAMLReader) -> EventDetails? {
        guard let zone = r.zone else { return nil }
        let allDay = fields["all_day"].flatMap { r.bool($0.node, "all_day") } ?? false
        func value(_ key: String) -> (DateValue, YAMLReader.Field)? {
            guard let field = fields[key], let v = r.dateValue(field.node, key) else { return nil }
            return (v, field)
        }
        guard fields["start"] != nil else { return nil }
        guard let (startValue, startField) = value("start") else { return nil }
        // `end: selesai` (or `open`): the event has no set end, as in "pukul 19.00 s/d selesai".
        var openEnd = false
        if let field = fields["end"], case .scalar(let scalar) = field.node,
           ["selesai", "s/d selesai", "sampai selesai", "open"].contains(scalar.string.trimmingWhitespace.lowercased()) {
            openEnd = true
        }
        let endPair = openEnd ? nil : value("end")
        if allDay {
            for (v, f) in [(startValue, startField)] + (endPair.map { [$0] } ?? []) where v.hasTime {
                r.error(f.node, "'\(f.key)' of an all-day event must be a date without a time, e.g. 2023-03-11")
            }
        }
        let start = startValue.instant(in: zone)
        let end = endPair.map { $0.0.instant(in: zone) }
        if let end, let (_, endField) = endPair, allDay ? end < start : end <= start {
            r.error(endField.node, "'end' (\(end)) must be after 'start' (\(start))")
        }
        var event = EventDetails(start: start, end: end, allDay: allDay)
        event.openEnd = openEnd
        if openEnd && allDay { r.error(fields["end"]!.node, "an all-day event cannot also have an open end") }
        if let field = fields["status"], let text = r.string(field.node, "status") {
            if let status = EventStatus(rawValue: text) {
                event.status = status
            } else {
                r.error(field.node, "unknown status '\(text)'; use one of: \(EventStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        event.previousStart = fields["previous_start"].flatMap { r.instant($0.node, "previous_start") }
        if event.status == .rescheduled && event.previousStart == nil {
            r.error(fields["status"]?.node ?? startField.node, "a rescheduled event needs 'previous_start', the start it had before")
        }
        event.organizer = fields["organizer"].flatMap { r.string($0.node, "organizer") }
        if let field = fields["location"] { event.location = location(field.node, &r) }
        if let field = fields["repeat"] { event.recurrence = recurrence(field.node, start: start, zone: zone, &r) }
        if let field = fields["registration"] { event.registration = registration(field.node, &r) }
        return event
    }

    private static func location(_ node: Node, _ r: inout YAMLReader) -> Location? {
        if case .scalar = node { return r.string(node, "location").map { Location(name: $0) } }
        guard let fields = r.mapping(node, what: "'location'") else { return nil }
        r.rejectUnknown(fields, allowed: FieldTable["location"].partNames, in: "'location'")
        func text(_ key: String) -> String? { fields.first { $0.key == key }.flatMap { r.string($0.node, key) } }
        guard let name = text("name") else {
            r.error(node, "'location' needs a 'name'")
            return nil
        }
        let map = text("map")
        if let map, !WebLink.isSafe(map) {
            r.error(fields.first { $0.key == "map" }!.node, "'map' must be an http(s) link")
        }
        return Location(name: name, address: text("address"), map: map.flatMap { WebLink.isSafe($0) ? $0 : nil })
    }

    static let weekdayNames: [String: Int] = [
        "minggu": 0, "senin": 1, "selasa": 2, "rabu": 3, "kamis": 4, "jumat": 5, "sabtu": 6,
        "sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
        "sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6,
    ]

    /// `repeat: {every: week, days: [selasa], until: 2023-06-30, except: [2023-03-21]}`, or
    /// `{every: month, week: 2, days: [kamis]}` for the second Thursday of each month.
    private static func recurrence(_ node: Node, start: ZonedInstant, zone: SiteTimeZone, _ r: inout YAMLReader) -> Recurrence? {
        guard let fields = r.mapping(node, what: "'repeat'") else { return nil }
        r.rejectUnknown(fields, allowed: FieldTable["repeat"].partNames, in: "'repeat'")
        func field(_ key: String) -> YAMLReader.Field? { fields.first { $0.key == key } }
        guard let everyField = field("every"), let every = r.string(everyField.node, "every") else {
            r.error(node, "'repeat' needs 'every': week or month")
            return nil
        }
        guard let frequency = Recurrence.Frequency(rawValue: every == "minggu" ? "week" : every == "bulan" ? "month" : every) else {
            r.error(everyField.node, "'every' must be week or month (minggu, bulan), not '\(every)'")
            return nil
        }
        let startDay = zone.local(start).civil
        var weekdays = [startDay.weekday]
        if let f = field("days") {
            var found: [Int] = []
            for name in r.stringList(f.node, "days") {
                if let day = weekdayNames[name.value.lowercased()] { found.append(day) } else {
                    r.error(at: name.location, "unknown weekday '\(name.value)' (senin … minggu, or monday … sunday)")
                }
            }
            if !found.isEmpty { weekdays = found }
        }
        var recurrence = Recurrence(frequency: frequency, weekdays: weekdays)
        if frequency == .month {
            if let f = field("week") {
                recurrence.ordinal = r.int(f.node, "week", range: -1...4)
                if recurrence.ordinal == 0 { r.error(f.node, "'week' is 1 to 4, or -1 for the last") }
            } else {
                recurrence.ordinal = (startDay.day - 1) / 7 + 1
            }
            if recurrence.weekdays.count > 1 { r.error(field("days")!.node, "a monthly repeat takes one weekday") }
        } else if field("week") != nil {
            r.error(field("week")!.node, "'week' is for monthly repeats")
        }
        if let f = field("until"), let value = r.dateValue(f.node, "until") {
            recurrence.until = value.civil.daysSinceEpoch
            if value.civil.daysSinceEpoch < startDay.daysSinceEpoch { r.error(f.node, "'until' is before the first 'start'") }
        }
        if let f = field("except") {
            recurrence.except = r.stringList(f.node, "except").compactMap { text in
                guard let value = DateValue.parse(text.value) else {
                    r.error(at: text.location, DateAdvice.message(field: "except", text.value))
                    return nil
                }
                return value.civil.daysSinceEpoch
            }
        }
        return recurrence
    }

    private static func registration(_ node: Node, _ r: inout YAMLReader) -> Registration? {
        var reg = Registration()
        if case .scalar = node {
            reg.url = r.string(node, "registration")
            reg.urlLocation = r.location(node)
        } else {
            guard let fields = r.mapping(node, what: "'registration'") else { return nil }
            r.rejectUnknown(fields, allowed: FieldTable["registration"].partNames, in: "'registration'")
            let url = fields.first { $0.key == "url" }
            reg.url = url.flatMap { r.string($0.node, "url") }
            reg.urlLocation = url.flatMap { r.location($0.node) }
            reg.note = fields.first { $0.key == "note" }.flatMap { r.string($0.node, "note") }
        }
        if let url = reg.url, !WebLink.isSafe(url) {
            r.error(node, "registration 'url' must be an http(s) or mailto link")
            reg.url = nil
        }
        return reg
    }
}

/// Links written in front matter end up in `href`s: only web and mail links are let through.
enum WebLink {
    static func isSafe(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:"))
            && !url.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" })
    }
}
