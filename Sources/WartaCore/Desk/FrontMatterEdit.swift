/// Edits a file's front matter as text, one top-level field at a time: the lines of a field the
/// writer changed are replaced, a new field takes the place of its commented example (as `warta new`
/// writes them) or goes at the end, a cleared one is removed. Every other line, the comments, the
/// order of the fields and the body stay byte for byte.
public enum FrontMatterEdit {
    /// The top-level fields of `lines` in order: each key with the lines it spans (its own line and
    /// the indented or `- ` lines under it; blank lines between fields belong to none).
    static func fields(_ lines: [Substring]) -> [(key: String, range: Range<Int>)] {
        var out: [(key: String, range: Range<Int>)] = []
        var i = 0
        while i < lines.count {
            guard let key = topLevelKey(lines[i]) else { i += 1; continue }
            var end = i + 1
            var last = i + 1
            while end < lines.count, topLevelKey(lines[end]) == nil, !lines[end].hasPrefix("#") {
                if !isBlank(lines[end]) { last = end + 1 }
                end += 1
            }
            out.append((key, i..<last))
            i = last
        }
        return out
    }

    /// The lines of `text`, cut at each LF byte (a CR before it stays on its line: Swift's
    /// `split` on a Character would keep CRLF, one grapheme, in one piece).
    static func lines(_ text: String) -> [Substring] {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// The top-level keys of a front matter text.
    public static func keys(_ yaml: String) -> [String] {
        fields(lines(yaml)).map(\.key)
    }

    /// `key` when the line starts a top-level field (`key:` at column 0).
    static func topLevelKey(_ line: Substring) -> String? {
        guard let first = line.first, first != " ", first != "\t", first != "#", first != "-",
              let colon = line.firstIndex(of: ":") else { return nil }
        let after = line.index(after: colon)
        guard after == line.endIndex || line[after] == " " || line[after] == "\r" || line[after] == "\t" else { return nil }
        let key = line[..<colon]
        guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return String(key)
    }

    private static func isBlank(_ line: Substring) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }

    /// `yaml` (the text between the two `---` lines, ending in a line break) with each change made in
    /// turn: `lines` nil removes the field.
    public static func apply(_ yaml: String, _ changes: [(key: String, lines: [String]?)]) -> String {
        let newline = yaml.contains("\r\n") ? "\r\n" : "\n"
        var lines = Self.lines(yaml).map { String($0) }
        // The text after the last line break is an empty "line": kept aside, put back at the end.
        let trailing = lines.last == "" ? lines.removeLast() : nil
        let cr = newline == "\r\n" ? "\r" : ""
        for change in changes {
            let found = fields(lines.map { Substring($0) }).first { $0.key == change.key }
            let replacement = (change.lines ?? []).map { $0 + cr }
            if let found {
                lines.replaceSubrange(found.range, with: replacement)
            } else if change.lines != nil {
                if let example = commentedExample(change.key, in: lines) {
                    lines.replaceSubrange(example, with: replacement)
                } else {
                    // After the last non-blank line, so a trailing blank line stays where it was.
                    var at = lines.count
                    while at > 0, isBlank(Substring(lines[at - 1])) { at -= 1 }
                    lines.insert(contentsOf: replacement, at: at)
                }
            }
        }
        var text = lines.joined(separator: "\n")
        if trailing != nil || !lines.isEmpty { text += "\n" }
        return text
    }

    /// The lines of `# key: …` (a field `warta new` left as an example) and its `#   ` lines.
    static func commentedExample(_ key: String, in lines: [String]) -> Range<Int>? {
        guard let start = lines.firstIndex(where: { $0.hasPrefix("# \(key):") }) else { return nil }
        var end = start + 1
        while end < lines.count, lines[end].hasPrefix("#  ") || lines[end].hasPrefix("# - ") { end += 1 }
        return start..<end
    }

    /// A whole file with its front matter replaced by `yaml` and, when given, its body by `body`;
    /// nil when the file has no front matter to edit. Everything else is kept byte for byte.
    public static func file(_ bytes: [UInt8], yaml: (String) -> String, body: String?) -> [UInt8]? {
        guard case .success(let front) = FrontMatter.split(bytes, path: "") else { return nil }
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, bytes[start] != UInt8(ascii: "\n") { start += 1 }
        start += 1
        let end = start + front.yaml.utf8.count
        var closing = end
        while closing < bytes.count, bytes[closing] != UInt8(ascii: "\n") { closing += 1 }
        if closing < bytes.count { closing += 1 }
        let head = Array(bytes[..<start]) + Array(yaml(front.yaml).utf8) + Array(bytes[end..<closing])
        return head + (body.map { Array($0.utf8) } ?? Array(bytes[closing...]))
    }

    /// The file's front matter text and body as the loader splits them (nil without front matter).
    public static func parts(_ bytes: [UInt8]) -> (yaml: String, body: String, bodyLine: Int)? {
        guard case .success(let front) = FrontMatter.split(bytes, path: "") else { return nil }
        return (front.yaml, front.body, front.bodyLine)
    }

    /// Which top-level field of the front matter holds file line `line` (nil: none, or the body).
    public static func field(atLine line: Int, in bytes: [UInt8]) -> String? {
        guard case .success(let front) = FrontMatter.split(bytes, path: "") else { return nil }
        let index = line - front.yamlLine
        return fields(lines(front.yaml)).first { $0.range.contains(index) }?.key
    }
}
