/// A JSON object written straight into a string, keys in the order they are added: the shapes
/// Warta writes (JSON-LD) are fixed, so a generic serialiser's bridging and key sorting per page
/// buys nothing. `<`, `>` and `&` are escaped too, so the text is safe inside a `<script>` element.
struct JSONText {
    private(set) var text = "{"
    private var first = true

    mutating func add(_ key: String, _ value: String) {
        self.key(key)
        Self.quote(value, into: &text)
    }

    mutating func add(_ key: String, _ value: Int) {
        self.key(key)
        text += String(value)
    }

    mutating func add(_ key: String, _ value: JSONText) {
        self.key(key)
        text += value.closed
    }

    mutating func add(_ key: String, _ values: [JSONText]) {
        self.key(key)
        text += "["
        for (i, value) in values.enumerated() {
            if i > 0 { text += "," }
            text += value.closed
        }
        text += "]"
    }

    var closed: String { text + "}" }

    private mutating func key(_ key: String) {
        if !first { text += "," }
        first = false
        Self.quote(key, into: &text)
        text += ":"
    }

    static func quote(_ value: String, into out: inout String) {
        out += "\""
        var plain = true
        for b in value.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x3C || b == 0x3E || b == 0x26 {
            plain = false
            break
        }
        if plain {
            out += value
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "<": out += "\\u003c"
                case ">": out += "\\u003e"
                case "&": out += "\\u0026"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        out += "\""
    }
}
