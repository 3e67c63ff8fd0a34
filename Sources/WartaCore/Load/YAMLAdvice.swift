/// Plain words for the YAML mistakes press officers make, in place of the parser's own
/// ("mapping values are not allowed in this context"). Asked only once the parser has refused the
/// text, with the line it stopped at; nil leaves the parser's message.
enum YAMLAdvice {
    struct Advice {
        /// Line and column in the YAML text, from 1.
        let line: Int
        let column: Int
        let message: String
    }

    static func explain(_ yaml: String, errorLine: Int, problem: String) -> Advice? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { $0.utf8.last == 0x0D ? $0.dropLast() : $0 }
        // A tab in the indentation of any line up to where the parser stopped: YAML indents with
        // spaces only, and the parser's complaint names a token, not the tab.
        for (index, line) in lines.prefix(max(errorLine, 1)).enumerated() {
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            if let tab = indent.firstIndex(of: "\t"), indent.count < line.count {
                return Advice(line: index + 1, column: line.distance(from: line.startIndex, to: tab) + 1,
                              message: "use spaces, not tabs, to indent")
            }
        }
        if let advice = strayIndent(lines, errorLine: errorLine, problem: problem) { return advice }
        if problem.hasPrefix("mapping values are not allowed"), errorLine >= 1, errorLine <= lines.count,
           let field = Field(lines[errorLine - 1]), !field.value.isEmpty, !"\"'[{|>".contains(field.value.first!) {
            return Advice(line: errorLine, column: field.valueColumn,
                          message: "put the \(name(field)) in quotes: \(field.key): \(quoted(field.value)) (a colon followed by a space ends a field name)")
        }
        if errorLine >= 1, errorLine <= lines.count, let field = Field(lines[errorLine - 1]), field.hasTextAfterClosingQuote {
            return Advice(line: errorLine, column: field.valueColumn,
                          message: "put the whole \(name(field)) in quotes: \(field.key): \(quoted(field.value)) (nothing may follow a closing quote)")
        }
        return nil
    }

    /// A field indented otherwise than the field above it, which holds a value: YAML reads the line
    /// as more of that value (or as no field at all), and quotes would not help.
    private static func strayIndent(_ lines: [Substring], errorLine: Int, problem: String) -> Advice? {
        guard problem.hasPrefix("mapping values are not allowed") || problem.contains("expected key"),
              errorLine >= 2, errorLine <= lines.count, let field = Field(lines[errorLine - 1]) else { return nil }
        func indent(_ line: Substring) -> Int { line.prefix { $0 == " " }.count }
        func skipped(_ line: Substring) -> Bool { let t = line.trimmingWhitespace; return t.isEmpty || t.hasPrefix("#") }
        guard let above = lines[..<(errorLine - 1)].lastIndex(where: { !skipped($0) }), let upper = Field(lines[above]),
              !upper.value.isEmpty, !lines[errorLine - 1].drop(while: { $0 == " " }).hasPrefix("- ") else { return nil }
        let own = indent(lines[errorLine - 1]), theirs = indent(lines[above])
        guard own != theirs else { return nil }
        let spaces = theirs == 0 ? "at the start of the line, with no spaces before it" : "with \(theirs) space\(theirs == 1 ? "" : "s") before it"
        return Advice(line: errorLine, column: 1, message: """
            '\(field.key)' is indented \(own) space\(own == 1 ? "" : "s"), not as '\(upper.key)' on the line above; \
            write it \(spaces), like '\(upper.key)' (the spaces at the start of a line say which field it belongs to)
            """)
    }

    private static func name(_ field: Field) -> String {
        field.key == "title" || field.key == "summary" ? String(field.key) : "value of '\(field.key)'"
    }

    /// `  key: value`, or `- key: value` in a list.
    private struct Field {
        let key: Substring
        let value: Substring
        let valueColumn: Int

        init?(_ line: Substring) {
            var rest = line.drop { $0 == " " }
            if rest.hasPrefix("- ") { rest = rest.dropFirst(2).drop { $0 == " " } }
            guard let colon = rest.firstIndex(of: ":") else { return nil }
            let key = rest[..<colon]
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
            let value = rest[rest.index(after: colon)...].drop { $0 == " " }
            self.key = key
            // A trailing comment stays out of the quotes.
            var text = value
            if let hash = value.ranges(of: " #").first?.lowerBound { text = value[..<hash] }
            self.value = Substring(text.trimmingWhitespace)
            valueColumn = line.distance(from: line.startIndex, to: value.startIndex) + 1
        }

        /// `"Wali Kota" Resmikan Pasar`: a quoted start with more text after the closing quote.
        var hasTextAfterClosingQuote: Bool {
            guard let quote = value.first, quote == "\"" || quote == "'" else { return false }
            var i = value.index(after: value.startIndex)
            while i < value.endIndex {
                let c = value[i]
                if quote == "\"" && c == "\\" {
                    i = value.index(i, offsetBy: 2, limitedBy: value.endIndex) ?? value.endIndex
                    continue
                }
                if c == quote {
                    let next = value.index(after: i)
                    if quote == "'" && next < value.endIndex && value[next] == "'" {
                        i = value.index(after: next)
                        continue
                    }
                    return !value[next...].trimmingWhitespace.isEmpty
                }
                i = value.index(after: i)
            }
            return false
        }
    }

    /// In quotes: single ones around text with double quotes (nothing to escape), else double.
    private static func quoted(_ value: Substring) -> String {
        if value.contains("\"") && !value.contains("'") { return "'" + value + "'" }
        var out = "\""
        for c in value {
            if c == "\"" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out + "\""
    }
}
