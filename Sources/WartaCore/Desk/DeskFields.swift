import Yams

/// The writing desk's form for one item: the text of each input, by name (`title`, `image.alt`,
/// `attachments.0.file`…), and the body. Dates are written as a browser's date and time pickers
/// give them (`2023-02-21T09:00`, in the site's zone; `2023-02-21` for a whole day).
public struct DeskForm: Sendable, Equatable {
    public var kind: ItemKind
    public var values: [String: String]
    public var body: String

    public init(kind: ItemKind, values: [String: String] = [:], body: String = "") {
        self.kind = kind
        self.values = values
        self.body = body
    }

    /// An input's text, trimmed, on one line: a line break or a control character from a text area
    /// or a crafted request becomes a space, so a value never starts a YAML line of its own.
    public subscript(_ name: String) -> String {
        guard let text = values[name] else { return "" }
        var line = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { line.append(scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar) }
        return String(line).trimmingWhitespace
    }

    /// The attachments' rows in order (those with a file or a title).
    public var attachments: [(file: String, title: String)] {
        rows("attachments", parts: ["file", "title"]).map { ($0[0], $0[1]) }
    }

    /// The rows of a list of mappings (`attachments.0.file`…) in order, each with its parts' text in
    /// the order of `parts`; rows with every part empty are left out.
    public func rows(_ key: String, parts: [String]) -> [[String]] {
        let rows = values.keys.compactMap { name -> Int? in
            let path = name.split(separator: ".")
            return path.count == 3 && path[0] == key ? Int(path[1]) : nil
        }
        return Set(rows).sorted().map { row in parts.map { self["\(key).\(row).\($0)"] } }.filter { $0.contains { !$0.isEmpty } }
    }
}

/// What the desk offers for each kind, how a field's inputs become YAML lines, and how a file's
/// YAML becomes the inputs' text. Fields the desk does not offer (contact, corrections, withdrawn…)
/// are never touched: they stay in the file as written.
public enum DeskFields {
    /// The dates the form offers, shown with the browser's pickers.
    public static let dateKeys = Set(FieldTable.fields.filter { $0.type == .date && $0.desk != nil }.map(\.name))

    /// The order of the form's fields, which is the order a new file gets them in; which of them
    /// `kind`'s form offers, and their labels, are `FieldTable`'s.
    static let order = ["title", "date", "start", "end", "all_day", "status", "previous_start", "location", "organizer",
                        "summary", "department", "tags", "author", "draft", "publish_at", "expires", "slug", "image", "attachments",
                        "nomor", "city", "menu"]

    /// The top-level fields the form offers for `kind`, in the order a new file gets them.
    public static func keys(_ kind: ItemKind) -> [String] {
        order.filter { FieldTable[$0].desk(for: kind) != nil }
    }

    /// The parts of a mapping field the form has an input for (`image`: `src`, `alt`…).
    public static func parts(_ key: String) -> [String] {
        FieldTable[key].parts.filter { $0.desk != nil }.map(\.name)
    }

    /// The YAML lines of one top-level field as the form has it; nil when the form leaves it empty
    /// (the field is then removed, or not written).
    public static func lines(_ key: String, _ form: DeskForm) -> [String]? {
        let allDay = form.kind == .event && form["all_day"] == "true"
        func scalar(_ name: String) -> String? {
            let text = form[name]
            return text.isEmpty ? nil : NewItemText.scalar(text)
        }
        // The title is written even empty: the check then says it is missing.
        if key == "title" { return ["title: " + NewItemText.scalar(form["title"])] }
        if key == "status" {
            let status = form["status"]
            return status.isEmpty || status == EventStatus.scheduled.rawValue ? nil : ["status: " + NewItemText.scalar(status)]
        }
        // How the inputs become YAML follows what the field holds, in the table of fields.
        switch FieldTable[key].type {
        case .date:
            let text = form[key]
            guard !text.isEmpty else { return nil }
            return ["\(key): " + dateText(text, dateOnly: allDay && (key == "start" || key == "end"))]
        case .flag:
            return form[key] == "true" ? ["\(key): true"] : nil
        case .list:
            let items = form[key].split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
            guard !items.isEmpty else { return nil }
            return ["\(key): [" + items.map(flowScalar).joined(separator: ", ") + "]"]
        case .mapping, .textOrMapping:
            let filled = parts(key).compactMap { part in scalar("\(key).\(part)").map { "  \(part): \($0)" } }
            return filled.isEmpty ? nil : ["\(key):"] + filled
        case .mappings:
            // Each row starts with its first part (`- file:`), written even when empty for the check to name.
            let names = parts(key)
            let rows = form.rows(key, parts: names)
            guard !rows.isEmpty else { return nil }
            var out = ["\(key):"]
            for row in rows {
                for (i, (name, text)) in zip(names, row).enumerated() where i == 0 || !text.isEmpty {
                    out.append((i == 0 ? "  - " : "    ") + name + ": " + NewItemText.scalar(text))
                }
            }
            return out
        case .text, .number:
            return scalar(key).map { ["\(key): \($0)"] }
        }
    }

    /// `2023-02-21T09:00` -> `2023-02-21 09:00`, as `warta new` writes dates; anything else is kept
    /// as typed (in quotes when YAML needs them), for the loader to explain.
    static func dateText(_ text: String, dateOnly: Bool) -> String {
        guard let value = DateValue.parse(text), value.offset == nil else { return NewItemText.scalar(text) }
        return NewItem.text(value.civil, time: value.hasTime && !dateOnly)
    }

    /// A tag inside `[…]`: quoted when a comma or bracket would end it.
    static func flowScalar(_ text: String) -> String {
        NewItemText.scalar(text, quoted: text.contains { ",[]{}".contains($0) })
    }

    /// The form as `yaml` fills it: each offered field's text, dates shown in the site's zone; nil
    /// when the text is no YAML mapping (the desk then offers the file as text).
    public static func read(yaml: String, kind: ItemKind, zone: SiteTimeZone) -> [String: String]? {
        guard YAMLGuard.refusal(yaml) == nil, let root = try? Yams.compose(yaml: yaml, .basic), case .mapping(let mapping) = root else { return nil }
        var values: [String: String] = [:]
        func text(_ node: Node) -> String? {
            if case .scalar(let s) = node { return s.string }
            return nil
        }
        func offered(_ key: String) -> FrontMatterField? { FieldTable.field(named: key).flatMap { $0.desk(for: kind) == nil ? nil : $0 } }
        for (keyNode, node) in mapping {
            guard let key = text(keyNode) else { continue }
            switch node {
            case .scalar(let s):
                values[key] = dateKeys.contains(key) ? pickerText(s.string, zone: zone) : s.string
            // Only the fields the form offers: any other key (a typo to fix) stays in the file as written.
            case .sequence(let seq) where offered(key)?.type == .list:
                values[key] = seq.compactMap(text).joined(separator: ", ")
            case .sequence(let seq) where offered(key)?.type == .mappings:
                for (i, row) in seq.enumerated() {
                    guard case .mapping(let fields) = row else { continue }
                    for (k, v) in fields {
                        if let k = text(k), let v = text(v) { values["\(key).\(i).\(k)"] = v }
                    }
                }
            case .mapping(let fields) where offered(key).map({ !parts($0.name).isEmpty }) == true:
                for (k, v) in fields {
                    if let k = text(k), let v = text(v) { values["\(key).\(k)"] = v }
                }
            default:
                break
            }
        }
        return values
    }

    /// A front matter date as a picker shows it, in the site's zone; text that is no date stays.
    static func pickerText(_ text: String, zone: SiteTimeZone) -> String {
        guard let value = DateValue.parse(text) else { return text }
        guard value.hasTime else { return value.civil.dateString }
        let c = zone.local(value.instant(in: zone)).civil
        return "\(c.dateString)T\(pad2(c.hour)):\(pad2(c.minute))" + (c.second == 0 ? "" : ":\(pad2(c.second))")
    }

    /// The changes that turn `before`'s fields into `after`'s: only fields whose lines differ.
    public static func changes(from before: DeskForm, to after: DeskForm) -> [(key: String, lines: [String]?)] {
        keys(after.kind).compactMap { key in
            let new = lines(key, after)
            return new == lines(key, before) ? nil : (key, new)
        }
    }
}
