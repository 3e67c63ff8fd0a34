import Foundation

/// Shared by every test target: where the repository is, a private copy of the sample site that a
/// test may edit, and every file of a built folder.
public enum SampleSite {
    public static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // file, WartaTestSupport/, Tests/
        return url.path
    }()

    /// The Pagefind program the search tests need: WARTA_PAGEFIND (the Makefile sets it), else the
    /// one `make search-deps` links into the repository's venv. CI installs it; nil means not installed.
    public static let pagefind: String? = {
        let candidates = [ProcessInfo.processInfo.environment["WARTA_PAGEFIND"], repositoryRoot + "/.build/venv/bin/pagefind"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// A copy of the sample site (`site.yml`, `content/`, `site-templates/`) in a new temporary folder.
    public static func copy(prefix: String = "warta-sample-") throws -> String {
        let root = NSTemporaryDirectory() + prefix + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for item in ["site.yml", "content", "site-templates"] {
            try FileManager.default.copyItem(atPath: repositoryRoot + "/" + item, toPath: root + "/" + item)
        }
        return root
    }
}

/// Every file below a folder, by relative path (rsync's unfinished `.~tmp~` folders left out).
public func snapshot(_ folder: String) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return files }
    for case let path as String in walker where !path.contains(".~tmp~") {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDir), !isDir.boolValue {
            files[path] = FileManager.default.contents(atPath: folder + "/" + path)
        }
    }
    return files
}
