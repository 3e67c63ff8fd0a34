/// Interface text ("Siaran Pers", "Read more"), one table per language, handed to templates as
/// `t`. The theme's tables (`i18n/id.yml`, `i18n/en.yml`) lie over Warta's own (`Labels`): a
/// council's theme writes the keys it words differently and keeps the rest. Loaded once per build.
struct InterfaceText: Sendable {
    static let folder = "i18n"

    private let tables: [Language: [String: String]]
    /// The theme's tables as one number: every output that shows interface text is made from them.
    let fingerprint: Int

    /// Warta's own tables, as `Labels` has them.
    static let bundled = InterfaceText(tables: Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, Labels.table($0)) }), fingerprint: 0)

    func table(_ language: Language) -> [String: String] { tables[language] ?? Labels.table(language) }

    /// The tables of the theme in `directory` (`display` names it in messages) over the bundled
    /// ones. A key the bundled table does not have is an error where it is written (a misspelt key
    /// would otherwise change nothing, silently); so is a file for a language Warta does not know.
    static func load(directory: String, display: String, files: [String]) -> (InterfaceText, [Diagnostic]) {
        var tables = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, Labels.table($0)) })
        var problems: [Diagnostic] = []
        var h = StableHash()
        for file in files.sorted() where file.hasPrefix(folder + "/") && (file.hasSuffix(".yml") || file.hasSuffix(".yaml")) {
            let path = "\(display)/\(file)"
            let name = String(file.dropFirst(folder.count + 1).prefix { $0 != "." })
            guard !file.dropFirst(folder.count + 1).contains("/"), let language = Language(rawValue: name) else {
                problems.append(Diagnostic(path, "a translation table is named for its language: \(folder)/\(Language.allCases.map { $0.rawValue + ".yml" }.joined(separator: " or "))"))
                continue
            }
            let bytes: [UInt8]
            do { bytes = try PosixFile.read(directory + "/" + file) } catch {
                problems.append(Diagnostic(path, "cannot read the translation table: \(error)"))
                continue
            }
            h.combine(file)
            h.combine(bytes)
            let textProblems = TextCheck.problems(bytes, path: path, what: "the translation table")
            guard textProblems.isEmpty else {
                problems += textProblems
                continue
            }
            var r = YAMLReader(path: path, firstLine: 1, zone: nil)
            guard let fields = r.document(String(decoding: bytes, as: UTF8.self), what: "the translation table") else {
                problems += r.diagnostics
                continue
            }
            let known = Labels.table(language)
            for field in fields {
                guard known[field.key] != nil else {
                    r.error(at: field.keyLocation, "unknown key '\(field.key)'; a table overrides the keys of Warta's own (see README, \"Two languages\")")
                    continue
                }
                if let text = r.string(field.node, field.key) { tables[language]![field.key] = text }
            }
            problems += r.diagnostics
        }
        return (InterfaceText(tables: tables, fingerprint: h.finalize), problems)
    }
}
