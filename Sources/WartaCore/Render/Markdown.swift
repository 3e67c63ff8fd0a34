import CCMark

#if canImport(Glibc)
import Glibc
#endif

/// The one call into libcmark. Safe mode is asked for by name (it is only the default from cmark
/// 0.29 on): raw HTML and `javascript:`/`vbscript:`/`data:` links are dropped. Smart punctuation is
/// on. One parse gives the HTML, the first paragraph and every link, so a body is read once. No
/// cmark pointer leaves this function.
public enum Markdown {
    public struct Rendered: Sendable {
        public let html: String
        /// Plain text of the first paragraph, for listings when no summary is written.
        public let firstParagraph: String
        /// Every link and image destination in the body, located in the Markdown text (line 1 is
        /// the body's first line): what decides which files an item brings with it.
        public let links: [Link]
    }

    public struct Link: Sendable, Equatable {
        public let destination: String
        public let isImage: Bool
        public let line: Int
        public let column: Int
    }

    public static func render(_ markdown: String) -> Rendered {
        let options = CMARK_OPT_SMART | CMARK_OPT_SAFE
        var text = markdown
        return text.withUTF8 { buf -> Rendered in
            guard let doc = cmark_parse_document(buf.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                                 buf.count, options) else {
                return Rendered(html: "", firstParagraph: "", links: [])
            }
            defer { cmark_node_free(doc) }
            let html = take(cmark_render_html(doc, options))
            var node = cmark_node_first_child(doc)
            while let n = node, cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH { node = cmark_node_next(n) }
            let first = node.map(plainText) ?? ""
            return Rendered(html: html, firstParagraph: first, links: links(doc))
        }
    }

    /// Link and image destinations in document order. cmark 0.30 gives inline nodes no position,
    /// so each is placed at the start of the block that holds it.
    private static func links(_ doc: OpaquePointer) -> [Link] {
        var out: [Link] = []
        guard let iter = cmark_iter_new(doc) else { return out }
        defer { cmark_iter_free(iter) }
        while case let event = cmark_iter_next(iter), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(current)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(current) else { continue }
            var line = Int(cmark_node_get_start_line(current)), column = Int(cmark_node_get_start_column(current))
            var block: OpaquePointer? = current
            while line == 0, let b = block {
                line = Int(cmark_node_get_start_line(b))
                column = Int(cmark_node_get_start_column(b))
                block = cmark_node_parent(b)
            }
            out.append(Link(destination: String(cString: url), isImage: type == CMARK_NODE_IMAGE, line: max(line, 1), column: max(column, 1)))
        }
        return out
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
