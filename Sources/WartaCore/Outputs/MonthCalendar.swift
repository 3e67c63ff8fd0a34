/// Month views of the events (`/agenda/2023/02/`): a week-by-week table that needs no JavaScript
/// (on a phone the stylesheet turns it into a list of the days that have events), with links to
/// the months before and after.
struct MonthCalendar {
    let context: PageContext
    let theme: Theme?

    struct Month: Sendable, Hashable, Comparable {
        let year: Int
        let month: Int
        static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }
        var next: Month { month == 12 ? Month(year: year + 1, month: 1) : Month(year: year, month: month + 1) }
        var previous: Month { month == 1 ? Month(year: year - 1, month: 12) : Month(year: year, month: month - 1) }
    }

    /// Every month from the first listed event to the last, and the current month.
    static func months(_ c: PageContext) -> [Month] {
        let cat = c.catalog
        let events = (cat.upcomingEvents + cat.pastEvents).compactMap { cat.entries[$0].event }
        guard !events.isEmpty else { return [] }
        let zone = c.config.timeZone
        func month(_ t: ZonedInstant) -> Month { let civil = zone.local(t).civil; return Month(year: civil.year, month: civil.month) }
        var first = events.map { month($0.start) }.min()!
        var last = events.map { month($0.end ?? $0.start) }.max()!
        // A repeating event runs to its `until`, or a year ahead when it has none.
        for i in cat.upcomingEvents + cat.pastEvents {
            guard let event = cat.entries[i].item.event, let recurrence = event.recurrence else { continue }
            first = min(first, month(event.start))
            let endDay = recurrence.until ?? (zone.local(cat.now).civil.daysSinceEpoch + 365)
            let (y, mo, _) = CivilDateTime.civil(fromDays: endDay)
            last = max(last, Month(year: y, month: mo))
        }
        let today = month(cat.now)
        first = min(first, today)
        last = max(last, today)
        var out: [Month] = []
        var m = first
        while m <= last && out.count < 1200 {
            out.append(m)
            m = m.next
        }
        return out
    }

    /// Listed events on each day of each month (a multi-day event on every day it spans), in one
    /// pass over the events: asking month by month cost a pass per month.
    func days(_ months: [Month]) -> [Month: [Int: [Int]]] {
        guard let last = months.last else { return [:] }
        let cat = context.catalog, zone = context.config.timeZone
        let wanted = Set(months)
        let lastEnd = zone.instant(CivilDateTime(year: last.year, month: last.month, day: CivilDateTime.daysIn(month: last.month, year: last.year),
                                                 hour: 23, minute: 59, second: 59))
        let lastDay = zone.local(lastEnd).civil.daysSinceEpoch
        var placed: [(start: Int64, index: Int, day: Int64)] = []
        for i in cat.upcomingEvents + cat.pastEvents {
            // Every occurrence of a repeating event; a plain event is its own single occurrence.
            for event in cat.entries[i].item.event!.occurrences(zone: zone, through: lastEnd) {
                let startDay = zone.local(event.start).civil.daysSinceEpoch
                // The finish is exclusive: an event ending at midnight does not touch the next day.
                let endDay = max(startDay, zone.local(ZonedInstant(seconds: event.finish.seconds - 1, offset: event.finish.offset)).civil.daysSinceEpoch)
                guard startDay <= lastDay else { continue }
                for d in startDay...min(endDay, lastDay) { placed.append((event.start.seconds, i, d)) }
            }
        }
        var out: [Month: [Int: [Int]]] = [:]
        for p in placed.sorted(by: { ($0.start, $0.index) < ($1.start, $1.index) }) {
            let (y, m, d) = CivilDateTime.civil(fromDays: p.day)
            let month = Month(year: y, month: m)
            guard wanted.contains(month) else { continue }
            out[month, default: [:]][d, default: []].append(p.index)
        }
        return out
    }

    func path(_ m: Month) -> String { context.routes.month(year: m.year, month: m.month) }

    func render(_ m: Month, all range: [Month], days byDay: [Int: [Int]]) -> [UInt8] {
        let c = context
        let today = c.config.timeZone.local(c.catalog.now).civil
        let first = CivilDateTime(year: m.year, month: m.month, day: 1)
        let leading = (first.weekday + 6) % 7  // weeks start on Monday
        let count = CivilDateTime.daysIn(month: m.month, year: m.year)
        var cells: [[String: Any]] = Array(repeating: ["blank": true, "hasEvents": false], count: leading)
        for day in 1...count {
            let events: [[String: Any]] = (byDay[day] ?? []).map { i in
                let entry = c.catalog.entries[i], event = entry.item.event!
                let local = c.config.timeZone.local(event.start)
                return ["title": entry.item.title, "url": c.link(entry.path),
                        "time": event.allDay ? Blank() : "\(pad2(local.civil.hour)).\(pad2(local.civil.minute))",
                        "notScheduled": event.status != .scheduled,
                        "statusText": Labels.status(event.status, c.labels), "status": event.status.rawValue]
            }
            let date = CivilDateTime(year: m.year, month: m.month, day: day)
            cells.append(["blank": false, "number": day, "iso": date.dateString,
                          "label": c.dates.dayAndDate(c.config.timeZone.instant(date)),
                          "today": today.year == m.year && today.month == m.month && today.day == day,
                          "events": events, "hasEvents": !events.isEmpty])
        }
        while cells.count % 7 != 0 { cells.append(["blank": true, "hasEvents": false]) }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { ["days": Array(cells[$0..<$0 + 7])] as [String: Any] }
        let names = c.config.language == .id ? ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        func link(_ other: Month) -> Any {
            guard range.contains(other) else { return false }
            return ["url": c.link(path(other)), "title": c.dates.monthYear(year: other.year, month: other.month)]
        }
        let title = c.dates.monthYear(year: m.year, month: m.month)
        let values: [String: Any] = [
            "monthTitle": title, "weeks": weeks, "weekdays": names, "previousMonth": link(m.previous), "nextMonth": link(m.next),
            "hasEvents": !byDay.isEmpty, "eventsURL": c.link(c.routes.events), "calendarURL": c.link(c.routes.calendar),
        ]
        let page = c.sharedPage(path: path(m), title: "\(c.labels["events"]!): \(title)", description: "", section: "events", values: values)
        return theme?.renderBytes("month", page.values, shared: page.shared) ?? []
    }

    /// One page per month; today's date is marked on the current month's page.
    static func outputs(_ c: PageContext) -> [Output] {
        let all = months(c)
        let byMonth = MonthCalendar(context: c, theme: nil).days(all)
        let today = c.config.timeZone.local(c.catalog.now).civil
        return all.map { m in
            let path = c.routes.month(year: m.year, month: m.month)
            let byDay = byMonth[m] ?? [:]
            let days = byDay.sorted { $0.key < $1.key }
            return .generated(Routes.file(path), "the month /\(path)", sitemap: path, inputs: { p in
                p.combine([m.year, m.month, all.contains(m.previous) ? 1 : 0, all.contains(m.next) ? 1 : 0,
                           today.year == m.year && today.month == m.month ? today.day : 0] + days.flatMap { [$0.key] + $0.value.map { p.items[$0] } },
                          "month", template: "month")
            }) { s in
                .bytes(MonthCalendar(context: s.context, theme: s.theme).render(m, all: all, days: byDay))
            }
        }
    }
}
