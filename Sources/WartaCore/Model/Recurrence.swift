/// A repeating event (`repeat:`): weekly on some weekdays, or monthly on the nth weekday, until a
/// date, without the dates in `except`. Times of day and duration are those of the first occurrence.
public struct Recurrence: Sendable, Equatable {
    public enum Frequency: String, Sendable { case week, month }

    public var frequency: Frequency
    /// 0 = Sunday … 6 = Saturday.
    public var weekdays: [Int]
    /// Monthly: which occurrence of the weekday in the month (1…4, or -1 for the last).
    public var ordinal: Int?
    /// The last day an occurrence may start (inclusive), as days since 1970 in the site zone.
    public var until: Int64?
    /// Days (since 1970, site zone) that are skipped.
    public var except: [Int64] = []

    /// How far ahead listings look for the next occurrence of an endless series.
    static let horizonDays: Int64 = 400

    /// Start days (days since 1970, site zone) of the occurrences from `first` (the event's own
    /// start day) through `through`, exceptions left out.
    public func days(first: Int64, through: Int64) -> [Int64] {
        let last = min(through, until ?? through)
        guard first <= last else { return [] }
        var out: [Int64] = []
        switch frequency {
        case .week:
            var d = first
            while d <= last {
                let weekday = Int(((d % 7) + 11) % 7)
                if weekdays.contains(weekday) && !except.contains(d) { out.append(d) }
                d += 1
            }
        case .month:
            var (y, m, _) = CivilDateTime.civil(fromDays: first)
            while CivilDateTime(year: y, month: m, day: 1).daysSinceEpoch <= last {
                for weekday in weekdays {
                    if let day = Self.nth(ordinal ?? 1, weekday: weekday, year: y, month: m), day >= first, day <= last, !except.contains(day) {
                        out.append(day)
                    }
                }
                if m == 12 { y += 1; m = 1 } else { m += 1 }
            }
        }
        return out.sorted()
    }

    /// The day of the nth (or last, -1) given weekday of a month.
    static func nth(_ n: Int, weekday: Int, year: Int, month: Int) -> Int64? {
        let first = CivilDateTime(year: year, month: month, day: 1).daysSinceEpoch
        let firstWeekday = Int(((first % 7) + 11) % 7)
        let count = Int64(CivilDateTime.daysIn(month: month, year: year))
        if n > 0 {
            let day = first + Int64((weekday - firstWeekday + 7) % 7) + Int64(7 * (n - 1))
            return day < first + count ? day : nil
        }
        let lastDay = first + count - 1
        let lastWeekday = Int(((lastDay % 7) + 11) % 7)
        return lastDay - Int64((lastWeekday - weekday + 7) % 7)
    }

    /// RRULE text (RFC 5545).
    public func rrule(untilUTC: String?) -> String {
        let names = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
        var parts = ["FREQ=\(frequency == .week ? "WEEKLY" : "MONTHLY")"]
        let days = weekdays.sorted().map { names[$0] }
        switch frequency {
        case .week: parts.append("BYDAY=\(days.joined(separator: ","))")
        case .month: parts.append("BYDAY=\(days.map { "\(ordinal ?? 1)\($0)" }.joined(separator: ","))")
        }
        if let untilUTC { parts.append("UNTIL=\(untilUTC)") }
        return parts.joined(separator: ";")
    }
}

extension EventDetails {
    /// This event moved to another start day (same time of day, same length), for one occurrence.
    func shifted(toDay day: Int64, zone: SiteTimeZone) -> EventDetails {
        var copy = self
        let local = zone.local(start).civil
        let (y, m, d) = CivilDateTime.civil(fromDays: day)
        let newStart = zone.instant(CivilDateTime(year: y, month: m, day: d, hour: local.hour, minute: local.minute, second: local.second))
        let delta = newStart.seconds - start.seconds
        copy.start = newStart
        copy.end = end.map { zone.local(ZonedInstant(seconds: $0.seconds + delta, offset: $0.offset)) }
        copy.recurrence = nil
        return copy
    }

    /// Every occurrence that starts on or before `through` (a recurring event), or just itself.
    public func occurrences(zone: SiteTimeZone, through: ZonedInstant) -> [EventDetails] {
        guard let recurrence else { return [self] }
        let first = zone.local(start).civil.daysSinceEpoch
        let last = zone.local(through).civil.daysSinceEpoch
        return recurrence.days(first: first, through: last).map { shifted(toDay: $0, zone: zone) }
    }

    /// The occurrence a reader should see at `now`: the one under way or next; else the last one.
    public func current(zone: SiteTimeZone, now: ZonedInstant) -> EventDetails {
        guard recurrence != nil else { return self }
        let horizon = ZonedInstant(seconds: now.seconds + Recurrence.horizonDays * 86_400, offset: now.offset)
        let all = occurrences(zone: zone, through: horizon)
        return all.first { $0.finish > now } ?? all.last(where: { $0.start <= now }) ?? self
    }
}
