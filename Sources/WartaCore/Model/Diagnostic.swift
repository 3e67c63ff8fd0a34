/// One problem in the site's input, with the place an editor can jump to.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible, Error {
    public enum Severity: String, Sendable { case error, warning }

    /// Path relative to the site folder, e.g. `content/press/2023-02-14-pawai.md`.
    public let path: String
    public let line: Int
    public let column: Int
    public let severity: Severity
    public let message: String

    public init(_ path: String, line: Int = 1, column: Int = 1, severity: Severity = .error, _ message: String) {
        self.path = path
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.severity = severity
        self.message = message
    }

    public init(_ path: String, at location: SourceLocation?, severity: Severity = .error, _ message: String) {
        self.init(path, line: location?.line ?? 1, column: location?.column ?? 1, severity: severity, message)
    }

    /// `path:line:column: error: message`, the form compilers use and editors understand.
    public var description: String { "\(path):\(line):\(column): \(severity.rawValue): \(message)" }

    /// Rendered with a prefix for the path (the site folder as the user named it).
    public func formatted(relativeTo root: String) -> String {
        // An absolute path (the output folder, which may be anywhere) is shown as it is.
        let prefix = root.isEmpty || root == "." || path.hasPrefix("/") ? "" : (root.hasSuffix("/") ? root : root + "/")
        return "\(prefix)\(path):\(line):\(column): \(severity.rawValue): \(message)"
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.path, a.line, a.column, a.message) < (b.path, b.line, b.column, b.message)
    }
}

/// A line and column in a source file, both counted from 1.
public struct SourceLocation: Sendable, Hashable {
    public let line: Int
    public let column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// Thrown when a build cannot go on; carries every problem found, not just the first.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted() }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
