/// Marks the runs of nodes whose output `SharedChrome` may reuse: the top-level nodes of every
/// template (the header, navigation and footer of a layout sit there), grouped between the nodes
/// that depend on where they are rendered (blocks, layouts, definitions).
enum SharedRuns {
    static func mark(_ templates: [String: CompiledTemplate]) -> [String: CompiledTemplate] {
        var placeFreePartials = Set<String>()
        var nextID = 0
        var out: [String: CompiledTemplate] = [:]
        for name in templates.keys.sorted() {
            let template = templates[name]!
            var nodes: [CompiledTemplate.Node] = []
            var run: [CompiledTemplate.Node] = []
            func close() {
                if run.contains(where: { if case .text = $0 { false } else { true } }) {
                    nodes.append(.shared(id: nextID, CompiledTemplate(run)))
                    nextID += 1
                } else {
                    nodes += run
                }
                run = []
            }
            for node in template.nodes {
                if placeFree(node, templates, &placeFreePartials, seen: [name]) {
                    run.append(node)
                } else {
                    close()
                    nodes.append(node)
                }
            }
            close()
            out[name] = CompiledTemplate(nodes)
        }
        return out
    }

    /// The node renders the same wherever it stands: no block or definition (which read the
    /// layout's overrides) in it or in any partial it uses, and no partial used as a layout.
    /// `known`: partials already found place-free.
    private static func placeFree(_ node: CompiledTemplate.Node, _ templates: [String: CompiledTemplate],
                                  _ known: inout Set<String>, seen: Set<String>) -> Bool {
        switch node {
        case .text, .variable: return true
        case .section(_, let body, _): return body.nodes.allSatisfy { placeFree($0, templates, &known, seen: seen) }
        case .partial(let name, _, let overrides):
            guard overrides == nil else { return false }
            if known.contains(name) { return true }
            guard let template = templates[name] else { return true }  // renders as nothing
            guard !seen.contains(name) else { return false }  // a partial using itself: left alone
            let free = template.nodes.allSatisfy { placeFree($0, templates, &known, seen: seen.union([name])) }
            if free { known.insert(name) }
            return free
        case .block, .definition, .shared: return false
        }
    }
}
