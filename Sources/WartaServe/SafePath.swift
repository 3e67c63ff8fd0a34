import WartaCore

/// Maps a request path onto a file inside the served folder, and nowhere else: percent-encoded
/// dots, `..` segments, NUL bytes and symlinks that lead out are all refused.
struct SafePath {
    enum Resolution: Equatable {
        case file(String)
        /// A directory asked for without its trailing slash: redirect to `path/`.
        case directory(String)
        case notFound
        case badRequest
    }

    /// The served folder with symlinks resolved.
    let root: String

    init?(root: String) {
        guard let real = PosixFile.realPath(root) else { return nil }
        self.root = real
    }

    func resolve(_ rawPath: String) -> Resolution {
        guard rawPath.hasPrefix("/"), let decoded = Self.percentDecode(rawPath) else { return .badRequest }
        if decoded.contains(0) { return .badRequest }
        guard let path = String(validating: decoded, as: UTF8.self) else { return .badRequest }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." || segment == ".." || segment.hasPrefix(".warta") { return .notFound }
            segments.append(segment)
        }
        let joined = segments.joined(separator: "/")
        let candidate = joined.isEmpty ? root : root + "/" + joined
        guard let info = PosixFile.info(candidate) else { return .notFound }
        if info.kind == .directory {
            guard path.hasSuffix("/") else { return .directory(path + "/") }
            return inside(candidate + "/index.html").map { .file($0) } ?? .notFound
        }
        guard info.kind == .file else { return .notFound }
        return inside(candidate).map { .file($0) } ?? .notFound
    }

    /// The real path of `candidate` when it is a regular file inside the root.
    private func inside(_ candidate: String) -> String? {
        guard let resolved = PosixFile.realPath(candidate), resolved.hasPrefix(root + "/"),
              PosixFile.info(resolved)?.kind == .file else { return nil }
        return resolved
    }

    /// `%2e%2e` -> `..`; nil on a malformed escape. The query string is cut off first.
    static func percentDecode(_ text: String) -> [UInt8]? {
        var bytes = Array(text.utf8)
        if let q = bytes.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) { bytes.removeSubrange(q...) }
        return PercentEncoding.decode(bytes, strict: true)
    }
}
