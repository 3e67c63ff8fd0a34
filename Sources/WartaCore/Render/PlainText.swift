import CCMark

import Glibc

/// A Markdown body as plain text, for the `index.txt` of a release (pasted into a messaging group).
///
/// Made by walking cmark's document tree, not by taking tags out of the HTML: the tree says where a
/// block ends (a blank line), what a list item is (a `- ` or `1. ` in front) and where a link goes,
/// none of which survives stripping tags, and there are no entities to decode afterwards. Link
/// targets are kept apart, to be made absolute with the address of the build that writes them.
public struct PlainText: Sendable, Equatable {
    public enum Piece: Sendable, Equatable {
        case text(String)
        /// A link's destination as written, shown after its text as ` (https://…)`.
        case link(String)
    }

    public var pieces: [Piece]

    /// The text, each link target given by `resolve` (nil: left out, as for a link within the page).
    public func text(resolve: (String) -> String?) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .link(let destination): if let url = resolve(destination) { out += " (\(url))" }
            }
        }
        return out
    }
}

extension Markdown {
    typealias Line = [PlainText.Piece]

    /// The document's blocks as plain text, blocks apart by a blank line. Tables, already made
    /// custom blocks by `renderTables`, are found by their node in `tables`.
    static func plainDocument(_ doc: OpaquePointer, tables: [OpaquePointer: [Line]]) -> PlainText {
        var writer = PlainWriter(tables: tables, joinLines: 0x0A)
        writer.blocks(doc, loose: true)
        return PlainText(pieces: writer.finish())
    }

    /// A cell or a short text: its inline content when cmark reads it as one paragraph, else as written.
    static func inlinePlain(_ text: String) -> Line {
        guard !text.isEmpty else { return [] }
        return text.withCString { c -> Line in
            guard let doc = cmark_parse_document(c, strlen(c), options) else { return [.text(text)] }
            defer { cmark_node_free(doc) }
            // A cell read alone can nest where its paragraph did not ("2. 2. 2. …").
            guard MarkdownLimits.depthRefusal(doc, nil) == nil else { return [.text(text)] }
            guard let first = cmark_node_first_child(doc), cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH,
                  cmark_node_next(first) == nil else { return [.text(text)] }
            var writer = PlainWriter(tables: [:], joinLines: 0x20)
            writer.paragraph(first)
            return writer.finish()
        }
    }

    /// Some lines of text as plain text, for a paragraph of table lead-in.
    static func paragraphPlain(_ text: String) -> [Line] {
        text.withCString { c -> [Line] in
            guard let doc = cmark_parse_document(c, strlen(c), options) else { return [[.text(text)]] }
            defer { cmark_node_free(doc) }
            guard MarkdownLimits.depthRefusal(doc, nil) == nil else { return [[.text(text)]] }
            var writer = PlainWriter(tables: [:], joinLines: nil)
            writer.blocks(doc, loose: true)
            return writer.lines
        }
    }
}

/// Writes a document's plain text line by line, in one walk of cmark's tree.
///
/// A line's text is gathered as cmark's bytes; when it ends, each container around it, innermost
/// first, puts its mark in front: a quote `> ` (a blank line in it `>`), a list item its marker on
/// its first line and an indent on the others (a blank line stays blank). A blank line between two
/// blocks is written only once the second gives a line. Walking the tree into a list of lines at
/// every level, each container rewriting its children's, made a String per text node and arrays of
/// arrays at each level: 5 % of a full build.
struct PlainWriter {
    private let tables: [OpaquePointer: [Markdown.Line]]
    /// What joins lines in `finish` (a newline, or a space for a table cell); nil: lines kept apart.
    private let joinLines: UInt8?
    private(set) var lines: [Markdown.Line] = []
    private var pieces: [PlainText.Piece] = []
    private var text: [UInt8] = []
    /// Lines ended so far, in either form.
    private var written = 0

    /// The line being written: its bytes, its links (each after the byte at its offset) and
    /// whether it holds something even when it has no bytes (an empty line of code).
    private var line: [UInt8] = []
    private var lineLinks: [(at: Int, destination: String)] = []
    private var lineMarked = false

    private enum Frame {
        case quote
        case item(marker: String, indent: String, first: Bool)
        /// A container's blocks: whether a line was written in it, and a blank line owed before the next.
        case blocks(loose: Bool, written: Bool, owed: Bool)
    }
    private var frames: [Frame] = []

    init(tables: [OpaquePointer: [Markdown.Line]], joinLines: UInt8?) {
        self.tables = tables
        self.joinLines = joinLines
    }

    /// The lines written, joined by `joinLines` (without it, they are in `lines`).
    mutating func finish() -> [PlainText.Piece] {
        flushText()
        return pieces
    }

    // MARK: Blocks

    mutating func blocks(_ parent: OpaquePointer, loose: Bool) {
        frames.append(.blocks(loose: loose, written: false, owed: false))
        let level = frames.count - 1
        var child = cmark_node_first_child(parent)
        while let node = child {
            child = cmark_node_next(node)
            if case .blocks(let loose, let written, _) = frames[level], loose && written {
                frames[level] = .blocks(loose: loose, written: written, owed: true)
            }
            block(node)
        }
        frames.removeLast()
    }

    private mutating func block(_ node: OpaquePointer) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
            paragraph(node)
        case CMARK_NODE_BLOCK_QUOTE:
            frames.append(.quote)
            blocks(node, loose: true)
            frames.removeLast()
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let tight = cmark_node_get_list_tight(node) != 0
            var number = Int(cmark_node_get_list_start(node))
            let level = frames.count
            var item = cmark_node_first_child(node)
            var firstItem = true
            while let current = item {
                item = cmark_node_next(current)
                let marker = ordered ? "\(number). " : "- "
                number += 1
                // Every item writes a line, so every one but the first follows one.
                if !firstItem && !tight { endLine(from: level) }
                firstItem = false
                frames.append(.item(marker: marker, indent: String(repeating: " ", count: marker.count), first: true))
                blocks(current, loose: !tight)
                guard case .item(_, _, let untouched) = frames.removeLast() else { continue }
                if untouched {
                    add(marker.trimmingWhitespace)
                    endLine(from: level)
                }
            }
        case CMARK_NODE_CODE_BLOCK:
            // By `Character`s, as a reader sees lines: a `\r\n` stays whole.
            guard let literal = cmark_node_get_literal(node) else { return }
            var code = String(cString: literal)
            while code.hasSuffix("\n") { code.removeLast() }
            guard !code.isEmpty else { return }
            for part in code.split(separator: "\n", omittingEmptySubsequences: false) {
                add(String(part))
                endLine()
            }
        case CMARK_NODE_THEMATIC_BREAK:
            add("* * *")
            endLine()
        case CMARK_NODE_CUSTOM_BLOCK:
            for pieces in tables[node] ?? [] {
                for piece in pieces {
                    switch piece {
                    case .text(let t): add(t)
                    case .link(let destination): lineLinks.append((line.count, destination))
                    }
                }
                lineMarked = !pieces.isEmpty
                endLine()
            }
        default:
            break  // raw HTML, which safe mode leaves out of the page too
        }
    }

    /// A paragraph or heading: its inlines, a line for each hard break.
    mutating func paragraph(_ node: OpaquePointer) {
        inlines(node)
        endLine()
    }

    // MARK: Inlines

    private mutating func inlines(_ parent: OpaquePointer) {
        var child = cmark_node_first_child(parent)
        while let node = child {
            child = cmark_node_next(node)
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                guard let literal = cmark_node_get_literal(node) else { continue }
                let bytes = UnsafeRawBufferPointer(start: literal, count: strlen(literal))
                guard memchr(literal, 0x0A, bytes.count) != nil else {
                    line.append(contentsOf: bytes)
                    continue
                }
                // A line break written as a character reference: by `Character`s, so `\r\n` stays whole.
                for (n, part) in String(cString: literal).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if n > 0 { endLine() }
                    line += part.utf8
                }
            case CMARK_NODE_SOFTBREAK:
                line.append(0x20)
            case CMARK_NODE_LINEBREAK:
                endLine()
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG:
                inlines(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let start = line.count, lineBefore = written
                inlines(node)
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                guard !url.isEmpty else { continue }
                // An address shown as its own text (`<https://…>`, `[oss.go.id](https://oss.go.id)`) is
                // not repeated. (A label broken over lines is never one.)
                if written == lineBefore {
                    let shown = line[start...]
                    let bare = url.split(separator: ":", maxSplits: 1).last.map { String($0.drop { $0 == "/" }) } ?? ""
                    if shown.elementsEqual(url.utf8) || shown.elementsEqual(bare.utf8) { continue }
                }
                lineLinks.append((line.count, url))
            default:
                break  // raw HTML inline: left out, as on the page
            }
        }
    }

    // MARK: Lines

    private mutating func add(_ text: String) {
        line.append(contentsOf: text.utf8)
        lineMarked = true
    }

    /// Ends the line being written, with the marks of the containers from `level` out.
    private mutating func endLine(from level: Int? = nil) {
        let level = level ?? frames.count
        // A blank line owed by a container around this one comes first.
        for j in 0..<level {
            guard case .blocks(let loose, let written, true) = frames[j] else { continue }
            frames[j] = .blocks(loose: loose, written: written, owed: false)
            let held = (line, lineLinks, lineMarked)
            line = []
            lineLinks = []
            lineMarked = false
            endLine(from: j)
            (line, lineLinks, lineMarked) = held
        }
        var blank = line.isEmpty && lineLinks.isEmpty && !lineMarked
        var marks: [String] = []  // innermost first
        for j in stride(from: level - 1, through: 0, by: -1) {
            switch frames[j] {
            case .quote:
                marks.append(blank ? ">" : "> ")
                blank = false
            case .item(let marker, let indent, let first):
                if first {
                    marks.append(marker)
                    frames[j] = .item(marker: marker, indent: indent, first: false)
                    blank = false
                } else if !blank {
                    marks.append(indent)
                }
            case .blocks(let loose, _, let owed):
                frames[j] = .blocks(loose: loose, written: true, owed: owed)
            }
        }
        commit(marks: marks.reversed())
        written += 1
        line.removeAll(keepingCapacity: true)
        lineLinks.removeAll(keepingCapacity: true)
        lineMarked = false
    }

    private mutating func commit(marks: ReversedCollection<[String]>) {
        guard let joinLines else {
            var pieces: Markdown.Line = []
            for mark in marks { pieces.append(.text(mark)) }
            appendLine(to: &pieces)
            lines.append(pieces)
            return
        }
        if written > 0 { text.append(joinLines) }
        for mark in marks { text += mark.utf8 }
        var start = 0
        for link in lineLinks {
            text += line[start..<link.at]
            start = link.at
            flushText()
            pieces.append(.link(link.destination))
        }
        text += line[start...]
    }

    /// The line's own pieces, for `lines`.
    private func appendLine(to pieces: inout Markdown.Line) {
        var start = 0
        for link in lineLinks {
            if link.at > start { pieces.append(.text(String(decoding: line[start..<link.at], as: UTF8.self))) }
            start = link.at
            pieces.append(.link(link.destination))
        }
        if start < line.count || (pieces.isEmpty && lineMarked) { pieces.append(.text(String(decoding: line[start...], as: UTF8.self))) }
    }

    private mutating func flushText() {
        guard !text.isEmpty else { return }
        pieces.append(.text(String(decoding: text, as: UTF8.self)))
        text.removeAll(keepingCapacity: true)
    }
}
