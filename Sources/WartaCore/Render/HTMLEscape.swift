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
        var text = text
        text.withUTF8 { append(bytes: $0, to: &out) }
    }

    /// `append` of text already in UTF-8.
    static func append(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        // Runs of bytes that need nothing are copied whole.
        var run = 0
        for i in bytes.indices {
            let entity: StaticString
            switch bytes[i] {
            case 0x26: entity = "&amp;"
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x22: entity = "&quot;"
            case 0x27: entity = "&#39;"
            default: continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
            entity.withUTF8Buffer { out.append(contentsOf: $0) }
            run = i + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
    }
}

struct ByteHTMLContentType: MustacheContentType {
    static let name = "WARTA_HTML"
    func escapeText(_ text: String) -> String { HTMLEscape.escape(text) }
}
