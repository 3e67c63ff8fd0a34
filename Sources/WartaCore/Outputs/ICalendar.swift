import Foundation

/// iCalendar (RFC 5545) files: `/events.ics` (current and upcoming events), one per department,
/// and one per event. CRLF line ends, lines folded at 75 octets between UTF-8 sequences, TEXT
/// escaped, a VTIMEZONE for the site's zone (UTC times when the zone has summer time).
struct ICalendar {
    let context: PageContext

    struct Spec: Sendable {
        let path: String
        let name: String
        let entries: [Int]
        /// Subscribed calendars say how often to refresh; a single event's file does not.
        let subscription: Bool
    }

    static func specs(_ c: PageContext) -> [Spec] {
        let cat = c.catalog
        let subscribed = subscribedEvents(cat)
        var specs = [Spec(path: c.routes.calendar, name: "\(c.config.title) — \(c.labels["events"]!)", entries: subscribed, subscription: true)]
        var byDepartment: [String: [Int]] = [:]
        for i in subscribed {
            if let slug = cat.entries[i].item.department { byDepartment[slug, default: []].append(i) }
        }
        for (dept, _) in cat.departments {
            specs.append(Spec(path: c.routes.departmentCalendar(dept.slug), name: "\(c.config.title) — \(dept.name)",
                              entries: byDepartment[dept.slug] ?? [], subscription: true))
        }
        for (i, entry) in cat.entries.enumerated() where entry.item.kind == .event {
            specs.append(Spec(path: c.routes.eventCalendar(entry.path), name: entry.item.title, entries: [i], subscription: false))
        }
        return specs
    }

    /// The current and upcoming events, soonest first, and the withdrawn ones among them: a
    /// subscriber's calendar already holds those, and only a CANCELLED entry takes them out of it.
    static func subscribedEvents(_ cat: Catalog) -> [Int] {
        let withdrawn = cat.withdrawn.filter { i in
            let e = cat.entries[i]
            return e.item.kind == .event && !e.expired && (e.event.map { $0.finish > cat.now } ?? false)
        }
        guard !withdrawn.isEmpty else { return cat.upcomingEvents }
        func start(_ i: Int) -> Int64 { cat.entries[i].event!.start.seconds }
        return (cat.upcomingEvents + withdrawn).sorted { start($0) != start($1) ? start($0) < start($1) : $0 < $1 }
    }

    static func outputs(_ c: PageContext) -> [Output] {
        specs(c).map { spec in
            .generated(spec.path, "the calendar /\(spec.path)", inputs: { p in p.combine(spec.entries.map { p.items[$0] }, "calendar " + spec.path + spec.name) }) { s in
                .text(ICalendar(context: s.context).text(spec))
            }
        }
    }

    func text(_ spec: Spec) -> String {
        let c = context
        let zone = c.config.timeZone
        let events = spec.entries.compactMap { i in c.catalog.entries[i].item.event.map { (i, $0) } }
        let useZone = Self.hasFixedOffset(zone, events.flatMap { [$0.1.start] + ($0.1.end.map { [$0] } ?? []) })
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Warta//Warta//\(c.config.language.rawValue.uppercased())",
                     "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        if spec.subscription {
            lines += ["X-WR-CALNAME:\(Self.escape(spec.name))", "NAME:\(Self.escape(spec.name))",
                      "X-WR-TIMEZONE:\(zone.identifier)", "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H"]
        }
        if useZone, let first = events.first {
            lines += Self.vtimezone(zone, at: first.1.start)
        } else if events.isEmpty {
            // RFC 5545 (3.6) wants one component at least, and a subscribed calendar must stay at
            // its address while it has no events: it holds its zone, UTC for a zone with summer time.
            let now = c.catalog.now
            lines += Self.hasFixedOffset(zone, [now]) ? Self.vtimezone(zone, at: now)
                : ["BEGIN:VTIMEZONE", "TZID:UTC", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                   "TZOFFSETFROM:+0000", "TZOFFSETTO:+0000", "TZNAME:UTC", "END:STANDARD", "END:VTIMEZONE"]
        }
        for (i, event) in events { lines += vevent(i, event, useZone: useZone) }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The zone of one fixed offset, the one it has at `instant`.
    static func vtimezone(_ zone: SiteTimeZone, at instant: ZonedInstant) -> [String] {
        let utcOffset = ZonedInstant.offsetString(zone.local(instant).offset, separator: "")
        return ["BEGIN:VTIMEZONE", "TZID:\(zone.identifier)", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                "TZOFFSETFROM:\(utcOffset)", "TZOFFSETTO:\(utcOffset)", "TZNAME:\(zone.abbreviation(for: zone.local(instant)))",
                "END:STANDARD", "END:VTIMEZONE"]
    }

    private func vevent(_ i: Int, _ event: EventDetails, useZone: Bool) -> [String] {
        let c = context
        let entry = c.catalog.entries[i], item = entry.item
        let zone = c.config.timeZone
        func stamp(_ t: ZonedInstant) -> String {
            if useZone { return ";TZID=\(zone.identifier):\(Self.basic(zone.local(t).civil))" }
            return ":\(Self.basic(t.at(offset: 0).civil))Z"
        }
        var lines = ["BEGIN:VEVENT", "UID:\(Self.uid(item, host: c.config.baseURL.origin))",
                     "DTSTAMP:\(Self.basic((entry.lastChange ?? event.start).at(offset: 0).civil))Z"]
        if event.allDay {
            let last = event.end ?? event.start
            let endDay = ZonedInstant(seconds: zone.local(last).seconds + 86_400, offset: zone.local(last).offset)
            lines += ["DTSTART;VALUE=DATE:\(Self.basicDate(zone.local(event.start).civil))",
                      "DTEND;VALUE=DATE:\(Self.basicDate(endDay.civil))"]
        } else {
            lines.append("DTSTART" + stamp(event.start))
            if let end = event.end { lines.append("DTEND" + stamp(end)) }
        }
        if let recurrence = event.recurrence {
            let local = zone.local(event.start).civil
            let until = recurrence.until.map { day -> String in
                let (y, m, d) = CivilDateTime.civil(fromDays: day)
                if event.allDay { return Self.basicDate(CivilDateTime(year: y, month: m, day: d)) }
                return Self.basic(zone.instant(CivilDateTime(year: y, month: m, day: d, hour: 23, minute: 59, second: 59)).at(offset: 0).civil) + "Z"
            }
            lines.append("RRULE:\(recurrence.rrule(untilUTC: until))")
            for day in recurrence.except.sorted() {
                let (y, m, d) = CivilDateTime.civil(fromDays: day)
                if event.allDay {
                    lines.append("EXDATE;VALUE=DATE:\(Self.basicDate(CivilDateTime(year: y, month: m, day: d)))")
                } else {
                    lines.append("EXDATE" + stamp(zone.instant(CivilDateTime(year: y, month: m, day: d, hour: local.hour, minute: local.minute, second: local.second))))
                }
            }
        }
        lines.append("SEQUENCE:\(Self.sequence(item, event, withdrawn: entry.withdrawal != nil))")
        // A withdrawn event is cancelled: subscribers' calendars drop it, with the reason.
        lines.append("STATUS:\(entry.withdrawal == nil ? Self.status(event.status) : "CANCELLED")")
        var summary = item.title
        if entry.withdrawal != nil {
            summary = "[\(c.labels["withdrawn"]!)] " + summary
        } else if event.status != .scheduled {
            summary = "[\(Labels.status(event.status, c.labels))] " + summary
        }
        lines.append("SUMMARY:\(Self.escape(summary))")
        if let location = event.location {
            lines.append("LOCATION:\(Self.escape([location.name, location.address].compactMap { $0 }.joined(separator: ", ")))")
            if let geo = location.map.flatMap(Self.geo) { lines.append("GEO:\(geo)") }
        }
        if let slug = item.department, let dept = c.config.department(slug: slug) {
            lines.append("CATEGORIES:\(Self.escape(dept.name))")
        }
        let url = c.absolute(entry.path)
        lines.append("URL:\(url)")
        lines.append("DESCRIPTION:\(Self.escape(c.noticedTeaser(i) + "\n\n" + url))")
        lines.append("END:VEVENT")
        return lines
    }

    /// Stable for the life of the event: made from its file name, which a rescheduled event keeps
    /// (its URL, by start month, may move).
    static func uid(_ item: Item, host: String) -> String {
        let name = item.sourcePath.split(separator: "/").dropFirst(2).joined(separator: "-")
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        let domain = host.split(separator: "/").last.map(String.init) ?? "warta"
        return "\(stem)@\(domain)"
    }

    /// Counts the changes the note itself records, so it only grows: a rescheduling (the old start
    /// is kept in `previous_start`), a status other than scheduled, each correction, a withdrawal.
    static func sequence(_ item: Item, _ event: EventDetails, withdrawn: Bool) -> Int {
        (event.previousStart == nil ? 0 : 1) + (event.status == .scheduled ? 0 : 1) + item.corrections.count + (withdrawn ? 1 : 0)
    }

    static func status(_ status: EventStatus) -> String {
        switch status {
        case .scheduled, .rescheduled: "CONFIRMED"
        case .cancelled: "CANCELLED"
        case .postponed: "TENTATIVE"
        }
    }

    /// True when the zone keeps one offset over the years the events span (Indonesia's zones do):
    /// then times are written with the zone; otherwise in UTC, which every client reads right.
    static func hasFixedOffset(_ zone: SiteTimeZone, _ instants: [ZonedInstant]) -> Bool {
        guard let first = instants.min(), let last = instants.max() else { return true }
        let offset = zone.offset(at: first.seconds)
        var t = first.seconds - 366 * 86_400
        while t <= last.seconds + 366 * 86_400 {
            if zone.offset(at: t) != offset { return false }
            t += 30 * 86_400
        }
        return true
    }

    /// `geo:` or OpenStreetMap `mlat=…&mlon=…` links give a position.
    static func geo(_ link: String) -> String? {
        func value(_ key: String) -> Double? {
            guard let range = link.range(of: key + "=") else { return nil }
            return Double(link[range.upperBound...].prefix { "-.0123456789".contains($0) })
        }
        if let lat = value("mlat"), let lon = value("mlon") { return "\(lat);\(lon)" }
        if link.hasPrefix("geo:") {
            let parts = link.dropFirst(4).split(separator: ",").prefix(2).compactMap { Double($0.prefix { "-.0123456789".contains($0) }) }
            if parts.count == 2 { return "\(parts[0]);\(parts[1])" }
        }
        return nil
    }

    static func basic(_ c: CivilDateTime) -> String {
        "\(basicDate(c))T\(pad2(c.hour))\(pad2(c.minute))\(pad2(c.second))"
    }

    static func basicDate(_ c: CivilDateTime) -> String {
        "\(c.year)\(pad2(c.month))\(pad2(c.day))"
    }

    /// TEXT values: backslash, semicolon, comma and newline escaped (a carriage return dropped),
    /// octet by octet as RFC 5545 reads them; text with none of them is given back as it is.
    static func escape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { b in
            guard b.contains(where: { $0 == 0x5C || $0 == 0x3B || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }) else { return text }
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 8)
            for byte in b {
                switch byte {
                case 0x5C, 0x3B, 0x2C: out += [0x5C, byte]  // \ ; ,
                case 0x0A: out += [0x5C, 0x6E]  // \n
                case 0x0D: continue
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a
    /// UTF-8 sequence.
    static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        guard bytes.count > 75 else { return line }
        var out: [UInt8] = []
        var start = 0
        var limit = 75
        while start < bytes.count {
            var end = min(start + limit, bytes.count)
            while end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            if !out.isEmpty { out += [0x0D, 0x0A, 0x20] }
            out += bytes[start..<end]
            start = end
            limit = 74  // the leading space counts
        }
        return String(decoding: out, as: UTF8.self)
    }
}
