import Foundation
import WartaCore

/// `warta check --format json`: one array, sorted as the text form is, of
/// `{"path", "line", "column", "severity", "message"}`; path relative to the site folder, line and
/// column counted from 1, severity `error` or `warning`.
enum DiagnosticJSON {
    struct Entry: Encodable {
        let path: String
        let line: Int
        let column: Int
        let severity: String
        let message: String
    }

    static func text(_ diagnostics: [Diagnostic]) -> String {
        if diagnostics.isEmpty { return "[]\n" }  // the encoder writes an empty array over two lines
        let entries = diagnostics.sorted().map {
            Entry(path: $0.path, line: $0.line, column: $0.column, severity: $0.severity.rawValue, message: $0.message)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and numbers cannot fail.
        let data = (try? encoder.encode(entries)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
