/// A content file cut into its YAML front matter and its Markdown body.
struct FrontMatter {
    var yaml: String
    /// File line on which the YAML text starts (the line after the opening `---`).
    var yamlLine: Int
    /// The body as the file has it, already checked to be UTF-8 (`TextCheck`): cmark reads these
    /// bytes, and a String of the body is made only where one is asked for (decoding every body
    /// again was 1 % of a full build).
    var bodyBytes: ArraySlice<UInt8>
    var body: String { String(decoding: bodyBytes, as: UTF8.self) }
    /// File line on which the body starts.
    var bodyLine: Int

    /// The first steps of every Markdown file with front matter: clean text, split, YAML read. The
    /// reader comes back for the caller's own fields and diagnostics; `parsed` is nil when the file
    /// stops here, with `problems` saying why.
    static func read(_ bytes: [UInt8], path: String, zone: SiteTimeZone)
        -> (parsed: (front: FrontMatter, fields: [YAMLReader.Field])?, reader: YAMLReader, problems: [Diagnostic]) {
        let unread = YAMLReader(path: path, firstLine: 1, zone: zone)
        let textProblems = TextCheck.problems(bytes, path: path)
        if !textProblems.isEmpty { return (nil, unread, textProblems) }
        let front: FrontMatter
        switch split(bytes, path: path) {
        case .success(let f): front = f
        case .failure(let d): return (nil, unread, [d])
        }
        var r = YAMLReader(path: path, firstLine: front.yamlLine, zone: zone)
        guard let fields = r.document(front.yaml, what: "front matter") else { return (nil, r, r.diagnostics) }
        return ((front, fields), r, [])
    }

    var digest: Int {
        var h = StableHash()
        h.combine(yaml)
        h.combine(bodyLine)
        return h.finalize
    }

    /// Splits at whole lines only: the file must open with a `---` line and the front matter ends at
    /// the next line that is exactly `---` (or `...`). A `---` inside the body (a thematic break) is
    /// never mistaken for a delimiter.
    static func split(_ bytes: [UInt8], path: String) -> Result<FrontMatter, Diagnostic> {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }  // a BOM from Windows editors
        guard let firstEnd = lineEnd(bytes, from: start), isDelimiter(bytes[start..<firstEnd.content], dots: false) else {
            return .failure(Diagnostic(path, "missing front matter: the file must start with a line '---', then YAML fields (at least 'title'), then '---'"))
        }
        var line = 2
        var cursor = firstEnd.next
        let yamlStart = cursor
        while cursor < bytes.count, let end = lineEnd(bytes, from: cursor) {
            if isDelimiter(bytes[cursor..<end.content], dots: true) {
                let yaml = String(decoding: bytes[yamlStart..<cursor], as: UTF8.self)
                return .success(FrontMatter(yaml: yaml, yamlLine: 2, bodyBytes: bytes[end.next...], bodyLine: line + 1))
            }
            cursor = end.next
            line += 1
        }
        return .failure(Diagnostic(path, "front matter is never closed: add a line '---' after the last field"))
    }

    /// End of the line starting at `from`: where its content stops (before `\r\n`/`\n`) and where the next begins.
    private static func lineEnd(_ bytes: [UInt8], from: Int) -> (content: Int, next: Int)? {
        guard from <= bytes.count else { return nil }
        var i = from
        while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
        let next = i < bytes.count ? i + 1 : i
        let content = i > from && bytes[i - 1] == UInt8(ascii: "\r") ? i - 1 : i
        return (content, next)
    }

    private static func isDelimiter(_ line: ArraySlice<UInt8>, dots: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { trimmed.removeLast() }
        return trimmed.elementsEqual("---".utf8) || (dots && trimmed.elementsEqual("...".utf8))
    }
}
