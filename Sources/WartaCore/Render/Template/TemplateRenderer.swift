import Mustache

/// Renders `CompiledTemplate`s with swift-mustache's rules, into one byte buffer.
///
/// Why a second renderer: swift-mustache asks every value, at every tag, whether it conforms to
/// half a dozen protocols, and each question is a lookup in the Swift runtime's conformance
/// cache. That was about 40 % of a full build's CPU. Here the values Warta's page builders make
/// (strings, booleans, integers, `[String: Any]`, `[String: String]` and arrays of them) are
/// recognised by their exact type, one pointer comparison; anything else takes swift-mustache's
/// own questions, in its order. `TemplateEngineTests` renders the sample site and generated
/// templates both ways and compares the bytes.
struct TemplateRenderer {
    let templates: [String: CompiledTemplate]
    /// The page's share in what the build's pages have in common (none: every run is rendered).
    var shared: SharedChrome? = nil

    func render(_ template: CompiledTemplate, _ value: Any) -> String {
        String(decoding: renderBytes(template, value), as: UTF8.self)
    }

    func renderBytes(_ template: CompiledTemplate, _ value: Any) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16_384)
        var stack: [Any] = [value]
        stack.reserveCapacity(16)
        let trace = shared != nil ? (value as? [String: Any]).map(Trace.init) : nil
        render(template, Frame(indentation: nil, inherited: nil, trace: trace), &stack, into: &out)
        return out
    }

    /// The lookups a shared run's node makes in the page's own values, while the first page of
    /// a key renders it.
    private final class Trace {
        let page: [String: Any]
        var reads: [SharedChrome.Read] = []
        /// A node of a shared run is being rendered for its plan.
        var recording = false

        init(_ page: [String: Any]) { self.page = page }
    }

    /// What a partial or block changes for the nodes inside it. The context stack is kept apart,
    /// one array per page pushed and popped in place: copying it at every section entered made an
    /// allocation per list element.
    private struct Frame {
        var indentation: [UInt8]?
        var inherited: [String: CompiledTemplate]?
        let trace: Trace?
    }

    private func render(_ template: CompiledTemplate, _ frame: Frame, _ stack: inout [Any], into out: inout [UInt8]) {
        guard let indentation = frame.indentation, !indentation.isEmpty else {
            for node in template.nodes { render(node, frame, &stack, into: &out) }
            return
        }
        // A partial's lines after its first are indented: a node that writes something right after
        // a newline this template wrote gets the indentation first. A shared run's nodes count one
        // by one here, as they stand in the template.
        let start = out.count
        var piece: [UInt8] = []
        func add(_ node: CompiledTemplate.Node) {
            piece.removeAll(keepingCapacity: true)
            render(node, frame, &stack, into: &piece)
            if !piece.isEmpty, endsWithNewline(out, from: start) { out += indentation }
            out += piece
        }
        for node in template.nodes {
            if case .shared(_, let run) = node { run.nodes.forEach(add) } else { add(node) }
        }
    }

    /// A shared run: its stretches that hold for this page taken from the first page of its key,
    /// the rest rendered (see `SharedChrome`). A run inside another's node is rendered plainly, its
    /// lookups counted as that node's.
    private func shared(_ id: Int, _ run: CompiledTemplate, _ frame: Frame, _ stack: inout [Any], into out: inout [UInt8]) {
        guard let shared, let trace = frame.trace, stack.count == 1, !trace.recording, frame.indentation?.isEmpty ?? true else {
            return render(run, frame, &stack, into: &out)
        }
        if let plan = shared.memo.plan(id, shared.key) {
            for stretch in plan.stretches {
                if let bytes = stretch.bytes, shared.holds(stretch.reads, page: trace.page) {
                    out += bytes
                    shared.memo.countUse()
                } else {
                    for node in run.nodes[stretch.nodes] { render(node, frame, &stack, into: &out) }
                }
            }
            return
        }
        var plan = SharedChrome.Plan()
        trace.recording = true
        defer { trace.recording = false }
        for (index, node) in run.nodes.enumerated() {
            let start = out.count
            trace.reads.removeAll(keepingCapacity: true)
            render(node, frame, &stack, into: &out)
            let kept = shared.holds(trace.reads, page: trace.page)
            if let last = plan.stretches.indices.last, (plan.stretches[last].bytes != nil) == kept {
                plan.stretches[last].nodes = plan.stretches[last].nodes.lowerBound..<index + 1
                if kept {
                    plan.stretches[last].bytes! += out[start...]
                    plan.stretches[last].reads += trace.reads
                }
            } else {
                plan.stretches.append(.init(nodes: index..<index + 1, bytes: kept ? Array(out[start...]) : nil, reads: kept ? trace.reads : []))
            }
        }
        // Each key once: every later page checks them all.
        for i in plan.stretches.indices {
            var seen = Set<String>()
            plan.stretches[i].reads.removeAll { !seen.insert($0.name).inserted }
        }
        shared.memo.keep(id, shared.key, plan)
    }

    /// What this template wrote so far ends with `\n`, as a `Character` (a `\r\n` is another one).
    private func endsWithNewline(_ out: [UInt8], from start: Int) -> Bool {
        let n = out.count
        return n > start && out[n - 1] == 0x0A && !(n - 2 >= start && out[n - 2] == 0x0D)
    }

    private func render(_ node: CompiledTemplate.Node, _ frame: Frame, _ stack: inout [Any], into out: inout [UInt8]) {
        switch node {
        case .text(let bytes):
            out += bytes
        case .variable(let name, let escaped):
            guard let value = lookup(name, stack, frame.trace) else { return }
            switch Kind(value) {
            case .string:
                // The common case, written without a copy into a `String` first.
                let text = Self.unbox(value, as: String.self)
                if escaped { HTMLEscape.append(text, to: &out) } else { out += text.utf8 }
            case .raw:
                let html = Self.unbox(value, as: RawHTML.self).bytes
                if escaped { html.withUnsafeBufferPointer { HTMLEscape.append(bytes: $0, to: &out) } } else { out += html }
            default:
                let text = Self.text(value)
                if escaped { HTMLEscape.append(text, to: &out) } else { out += text.utf8 }
            }
        case .section(let name, let body, let inverted):
            let value = lookup(name, stack, frame.trace)
            if inverted {
                invertedSection(value, body, frame, &stack, into: &out)
            } else {
                section(value, body, frame, &stack, into: &out)
            }
        case .partial(let name, let indented, let overrides):
            guard let template = templates[name] else { return }
            var f = frame
            if let indented { f.indentation = (frame.indentation ?? []) + indented }
            if let overrides {
                f.inherited = frame.inherited.map { $0.merging(overrides) { outer, _ in outer } } ?? overrides
            }
            render(template, f, &stack, into: &out)
        case .block(let name, let fallback, let indented):
            var f = frame
            f.indentation = (frame.indentation ?? []) + indented
            render(frame.inherited?[name] ?? fallback, f, &stack, into: &out)
        case .definition:
            break  // read by the layout's partial node, never rendered where it stands
        case .shared(let id, let run):
            shared(id, run, frame, &stack, into: &out)
        }
    }

    /// The body rendered with `value` on top of the stack.
    private func render(_ body: CompiledTemplate, on value: Any, _ frame: Frame, _ stack: inout [Any], into out: inout [UInt8]) {
        stack.append(value)
        render(body, frame, &stack, into: &out)
        stack.removeLast()
    }

    private func section(_ value: Any?, _ body: CompiledTemplate, _ frame: Frame, _ stack: inout [Any], into out: inout [UInt8]) {
        guard let value else { return }
        switch Kind(value) {
        case .bool: if Self.unbox(value, as: Bool.self) { render(body, frame, &stack, into: &out) }
        case .string, .int, .dictionary, .labels, .lazy, .site, .raw: render(body, on: value, frame, &stack, into: &out)
        case .dictionaries: for element in Self.unbox(value, as: [[String: Any]].self) { render(body, on: element, frame, &stack, into: &out) }
        case .lazyList: for element in Self.unbox(value, as: [LazyValues].self) { render(body, on: element, frame, &stack, into: &out) }
        case .values: for element in Self.unbox(value, as: [Any].self) { render(body, on: element, frame, &stack, into: &out) }
        case .strings: for element in Self.unbox(value, as: [String].self) { render(body, on: element, frame, &stack, into: &out) }
        case .blank: return  // null to swift-mustache
        case .other:
            if let sequence = value as? any MustacheSequence {
                for element in Self.elements(sequence) { render(body, on: element, frame, &stack, into: &out) }
            } else if let flag = value as? Bool {
                if flag { render(body, frame, &stack, into: &out) }
            } else if let custom = value as? any MustacheCustomRenderable, custom.isNull {
                return
            } else {
                render(body, on: value, frame, &stack, into: &out)
            }
        }
    }

    private func invertedSection(_ value: Any?, _ body: CompiledTemplate, _ frame: Frame, _ stack: inout [Any], into out: inout [UInt8]) {
        guard let value else { return render(body, frame, &stack, into: &out) }
        switch Kind(value) {
        case .bool: if !Self.unbox(value, as: Bool.self) { render(body, frame, &stack, into: &out) }
        case .string, .int, .dictionary, .labels, .lazy, .site, .raw: return
        case .dictionaries: if Self.unbox(value, as: [[String: Any]].self).isEmpty { render(body, on: value, frame, &stack, into: &out) }
        case .lazyList: if Self.unbox(value, as: [LazyValues].self).isEmpty { render(body, on: value, frame, &stack, into: &out) }
        case .values: if Self.unbox(value, as: [Any].self).isEmpty { render(body, on: value, frame, &stack, into: &out) }
        case .strings: if Self.unbox(value, as: [String].self).isEmpty { render(body, on: value, frame, &stack, into: &out) }
        case .blank: render(body, frame, &stack, into: &out)
        case .other:
            if let sequence = value as? any MustacheSequence {
                if Self.elements(sequence).isEmpty { render(body, on: value, frame, &stack, into: &out) }
            } else if let flag = value as? Bool {
                if !flag { render(body, frame, &stack, into: &out) }
            } else if let custom = value as? any MustacheCustomRenderable, custom.isNull {
                render(body, frame, &stack, into: &out)
            }
        }
    }

    private static func elements(_ sequence: some MustacheSequence) -> [Any] { sequence.map { $0 as Any } }

    // MARK: Values

    /// The value types Warta's page builders use, told apart by their exact type.
    private enum Kind {
        case string, bool, int, dictionary, labels, dictionaries, values, lazy, lazyList, blank, strings, site, raw, other

        init(_ value: Any) {
            // The type stored beside the value (the word after `Any`'s inline buffer), not
            // `type(of:)`, a call into the runtime; the generic types' identities are made once.
            let type = withUnsafePointer(to: value) { UnsafeRawPointer($0).load(fromByteOffset: 3 * MemoryLayout<Int>.size, as: Int.self) }
            let known = Self.known
            self = known.ids.firstIndex(of: type).map { known.kinds[$0] } ?? .other
            assert(self == .other || ObjectIdentifier(Swift.type(of: value)) == ObjectIdentifier(unsafeBitCast(type, to: Any.Type.self)))
        }

        /// Each kind's type, as `Any` records it, in the order kinds are most often met.
        private static let known: (ids: [Int], kinds: [Kind]) = {
            let types: [(Any.Type, Kind)] = [
                (String.self, .string), ([String: Any].self, .dictionary), (Bool.self, .bool), ([[String: Any]].self, .dictionaries),
                (Blank.self, .blank), ([String: String].self, .labels), (Int.self, .int), (LazyValues.self, .lazy), ([LazyValues].self, .lazyList),
                ([Any].self, .values), ([String].self, .strings), (SiteValues.self, .site), (RawHTML.self, .raw),
            ]
            return (types.map { unsafeBitCast($0.0, to: Int.self) }, types.map(\.1))
        }()
    }

    /// The value inside `value`, whose dynamic type `Kind` found to be exactly `T`. An `as!` asks
    /// the runtime to cast, a search among conformances at every tag (3 % of a build); here the
    /// value is read where the Swift ABI keeps it: at the start of `Any`'s three-word inline
    /// buffer, for any type that fits (every one `Kind` names but `SiteValues`, which is cast).
    /// `TemplateEngineTests` reads a value of each kind back through it.
    @inline(__always)
    static func unbox<T>(_ value: Any, as: T.Type) -> T {
        precondition(MemoryLayout<T>.size <= 3 * MemoryLayout<Int>.size && MemoryLayout<T>.alignment <= MemoryLayout<Int>.alignment)
        assert(type(of: value) == T.self)
        return withUnsafePointer(to: value) { UnsafeRawPointer($0).load(as: T.self) }
    }

    private func lookup(_ name: CompiledTemplate.Name, _ stack: [Any], _ trace: Trace?) -> Any? {
        var found: Any?
        switch name.scope {
        case .current:
            found = stack.last
            // The page's values as a whole: no key stands for them, so no run reading them is kept.
            if let trace, trace.recording, stack.count == 1 { trace.reads.append(.init(name: ".", present: true)) }
        case .top:
            found = descend(stack[stack.count - 1], name.parts[...])
            if let trace, trace.recording, stack.count == 1 { trace.reads.append(.init(name: name.parts[0], present: trace.page[name.parts[0]] != nil)) }
        case .stack:
            for level in stack.indices.reversed() {
                let first = Self.child(name.parts[0], of: stack[level])
                if level == 0, let trace, trace.recording { trace.reads.append(.init(name: name.parts[0], present: first != nil)) }
                if let first {
                    found = descend(first, name.parts.dropFirst())
                    break
                }
            }
        }
        guard let value = found else { return nil }
        if case .other = Kind(value), let custom = value as? any MustacheCustomRepresentation { return custom.representation }
        return value
    }

    private func descend(_ object: Any, _ parts: ArraySlice<String>) -> Any? {
        var current = object
        for part in parts {
            guard let next = Self.child(part, of: current) else { return nil }
            current = next
        }
        return current
    }

    private static func child(_ name: String, of object: Any) -> Any? {
        switch Kind(object) {
        case .dictionary: return unbox(object, as: [String: Any].self)[name]
        case .labels: return unbox(object, as: [String: String].self)[name]
        case .lazy: return unbox(object, as: LazyValues.self).child(named: name)
        case .site: return (object as! SiteValues).child(named: name)
        case .string, .bool, .int, .blank, .raw: return nil  // no stored children for Mirror to find; `RawHTML` answers none
        case .dictionaries, .values, .lazyList, .strings, .other: break
        }
        var object: Any? = object
        if let custom = object as? any MustacheCustomRepresentation { object = custom.representation }
        if let parent = object as? any MustacheParent { return parent.child(named: name) }
        guard let object else { return nil }
        guard let matched = Mirror(reflecting: object).children.first(where: { $0.label == name }) else { return nil }
        let inner = Mirror(reflecting: matched.value)
        guard inner.displayStyle == .optional else { return matched.value }
        return inner.children.first?.value
    }

    /// What `{{name}}` shows of a value, as swift-mustache shows it.
    private static func text(_ value: Any) -> String {
        switch Kind(value) {
        case .string: return unbox(value, as: String.self)
        case .bool: return unbox(value, as: Bool.self) ? "true" : "false"
        case .int: return String(unbox(value, as: Int.self))
        case .blank: return ""
        case .raw: return unbox(value, as: RawHTML.self).renderText
        default: break
        }
        if let renderable = value as? any MustacheCustomRenderable { return renderable.renderText }
        if let optional = value as? any OptionalValue, let wrapped = optional.wrappedValue { return String(describing: wrapped) }
        return String(describing: value)
    }
}

private protocol OptionalValue { var wrappedValue: Any? { get } }

extension Optional: OptionalValue {
    fileprivate var wrappedValue: Any? { self }
}
