import CCMark
@testable import WartaCore

#if canImport(Glibc)
import Glibc
#endif

/// The plain-text walk as it was before `PlainWriter`: a list of lines at every level of the
/// document, each container rewriting its children's. Kept here as the reference the writer is
/// compared with (`PlainTextTests`).
enum PlainTextReference {
    typealias Line = [PlainText.Piece]
    static let options = Markdown.options

    /// The document's blocks as plain text, blocks apart by a blank line. Tables, already made
    /// custom blocks by `renderTables`, are found by their node in `tables`.
    static func plainDocument(_ doc: OpaquePointer, tables: [OpaquePointer: [Line]]) -> PlainText {
        var pieces: [PlainText.Piece] = []
        for (n, line) in blocks(doc, tables: tables, loose: true).enumerated() {
            if n > 0 { pieces.append(.text("\n")) }
            pieces += line
        }
        return PlainText(pieces: pieces)
    }

    /// A cell or a short text: its inline content when cmark reads it as one paragraph, else as written.
    static func inlinePlain(_ text: String) -> Line {
        guard !text.isEmpty else { return [] }
        return text.withCString { c -> Line in
            guard let doc = cmark_parse_document(c, strlen(c), options) else { return [.text(text)] }
            defer { cmark_node_free(doc) }
            guard let first = cmark_node_first_child(doc), cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH,
                  cmark_node_next(first) == nil else { return [.text(text)] }
            return lines(inlines(first)).joinedReference(by: .text(" "))
        }
    }

    /// Some lines of text as plain text, for a paragraph of table lead-in.
    static func paragraphPlain(_ text: String) -> [Line] {
        text.withCString { c -> [Line] in
            guard let doc = cmark_parse_document(c, strlen(c), options) else { return [[.text(text)]] }
            defer { cmark_node_free(doc) }
            return blocks(doc, tables: [:], loose: true)
        }
    }

    /// A container's blocks, line by line; `loose`: a blank line between blocks.
    private static func blocks(_ parent: OpaquePointer, tables: [OpaquePointer: [Line]], loose: Bool) -> [Line] {
        var out: [Line] = []
        var child = cmark_node_first_child(parent)
        while let node = child {
            child = cmark_node_next(node)
            let lines = block(node, tables: tables)
            guard !lines.isEmpty else { continue }
            if !out.isEmpty && loose { out.append([]) }
            out += lines
        }
        return out
    }

    private static func block(_ node: OpaquePointer, tables: [OpaquePointer: [Line]]) -> [Line] {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
            return lines(inlines(node))
        case CMARK_NODE_BLOCK_QUOTE:
            return blocks(node, tables: tables, loose: true).map { $0.isEmpty ? [.text(">")] : [.text("> ")] + $0 }
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let tight = cmark_node_get_list_tight(node) != 0
            var number = Int(cmark_node_get_list_start(node))
            var out: [Line] = []
            var item = cmark_node_first_child(node)
            while let current = item {
                item = cmark_node_next(current)
                let marker = ordered ? "\(number). " : "- "
                number += 1
                if !out.isEmpty && !tight { out.append([]) }
                let content = blocks(current, tables: tables, loose: !tight)
                let indent = String(repeating: " ", count: marker.count)
                out += content.isEmpty ? [[.text(marker.trimmingWhitespace)]] : content.enumerated().map { n, line in
                    n == 0 ? [.text(marker)] + line : line.isEmpty ? [] : [.text(indent)] + line
                }
            }
            return out
        case CMARK_NODE_CODE_BLOCK:
            guard let literal = cmark_node_get_literal(node) else { return [] }
            var text = String(cString: literal)
            while text.hasSuffix("\n") { text.removeLast() }
            return text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map { [.text(String($0))] }
        case CMARK_NODE_THEMATIC_BREAK:
            return [[.text("* * *")]]
        case CMARK_NODE_CUSTOM_BLOCK:
            return tables[node] ?? []
        default:
            return []  // raw HTML, which safe mode leaves out of the page too
        }
    }

    /// Inline pieces cut into lines at hard breaks.
    private static func lines(_ pieces: Line) -> [Line] {
        var out: [Line] = [[]]
        for piece in pieces {
            guard case .text(let text) = piece, hasNewline(text) else {
                out[out.count - 1].append(piece)
                continue
            }
            for (n, part) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if n > 0 { out.append([]) }
                if !part.isEmpty { out[out.count - 1].append(.text(String(part))) }
            }
        }
        return out
    }

    /// memchr, not a walk of the UTF-8 view (1 % of a full build).
    private static func hasNewline(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.baseAddress.map { memchr($0, 0x0A, bytes.count) != nil } ?? false }
    }

    private static func inlines(_ parent: OpaquePointer) -> Line {
        var out: Line = []
        // A run of text nodes gathered as cmark's bytes and made a String once, at its end: a
        // String for every text node was 1 % of a full build.
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty { out.append(.text(String(decoding: text, as: UTF8.self))) }
            text.removeAll(keepingCapacity: true)
        }
        var child = cmark_node_first_child(parent)
        while let node = child {
            child = cmark_node_next(node)
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) {
                    text.append(contentsOf: UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
                }
            case CMARK_NODE_SOFTBREAK:
                text.append(0x20)
            case CMARK_NODE_LINEBREAK:
                text.append(0x0A)
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG:
                flush()
                out += inlines(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                flush()
                let label = inlines(node)
                out += label
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let shown = label.map { piece -> String in if case .text(let t) = piece { t } else { "" } }.joined()
                // An address shown as its own text (`<https://…>`, `[oss.go.id](https://oss.go.id)`) is not repeated.
                let bare = url.split(separator: ":", maxSplits: 1).last.map { String($0.drop { $0 == "/" }) } ?? ""
                if !url.isEmpty, shown != url, shown != bare { out.append(.link(url)) }
            default:
                break  // raw HTML inline: left out, as on the page
            }
        }
        flush()
        return out
    }
}

extension Array where Element == PlainTextReference.Line {
    func joinedReference(by separator: PlainText.Piece) -> PlainTextReference.Line {
        var out: PlainTextReference.Line = []
        for (n, line) in enumerated() {
            if n > 0 { out.append(separator) }
            out += line
        }
        return out
    }
}
