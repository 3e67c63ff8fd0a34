/// The links of a built page, read from its HTML: every `href="…"` and `src="…"` that points into
/// the site must land on a file of the build. `publish` checks the folder it built with this before
/// sending anything, and `check` the sites it builds in memory at the coming instants (`LookAhead`).
public enum BuiltLinks {
    /// A link into the site, where it stands in the page.
    public struct Link: Sendable, Equatable {
        public let value: String
        /// The site path it leads to (`siaran-pers/`, `lampiran/x.pdf`).
        public let target: String
        public let line: Int
        public let column: Int
    }

    /// The links of `bytes` that point into the site at `base`, in page order.
    public static func links(in bytes: [UInt8], base: BaseURL) -> [Link] {
        var found: [Link] = []
        var line = 1, column = 1
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") {
                line += 1
                column = 1
                i += 1
                continue
            }
            var attributeLength = 0
            if b == UInt8(ascii: "h"), i + 6 <= n, bytes[i..<i + 6].elementsEqual("href=\"".utf8) { attributeLength = 6 }
            if b == UInt8(ascii: "s"), i + 5 <= n, bytes[i..<i + 5].elementsEqual("src=\"".utf8) { attributeLength = 5 }
            if attributeLength > 0, i == 0 || bytes[i - 1] == UInt8(ascii: " ") {
                let start = i + attributeLength
                var end = start
                while end < n, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                let value = String(decoding: bytes[start..<end], as: UTF8.self)
                if let target = sitePath(of: value, base: base) {
                    found.append(Link(value: value, target: target, line: line, column: column + attributeLength))
                }
                column += end - i
                i = end
                continue
            }
            // Count columns in characters: skip UTF-8 continuation bytes.
            if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return found
    }

    /// The links of a page that lead to no file of `present`, except under `unmade` folders (the
    /// search index, when Pagefind is absent).
    public static func broken(_ links: [Link], present: Set<String>, unmade: [String] = []) -> [Link] {
        links.filter { !exists($0.target, in: present) && !unmade.contains(where: $0.target.hasPrefix) }
    }

    /// The site path a link points to, or nil when it leaves the site (another host, mailto:, #…).
    public static func sitePath(of link: String, base: BaseURL) -> String? {
        var value = link.replacing("&amp;", with: "&")
        if value.hasPrefix(base.origin + "/") { value = String(value.dropFirst(base.origin.count)) }
        guard value.hasPrefix(base.path), !value.hasPrefix("//") else { return nil }
        value = String(value.dropFirst(base.path.count))
        if let cut = value.firstIndex(where: { $0 == "?" || $0 == "#" }) { value = String(value[..<cut]) }
        guard value.contains("%") else { return value }
        return PercentEncoding.decode(value.utf8).map { String(decoding: $0, as: UTF8.self) } ?? value
    }

    /// `x/` is its `x/index.html`; `x` may be a file or a folder's page.
    public static func exists(_ path: String, in present: Set<String>) -> Bool {
        if path.isEmpty { return present.contains("index.html") }
        if path.hasSuffix("/") { return present.contains(path + "index.html") }
        return present.contains(path) || present.contains(path + "/index.html")
    }
}
