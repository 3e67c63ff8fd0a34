import Foundation

/// URL path segments made from titles, file names and tags.
public enum Slug {
    /// Lowercase ASCII letters, digits and single hyphens; accents folded (é -> e).
    public static func make(_ text: String) -> String {
        var out: [UInt8] = []
        var pendingHyphen = false
        // Decomposition (é -> e + accent) is only needed, and only paid for, outside ASCII.
        let scalars = text.utf8.allSatisfy { $0 < 0x80 } ? text.unicodeScalars : text.decomposedStringWithCanonicalMapping.unicodeScalars
        for scalar in scalars {
            let v = scalar.value
            let byte: UInt8?
            switch v {
            case 0x61...0x7A, 0x30...0x39: byte = UInt8(v)
            case 0x41...0x5A: byte = UInt8(v + 32)
            case 0x300...0x36F: continue  // combining accents left over from decomposition
            default: byte = nil
            }
            if let byte {
                if pendingHyphen && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                out.append(byte)
            } else {
                pendingHyphen = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func isValid(_ slug: String) -> Bool {
        !slug.isEmpty && make(slug) == slug
    }
}
