import CCMark

import Glibc

/// What a Markdown text may hold before it is read: a press release never nests 32 levels deep,
/// nor keeps thousands of images open in one paragraph. Past these the walks over cmark's tree
/// (the plain text writer recurses into each block quote, list and link) would overflow the stack,
/// and libcmark 0.30.2 takes minutes over `![[]()` repeated (each link it closes looks back over
/// every image still open: CVE-2023-22486). A refused text renders as nothing; the loaders report
/// the refusal at its line.
enum MarkdownLimits {
    /// Block quotes, lists, emphasis, links and images inside one another.
    static let maxDepth = 32
    /// Steps of libcmark's look-back over open images, summed over the text's paragraphs (about
    /// 70 ms); an ordinary paragraph with a few images and links takes a few hundred.
    static let maxBracketWork = 20_000_000

    /// Counts, paragraph by paragraph (text between blank lines, which no inline spans), the
    /// images opened (`![`) and the brackets closed (`]`): libcmark's work grows with their product.
    static func bracketRefusal(_ bytes: UnsafeBufferPointer<UInt8>) -> Markdown.Refusal? {
        // Most bodies have no image at all: one memchr, not a walk.
        guard let base = bytes.baseAddress, memchr(base, Int32(UInt8(ascii: "!")), bytes.count) != nil else { return nil }
        var work = 0
        var images = 0, closers = 0
        var line = 1, lineStart = 0
        var chunkLine = 1, chunkColumn = 1
        var blank = true
        func endChunk() -> Bool {
            work += images * closers
            images = 0
            closers = 0
            return work > maxBracketWork
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x0A:
                if blank { _ = endChunk() }
                line += 1
                lineStart = i + 1
                blank = true
            case 0x20, 0x09, 0x0D:
                break
            default:
                blank = false
                if b == UInt8(ascii: "!"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "[") {
                    if images == 0 { (chunkLine, chunkColumn) = (line, column(bytes, lineStart, i)) }
                    images += 1
                } else if b == UInt8(ascii: "]") {
                    closers += 1
                }
            }
            if work > maxBracketWork { break }
            i += 1
        }
        guard work > maxBracketWork || endChunk() else { return nil }
        return Markdown.Refusal(line: chunkLine, column: chunkColumn, message: """
            too many images opened with '![' in one paragraph for the links and brackets after them: \
            reading it would take the Markdown reader minutes; close each '![…]' with '(address)', \
            write a stray '![' as '\\![', or split the paragraph with blank lines
            """)
    }

    /// The first node nested deeper than `maxDepth`, found with cmark's iterator (no recursion).
    static func depthRefusal(_ doc: OpaquePointer, _ bytes: UnsafeBufferPointer<UInt8>?) -> Markdown.Refusal? {
        guard let iter = cmark_iter_new(doc) else { return nil }
        defer { cmark_iter_free(iter) }
        var depth = 0
        while case let event = cmark_iter_next(iter), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iter) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                guard event == CMARK_EVENT_ENTER else {
                    depth -= 1
                    continue
                }
                depth += 1
                guard depth > maxDepth else { continue }
                var placed: OpaquePointer? = node
                while let p = placed, cmark_node_get_start_line(p) == 0 { placed = cmark_node_parent(p) }
                let line = placed.map { Int(cmark_node_get_start_line($0)) } ?? 1
                let byteColumn = placed.map { Int(cmark_node_get_start_column($0)) } ?? 1
                return Markdown.Refusal(line: max(line, 1), column: characterColumn(bytes, line: line, byteColumn: byteColumn), message: """
                    the text nests block quotes, lists, emphasis or links more than \(maxDepth) levels deep; \
                    no reader follows that: write it flatter
                    """)
            default:
                continue
            }
        }
        return nil
    }

    private static func column(_ bytes: UnsafeBufferPointer<UInt8>, _ lineStart: Int, _ at: Int) -> Int {
        var n = 1
        for k in lineStart..<at where bytes[k] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// cmark counts columns in bytes; diagnostics count characters.
    private static func characterColumn(_ bytes: UnsafeBufferPointer<UInt8>?, line: Int, byteColumn: Int) -> Int {
        guard let bytes, line >= 1, byteColumn > 1 else { return max(byteColumn, 1) }
        var start = 0, current = 1
        while current < line, start < bytes.count {
            if bytes[start] == 0x0A { current += 1 }
            start += 1
        }
        return column(bytes, start, min(start + byteColumn - 1, bytes.count))
    }
}
