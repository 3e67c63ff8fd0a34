/// Keeps an amount and what it counts on one line in titles and teasers shown by the theme, so a
/// narrow phone never shows "Rp" at the end of one line and "12,4 miliar" on the next. Narrow on
/// purpose, two rules, each a single space made a no-break space (U+00A0):
///
/// 1. after a currency mark (`Rp`, `Rp.`, `IDR`, `USD`, `US$`) standing as a word, before a digit:
///    "Rp 12,4" -> "Rp\u{A0}12,4";
/// 2. between a number (digits, with `.` or `,` inside) and a unit from `units` standing as a word:
///    "12,4 miliar", "4,2 km", "5,12 persen".
///
/// Nothing else changes: "17 Februari", "pukul 09.00 WITA" and "ke-77 Kota" keep their spaces.
enum NoBreak {
    static let space: Character = "\u{00A0}"
    static let currencies = ["rp", "rp.", "idr", "usd", "us$"]
    static let units = [
        "ribu", "juta", "miliar", "milyar", "triliun", "thousand", "million", "billion", "trillion",
        "persen", "percent", "%", "km", "m", "cm", "mm", "m2", "m²", "m3", "m³", "kg", "ton", "ha", "hektare", "liter",
    ]

    static func apply(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), text.utf8.contains(0x20) else { return text }
        var chars = Array(text)
        for i in chars.indices where chars[i] == " " {
            if i + 1 < chars.count, isDigit(chars[i + 1]), word(before: i, in: chars, isOneOf: currencies) {
                chars[i] = space
            } else if i > 0, isDigit(chars[i - 1]), numberStandsAlone(before: i, in: chars), word(after: i + 1, in: chars, isOneOf: units) {
                chars[i] = space
            }
        }
        return String(chars)
    }

    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    /// One of `words` (any case) ends just before `end`, with no letter before it.
    private static func word(before end: Int, in chars: [Character], isOneOf words: [String]) -> Bool {
        words.contains { w in
            let start = end - w.count
            guard start >= 0, String(chars[start..<end]).lowercased() == w else { return false }
            return start == 0 || !chars[start - 1].isLetter
        }
    }

    /// One of `words` (any case) starts at `start`, with no letter or digit right after it.
    private static func word(after start: Int, in chars: [Character], isOneOf words: [String]) -> Bool {
        words.contains { w in
            let end = start + w.count
            guard end <= chars.count, String(chars[start..<end]).lowercased() == w else { return false }
            return end == chars.count || !(chars[end].isLetter || chars[end].isNumber)
        }
    }

    /// The digits before `end` are a number of their own, not the tail of a word ("A4", "ke-77" are not).
    private static func numberStandsAlone(before end: Int, in chars: [Character]) -> Bool {
        var i = end - 1
        while i >= 0, isDigit(chars[i]) || ((chars[i] == "." || chars[i] == ",") && i > 0 && isDigit(chars[i - 1])) { i -= 1 }
        return i < 0 || chars[i] == " " || chars[i] == space || chars[i] == "(" || chars[i] == "\u{2013}"
    }
}
