/// A Mustache template compiled for `TemplateRenderer`: the same templates swift-mustache reads,
/// turned into nodes over UTF-8 bytes with every dotted name split once, at load.
///
/// swift-mustache stays the judge of the syntax (it parses every template first and reports its
/// errors) and renders any template outside this subset. The subset is what themes use: variables,
/// sections, inverted sections, comments, partials, layouts (`{{<parent}}` with `{{$block}}`) and the
/// content-type pragma. Transforms, dynamic partials, delimiter changes, and characters swift-mustache
/// would read differently from bytes (a carriage return, other line separators, a mark joined to
/// a brace or a space) send the template back to swift-mustache.
final class CompiledTemplate: Sendable {
    let nodes: [Node]

    init(_ nodes: [Node]) { self.nodes = nodes }

    /// Indirect: a node is copied at every step of a render, and a boxed one is a single retain
    /// (copying the payloads of a partial or a section was 4 % of a full build).
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, CompiledTemplate, inverted: Bool)
        /// `indentation`: the whitespace before a partial standing alone on its line.
        case partial(String, indentation: [UInt8]?, overrides: [String: CompiledTemplate]?)
        /// `{{$name}}default{{/name}}` in a layout.
        case block(String, default: CompiledTemplate, indentation: [UInt8])
        /// `{{$name}}…{{/name}}` inside `{{<layout}}`; only ever read by the partial that holds it.
        case definition(String, CompiledTemplate)
        /// A run of a template's top-level nodes whose output a page may take from pages already
        /// rendered (`SharedChrome`); `id` is its own in the theme. Made by `SharedRuns.mark`.
        case shared(id: Int, CompiledTemplate)
    }

    /// A tag's name: `.` (the current value), `.a.b` (from the current value only) or `a.b` (the
    /// first part looked up through the whole context stack).
    struct Name: Sendable {
        enum Scope: Sendable { case current, top, stack }
        let scope: Scope
        let parts: [String]
    }
}

/// Reads a template's bytes the way swift-mustache's parser reads its characters, including which
/// tags stand alone on their line (their line disappears) and what becomes a partial's indentation.
struct TemplateCompiler {
    /// The template uses something only swift-mustache renders.
    struct Unsupported: Error {}

    private let b: [UInt8]
    private var pos = 0

    private struct State {
        var section: String?
        var newLine = true
        var inDefinition = false
        var definitionTop = false
        var definitionIndent: ArraySlice<UInt8>?

        func entering(_ name: String, newLine stays: Bool) -> State {
            var s = self
            s.section = name
            s.definitionTop = false
            if !stays { s.newLine = false }
            return s
        }
    }

    static func compile(_ text: String) -> CompiledTemplate? {
        var compiler = TemplateCompiler(b: Array(text.utf8))
        guard compiler.readsAsBytes() else { return nil }
        do {
            return CompiledTemplate(try compiler.parse(State()))
        } catch {
            return nil
        }
    }

    private init(b: [UInt8]) { self.b = b }

    /// No byte swift-mustache's `Character`s would read differently: line separators other than
    /// `\n`, NUL (its end-of-text mark), and a combining mark joined to a brace, space or tab.
    private func readsAsBytes() -> Bool {
        for i in b.indices {
            switch b[i] {
            case 0x00, 0x0B, 0x0C, 0x0D: return false
            case 0xC2 where i + 1 < b.count && b[i + 1] == 0x85: return false  // NEL
            case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9): return false
            case let c where (c == 0x7B || c == 0x7D || c == 0x20 || c == 0x09) && i + 1 < b.count && b[i + 1] >= 0x80:
                let upTo = min(b.count, i + 16)
                if String(decoding: b[i..<upTo], as: UTF8.self).first?.utf8.count != 1 { return false }
            default: break
            }
        }
        return true
    }

    private mutating func parse(_ initial: State) throws(Unsupported) -> [CompiledTemplate.Node] {
        var nodes: [CompiledTemplate.Node] = []
        var state = initial
        var before: ArraySlice<UInt8> = []
        while pos < b.count {
            if state.newLine {
                let spaces = readSpacesAndTabs()
                if state.inDefinition && !state.definitionTop {
                    if let indent = state.definitionIndent {
                        before = spaces.dropFirst(indent.count)
                    } else {
                        state.definitionIndent = spaces
                    }
                } else {
                    before = spaces
                }
            }
            let text = try readText()
            if pos < b.count && b[pos] == 0x0A {
                nodes.append(.text(Array(before) + text + [0x0A]))
                state.newLine = true
                pos += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Array(before) + text))
                before = []
                state.newLine = false
            }
            if pos >= b.count { break }
            var standalone = false
            let sigil = b[pos]
            switch sigil {
            case 0x23, 0x5E:  // # ^
                pos += 1
                let name = try readName()
                if isStandalone(state) {
                    standalone = true
                } else if !before.isEmpty {
                    nodes.append(.text(Array(before)))
                    before = []
                }
                let inner = try parse(state.entering(name, newLine: standalone))
                nodes.append(.section(try Self.name(name), CompiledTemplate(inner), inverted: sigil == 0x5E))
            case 0x2F:  // /
                pos += 1
                let name = try readName()
                guard name == state.section else { throw Unsupported() }
                if !isStandalone(state), !before.isEmpty { nodes.append(.text(Array(before))) }
                return nodes
            case 0x21:  // !
                pos += 1
                try skipComment()
                standalone = isStandalone(state)
            case 0x7B, 0x26:  // { &
                if !before.isEmpty {
                    nodes.append(.text(Array(before)))
                    before = []
                }
                pos += 1
                let name = try readName()
                if sigil == 0x7B {
                    guard pos < b.count, b[pos] == 0x7D else { throw Unsupported() }
                    pos += 1
                }
                nodes.append(.variable(try Self.name(name), escaped: false))
            case 0x3E:  // >
                pos += 1
                skipWhitespace()
                let name = try readPartialName()
                if !before.isEmpty { nodes.append(.text(Array(before))) }
                if isStandalone(state) {
                    standalone = true
                    nodes.append(.partial(name, indentation: Array(before), overrides: nil))
                } else {
                    nodes.append(.partial(name, indentation: nil, overrides: nil))
                }
                before = []
            case 0x3C:  // <
                pos += 1
                skipWhitespace()
                let name = try readPartialName()
                if !before.isEmpty { nodes.append(.text(Array(before))) }
                standalone = isStandalone(state)
                var inner = state
                inner.section = name
                inner.newLine = true
                inner.inDefinition = true
                inner.definitionTop = true
                var overrides: [String: CompiledTemplate] = [:]
                for node in try parse(inner) {
                    switch node {
                    case .definition(let block, let t): overrides[block] = t
                    case .text: break
                    default: throw Unsupported()  // swift-mustache refuses it too
                    }
                }
                nodes.append(.partial(name, indentation: Array(before), overrides: overrides))
                before = []
            case 0x24:  // $
                pos += 1
                let name = try readName()
                if state.definitionTop {
                    standalone = isStandalone(state)
                    nodes.append(.definition(name, CompiledTemplate(try parse(state.entering(name, newLine: standalone)))))
                } else {
                    if !before.isEmpty { nodes.append(.text(Array(before))) }
                    standalone = isStandalone(state)
                    let inner = try parse(state.entering(name, newLine: standalone))
                    nodes.append(.block(name, default: CompiledTemplate(inner), indentation: Array(before)))
                    before = []
                }
            case 0x25:  // % pragma: only the content type Warta adds, whose escaping is the one used here
                pos += 1
                try readPragma()
                standalone = isStandalone(state)
            case 0x3D:  // = delimiters
                throw Unsupported()
            default:
                if !before.isEmpty {
                    nodes.append(.text(Array(before)))
                    before = []
                }
                nodes.append(.variable(try Self.name(try readName()), escaped: true))
            }
            state.newLine = standalone
        }
        guard state.section == nil else { throw Unsupported() }
        return nodes
    }

    private static func name(_ text: String) throws(Unsupported) -> CompiledTemplate.Name {
        guard !text.isEmpty, !text.contains("("), !text.contains(")") else { throw Unsupported() }
        if text == "." { return .init(scope: .current, parts: []) }
        let parts = text.split(separator: ".").map(String.init)
        guard !parts.isEmpty else { throw Unsupported() }
        return .init(scope: text.hasPrefix(".") ? .top : .stack, parts: parts)
    }

    /// Text up to a newline (left unread) or `{{` (read), or the end.
    private mutating func readText() throws(Unsupported) -> [UInt8] {
        let start = pos
        while pos < b.count {
            if b[pos] == 0x0A { return Array(b[start..<pos]) }
            if b[pos] == 0x7B {
                guard pos + 1 < b.count else { throw Unsupported() }  // swift-mustache: overflow
                if b[pos + 1] == 0x7B {
                    let text = Array(b[start..<pos])
                    pos += 2
                    guard pos < b.count else { throw Unsupported() }
                    return text
                }
            }
            pos += 1
        }
        return Array(b[start..<pos])
    }

    private mutating func readSpacesAndTabs() -> ArraySlice<UInt8> {
        let start = pos
        while pos < b.count, b[pos] == 0x20 || b[pos] == 0x09 { pos += 1 }
        return b[start..<pos]
    }

    private mutating func skipWhitespace() {
        while pos < b.count, b[pos] == 0x20 || (b[pos] >= 0x09 && b[pos] <= 0x0D) { pos += 1 }
    }

    private mutating func read(while allowed: (UInt8) -> Bool) -> String {
        let start = pos
        while pos < b.count, allowed(b[pos]) { pos += 1 }
        return String(decoding: b[start..<pos], as: UTF8.self)
    }

    private mutating func expectClose() throws(Unsupported) {
        guard pos + 1 < b.count, b[pos] == 0x7D, b[pos + 1] == 0x7D else { throw Unsupported() }
        pos += 2
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            || c == 0x2E || c == 0x2D || c == 0x5F || c == 0x3F || c == 0x2A || c == 0x28 || c == 0x29
    }

    private mutating func readName() throws(Unsupported) -> String {
        skipWhitespace()
        let name = read(while: Self.isNameByte)
        skipWhitespace()
        try expectClose()
        return name
    }

    private mutating func readPartialName() throws(Unsupported) -> String {
        let name = read { Self.isNameByte($0) || $0 == 0x2F }
        guard !name.hasPrefix("*") else { throw Unsupported() }  // dynamic partial
        skipWhitespace()
        try expectClose()
        return name
    }

    private mutating func skipComment() throws(Unsupported) {
        while pos + 1 < b.count {
            if b[pos] == 0x7D && b[pos + 1] == 0x7D {
                pos += 2
                return
            }
            pos += 1
        }
        throw Unsupported()
    }

    private mutating func readPragma() throws(Unsupported) {
        skipWhitespace()
        let key = read { Self.isNameByte($0) && $0 != 0x28 && $0 != 0x29 }
        skipWhitespace()
        guard pos < b.count, b[pos] == 0x3A else { throw Unsupported() }
        pos += 1
        skipWhitespace()
        let value = read { Self.isNameByte($0) && $0 != 0x28 && $0 != 0x29 }
        skipWhitespace()
        try expectClose()
        guard key == "CONTENT_TYPE", value == ByteHTMLContentType.name else { throw Unsupported() }
    }

    /// The tag ends its line (only spaces or tabs up to the newline, which is read) and the line
    /// began with it: swift-mustache then drops the whole line.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if pos >= b.count { return true }
        var p = pos
        while p < b.count, b[p] == 0x20 || b[p] == 0x09 { p += 1 }
        guard p < b.count, b[p] == 0x0A else { return false }
        pos = p + 1
        return true
    }
}
