import Yams

/// Markdown written in a YAML field (a release's `notes_to_editors`, `site.yml`'s `about`, a
/// notice's translated `text`) is parsed on its own, so cmark places a link at a line and column of
/// the field's text. This puts each place back where it is in the file, so a broken link there is
/// reported as one in a body is. Exact for a literal block (`|`, the form the README and `warta new`
/// show) and for a value on one line; a folded value (`>`, or plain text over several lines) had
/// its lines joined, so its places are given as the start of its text.
enum FieldMarkdown {
    /// `yaml`: the YAML text the node was read from, whose first line is `firstLine` of the file.
    static func locate(_ pieces: [Markdown.Link], node: Node, yaml: String, firstLine: Int) -> [Markdown.Link] {
        guard !pieces.isEmpty, case .scalar(let scalar) = node, let mark = node.mark else { return pieces }
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        let markIndex = mark.line - 1  // 0-based, in `lines`
        func moved(_ piece: Markdown.Link, index: Int, column: Int) -> Markdown.Link {
            Markdown.Link(destination: piece.destination, isImage: piece.isImage, line: firstLine + index, column: column)
        }
        let text = scalar.string.split(separator: "\n", omittingEmptySubsequences: false)

        if scalar.style == .literal || scalar.style == .folded {
            // The text starts on the line after the `|`; its indentation is that of its first line.
            guard let first = lines.indices.dropFirst(markIndex + 1).first(where: { !lines[$0].allSatisfy { $0 == " " } }) else {
                return pieces.map { moved($0, index: markIndex, column: mark.column) }
            }
            let indent = lines[first].prefix { $0 == " " }.count
            return pieces.map { piece in
                let index = markIndex + piece.line  // text line 1 is the line after the indicator
                // Literal: one text line per file line, which the check below confirms.
                if scalar.style == .literal, piece.line <= text.count, lines.indices.contains(index),
                   lines[index].dropFirst(indent) == text[piece.line - 1] {
                    return moved(piece, index: index, column: indent + piece.column)
                }
                return moved(piece, index: first, column: indent + 1)
            }
        }
        // A flow scalar: exact when its whole text stands on the line it starts on.
        let quote = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0
        let start = mark.column + quote  // the column of the text's first character
        if text.count == 1, lines.indices.contains(markIndex), lines[markIndex].dropFirst(start - 1).hasPrefix(text[0]) {
            return pieces.map { moved($0, index: markIndex, column: start + $0.column - 1) }
        }
        return pieces.map { moved($0, index: markIndex, column: start) }
    }
}
