/// What to tell the author of a date Warta cannot read, in words they can act on: the day that does
/// not exist ("February 2023 has 28 days"), or the same date written the one way Warta reads
/// (`21/02/2023`, `21 Februari 2023`, `Feb 21, 2023` -> "write the date as 2023-02-21").
///
/// Only ever called on text `DateValue.parse` refused, so it may be slow and forgiving.
enum DateAdvice {
    /// The message for `field` holding `text`.
    static func message(field: String, _ text: String) -> String {
        guard let guess = read(text) else {
            return "'\(field)' is not a valid date: '\(text)' (write 2023-02-21, 2023-02-21 09:00 or 2023-02-21T09:00:00+08:00)"
        }
        if let problem = guess.problem { return "'\(field)' is not a valid date: \(problem) ('\(text)')" }
        return "'\(field)' is written '\(text)'; write the date as \(guess.written)"
    }

    /// A date as the author meant it, before it is checked.
    struct Guess {
        var year: Int, month: Int, day: Int
        /// `09:00`, perhaps with a zone name, when a time followed the date.
        var time: String?

        /// Why the date does not exist, or nil when it does.
        var problem: String? {
            guard (1...12).contains(month) else { return "there is no month \(month)" }
            let days = CivilDateTime.daysIn(month: month, year: year)
            guard (1...days).contains(day) else { return "\(DateAdvice.monthNames[month - 1]) \(year) has \(days) days" }
            return nil
        }

        var written: String {
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(year)-\(two(month))-\(two(day))" + (time.map { " " + $0 } ?? "")
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// Indonesian and English month names and their usual short forms, lowercased.
    private static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let indonesian = ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
                          "oktober", "november", "desember"]
        for (i, names) in zip(indonesian, monthNames).enumerated() {
            for name in [names.0, names.1.lowercased()] {
                table[name] = i + 1
                table[String(name.prefix(3))] = i + 1
            }
        }
        for (short, month) in [("agt", 8), ("ags", 8), ("sept", 9), ("peb", 2), ("pebruari", 2), ("nop", 11), ("nopember", 11)] {
            table[short] = month
        }
        return table
    }()

    private static let weekdays: Set<String> = [
        "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    ]

    /// Reads `2023-02-30`, `2023-2-21`, `21/02/2023`, `21-02-2023`, `21.02.2023`, `2023/02/21`,
    /// `21 Februari 2023`, `Selasa, 21 Feb 2023`, `February 21, 2023`, each perhaps followed by a
    /// time (`09:00`, `09.00`) and a zone name. Numbers are read day first, as Indonesia writes
    /// them, unless only the other order makes a month.
    static func read(_ text: String) -> Guess? {
        var words = text.lowercased().split { $0 == " " || $0 == "," || $0 == "\t" }.map(String.init)
        // 2023-02-30T09:00:00: the date apart from its time.
        if let first = words.first, first.count > 10, first.dropFirst(10).first == "t" {
            words.replaceSubrange(0...0, with: [String(first.prefix(10)), String(first.dropFirst(11))])
        }
        if let first = words.first, weekdays.contains(first) { words.removeFirst() }
        guard !words.isEmpty else { return nil }
        var date: (year: Int, month: Int, day: Int)?
        var rest: ArraySlice<String> = []
        let numbers = words[0].split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "-" || $0 == "." }
        if numbers.count == 3, numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }) {
            let n = numbers.map { Int($0)! }
            if numbers[0].count == 4 {
                date = (n[0], n[1], n[2])
            } else if numbers[2].count == 4 {
                date = n[1] > 12 && n[0] <= 12 ? (n[2], n[0], n[1]) : (n[2], n[1], n[0])
            }
            rest = words.dropFirst()
        } else if words.count >= 3, let day = Int(words[0]), let month = months[monthWord(words[1])], let year = Int(words[2]) {
            date = (year, month, day)  // 21 Februari 2023
            rest = words.dropFirst(3)
        } else if words.count >= 3, let month = months[monthWord(words[0])], let day = Int(words[1]), let year = Int(words[2]) {
            date = (year, month, day)  // February 21, 2023
            rest = words.dropFirst(3)
        }
        guard let date, (1000...9999).contains(date.year) else { return nil }
        var guess = Guess(year: date.year, month: date.month, day: date.day)
        // A day that does not exist is the news, whatever follows it.
        if guess.problem != nil { return guess }
        if let clock = rest.first, clock == "pukul" || clock == "jam" || clock == "at" { rest = rest.dropFirst() }
        if let first = rest.first {
            guard let time = Self.time(first) else { return nil }
            let zone = rest.dropFirst().first.map { $0.uppercased() }
            guard rest.count <= 2, zone == nil || ["WIB", "WITA", "WIT", "UTC"].contains(zone!) else { return nil }
            guess.time = time + (zone.map { " " + $0 } ?? "")
        }
        return guess
    }

    /// `feb.` and `februari` alike.
    private static func monthWord(_ word: String) -> String {
        word.hasSuffix(".") ? String(word.dropLast()) : word
    }

    /// `9:00`, `09.00` -> `09:00`; nil for anything else.
    private static func time(_ word: String) -> String? {
        let parts = word.split(omittingEmptySubsequences: false) { $0 == ":" || $0 == "." }
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...23).contains(h), (0...59).contains(m) else { return nil }
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + parts[1]
    }
}
