/// A date or date-time as written in front matter, before it is placed in a zone.
///
/// Accepted: `2023-02-21`, `2023-02-21 09:00`, `2023-02-21T09:00:00`, each optionally followed by
/// `Z`, `+08:00`, `+0800`, or one of Indonesia's zone names (`WIB`, `WITA`, `WIT`).
/// Without an offset the site's time zone applies.
struct DateValue: Sendable, Equatable {
    var civil: CivilDateTime
    var offset: Int32?
    var hasTime: Bool

    static func parse(_ text: String) -> DateValue? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for k in 0..<count {
                let c = b[i + k]
                guard c >= 0x30, c <= 0x39 else { return nil }
                value = value * 10 + Int(c - 0x30)
            }
            i += count
            return value
        }
        func skip(_ ch: UInt8) -> Bool {
            guard i < b.count, b[i] == ch else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), skip(UInt8(ascii: "-")), let month = digits(2), skip(UInt8(ascii: "-")),
              let day = digits(2), CivilDateTime.isValid(year: year, month: month, day: day) else { return nil }
        var civil = CivilDateTime(year: year, month: month, day: day)
        if i == b.count { return DateValue(civil: civil, offset: nil, hasTime: false) }
        guard skip(UInt8(ascii: "T")) || skip(UInt8(ascii: " ")) || skip(UInt8(ascii: "t")) else { return nil }
        guard let hour = digits(2), hour < 24, skip(UInt8(ascii: ":")), let minute = digits(2), minute < 60 else { return nil }
        civil.hour = hour
        civil.minute = minute
        if skip(UInt8(ascii: ":")) {
            guard let second = digits(2), second < 60 else { return nil }
            civil.second = second
            if skip(UInt8(ascii: ".")) {  // fractions of a second are accepted and dropped
                let before = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                guard i > before else { return nil }
            }
        }
        _ = skip(UInt8(ascii: " "))
        if i == b.count { return DateValue(civil: civil, offset: nil, hasTime: true) }
        let rest = String(decoding: b[i...], as: UTF8.self)
        switch rest {
        case "Z", "z", "UTC": return DateValue(civil: civil, offset: 0, hasTime: true)
        case "WIB": return DateValue(civil: civil, offset: 7 * 3600, hasTime: true)
        case "WITA": return DateValue(civil: civil, offset: 8 * 3600, hasTime: true)
        case "WIT": return DateValue(civil: civil, offset: 9 * 3600, hasTime: true)
        default: break
        }
        let sign: Int32
        if skip(UInt8(ascii: "+")) { sign = 1 } else if skip(UInt8(ascii: "-")) { sign = -1 } else { return nil }
        guard let oh = digits(2), oh <= 14 else { return nil }
        _ = skip(UInt8(ascii: ":"))
        guard let om = digits(2), om < 60, i == b.count else { return nil }
        return DateValue(civil: civil, offset: sign * Int32(oh * 3600 + om * 60), hasTime: true)
    }

    /// The instant in the site's zone. An explicit offset fixes the instant; it is then shown in the
    /// site's zone too, so every date on the site reads in one zone.
    func instant(in zone: SiteTimeZone) -> ZonedInstant {
        guard let offset else { return zone.instant(civil) }
        return zone.local(ZonedInstant(seconds: civil.secondsAsUTC - Int64(offset), offset: offset))
    }
}
