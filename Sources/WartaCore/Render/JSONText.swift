/// A JSON object written straight into UTF-8 bytes, keys in the order they are added: the shapes
/// Warta writes (JSON-LD) are fixed, so a generic serialiser's bridging and key sorting per page
/// buys nothing. `<`, `>` and `&` are escaped too, so the text is safe inside a `<script>` element.
struct JSONText {
    private var bytes: [UInt8] = [0x7B]  // {
    private var first = true

    mutating func add(_ key: String, _ value: String) {
        self.key(key)
        Self.quote(value, into: &bytes)
    }

    mutating func add(_ key: String, _ value: Int) {
        self.key(key)
        bytes += String(value).utf8
    }

    mutating func add(_ key: String, _ value: JSONText) {
        self.key(key)
        value.close(into: &bytes)
    }

    mutating func add(_ key: String, _ values: [JSONText]) {
        self.key(key)
        bytes.append(0x5B)  // [
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            value.close(into: &bytes)
        }
        bytes.append(0x5D)  // ]
    }

    /// The object, closed.
    var closed: String {
        var out = bytes
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    private func close(into out: inout [UInt8]) {
        out += bytes
        out.append(0x7D)  // }
    }

    private mutating func key(_ key: String) {
        if !first { bytes.append(0x2C) }
        first = false
        Self.quote(key, into: &bytes)
        bytes.append(0x3A)  // :
    }

    /// Runs of bytes that need no escape are copied whole.
    static func quote(_ value: String, into out: inout [UInt8]) {
        out.append(0x22)
        var value = value
        value.withUTF8 { b in
            var run = 0
            for i in b.indices {
                let c = b[i]
                let escape: String
                switch c {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x3C: escape = "\\u003c"
                case 0x3E: escape = "\\u003e"
                case 0x26: escape = "\\u0026"
                case 0..<0x20:
                    let hex = String(c, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: continue
                }
                out += b[run..<i]
                out += escape.utf8
                run = i + 1
            }
            out += b[run...]
        }
        out.append(0x22)
    }
}
