/// Dates as readers see them, in the site language, computed from the zoned instant directly
/// (no formatter objects: they were a hot spot, and this is exact and locale-free).
struct DateText {
    let language: Language
    let zone: SiteTimeZone

    private static let idMonths = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                                   "September", "Oktober", "November", "Desember"]
    private static let enMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                   "September", "October", "November", "December"]
    private static let idDays = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]
    private static let enDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    func monthName(_ month: Int) -> String {
        (language == .id ? Self.idMonths : Self.enMonths)[month - 1]
    }

    /// `21 Februari 2023` / `21 February 2023`
    func date(_ instant: ZonedInstant) -> String {
        let c = instant.civil
        return "\(c.day) \(monthName(c.month)) \(c.year)"
    }

    /// `Selasa, 21 Februari 2023`
    func dayAndDate(_ instant: ZonedInstant) -> String {
        let c = instant.civil
        return "\((language == .id ? Self.idDays : Self.enDays)[c.weekday]), \(date(instant))"
    }

    /// `09.00 WITA` (Indonesian uses a dot) / `09:00 WITA`
    func time(_ instant: ZonedInstant) -> String {
        let c = instant.civil
        let separator = language == .id ? "." : ":"
        return "\(pad2(c.hour))\(separator)\(pad2(c.minute)) \(zone.abbreviation(for: instant))"
    }

    /// `Selasa, 21 Februari 2023 pukul 09.00 WITA` / `Tuesday, 21 February 2023, 09:00 WITA`
    func dateTime(_ instant: ZonedInstant) -> String {
        "\(dayAndDate(instant))\(language == .id ? " pukul " : ", ")\(time(instant))"
    }

    /// `Februari 2023`
    func monthYear(year: Int, month: Int) -> String { "\(monthName(month)) \(year)" }

    /// "Setiap Selasa" / "Every Tuesday"; "Setiap Kamis kedua tiap bulan" / "Every second Thursday of the month".
    func recurrence(_ r: Recurrence) -> String {
        let days = r.weekdays.sorted().map { (language == .id ? Self.idDays : Self.enDays)[$0] }
        let list = days.count <= 1 ? days.joined() : days.dropLast().joined(separator: ", ") + (language == .id ? " dan " : " and ") + days.last!
        var text: String
        if r.frequency == .week {
            text = language == .id ? "Setiap \(list)" : "Every \(list)"
        } else {
            let ordinals = language == .id ? [-1: "terakhir", 1: "pertama", 2: "kedua", 3: "ketiga", 4: "keempat"]
                                           : [-1: "last", 1: "first", 2: "second", 3: "third", 4: "fourth"]
            let nth = ordinals[r.ordinal ?? 1] ?? ""
            text = language == .id ? "Setiap \(list) \(nth) tiap bulan" : "Every \(nth) \(list) of the month"
        }
        if let until = r.until {
            let (y, m, d) = CivilDateTime.civil(fromDays: until)
            text += language == .id ? ", sampai \(d) \(monthName(m)) \(y)" : ", until \(d) \(monthName(m)) \(y)"
        }
        return text
    }

    /// When an event happens, in one line: the same day shows once; several days show as a span.
    func eventSpan(_ event: EventDetails) -> String {
        let start = event.start, s = start.civil
        if event.allDay {
            guard let end = event.end, end.civil.dateString != s.dateString else {
                return "\(dayAndDate(start)) (\(language == .id ? "sepanjang hari" : "all day"))"
            }
            return "\(dayAndDate(start)) – \(dayAndDate(end))"
        }
        if event.openEnd { return "\(dateTime(start)) – \(language == .id ? "selesai" : "until finished")" }
        guard let end = event.end else { return dateTime(start) }
        if end.civil.dateString == s.dateString {
            let c = end.civil
            let separator = language == .id ? "." : ":"
            return "\(dayAndDate(start)), \(pad2(s.hour))\(separator)\(pad2(s.minute))–\(pad2(c.hour))\(separator)\(pad2(c.minute)) \(zone.abbreviation(for: end))"
        }
        return "\(dateTime(start)) – \(dateTime(end))"
    }
}
