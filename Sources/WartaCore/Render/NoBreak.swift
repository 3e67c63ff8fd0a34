/// Keeps an amount and what it counts on one line in titles and teasers shown by the theme, so a
/// narrow phone never shows "Rp" at the end of one line and "12,4 miliar" on the next; table cells
/// pass through here too (`PipeTable`). Narrow on purpose, three rules, each a single space made a
/// no-break space (U+00A0):
///
/// 1. after a currency mark (`Rp`, `Rp.`, `IDR`, `USD`, `US$`) standing as a word, before a digit:
///    "Rp 12,4" -> "Rp\u{A0}12,4";
/// 2. between a number (digits, with `.` or `,` inside) and a unit from `units` standing as a word:
///    "12,4 miliar", "4,2 km", "5,12 persen";
/// 3. on either side of a multiplication sign `×` between numbers: "1,5 × 2 m" (with rule 2, one piece).
///
/// Nothing else changes: "17 Februari", "pukul 09.00 WITA" and "ke-77 Kota" keep their spaces.
///
/// Works on UTF-8 bytes: every card of every listing passes through here, and walking titles as
/// `Character`s was a tenth of a full build. Letters next to a word are judged by their scalar.
enum NoBreak {
    static let currencies: [[UInt8]] = ["rp", "rp.", "idr", "usd", "us$"].map { Array($0.utf8) }
    static let units: [[UInt8]] = [
        "ribu", "juta", "miliar", "milyar", "triliun", "thousand", "million", "billion", "trillion",
        "persen", "percent", "%", "km", "m", "cm", "mm", "m2", "m²", "m3", "m³", "kg", "ton", "ha", "hektare", "liter",
    ].map { Array($0.utf8) }
    private static let nbsp: [UInt8] = [0xC2, 0xA0]

    static func apply(_ text: String) -> String {
        guard text.utf8.contains(where: isDigit), text.utf8.contains(0x20) else { return text }
        var text = text
        text.makeContiguousUTF8()  // a no-op for Swift's own strings
        guard let changed = text.utf8.withContiguousStorageIfAvailable({ apply(bytes: $0) }) ?? nil else { return text }
        return String(decoding: changed, as: UTF8.self)
    }

    /// The text with its spaces changed, or nil when none is.
    private static func apply(bytes b: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var copied = 0
        for i in 0..<b.count where b[i] == 0x20 {
            let glue = (i + 1 < b.count && isDigit(b[i + 1]) && word(before: i, in: b, isOneOf: currencies))
                || (i > 0 && isDigit(b[i - 1]) && numberStandsAlone(before: i, in: b) && word(after: i + 1, in: b, isOneOf: units))
                || (i > 0 && isDigit(b[i - 1]) && i + 3 < b.count && b[i + 1] == 0xC3 && b[i + 2] == 0x97 && b[i + 3] == 0x20)
                || (i >= 3 && b[i - 2] == 0xC3 && b[i - 1] == 0x97 && b[i - 3] == 0x20 && i + 1 < b.count && isDigit(b[i + 1]))
            guard glue else { continue }
            if out.isEmpty { out.reserveCapacity(b.count + 8) }
            out += b[copied..<i]
            out += nbsp
            copied = i + 1
        }
        guard copied > 0 else { return nil }
        out += b[copied...]
        return out
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    /// `w` (lower case) is at `start`, in any case.
    private static func matches(_ w: [UInt8], at start: Int, in b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard start >= 0, start + w.count <= b.count else { return false }
        for k in 0..<w.count where lower(b[start + k]) != w[k] { return false }
        return true
    }

    /// One of `words` (any case) ends just before `end`, with no letter before it.
    private static func word(before end: Int, in b: UnsafeBufferPointer<UInt8>, isOneOf words: [[UInt8]]) -> Bool {
        words.contains { w in
            let start = end - w.count
            guard matches(w, at: start, in: b) else { return false }
            return start == 0 || !isLetter(scalar(endingAt: start, in: b))
        }
    }

    /// One of `words` (any case) starts at `start`, with no letter or digit right after it.
    private static func word(after start: Int, in b: UnsafeBufferPointer<UInt8>, isOneOf words: [[UInt8]]) -> Bool {
        words.contains { w in
            guard matches(w, at: start, in: b) else { return false }
            let end = start + w.count
            guard end < b.count else { return true }
            let next = scalar(startingAt: end, in: b)
            return !(isLetter(next) || isNumber(next))
        }
    }

    /// The digits before `end` are a number of their own, not the tail of a word ("A4", "ke-77" are not).
    private static func numberStandsAlone(before end: Int, in b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = end - 1
        while i >= 0, isDigit(b[i]) || ((b[i] == 0x2E || b[i] == 0x2C) && i > 0 && isDigit(b[i - 1])) { i -= 1 }
        guard i >= 0 else { return true }
        let before = scalar(endingAt: i + 1, in: b)
        return before == " " || before == "\u{00A0}" || before == "(" || before == "\u{2013}"
    }

    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    private static func isNumber(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: true
        default: false
        }
    }

    /// The scalar whose last byte is just before `end`.
    private static func scalar(endingAt end: Int, in b: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        var start = end - 1
        while start > 0, b[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(startingAt: start, in: b)
    }

    private static func scalar(startingAt start: Int, in b: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        var iterator = b[start...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&iterator) { return s }
        return "\u{FFFD}"
    }
}
