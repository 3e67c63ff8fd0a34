import Foundation
import FoundationXML
import WartaCore

/// Checks run on a finished build before anything is uploaded: every internal link and image
/// leads to a file of the build, and every XML file (feeds, sitemap) parses.
public enum SiteChecks {
    /// Links under `unmade` folders are not checked (the search index, when Pagefind is absent).
    public static func run(output: String, base: BaseURL, unmade: [String] = []) -> [Diagnostic] {
        let files = (try? PosixFile.walk(output)) ?? []
        let present = Set(files)
        var problems: [Diagnostic] = []
        for file in files where file.hasSuffix(".html") {
            guard let bytes = try? PosixFile.read(output + "/" + file) else { continue }
            problems += brokenLinks(in: bytes, file: file, present: present, base: base, unmade: unmade)
        }
        for file in files where file.hasSuffix(".xml") {
            guard let data = FileManager.default.contents(atPath: output + "/" + file) else { continue }
            let parser = XMLParser(data: data)
            if !parser.parse() {
                problems.append(Diagnostic("public/" + file, line: parser.lineNumber, column: parser.columnNumber,
                                           "not well-formed XML: \(parser.parserError.map { "\($0.localizedDescription)" } ?? "parse error")"))
            }
        }
        return problems
    }

    /// `href="…"` and `src="…"` values that point into the site but at no file of the build.
    static func brokenLinks(in bytes: [UInt8], file: String, present: Set<String>, base: BaseURL, unmade: [String] = []) -> [Diagnostic] {
        BuiltLinks.broken(BuiltLinks.links(in: bytes, base: base), present: present, unmade: unmade).map {
            Diagnostic("public/" + file, line: $0.line, column: $0.column, "broken link: \($0.value) leads to no page or file of the site")
        }
    }
}
