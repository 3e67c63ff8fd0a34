import Mustache

/// The site's Mustache templates, parsed once per build and shared by every rendering task.
///
/// Every template is loaded with a pragma that selects Warta's byte-level HTML escaper; it is added
/// on the template's first line without a line break, so error lines stay true to the file.
public struct Theme: Sendable {
    /// Templates every theme must have; partials and layouts besides these are free.
    public static let required = ["base", "home", "release", "event", "page", "list", "events", "terms", "404", "month", "withdrawals", "corrections", "search", summaryTemplate]
    /// One item in a list; rendered once per item and handed to list templates as `html`.
    public static let summaryTemplate = "partials/summary"
    static let pragma = "{{% CONTENT_TYPE: \(ByteHTMLContentType.name) }}"

    let library: MustacheLibrary
    /// The templates `TemplateRenderer` renders: those it compiled together with every partial and
    /// layout they use. Any other is rendered by swift-mustache.
    let compiled: [String: CompiledTemplate]
    public let directory: String
    /// Per template, a hash of its text and of every partial and layout it uses, so an output
    /// is made again only when a template it uses changed.
    let fingerprints: [String: Int]
    /// Interface text: the theme's translation tables over Warta's own.
    let text: InterfaceText

    public static func load(directory: String, siteRoot: String) -> (Theme?, [Diagnostic]) {
        MustacheContentTypes.register(ByteHTMLContentType(), named: ByteHTMLContentType.name)
        let display = directory.split(separator: "/").last.map(String.init) ?? directory
        guard PosixFile.kind(directory) == .directory else {
            return (nil, [Diagnostic(display, "cannot read the theme folder: it does not exist")])
        }
        let walked = SiteTree(siteRoot: siteRoot, theme: directory).files(in: directory)
        let files = walked.files.filter { $0.hasSuffix(".mustache") }
        var library = MustacheLibrary()
        // Warnings of the walk (a preview build left in static/) are the site loader's to report.
        var diagnostics: [Diagnostic] = walked.problems.filter { $0.severity == .error }
        var own: [String: Int] = [:]
        var compiled: [String: CompiledTemplate] = [:]
        var uses: [String: [String]] = [:]
        for file in files {
            let path = "\(display)/\(file)"
            let name = String(file.dropLast(".mustache".count))
            do {
                let bytes = try PosixFile.read(directory + "/" + file)
                var h = StableHash()
                h.combine(bytes)
                own[name] = h.finalize
                uses[name] = references(in: bytes)
                let textProblems = TextCheck.problems(bytes, path: path, what: "the template")
                if !textProblems.isEmpty {
                    diagnostics += textProblems
                    continue
                }
                let text = String(decoding: bytes, as: UTF8.self)
                library.register(try MustacheTemplate(string: pragma + text), named: name)
                compiled[name] = TemplateCompiler.compile(pragma + text)
            } catch let error as MustacheTemplate.ParserError {
                let line = error.context.lineNumber
                let column = line == 1 ? max(1, error.context.columnNumber - pragma.count) : error.context.columnNumber
                diagnostics.append(Diagnostic(path, line: line, column: column, "template error: \(describe(error.error))"))
            } catch {
                diagnostics.append(Diagnostic(path, "cannot read template: \(error)"))
            }
        }
        let (text, textProblems) = InterfaceText.load(directory: directory, display: display, files: walked.files)
        diagnostics += textProblems
        let broken = Set(diagnostics.map(\.path))
        for name in required where library.getTemplate(named: name) == nil && !broken.contains("\(display)/\(name).mustache") {
            diagnostics.append(Diagnostic("\(display)/\(name).mustache", "missing template '\(name).mustache', which the build needs"))
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        var fingerprints: [String: Int] = [:]
        var whole: [String: CompiledTemplate] = [:]
        for name in own.keys {
            // The template and every partial and layout it uses, at any depth.
            var seen: Set<String> = [name]
            var queue = [name]
            while let next = queue.popLast() {
                for used in uses[next] ?? [] where seen.insert(used).inserted { queue.append(used) }
            }
            var h = StableHash()
            for used in seen.sorted() {
                h.combine(used)
                h.combine(own[used] ?? 0)
            }
            fingerprints[name] = h.finalize
            // Rendered by Warta's renderer when all it uses is compiled (a missing partial renders
            // as nothing either way).
            if let template = compiled[name], seen.allSatisfy({ compiled[$0] != nil || own[$0] == nil }) { whole[name] = template }
        }
        return (Theme(library: library, compiled: SharedRuns.mark(whole), directory: directory, fingerprints: fingerprints, text: text), [])
    }

    /// Names after `{{>` (partials) and `{{<` (layouts) in a template's text.
    private static func references(in bytes: [UInt8]) -> [String] {
        var names: [String] = []
        var i = 0
        while i + 3 < bytes.count {
            if bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "{"), bytes[i + 2] == UInt8(ascii: ">") || bytes[i + 2] == UInt8(ascii: "<") {
                var j = i + 3
                while j < bytes.count, bytes[j] == 0x20 { j += 1 }
                let start = j
                while j < bytes.count, bytes[j] != 0x20, bytes[j] != UInt8(ascii: "}") { j += 1 }
                names.append(String(decoding: bytes[start..<j], as: UTF8.self))
                i = j
            } else {
                i += 1
            }
        }
        return names
    }

    /// Renders a template that `load` has checked exists.
    func render(_ name: String, _ context: [String: Any]) -> String {
        if !Theme.referenceRendering, let template = compiled[name] {
            return TemplateRenderer(templates: compiled).render(template, context)
        }
        return library.render(context, withTemplate: name) ?? ""
    }

    /// `render`, as UTF-8 bytes; with `shared`, what the page has in common with pages rendered
    /// before it is taken from them (`SharedChrome`).
    func renderBytes(_ name: String, _ context: [String: Any], shared: SharedChrome? = nil) -> [UInt8] {
        if !Theme.referenceRendering, let template = compiled[name] {
            return TemplateRenderer(templates: compiled, shared: shared).renderBytes(template, context)
        }
        return Array((library.render(context, withTemplate: name) ?? "").utf8)
    }

    /// Set in tests to render every template with swift-mustache, the reference Warta's own
    /// renderer is compared with.
    @TaskLocal static var referenceRendering = false

    private static func describe(_ error: any Error) -> String {
        guard let e = error as? MustacheTemplate.Error else { return "\(error)" }
        switch e {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not finished ('}}' missing?)"
        case .expectedSectionEnd: return "a section is opened but never closed"
        default: return "\(e)"
        }
    }
}
