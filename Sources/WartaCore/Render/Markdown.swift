import CCMark

import Glibc

/// The one call into libcmark. Safe mode is asked for by name (it is only the default from cmark
/// 0.29 on): raw HTML and `javascript:`/`vbscript:`/`data:` links are dropped. Smart punctuation is
/// on. One parse gives the HTML, the first paragraph and every link, so a body is read once. No
/// cmark pointer leaves this function.
public enum Markdown {
    public struct Rendered: Sendable {
        public let html: String
        /// What the body holds, read from the same parse as `scan` reads it.
        public let scan: Scan
        /// The body as plain text, when asked for (releases: their `index.txt`).
        public var plain: PlainText?

        public var firstParagraph: String { scan.firstParagraph }
        public var links: [Link] { scan.links }
        public var rawHTML: [Link] { scan.rawHTML }
        public var imagesWithoutAlt: [Link] { scan.imagesWithoutAlt }
    }

    /// What one reading of a body tells without rendering it, kept on every item for the checks and
    /// the listings. The HTML and plain text wait in a `BodyStore` until an output shows the body
    /// (`ItemBody`): holding every body's HTML and text from loading to writing was 180 MB at
    /// 10,000 releases.
    public struct Scan: Sendable {
        /// Plain text of the first paragraph, for listings when no summary is written.
        public var firstParagraph: String
        /// Every link and image destination, located in the Markdown text (line 1: the body's first).
        public var links: [Link]
        public var rawHTML: [Link] = []
        public var imagesWithoutAlt: [Link] = []
        /// Set when the text is past `MarkdownLimits` and was read as empty.
        public var refusal: Refusal? = nil
    }

    /// Why a text was not read, at its place (line 1: the text's first).
    public struct Refusal: Sendable, Equatable {
        public let line: Int
        public let column: Int
        public let message: String
    }

    public struct Link: Sendable, Equatable {
        public let destination: String
        public let isImage: Bool
        public let line: Int
        public let column: Int
    }

    public static func render(_ markdown: String, plainText: Bool = false) -> Rendered {
        parse(markdown, tablesAsText: plainText) { doc, scan, tables in
            Rendered(html: take(cmark_render_html(doc, options)), scan: scan, plain: plainText ? plainDocument(doc, tables: tables) : nil)
        } ?? Rendered(html: "", scan: Scan(firstParagraph: "", links: []))
    }

    /// `render` of a body's UTF-8 bytes, its HTML and plain text parked in `store` from cmark's
    /// bytes, never made into Strings here (`BodyStore`).
    static func park(_ markdown: ArraySlice<UInt8>, plainText: Bool, in store: BodyStore) -> (scan: Scan, stored: BodyStore.Entry?) {
        markdown.withUnsafeBufferPointer { source in
            parse(source, source: { String(decoding: markdown, as: UTF8.self) }, tablesAsText: plainText) { doc, scan, tables in
                let html = cmark_render_html(doc, options)  // before the plain text, as `render` does
                defer { free(html) }
                let plain = plainText ? plainDocument(doc, tables: tables) : nil
                let bytes = UnsafeBufferPointer(start: html.map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) }, count: html.map { strlen($0) } ?? 0)
                return (scan, store.put(html: bytes, plain: plain))
            } ?? (Scan(firstParagraph: "", links: []), store.put(html: "", plain: nil))
        }
    }

    /// The body's links, raw HTML and first paragraph, without rendering it.
    public static func scan(_ markdown: String) -> Scan {
        parse(markdown, tablesAsText: false) { _, scan, _ in scan } ?? Scan(firstParagraph: "", links: [])
    }

    /// Safe mode asked for by name, smart punctuation on: every parse of Markdown written by the site.
    static let options = CMARK_OPT_SMART | CMARK_OPT_SAFE

    /// The one parse: the document with its tables made custom blocks, and what it holds, read the
    /// same way for `scan` and `render` (an item's page checks its body against its scan).
    private static func parse<T>(_ markdown: String, tablesAsText: Bool,
                                 _ use: (OpaquePointer, Scan, [OpaquePointer: [Line]]) -> T) -> T? {
        var text = markdown
        return text.withUTF8 { parse($0, source: { markdown }, tablesAsText: tablesAsText, use) }
    }

    /// `parse` of UTF-8 bytes; `source`, the same text as a String, is asked for only by a body
    /// with inline HTML or a table.
    private static func parse<T>(_ buf: UnsafeBufferPointer<UInt8>, source: () -> String, tablesAsText: Bool,
                                 _ use: (OpaquePointer, Scan, [OpaquePointer: [Line]]) -> T) -> T? {
        if let refusal = MarkdownLimits.bracketRefusal(buf) { return refused(refusal, use) }
        guard let doc = cmark_parse_document(buf.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                             buf.count, options) else { return nil }
        defer { cmark_node_free(doc) }
        // Before any walk that recurses: a refused tree is never walked.
        if let refusal = MarkdownLimits.depthRefusal(doc, buf) { return refused(refusal, use) }
        let (found, raw, noAlt) = references(doc, bytes: buf, source: source)
        let tables = renderTables(doc, bytes: buf, source: source, plainText: tablesAsText)  // a table is no first paragraph
        return use(doc, Scan(firstParagraph: firstParagraph(doc), links: found, rawHTML: raw, imagesWithoutAlt: noAlt), tables)
    }

    /// A refused text is read as an empty document that carries the refusal.
    private static func refused<T>(_ refusal: Refusal, _ use: (OpaquePointer, Scan, [OpaquePointer: [Line]]) -> T) -> T? {
        guard let empty = cmark_node_new(CMARK_NODE_DOCUMENT) else { return nil }
        defer { cmark_node_free(empty) }
        return use(empty, Scan(firstParagraph: "", links: [], refusal: refusal), [:])
    }

    private static func firstParagraph(_ doc: OpaquePointer) -> String {
        var node = cmark_node_first_child(doc)
        while let n = node, cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH { node = cmark_node_next(n) }
        return node.map(Self.plainText) ?? ""
    }

    /// In one walk of the document: link and image destinations, and raw HTML blocks and inline
    /// tags, in document order. A link or image has its own position (its `[` or `![`); a node
    /// without one is placed at the start of the block that holds it, and an inline tag is looked
    /// for in that block's lines.
    private static func references(_ doc: OpaquePointer, bytes: UnsafeBufferPointer<UInt8>, source: () -> String) -> (links: [Link], rawHTML: [Link], noAlt: [Link]) {
        var links: [Link] = []
        var noAlt: [Link] = []
        var raw: [Link] = []
        var lines: [Substring]?
        // cmark counts columns in bytes; diagnostics count characters. Line starts found once, by bytes.
        var lineStarts: [Int]?
        func characterColumn(_ line: Int, _ byteColumn: Int) -> Int {
            guard line >= 1, byteColumn > 1 else { return max(byteColumn, 1) }
            if lineStarts == nil, let base = bytes.baseAddress {
                // memchr from line to line: a walk of every byte was a measured part of a build.
                var starts = [0]
                var at = 0
                while at < bytes.count, let hit = memchr(base + at, 0x0A, bytes.count - at) {
                    at = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
                    starts.append(at)
                }
                lineStarts = starts
            }
            guard let starts = lineStarts, line <= starts.count else { return byteColumn }
            var n = 1
            for k in starts[line - 1]..<min(starts[line - 1] + byteColumn - 1, bytes.count) where bytes[k] & 0xC0 != 0x80 { n += 1 }
            return n
        }
        guard let iter = cmark_iter_new(doc) else { return ([], [], []) }
        defer { cmark_iter_free(iter) }
        while case let event = cmark_iter_next(iter), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            let isLink = type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE
            guard isLink || type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE else { continue }
            // The node itself when it has a position, else the nearest block around it that has one.
            var block: OpaquePointer? = node
            while let b = block, cmark_node_get_start_line(b) == 0 { block = cmark_node_parent(b) }
            var line = block.map { Int(cmark_node_get_start_line($0)) } ?? 1
            var column = characterColumn(line, block.map { Int(cmark_node_get_start_column($0)) } ?? 1)
            if isLink {
                guard let url = cmark_node_get_url(node) else { continue }
                let destination = String(cString: url)
                let link = Link(destination: destination, isImage: type == CMARK_NODE_IMAGE, line: max(line, 1), column: max(column, 1))
                links.append(link)
                // The alt text is the image node's children; blank text reads as none to a screen reader.
                if link.isImage, blank(cmark_node_first_child(node)) { noAlt.append(link) }
                continue
            }
            guard let literal = cmark_node_get_literal(node) else { continue }
            let text = String(cString: literal)
            if type == CMARK_NODE_HTML_INLINE, let b = block {
                if lines == nil { lines = source().split(separator: "\n", omittingEmptySubsequences: false) }
                let end = Int(cmark_node_get_end_line(b))
                let needle = text.split(separator: "\n").first.map(String.init) ?? text
                for l in max(line, 1)...max(end, line) where l <= lines!.count {
                    let text = lines![l - 1]
                    if let at = text.indices.first(where: { text[$0...].hasPrefix(needle) }) {
                        line = l
                        column = text.distance(from: text.startIndex, to: at) + 1
                        break
                    }
                }
            }
            raw.append(Link(destination: text, isImage: type == CMARK_NODE_HTML_BLOCK, line: max(line, 1), column: max(column, 1)))
        }
        return (links, raw, noAlt)
    }

    /// True when the inline nodes from `first` on hold no visible text.
    private static func blank(_ first: OpaquePointer?) -> Bool {
        var node = first
        while let n = node {
            if let literal = cmark_node_get_literal(n), String(cString: literal).contains(where: { !$0.isWhitespace }) { return false }
            if !blank(cmark_node_first_child(n)) { return false }
            node = cmark_node_next(n)
        }
        return true
    }

    /// A title or summary with the smart punctuation the body gets ("…" and '…' curled, `--` and
    /// `---` made dashes, `...` an ellipsis), and nothing else read as Markdown: cmark reads it as the
    /// text of a heading with every other ASCII punctuation mark escaped, so the rules are cmark's own.
    public static func smartPunctuation(_ text: String) -> String {
        mayChange(text) ? smartPunctuationByParse(text) : text
    }

    /// Whether cmark's smart punctuation has anything to change: a quote, `--` or `...`, or a
    /// line break (made a space). A text without any is itself; a summary ends with a full stop,
    /// and parsing every one of them was 1 % of a full build.
    private static func mayChange(_ text: String) -> Bool {
        var previous: UInt8 = 0, run = 0
        for c in text.utf8 {
            switch c {
            case 0x22, 0x27, 0x0A, 0x0D: return true
            case 0x2D, 0x2E:
                run = c == previous ? run + 1 : 1
                if run == (c == 0x2D ? 2 : 3) { return true }
            default: run = 0
            }
            previous = c
        }
        return false
    }

    /// `smartPunctuation` through cmark, whatever the text.
    static func smartPunctuationByParse(_ text: String) -> String {
        let source = headingSource(text)
        return source.withCString { c -> String in
            guard let doc = cmark_parse_document(c, strlen(c), CMARK_OPT_SMART) else { return text }
            defer { cmark_node_free(doc) }
            guard let heading = cmark_node_first_child(doc), cmark_node_get_type(heading) == CMARK_NODE_HEADING else { return text }
            let smart = plainText(heading)
            return smart.isEmpty ? text : smart
        }
    }

    /// `# ` and the text with every ASCII punctuation mark but `"'-.` escaped and line breaks made
    /// spaces. By bytes, as every title and summary passes here; by `Character`s only when a mark
    /// is joined to a punctuation sign, where the two readings could differ.
    static func headingSource(_ text: String) -> String {
        let b = Array(text.utf8)
        func isMark(_ c: UInt8) -> Bool {
            (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E)
        }
        if b.indices.contains(where: { isMark(b[$0]) && $0 + 1 < b.count && b[$0 + 1] >= 0x80 }) { return headingSourceByCharacters(text) }
        var out: [UInt8] = [0x23, 0x20]
        out.reserveCapacity(b.count + 8)
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x0D, i + 1 < b.count, b[i + 1] == 0x0A {
                out += [0x0D, 0x0A]  // one Character, neither "\n" nor "\r": kept as it was
                i += 2
                continue
            }
            if c == 0x0A || c == 0x0D {
                out.append(0x20)
            } else if isMark(c), c != 0x22, c != 0x27, c != 0x2D, c != 0x2E {
                out += [0x5C, c]
            } else {
                out.append(c)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `headingSource` read by `Character`s (a test holds the two to the same results).
    static func headingSourceByCharacters(_ text: String) -> String {
        var source = "# "
        for ch in text {
            if ch == "\n" || ch == "\r" {
                source += " "
            } else if ch.isASCII, ch.isPunctuation || ch.isSymbol, !"\"'-.".contains(ch) {
                source += "\\" + String(ch)
            } else {
                source.append(ch)
            }
        }
        return source
    }

    /// A table cell: inline Markdown only. A cell that cmark would read as a block (`# x`, `- x`)
    /// is shown as the text it is.
    static func inlineHTML(_ text: String) -> String {
        guard !text.isEmpty else { return "" }
        let html = blockHTML(text)
        guard html.hasPrefix("<p>"), html.hasSuffix("</p>\n"), !html.dropFirst(3).contains("<p>") else { return HTMLEscape.escape(text) }
        return String(html.dropFirst(3).dropLast(5))
    }

    static func blockHTML(_ text: String) -> String {
        text.withCString { take(cmark_markdown_to_html($0, strlen($0), options)) }
    }

    /// A whole body as plain text, for places that take no HTML (a CAP message): blocks apart by
    /// a blank line, list items led by "- ", markup and raw HTML dropped.
    public static func plainText(_ markdown: String) -> String {
        var source = markdown
        guard source.withUTF8({ MarkdownLimits.bracketRefusal($0) }) == nil else { return "" }
        let doc = markdown.withCString { cmark_parse_document($0, strlen($0), options) }
        guard let doc, let iter = cmark_iter_new(doc) else { return "" }
        defer {
            cmark_iter_free(iter)
            cmark_node_free(doc)
        }
        var out = ""
        while case let event = cmark_iter_next(iter), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT {
                if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING { out += "\n\n" }
                continue
            }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) { out += String(cString: literal) }
            case CMARK_NODE_CODE_BLOCK:
                if let literal = cmark_node_get_literal(node) { out += String(cString: literal) + "\n" }
            case CMARK_NODE_SOFTBREAK: out += " "
            case CMARK_NODE_LINEBREAK: out += "\n"
            case CMARK_NODE_ITEM: out += "- "
            default: break
            }
        }
        // Items of a list sit on lines of their own, not a blank line apart.
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingWhitespace }
        var text: [String] = []
        for line in lines where !(line.isEmpty && (text.last?.isEmpty ?? true)) { text.append(line) }
        let kept = text.indices.filter { i in
            !(text[i].isEmpty && i > 0 && i + 1 < text.count && text[i - 1].hasPrefix("- ") && text[i + 1].hasPrefix("- "))
        }
        return kept.map { text[$0] }.joined(separator: "\n").trimmingWhitespace
    }

    /// The text of a node and its descendants, breaks as spaces, markup dropped.
    private static func plainText(_ node: OpaquePointer) -> String {
        var out = ""
        guard let iter = cmark_iter_new(node) else { return out }
        defer { cmark_iter_free(iter) }
        while case let event = cmark_iter_next(iter), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iter) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(current) { out += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                out += " "
            default:
                break
            }
        }
        return out
    }

    private static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

/// Short plain-text teasers for listings and feeds.
public enum Excerpt {
    /// Collapses white space and cuts at a word boundary near `limit` characters.
    public static func make(_ text: String, limit: Int = 220) -> String {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        var out = ""
        for word in words {
            if out.count + word.count + 1 > limit {
                return out + "…"
            }
            if !out.isEmpty { out += " " }
            out += word
        }
        return out
    }
}
