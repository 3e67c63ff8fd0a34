/// Raw HTML in a body never reaches the page (cmark's safe mode drops it), so it is never dropped in
/// silence: each piece is a located warning, and HTML pasted from a word processor, which loses
/// whole paragraphs that way, is an error that says what to do instead.
enum RawHTMLCheck {
    /// Plain raw HTML reported per file; the rest are counted in one more line.
    static let limit = 5

    static func diagnostics(_ pieces: [Markdown.Link], path: String, bodyLine: Int) -> [Diagnostic] {
        guard !pieces.isEmpty else { return [] }
        func place(_ piece: Markdown.Link) -> (Int, Int) { (bodyLine + piece.line - 1, piece.column) }
        if let pasted = pieces.first(where: { isWordProcessorHTML($0.destination) }) {
            let (line, column) = place(pasted)
            return [Diagnostic(path, line: line, column: column, """
            this is HTML pasted from a word processor (\(pieces.count) piece\(pieces.count == 1 ? "" : "s") of HTML in this file), \
            and it would not be published: paste the text as plain text (Ctrl+Shift+V) and mark it up in Markdown, \
            with tables as Markdown tables
            """)]
        }
        var out = pieces.prefix(limit).map { piece in
            let (line, column) = place(piece)
            return Diagnostic(path, line: line, column: column, severity: .warning,
                              "raw HTML is left out of the page (\(excerpt(piece.destination))); write it in Markdown instead")
        }
        if pieces.count > limit {
            let (line, column) = place(pieces[limit])
            out.append(Diagnostic(path, line: line, column: column, severity: .warning, "\(pieces.count - limit) more pieces of raw HTML are left out"))
        }
        return out
    }

    /// Office namespaces (`<w:…>`, `<o:p>`), `mso-` styles, conditional comments, Office XML.
    static func isWordProcessorHTML(_ html: String) -> Bool {
        let lower = html.lowercased()
        return ["<w:", "</w:", "<o:", "</o:", "mso-", "<!--[if", "<![if", "urn:schemas-microsoft-com", "<xml>"].contains { lower.contains($0) }
    }

    private static func excerpt(_ html: String) -> String {
        let flat = html.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ").trimmingWhitespace
        return flat.count > 40 ? String(flat.prefix(40)) + "…" : flat
    }
}
