/// An instant on the time line together with the UTC offset it is shown in.
///
/// Dates are done by hand (days-from-civil arithmetic) rather than with Foundation formatters:
/// formatters were a measured hot spot, and this keeps every conversion exact and locale-free.
public struct ZonedInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64
    /// Seconds east of UTC in which this instant is written and shown.
    public let offset: Int32

    public init(seconds: Int64, offset: Int32) {
        self.seconds = seconds
        self.offset = offset
    }

    /// Instants compare by their place on the time line; the offset is presentation only.
    public static func < (a: ZonedInstant, b: ZonedInstant) -> Bool { a.seconds < b.seconds }
    public static func == (a: ZonedInstant, b: ZonedInstant) -> Bool { a.seconds == b.seconds }
    public func hash(into hasher: inout Hasher) { hasher.combine(seconds) }

    /// The wall-clock fields at this instant's offset.
    public var civil: CivilDateTime {
        let local = seconds + Int64(offset)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = Int(local - days * 86_400)
        let (y, m, d) = CivilDateTime.civil(fromDays: days)
        return CivilDateTime(
            year: y, month: m, day: d,
            hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60, second: secondOfDay % 60)
    }

    /// The same instant shown at another offset.
    public func at(offset: Int32) -> ZonedInstant { ZonedInstant(seconds: seconds, offset: offset) }

    /// `2023-02-21T09:00:00+08:00`
    public var iso8601: String {
        let c = civil
        return "\(c.dateString)T\(pad2(c.hour)):\(pad2(c.minute)):\(pad2(c.second))\(Self.offsetString(offset, separator: ":"))"
    }

    /// RFC 822 as RSS wants it: `Tue, 21 Feb 2023 09:00:00 +0800`.
    public var rfc822: String {
        let c = civil
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(days[c.weekday]), \(pad2(c.day)) \(months[c.month - 1]) \(c.year) "
            + "\(pad2(c.hour)):\(pad2(c.minute)):\(pad2(c.second)) \(Self.offsetString(offset, separator: ""))"
    }

    public var description: String { iso8601 }

    static func offsetString(_ offset: Int32, separator: String) -> String {
        let sign = offset < 0 ? "-" : "+"
        let minutes = Int(abs(offset)) / 60
        return "\(sign)\(pad2(minutes / 60))\(separator)\(pad2(minutes % 60))"
    }
}

/// Wall-clock fields without a zone.
public struct CivilDateTime: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int = 0
    public var minute: Int = 0
    public var second: Int = 0

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    public static func < (a: CivilDateTime, b: CivilDateTime) -> Bool {
        (a.year, a.month, a.day, a.hour, a.minute, a.second) < (b.year, b.month, b.day, b.hour, b.minute, b.second)
    }

    /// Days since 1970-01-01 of this date.
    public var daysSinceEpoch: Int64 { Self.days(fromCivil: year, month, day) }

    /// Seconds since the epoch if these fields were UTC.
    public var secondsAsUTC: Int64 { daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second) }

    /// 0 = Sunday ... 6 = Saturday.
    public var weekday: Int {
        let d = daysSinceEpoch
        return Int(((d % 7) + 11) % 7)  // 1970-01-01 was a Thursday (4)
    }

    /// `2023-02-21`
    public var dateString: String { "\(year)-\(pad2(month))-\(pad2(day))" }

    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func days(fromCivil y0: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = Int64(m <= 2 ? y0 - 1 : y0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((m + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        let y = Int(yoe + era * 400) + (m <= 2 ? 1 : 0)
        return (y, m, d)
    }
}

@inline(__always) func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
