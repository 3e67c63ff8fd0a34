/// Percent-encoding for a URL's query value (RFC 3986): every byte but the unreserved
/// `A-Z a-z 0-9 - . _ ~` is written `%XX`, so a title with `&`, `#` or `?` stays one value.
/// Decoding serves link targets, request paths and form fields alike.
public enum PercentEncoding {
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 2)
        for b in text.utf8 {
            switch b {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E: out.append(b)
            default: out += [0x25, hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `%XX` made the byte it names; with `plusIsSpace` (a form's fields), `+` a space. A `%` not
    /// followed by two hex digits is kept as it is, or with `strict` makes the whole text nil.
    public static func decode(_ bytes: some Collection<UInt8>, plusIsSpace: Bool = false, strict: Bool = false) -> [UInt8]? {
        let b = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if plusIsSpace, b[i] == UInt8(ascii: "+") {
                out.append(0x20)
            } else if b[i] == UInt8(ascii: "%") {
                if i + 2 < b.count, let h = hex(b[i + 1]), let l = hex(b[i + 2]) {
                    out.append(h << 4 | l)
                    i += 2
                } else if strict {
                    return nil
                } else {
                    out.append(b[i])
                }
            } else {
                out.append(b[i])
            }
            i += 1
        }
        return out
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }
}
