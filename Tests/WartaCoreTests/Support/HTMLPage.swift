import Foundation

/// Reads what tests need out of a page Warta wrote: the `<meta>` tags of its head, its heading
/// levels, the text of an element found by its class, the JSON-LD graph. The Nu HTML Checker
/// (`Tests/validate_site.py`) checks the markup itself; this only finds parts in it.
struct HTMLPage {
    let html: String

    init(_ html: String) { self.html = html }

    /// The head's `<meta property|name="…" content="…">`, by property or name (HTML entities undone).
    var meta: [String: String] {
        var out: [String: String] = [:]
        let head = html.components(separatedBy: "</head>").first ?? ""
        for tag in Self.matches(#"<meta\s[^>]*>"#, in: head) {
            guard let key = Self.attribute("property", in: tag) ?? Self.attribute("name", in: tag),
                  let content = Self.attribute("content", in: tag) else { continue }
            out[key] = content
        }
        return out
    }

    /// Levels of `<h1>`…`<h6>` in document order.
    var headingLevels: [Int] {
        Self.matches(#"<h[1-6][\s>]"#, in: html).map { Int(String($0.dropFirst(2).prefix(1)))! }
    }

    /// Whether every heading is at most one level below the one before it, starting at h1.
    var headingsAreInOrder: Bool {
        var previous = 0
        for level in headingLevels {
            if level > previous + 1 { return false }
            previous = level
        }
        return true
    }

    /// The inner HTML of the first element whose opening tag has `class="…"` (balanced for its tag).
    func element(class name: String) -> String? {
        guard let open = html.range(of: #"<([a-z0-9]+)[^>]*\bclass="\#(name)"[^>]*>"#, options: .regularExpression) else { return nil }
        let tag = String(html[open].dropFirst().prefix { $0.isLetter || $0.isNumber })
        var depth = 1
        var cursor = open.upperBound
        while depth > 0, let next = html.range(of: #"</?\#(tag)[\s>]"#, options: .regularExpression, range: cursor..<html.endIndex) {
            depth += html[next].hasPrefix("</") ? -1 : 1
            if depth == 0 { return String(html[open.upperBound..<next.lowerBound]) }
            cursor = next.upperBound
        }
        return nil
    }

    /// Text with tags taken out and the entities Warta writes undone.
    static func text(_ html: String) -> String {
        var out = html.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: character)
        }
        return out
    }

    /// The objects of the page's JSON-LD `@graph`.
    var structuredData: [[String: Any]] {
        guard let start = html.range(of: "<script type=\"application/ld+json\">")?.upperBound,
              let end = html.range(of: "</script>", range: start..<html.endIndex)?.lowerBound,
              let json = try? JSONSerialization.jsonObject(with: Data(html[start..<end].utf8)) as? [String: Any] else { return [] }
        return json["@graph"] as? [[String: Any]] ?? []
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let range = tag.range(of: #"\s\#(name)="[^"]*""#, options: .regularExpression) else { return nil }
        let value = tag[range].drop { $0 != "\"" }.dropFirst().dropLast()
        return text(String(value))
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }
}
