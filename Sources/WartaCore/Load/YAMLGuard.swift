/// Refuses, before the YAML parser sees it, what could make reading front matter or `site.yml`
/// slow or crash: more than 1 MiB, nesting deeper than 64, and anchors or aliases. An alias can
/// stand for a tree that doubles at every level (a "billion laughs"); used as a mapping key it is
/// hashed whole by the parser's duplicate check, which never ends. Content never needs them.
///
/// This is a scan of the text, not a second parser: it follows quotes, comments, block scalars and
/// flow brackets just far enough to know where a node may start.
enum YAMLGuard {
    static let maxBytes = 1 << 20
    static let maxDepth = 64

    struct Refusal {
        let line: Int
        let column: Int
        let message: String
    }

    static func refusal(_ yaml: String) -> Refusal? {
        let bytes = Array(yaml.utf8)
        if bytes.count > maxBytes {
            return Refusal(line: 1, column: 1, message: "the YAML is \(bytes.count / 1024) KiB; the limit is \(maxBytes / 1024) KiB")
        }
        var scanner = Scanner(bytes: bytes)
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var lineStart = 0
        var flowDepth = 0
        /// Indentations of the open block collections.
        var indents: [Int] = []
        /// Set after a block scalar header (`|`, `>`): lines indented deeper than this are text.
        var blockScalarIndent: Int?

        init(bytes: [UInt8]) { self.bytes = bytes }

        var column: Int { i - lineStart + 1 }

        mutating func run() -> Refusal? {
            while i < bytes.count {
                if let refusal = scanLine() { return refusal }
            }
            return nil
        }

        /// One physical line, starting at its first byte.
        mutating func scanLine() -> Refusal? {
            lineStart = i
            var indent = 0
            while i < bytes.count, bytes[i] == 0x20 { i += 1; indent += 1 }
            let blank = i >= bytes.count || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x23
            if let scalarIndent = blockScalarIndent {
                if blank || indent > scalarIndent { return skipRestOfLine() }
                blockScalarIndent = nil
            }
            if blank { return skipRestOfLine() }
            if flowDepth == 0 {
                while let last = indents.last, last > indent { indents.removeLast() }
                if indents.last != indent { indents.append(indent) }
            }
            var depth = indents.count + flowDepth
            var atNodeStart = true
            var lastSignificant: UInt8 = 0
            while i < bytes.count, bytes[i] != 0x0A {
                let b = bytes[i]
                if atNodeStart && b != 0x20 && b != 0x09 {
                    if b == UInt8(ascii: "&") || b == UInt8(ascii: "*") {
                        return Refusal(line: line, column: column, message: """
                        YAML anchors and aliases ('&name', '*name') are not allowed here; write the value out, \
                        or put text that starts with '\(Character(Unicode.Scalar(b)))' in quotes
                        """)
                    }
                    if (b == 0x2D || b == 0x3F), next(1) == 0x20 || next(1) == 0x0A || next(1) == nil {  // "- " and "? " open a nested node
                        depth += 1
                        if depth > maxDepth { return tooDeep() }
                        i += 1
                        continue
                    }
                    atNodeStart = false
                }
                switch b {
                case 0x22, 0x27:  // a quoted scalar, perhaps over several lines
                    if let refusal = skipQuoted(b) { return refusal }
                    lastSignificant = b
                    continue
                case 0x23 where i == lineStart || bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09:
                    return skipRestOfLine(closing: lastSignificant, indent: indent)
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flowDepth += 1
                    depth += 1
                    if depth > maxDepth { return tooDeep() }
                    atNodeStart = true
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flowDepth = max(0, flowDepth - 1)
                    depth -= 1
                case UInt8(ascii: ","):
                    if flowDepth > 0 { atNodeStart = true }
                case UInt8(ascii: ":"):
                    if next(1) == 0x20 || next(1) == 0x0A || next(1) == nil || flowDepth > 0 { atNodeStart = true }
                default:
                    break
                }
                if b != 0x20 && b != 0x09 && b != 0x0D { lastSignificant = b }
                i += 1
            }
            return skipRestOfLine(closing: lastSignificant, indent: indent)
        }

        func next(_ k: Int) -> UInt8? { i + k < bytes.count ? bytes[i + k] : nil }

        func tooDeep() -> Refusal {
            Refusal(line: line, column: column, message: "the YAML nests deeper than \(maxDepth) levels")
        }

        /// Moves past the end of the line; a line whose last token opens a block scalar (`|`, `>`,
        /// with indicators) makes the deeper lines after it plain text.
        mutating func skipRestOfLine(closing last: UInt8 = 0, indent: Int = 0) -> Refusal? {
            var header = i - 1
            while header >= lineStart, [0x20, 0x09, 0x0D, 0x2B, 0x2D].contains(bytes[header]) || (0x30...0x39).contains(bytes[header]) {
                header -= 1
            }
            if last == UInt8(ascii: "|") || last == UInt8(ascii: ">"), header >= lineStart, bytes[header] == last {
                blockScalarIndent = indent
            }
            while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            if i < bytes.count { i += 1 }
            line += 1
            return nil
        }

        mutating func skipQuoted(_ quote: UInt8) -> Refusal? {
            i += 1
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x0A {
                    line += 1
                    lineStart = i + 1
                } else if quote == 0x22 && b == 0x5C {
                    i += 2
                    continue
                } else if b == quote {
                    if quote == 0x27 && next(1) == 0x27 {
                        i += 2
                        continue
                    }
                    i += 1
                    return nil
                }
                i += 1
            }
            return nil
        }
    }
}
