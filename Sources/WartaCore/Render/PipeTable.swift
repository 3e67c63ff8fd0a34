/// GitHub-style pipe tables on top of libcmark, which has none: cmark reads a table as a paragraph,
/// so a paragraph of the document whose source lines hold a header row and a delimiter row is
/// rendered as a table instead (GFM's rules: optional outer pipes, `\|` for a pipe in a cell,
/// alignment from colons, short rows padded, long rows cut). Cells are inline Markdown, rendered
/// by cmark in safe mode, amounts and units kept on one line (`NoBreak`). A paragraph in a quote or
/// a list item counts as well, its lines read without their `>` and indentation (`Markdown.renderTables`).
enum PipeTable {
    enum Alignment { case none, left, center, right }

    /// A table found in a paragraph's source lines: the lines before its header row (which stay a
    /// paragraph), its header cells with their alignments, and its rows cut or padded to fit.
    struct Table {
        let lead: [Substring]
        let header: [String]
        let alignments: [Alignment]
        let rows: [[String]]
    }

    static func parse(lines: [Substring]) -> Table? {
        guard lines.count >= 2 else { return nil }
        for k in 0..<(lines.count - 1) {
            guard let alignments = delimiterRow(lines[k + 1]) else { continue }
            let header = cells(lines[k])
            guard header.count == alignments.count else { continue }
            let rows = lines[(k + 2)...].map { row -> [String] in
                var values = Array(cells(row).prefix(alignments.count))
                while values.count < alignments.count { values.append("") }
                return values
            }
            return Table(lead: Array(lines[..<k]), header: header, alignments: alignments, rows: rows)
        }
        return nil
    }

    /// The HTML for a paragraph's source lines when they hold a table, else nil.
    static func html(lines: [Substring], inline: (String) -> String, paragraph: (String) -> String) -> String? {
        parse(lines: lines).map { html($0, inline: inline, paragraph: paragraph) }
    }

    static func html(_ table: Table, inline: (String) -> String, paragraph: (String) -> String) -> String {
        var out = table.lead.isEmpty ? "" : paragraph(table.lead.joined(separator: "\n"))
        out += "<div class=\"table-scroll\" tabindex=\"0\">\n<table>\n<thead>\n<tr>\n"
        for (cell, alignment) in zip(table.header, table.alignments) {
            out += "<th scope=\"col\"\(style(alignment))>\(inline(NoBreak.apply(cell)))</th>\n"
        }
        out += "</tr>\n</thead>\n"
        if !table.rows.isEmpty {
            out += "<tbody>\n"
            for row in table.rows {
                out += "<tr>\n"
                for (cell, alignment) in zip(row, table.alignments) { out += "<td\(style(alignment))>\(inline(NoBreak.apply(cell)))</td>\n" }
                out += "</tr>\n"
            }
            out += "</tbody>\n"
        }
        return out + "</table>\n</div>\n"
    }

    /// The table as plain text: one line per row, cells between ` | `, no delimiter row (a reader
    /// of a message needs the values, not the alignment).
    static func text(_ table: Table, inline: (String) -> [PlainText.Piece], paragraph: (String) -> [[PlainText.Piece]]) -> [[PlainText.Piece]] {
        var out = table.lead.isEmpty ? [] : paragraph(table.lead.joined(separator: "\n")) + [[]]
        for row in [table.header] + table.rows {
            var line: [PlainText.Piece] = []
            for (i, cell) in row.enumerated() {
                if i > 0 { line.append(.text(" | ")) }
                line += inline(cell)
            }
            out.append(line)
        }
        return out
    }

    /// `| :--- | :---: | ---: |`: one alignment per cell, or nil when the line is not a delimiter row.
    static func delimiterRow(_ line: Substring) -> [Alignment]? {
        guard line.contains("|") || line.contains("-") else { return nil }
        let parts = cells(line)
        guard !parts.isEmpty else { return nil }
        var out: [Alignment] = []
        for part in parts {
            let p = part.trimmingWhitespace
            let left = p.hasPrefix(":"), right = p.hasSuffix(":")
            let dashes = p.dropFirst(left ? 1 : 0).dropLast(right && p.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            out.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        // A single column needs a pipe, or `---` alone would be a thematic break.
        return out.count > 1 || line.contains("|") ? out : nil
    }

    /// A row's cells: split on pipes that are not escaped, outer pipes dropped, `\|` made `|`.
    static func cells(_ line: Substring) -> [String] {
        var text = line.trimmingWhitespace[...]
        if text.hasPrefix("|") { text = text.dropFirst() }
        if text.hasSuffix("|") && !text.hasSuffix("\\|") { text = text.dropLast() }
        var out: [String] = []
        var current = ""
        var escaped = false
        for ch in text {
            if escaped {
                current += ch == "|" ? "|" : "\\" + String(ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "|" {
                out.append(current.trimmingWhitespace)
                current = ""
            } else {
                current.append(ch)
            }
        }
        if escaped { current += "\\" }
        out.append(current.trimmingWhitespace)
        return out
    }

    private static func style(_ alignment: Alignment) -> String {
        switch alignment {
        case .none: ""
        case .left: " style=\"text-align: left\""
        case .center: " style=\"text-align: center\""
        case .right: " style=\"text-align: right\""
        }
    }
}
