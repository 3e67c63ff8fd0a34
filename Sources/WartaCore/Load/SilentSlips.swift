import Yams

/// Front matter and text that load without an error but not as the writer meant: a `#` that cuts
/// an unquoted title, a comma list without brackets read as one tag, an end mark typed by hand
/// (the release gets its own). (Field names written in Indonesian are in `FieldTable`.)
enum SilentSlips {
    /// `title: Biaya 100% #gratis`: YAML ends a plain value at ` #`, and the rest is a comment.
    static func cutTitle(_ node: Node, yaml: String, firstLine: Int, path: String) -> Diagnostic? {
        guard case .scalar(let scalar) = node, scalar.style == .plain, let mark = node.mark else { return nil }
        // Only the title's own line is read (it is near the top): never the whole front matter.
        let u = yaml.utf8
        var lineStart = u.startIndex, seen = 1
        while seen < mark.line {
            guard let newline = u[lineStart...].firstIndex(of: 0x0A) else { return nil }
            lineStart = u.index(after: newline)
            seen += 1
        }
        let lineEnd = u[lineStart...].firstIndex(of: 0x0A) ?? u.endIndex
        var line = Substring(yaml[lineStart..<lineEnd])
        if line.last == "\r" { line = line.dropLast() }
        guard line.utf8.contains(0x23) else { return nil }
        // The value starts at its mark; a ` #` after it is where YAML cut it.
        guard let start = line.index(line.startIndex, offsetBy: mark.column - 1, limitedBy: line.endIndex),
              let cut = line[start...].ranges(of: " #").first else { return nil }
        let whole = String(line[start...]).trimmingWhitespace
        let hash = line.distance(from: line.startIndex, to: cut.lowerBound) + 2
        return Diagnostic(path, line: mark.line + firstLine - 1, column: hash, severity: .warning, """
            the title stops before '#' (YAML reads ' #' as the start of a comment), so it is '\(scalar.string)'; \
            to keep the rest, put the whole title in quotes: title: \(NewItemText.scalar(whole, quoted: true))
            """)
    }

    /// `tags: pasar, umkm`: one tag named "pasar, umkm".
    static func commaTags(_ node: Node, location: SourceLocation?, path: String) -> Diagnostic? {
        guard case .scalar(let scalar) = node, scalar.style == .plain, scalar.string.contains(",") else { return nil }
        let parts = scalar.string.split(separator: ",").map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
        guard parts.count > 1 else { return nil }
        return Diagnostic(path, at: location, severity: .warning, """
            'tags' is one tag, '\(scalar.string)'; for \(parts.count) tags, put them in brackets: tags: [\(parts.joined(separator: ", "))]
            """)
    }

    /// "-- SELESAI --", "-SELESAI-", "- end -", "###" as the last line of a release's text. Read from
    /// the end, by bytes: only the last line is looked at, on every release of every build.
    static func handTypedEndMark(body: ArraySlice<UInt8>, bodyLine: Int, path: String) -> Diagnostic? {
        let space: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        guard let end = body.lastIndex(where: { !space.contains($0) }) else { return nil }
        let start = body[..<end].lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
        guard end - start < 40 else { return nil }
        let raw = String(decoding: body[start...end], as: UTF8.self)
        let text = raw.trimmingWhitespace
        let marks: Set<Character> = ["-", "–", "—", "*", "#", "=", " "]
        let word = text.filter { !marks.contains($0) }.lowercased()
        let marked = text.contains { $0 != " " && marks.contains($0) }
        guard (word.isEmpty && text.filter { $0 == "#" }.count >= 3) || (marked && ["selesai", "end", "ends", "tamat", "30"].contains(word)) else {
            return nil
        }
        let line = bodyLine + body[..<start].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let column = raw.prefix { $0 == " " || $0 == "\t" }.count + 1
        return Diagnostic(path, line: line, column: column, severity: .warning, """
            '\(text)' at the end of the text: the end mark is added after every release's text by itself; \
            remove this line, or readers see the end marked twice
            """)
    }
}
