import Foundation
import WartaTestSupport
@testable import WartaCore

/// A real site in a temporary folder, written from a dictionary of files, with the repository's
/// default theme copied in. Tests build it with the real pipeline and read what was written.
struct TestSite {
    static var repositoryRoot: String { SampleSite.repositoryRoot }

    static let sampleNow = "2023-02-21T09:00:00+08:00"

    static let defaultConfig = """
    title: Kota Uji
    tagline: Situs uji
    base_url: https://kota-uji.go.id/
    language: id
    timezone: Asia/Makassar
    per_page: 2
    departments:
      - slug: diskominfo
        name: Dinas Komunikasi dan Informatika
      - slug: dinkes
        name: Dinas Kesehatan
    """

    let root: String

    init(_ files: [String: String] = [:], config: String = TestSite.defaultConfig) throws {
        root = NSTemporaryDirectory() + "warta-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.repositoryRoot + "/site-templates", toPath: root + "/site-templates")
        try write("site.yml", config)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: root + "/" + path) }

    var output: String { root + "/public" }

    @discardableResult
    func build(now: String = TestSite.sampleNow, drafts: Bool = false, future: Bool = false, output: String? = nil,
               recordsCAP: Bool = false) async throws(BuildFailure) -> BuildReport {
        var options = Self.options(root: root, now: now, drafts: drafts, future: future, output: output ?? self.output)
        options.recordsCAP = recordsCAP
        return try await SiteBuilder.build(options)
    }

    /// A build as `warta build` runs it: the build cache read fresh from `.warta/cache/`.
    @discardableResult
    func cachedBuild(now: String = TestSite.sampleNow) async throws(BuildFailure) -> BuildReport {
        var options = Self.options(root: root, now: now, output: output)
        options.cache = BuildCache.persistent(for: options)
        return try await SiteBuilder.build(options)
    }

    static func options(root: String, now: String = TestSite.sampleNow, drafts: Bool = false, future: Bool = false, output: String) -> BuildOptions {
        BuildOptions(siteRoot: root, output: output,
                     visibility: Visibility(now: ZonedInstant.parse(now)!, includeDrafts: drafts, includeFuture: future))
    }

    /// Diagnostics of a build that is expected to fail (empty if it succeeded).
    func failures(now: String = TestSite.sampleNow) async -> [Diagnostic] {
        do {
            try await build(now: now)
            return []
        } catch {
            return error.diagnostics
        }
    }

    func read(_ sitePath: String, in output: String? = nil) -> String? {
        let base = output ?? self.output
        return try? String(contentsOfFile: base + "/" + Routes.file(sitePath), encoding: .utf8)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: root) }
}

func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "warta-out-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A press release file with the given front matter lines.
func release(_ frontMatter: String, body: String = "Teks siaran pers uji.\n") -> String {
    "---\n\(frontMatter)\n---\n\(body)"
}
