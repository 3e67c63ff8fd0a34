import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import WartaCore

/// Checks run on a finished build before anything is uploaded: every internal link and image
/// leads to a file of the build, and every XML file (feeds, sitemap) parses.
public enum SiteChecks {
    /// Links under `unmade` folders are not checked (the search index, when Pagefind is absent).
    public static func run(output: String, base: BaseURL, unmade: [String] = []) -> [Diagnostic] {
        let files = (try? PosixFile.walk(output)) ?? []
        let present = Set(files)
        var problems: [Diagnostic] = []
        for file in files where file.hasSuffix(".html") {
            guard let bytes = try? PosixFile.read(output + "/" + file) else { continue }
            problems += brokenLinks(in: bytes, file: file, present: present, base: base, unmade: unmade)
        }
        for file in files where file.hasSuffix(".xml") {
            guard let data = FileManager.default.contents(atPath: output + "/" + file) else { continue }
            let parser = XMLParser(data: data)
            if !parser.parse() {
                problems.append(Diagnostic("public/" + file, line: parser.lineNumber, column: parser.columnNumber,
                                           "not well-formed XML: \(parser.parserError.map { "\($0.localizedDescription)" } ?? "parse error")"))
            }
        }
        return problems
    }

    /// `href="…"` and `src="…"` values that point into the site but at no file of the build.
    static func brokenLinks(in bytes: [UInt8], file: String, present: Set<String>, base: BaseURL, unmade: [String] = []) -> [Diagnostic] {
        var problems: [Diagnostic] = []
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
                if let target = sitePath(of: value, base: base), !exists(target, in: present), !unmade.contains(where: { target.hasPrefix($0) }) {
                    problems.append(Diagnostic("public/" + file, line: line, column: column + attributeLength,
                                               "broken link: \(value) leads to no page or file of the site"))
                }
                column += end - i
                i = end
                continue
            }
            // Count columns in characters: skip UTF-8 continuation bytes.
            if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return problems
    }

    /// The site path a link points to, or nil when it leaves the site (another host, mailto:, #…).
    static func sitePath(of link: String, base: BaseURL) -> String? {
        var value = link.replacingOccurrences(of: "&amp;", with: "&")
        if value.hasPrefix(base.origin + "/") { value = String(value.dropFirst(base.origin.count)) }
        guard value.hasPrefix(base.path), !value.hasPrefix("//") else { return nil }
        value = String(value.dropFirst(base.path.count))
        if let cut = value.firstIndex(where: { $0 == "?" || $0 == "#" }) { value = String(value[..<cut]) }
        return value.removingPercentEncoding ?? value
    }

    static func exists(_ path: String, in present: Set<String>) -> Bool {
        if path.isEmpty { return present.contains("index.html") }
        if path.hasSuffix("/") { return present.contains(path + "index.html") }
        return present.contains(path) || present.contains(path + "/index.html")
    }
}
