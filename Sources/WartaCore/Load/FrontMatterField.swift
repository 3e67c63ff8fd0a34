/// One front-matter field of a content file, as the one table of fields (`FieldTable`) describes it.
/// The loader's known fields, `warta new`'s commented examples, the desk's labels and the README's
/// reference all read it, so a new field is written once, there.
public struct FrontMatterField: Sendable {
    /// A text in the site's two languages.
    public struct Bilingual: Sendable, Equatable {
        public let id: String
        public let en: String
        public init(_ id: String, _ en: String) {
            self.id = id
            self.en = en
        }
        public func text(english: Bool) -> String { english ? en : id }
    }

    /// What a field holds, in the README's words.
    public enum Kind: String, Sendable {
        case text, date, flag, number, list
        case mapping
        case mappings = "list of mappings"
        case textOrMapping = "text or mapping"
    }

    /// An input of the desk's form: its label, and a word under it.
    public struct Desk: Sendable {
        public let label: Bilingual
        public let hint: Bilingual?
        public init(_ label: Bilingual, hint: Bilingual? = nil) {
            self.label = label
            self.hint = hint
        }
    }

    /// A key inside a mapping field (`image`'s `src`), with its input on the desk when it has one.
    public struct Part: Sendable {
        public let name: String
        public let desk: Desk?
    }

    /// What `warta new`'s example is made from: the site's settings and the dates the scaffold uses.
    struct ExampleContext {
        let config: SiteConfig
        var en: Bool { config.language == .en }
        /// The clock, to the minute (`2023-02-21 09:00`).
        let now: String
        let hourLater: String
        let monthLater: String
        /// After the event's start (or today's noon).
        let end: String
        let previousStart: String
        let repeatUntil: String
        let year: Int
    }

    /// A field's example as YAML lines (uncommented); `help` replaces the field's own when the
    /// site's settings say more (the departments it lists).
    struct Example {
        var lines: [String]
        var help: Bilingual? = nil
    }

    public let name: String
    public let kinds: Set<ItemKind>
    public let type: Kind
    /// The value when the field is absent, in the README's words; nil when there is none.
    public let defaultValue: String?
    /// A few words on what it does, as `warta new`'s comments give them.
    public let help: Bilingual
    /// What it does, in full, for the README's reference (Markdown).
    public let reference: String
    /// The desk's input for it; nil when the desk does not offer it (the file keeps it as written).
    public let desk: Desk?
    /// The desk's input for it on an event's form, when it reads otherwise there.
    public var eventDesk: Desk? = nil
    /// The kinds whose form leaves it out although the file may have it (a page's form has no date).
    public var notOnDesk: Set<ItemKind> = []
    /// The keys inside a mapping (or each mapping of a list), in the order they are written.
    public var parts: [Part] = []
    /// Its name as press officers type it in Indonesian (`judul`), for the unknown-field message.
    public var indonesian: [String] = []
    let example: @Sendable (ExampleContext) -> Example

    public var partNames: [String] { parts.map(\.name) }
    public func part(_ name: String) -> Part? { parts.first { $0.name == name } }
    /// The desk's input for it on `kind`'s form; nil when that form does not offer it.
    public func desk(for kind: ItemKind) -> Desk? {
        guard kinds.contains(kind), !notOnDesk.contains(kind) else { return nil }
        return kind == .event ? eventDesk ?? desk : desk
    }
}

public extension FieldTable {
    /// The field named `name`; every name the code asks for is in the table.
    static subscript(_ name: String) -> FrontMatterField {
        guard let field = field(named: name) else { preconditionFailure("no front-matter field '\(name)' in FieldTable") }
        return field
    }

    /// Indonesian field names press officers type, and the field each means.
    static let indonesianNames: [String: String] = Dictionary(uniqueKeysWithValues: fields.flatMap { field in field.indonesian.map { ($0, field.name) } })

    /// The field named `name` in a file, or nil when the table has none of that name.
    static func field(named name: String) -> FrontMatterField? { fields.first { $0.name == name } }

    /// The fields an item of `kind` may have, in the table's order (the order `warta new` writes them).
    static func names(_ kind: ItemKind) -> [String] { namesByKind[kind] ?? [] }

    /// The README's "Front matter reference" table, as Markdown (a test keeps the README's copy current).
    static func referenceTable() -> String {
        func kinds(_ set: Set<ItemKind>) -> String {
            if set.count == ItemKind.allCases.count { return "all" }
            return ItemKind.allCases.filter(set.contains).map { kind -> String in
                switch kind {
                case .release: "releases"
                case .event: "events"
                case .page: "pages"
                }
            }.joined(separator: ", ")
        }
        var lines = ["| field | kinds | type | default | meaning |", "|---|---|---|---|---|"]
        for field in fields {
            lines.append("| `\(field.name)` | \(kinds(field.kinds)) | \(field.type.rawValue) | \(field.defaultValue ?? "") | \(field.reference) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
