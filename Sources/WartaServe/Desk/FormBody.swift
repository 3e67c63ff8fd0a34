import WartaCore
/// An `application/x-www-form-urlencoded` body (or query) as name -> value; a name given twice
/// keeps its last value. Malformed escapes are kept as written.
enum FormBody {
    static func parse(_ bytes: some Collection<UInt8>) -> [String: String] {
        var out: [String: String] = [:]
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            out[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return out
    }

    static func decode(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: PercentEncoding.decode(bytes, plusIsSpace: true) ?? [], as: UTF8.self)
    }
}
