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
        if let field = fields["registration"] { event.registration = registration(field.node, &r) }
        return event
    }

    private static func location(_ node: Node, _ r: inout YAMLReader) -> Location? {
        if case .scalar = node { return r.string(node, "location").map { Location(name: $0) } }
        guard let fields = r.mapping(node, what: "'location'") else { return nil }
        r.rejectUnknown(fields, allowed: ["name", "address", "map"], in: "'location'")
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

    private static func registration(_ node: Node, _ r: inout YAMLReader) -> Registration? {
        var reg = Registration()
        if case .scalar = node {
            reg.url = r.string(node, "registration")
        } else {
            guard let fields = r.mapping(node, what: "'registration'") else { return nil }
            r.rejectUnknown(fields, allowed: ["url", "note"], in: "'registration'")
            reg.url = fields.first { $0.key == "url" }.flatMap { r.string($0.node, "url") }
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
