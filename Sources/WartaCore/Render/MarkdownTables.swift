import CCMark
import Glibc

/// Pipe tables on cmark's tree, wherever a paragraph stands (the one parse in `Markdown` calls this).
extension Markdown {
    /// Paragraphs that are pipe tables become blocks of table HTML (see `PipeTable`), wherever a
    /// paragraph stands: at the top, in block quotes and in list items, nested as deep as they go.
    /// Their cells are rendered by cmark with the same options. With `plainText`, also each table's
    /// plain text, by its new node.
    /// Lines are found as bytes: walking a body by characters cost a sixth of a full build.
    static func renderTables(_ doc: OpaquePointer, bytes: UnsafeBufferPointer<UInt8>, source: () -> String,
                                     plainText: Bool) -> [OpaquePointer: [Line]] {
        var texts: [OpaquePointer: [Line]] = [:]
        let pipe = UInt8(ascii: "|")
        // Most bodies: no table possible. memchr, not a walk of the UTF-8 view, which was 3 % of a build.
        guard let base = bytes.baseAddress, memchr(base, Int32(pipe), bytes.count) != nil else { return texts }
        let source = source()
        var lines: [Substring]?
        for (n, containers) in paragraphs(doc) {
            let start = Int(cmark_node_get_start_line(n)), end = Int(cmark_node_get_end_line(n))
            if lines == nil {
                lines = source.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
            }
            guard let all = lines, start >= 1, end >= start, end <= all.count else { continue }
            // The first line from the paragraph's own column (cmark's, in bytes: after any `>` or
            // list marker); the others without the quotes' `>` and the items' indentation.
            let column = max(Int(cmark_node_get_start_column(n)) - 1, 0)
            let own = all[(start - 1)..<end].enumerated().map { k, line -> Substring in
                let text = k == 0 ? Substring(line.utf8.dropFirst(min(column, line.utf8.count))) : withoutPrefixes(line, containers)
                return text.utf8.last == UInt8(ascii: "\r") ? Substring(text.utf8.dropLast()) : text
            }
            guard own.contains(where: { $0.utf8.contains(pipe) }), let parsed = PipeTable.parse(lines: own),
                  let table = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(table, PipeTable.html(parsed, inline: inlineHTML, paragraph: blockHTML))
            if plainText { texts[table] = PipeTable.text(parsed, inline: inlinePlain, paragraph: paragraphPlain) }
            cmark_node_replace(n, table)
            cmark_node_free(n)
        }
        return texts
    }

    /// Every paragraph of the document with the block quotes and list items it stands in, outermost
    /// first.
    private static func paragraphs(_ doc: OpaquePointer) -> [(node: OpaquePointer, containers: [OpaquePointer])] {
        var found: [(node: OpaquePointer, containers: [OpaquePointer])] = []
        var stack: [(node: OpaquePointer, containers: [OpaquePointer])] = [(doc, [])]
        while let (parent, containers) = stack.popLast().map({ ($0.node, $0.containers) }) {
            var child = cmark_node_first_child(parent)
            while let n = child {
                child = cmark_node_next(n)
                switch cmark_node_get_type(n) {
                case CMARK_NODE_PARAGRAPH: found.append((n, containers))
                case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_ITEM: stack.append((n, containers + [n]))
                case CMARK_NODE_LIST: stack.append((n, containers))
                default: break
                }
            }
        }
        return found
    }

    /// A continuation line of a paragraph without its containers' prefixes: each quote's `>` (and
    /// the space after it), each item's indentation. A lazy line (no `>` where a quote wants one)
    /// is the paragraph's text from there on.
    private static func withoutPrefixes(_ line: Substring, _ containers: [OpaquePointer]) -> Substring {
        var rest = line
        for container in containers {
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard cmark_node_get_type(container) == CMARK_NODE_BLOCK_QUOTE else { continue }
            guard rest.first == ">" else { return rest }
            rest = rest.dropFirst()
            if rest.first == " " { rest = rest.dropFirst() }
        }
        return rest
    }
}
