import Yams

/// Reads typed fields out of a composed YAML tree and records every problem with its file location.
///
/// Yams `compose` with the basic resolver keeps every scalar as the text the author wrote: no
/// implicit dates, numbers or booleans sneak in, and each node keeps its line and column.
struct YAMLReader {
    /// One `key: value` line of a mapping.
    struct Field {
        let key: String
        let keyLocation: SourceLocation?
        let node: Node
    }

    let path: String
    /// Added to a YAML line number to give the file line number.
    let lineOffset: Int
    let zone: SiteTimeZone?
    var diagnostics: [Diagnostic] = []

    init(path: String, firstLine: Int, zone: SiteTimeZone?) {
        self.path = path
        self.lineOffset = firstLine - 1
        self.zone = zone
    }

    /// Made once: `Constructor.default` builds three tables on each call, and leaving the encoding
    /// to Yams reads the process environment on each call (together 5 % of a full build).
    /// Never mutated after this, so shared by every loading task.
    nonisolated(unsafe) private static let constructor = Constructor.default

    /// Composes `yaml` and returns its top mapping; reports syntax errors at their place.
    mutating func document(_ yaml: String, what: String) -> [Field]? {
        if let refusal = YAMLGuard.refusal(yaml) {
            error(at: SourceLocation(line: refusal.line + lineOffset, column: refusal.column), refusal.message)
            return nil
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic, Self.constructor, .utf8)
        } catch let error as YamlError {
            if let advice = Self.advice(yaml, error) {
                self.error(at: SourceLocation(line: advice.line + lineOffset, column: advice.column), advice.message)
                return nil
            }
            let mark = Self.mark(of: error).map { SourceLocation(line: $0.line + lineOffset, column: $0.column) }
            self.error(at: mark, message(of: error))
            return nil
        } catch {
            self.error(at: nil, "cannot read YAML: \(error)")
            return nil
        }
        guard let root else {
            self.error(at: nil, "\(what) is empty")
            return nil
        }
        return mapping(root, what: what)
    }

    func location(_ node: Node) -> SourceLocation? {
        node.mark.map { SourceLocation(line: $0.line + lineOffset, column: $0.column) }
    }

    mutating func error(at location: SourceLocation?, _ message: String) {
        diagnostics.append(Diagnostic(path, at: location ?? SourceLocation(line: lineOffset + 1, column: 1), message))
    }

    mutating func error(_ node: Node, _ message: String) { error(at: location(node), message) }

    // MARK: typed values

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain else { return false }
        return s.string.isEmpty || s.string == "~" || s.string == "null" || s.string == "Null" || s.string == "NULL"
    }

    /// A `|` or `>` block, whose text starts on the line after its mark.
    static func isBlock(_ node: Node) -> Bool {
        guard case .scalar(let s) = node else { return false }
        return s.style == .literal || s.style == .folded
    }

    mutating func mapping(_ node: Node, what: String) -> [Field]? {
        guard case .mapping(let m) = node else {
            error(node, "\(what) must be a mapping of 'field: value' lines")
            return nil
        }
        var result: [Field] = []
        for (key, value) in m {
            guard case .scalar(let k) = key else {
                error(key, "field names must be plain words")
                continue
            }
            result.append(Field(key: k.string, keyLocation: location(key), node: value))
        }
        return result
    }

    /// Non-empty text.
    mutating func string(_ node: Node, _ field: String) -> String? {
        guard case .scalar(let s) = node else {
            error(node, "'\(field)' must be text, not a list or mapping")
            return nil
        }
        let text = s.string.trimmingWhitespace
        if text.isEmpty {
            error(node, "'\(field)' is empty")
            return nil
        }
        return text
    }

    mutating func bool(_ node: Node, _ field: String) -> Bool? {
        guard case .scalar(let s) = node else {
            error(node, "'\(field)' must be true or false")
            return nil
        }
        switch s.string.lowercased() {
        case "true", "yes", "ya": return true
        case "false", "no", "tidak": return false
        default:
            error(node, "'\(field)' must be true or false, not '\(s.string)'")
            return nil
        }
    }

    mutating func int(_ node: Node, _ field: String, range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let s) = node, let value = Int(s.string), range.contains(value) else {
            error(node, "'\(field)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func dateValue(_ node: Node, _ field: String) -> DateValue? {
        guard let text = string(node, field) else { return nil }
        guard let value = DateValue.parse(text) else {
            error(node, DateAdvice.message(field: field, text))
            return nil
        }
        return value
    }

    mutating func instant(_ node: Node, _ field: String) -> ZonedInstant? {
        guard let zone, let value = dateValue(node, field) else { return nil }
        return value.instant(in: zone)
    }

    /// A list of texts; a single text is accepted as a list of one.
    mutating func stringList(_ node: Node, _ field: String) -> [Located<String>] {
        switch node {
        case .sequence(let seq):
            return seq.compactMap { element in string(element, field).map { Located(value: $0, location: location(element)) } }
        case .scalar:
            return string(node, field).map { [Located(value: $0, location: location(node))] } ?? []
        default:
            error(node, "'\(field)' must be a list, e.g. [one, two]")
            return []
        }
    }

    /// Reports fields outside `allowed`, suggesting the nearest known one: a misspelt `publish_at`
    /// must stop the build, never silently publish an embargoed release.
    mutating func rejectUnknown(_ fields: [Field], allowed: [String], in what: String) {
        for field in fields where !allowed.contains(field.key) {
            let key = field.key
            var message = "unknown field '\(key)' in \(what)"
            if let meant = FieldTable.indonesianNames[key.lowercased()], allowed.contains(meant) {
                message += "; field names are in English: write '\(meant)'"
            } else if let near = allowed.min(by: { editDistance($0, key) < editDistance($1, key) }), editDistance(near, key) <= 2 {
                message += "; did you mean '\(near)'?"
            }
            error(at: field.keyLocation, message)
        }
    }

    // MARK: errors from Yams

    private static func advice(_ yaml: String, _ error: YamlError) -> YAMLAdvice.Advice? {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return YAMLAdvice.explain(yaml, errorLine: mark.line, problem: problem)
        default:
            return nil
        }
    }

    private static func mark(of error: YamlError) -> SourceLocation? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourceLocation(line: mark.line, column: mark.column)
        case .duplicatedKeysInMapping(_, let context):
            return SourceLocation(line: context.mark.line, column: context.mark.column)
        default:
            return nil
        }
    }

    private func message(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            guard let context else { return "invalid YAML: \(problem)" }
            return "invalid YAML: \(problem) \(context.text) that starts at line \(context.mark.line + lineOffset), column \(context.mark.column)"
        case .duplicatedKeysInMapping(let duplicates, _):
            return "invalid YAML: field given twice: \(duplicates.joined(separator: ", "))"
        default:
            return "invalid YAML: \(error)"
        }
    }
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8), b = Array(b.utf8)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...max(b.count, 1) where !b.isEmpty {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

extension StringProtocol {
    /// Without leading and trailing white space.
    public var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
