import Mustache

/// Escaping for HTML and XML text and attribute values, done on UTF-8 bytes: the per-Character
/// escaper in swift-mustache was a measured hot spot.
public enum HTMLEscape {
    public static func escape(_ text: String) -> String {
        var needs = false
        for b in text.utf8 where b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 {
            needs = true
            break
        }
        guard needs else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// The content type every Warta template renders with (set by a pragma the theme loader adds).
extension HTMLEscape {
    /// `escape(text)`, appended to a byte buffer.
    static func append(_ text: String, to out: inout [UInt8]) {
        for b in text.utf8 {
            switch b {
            case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
            case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
            case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
            case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
            case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
            default: out.append(b)
            }
        }
    }
}

struct ByteHTMLContentType: MustacheContentType {
    static let name = "WARTA_HTML"
    func escapeText(_ text: String) -> String { HTMLEscape.escape(text) }
}
