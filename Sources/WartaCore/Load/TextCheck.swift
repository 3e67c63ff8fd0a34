/// What a text file must be before anything reads it: UTF-8, with no control characters. A form
/// feed or a NUL pasted from a word processor would otherwise reach feeds and calendars, where it
/// makes the XML or the iCalendar file invalid; it is stopped here, at its own line and column.
enum TextCheck {
    /// Reported per file at most; one is enough to act on, a few show a pattern.
    static let limit = 5

    static func problems(_ bytes: [UInt8], path: String, what: String = "the file") -> [Diagnostic] {
        isClean(bytes) ? [] : walk(bytes, path: path, what: what)
    }

    /// Every byte, counting lines and columns, for where each problem is.
    static func walk(_ bytes: [UInt8], path: String, what: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var line = 1
        var column = 1
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A {
                    line += 1
                    column = 1
                    i += 1
                    continue
                }
                if (b < 0x20 && b != 0x09 && b != 0x0D) || b == 0x7F {
                    found.append(Diagnostic(path, line: line, column: column, """
                    \(what) holds the control character \(name(b)); delete it (it is invisible in most editors: \
                    retype the text around it, or paste as plain text)
                    """))
                    if found.count == limit { return found }
                }
                i += 1
                column += 1
                continue
            }
            guard let length = sequenceLength(bytes, at: i) else {
                found.append(Diagnostic(path, line: line, column: column, "invalid UTF-8: save \(what) as UTF-8 text"))
                return found
            }
            i += length
            column += 1
        }
        return found
    }

    /// True when `problems` would find nothing: the common case, answered eight bytes at a time
    /// (a word of tab-free printable ASCII needs no look at its bytes). Walking every byte while
    /// counting lines and columns was 1.5 % of a full build.
    static func isClean(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var i = 0
            while i < raw.count {
                if i + 8 <= raw.count {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let below20 = (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080
                    let from7F = (w | (w &+ 0x0101_0101_0101_0101)) & 0x8080_8080_8080_8080
                    if below20 | from7F == 0 {
                        i += 8
                        continue
                    }
                }
                let b = raw[i]
                if b == 0x09 || b == 0x0A || b == 0x0D || (b >= 0x20 && b < 0x7F) {
                    i += 1
                } else if b < 0x80 {
                    return false
                } else if let length = sequenceLength(bytes, at: i) {
                    i += length
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// The length of the valid UTF-8 sequence at `i`, or nil. U+FFFE and U+FFFF are refused too:
    /// XML forbids them.
    private static func sequenceLength(_ bytes: [UInt8], at i: Int) -> Int? {
        let b = bytes[i]
        let length: Int
        var minimum: UInt32
        var scalar: UInt32
        switch b {
        case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b & 0x07)
        default: return nil
        }
        guard i + length <= bytes.count else { return nil }
        for k in 1..<length {
            let c = bytes[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(c & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) || scalar == 0xFFFE || scalar == 0xFFFF {
            return nil
        }
        return length
    }

    private static func name(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: 4 - hex.count) + hex
        switch byte {
        case 0x00: return "\(code) (NUL)"
        case 0x0B: return "\(code) (vertical tab)"
        case 0x0C: return "\(code) (form feed, a page break from a word processor)"
        case 0x1B: return "\(code) (escape)"
        case 0x7F: return "\(code) (delete)"
        default: return code
        }
    }
}

/// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) make a title
/// read differently from the characters it holds ("Trojan Source"): a headline shown reversed on
/// a page, a feed or a list. Text in Indonesian or English never needs them.
enum BidiControls {
    static func warning(_ text: String, path: String, at location: SourceLocation?, field: String) -> Diagnostic? {
        let found = text.unicodeScalars.filter { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }
        guard let first = found.first else { return nil }
        let code = "U+" + String(first.value, radix: 16, uppercase: true)
        return Diagnostic(path, at: location, severity: .warning, """
            '\(field)' holds \(found.count == 1 ? "an invisible character" : "\(found.count) invisible characters") \
            that change the direction of the text (\(code)\(found.count > 1 ? ", …" : "")), so readers may see it other than it is \
            written; retype the \(field) without them
            """)
    }
}

