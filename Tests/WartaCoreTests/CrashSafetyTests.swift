import CWartaSys
import Foundation
import Glibc
import Testing
import WartaTestSupport
@testable import WartaCore

/// What a build leaves when it is interrupted or meets a damaged or stale cache: the output is
/// swapped in whole, and the cache never trusts what it cannot vouch for. (The kill -9 tests of a
/// real `warta build` are in the CLI tests.)
@Suite struct CrashSafetyTests {
    func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: path.lastSlashPrefix, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func theSwapExchangesTwoFoldersInOneStep() throws {
        let base = temporaryFolder()
        defer { PosixFile.removeTree(base) }
        try write(base + "/new/page.html", "baru")
        try write(base + "/public/page.html", "lama")
        #expect(warta_exchange_paths(base + "/new", base + "/public") == 0, "renameat2 refused: \(String(cString: strerror(errno)))")
        #expect(try String(contentsOfFile: base + "/public/page.html", encoding: .utf8) == "baru")
        #expect(try String(contentsOfFile: base + "/new/page.html", encoding: .utf8) == "lama")
    }

    /// The fallback (two renames, with a moment without `public/`) sets the old output aside as
    /// `public.old-<pid>`; with that name taken, only the atomic exchange can put a build in place.
    @Test func aStagedBuildReplacesTheOutputWithTheAtomicExchange() async throws {
        let root = try SampleSite.copy(prefix: "warta-swap-")
        defer { PosixFile.removeTree(root) }
        let output = root + "/public"
        try await SiteBuilder.build(TestSite.options(root: root, now: "2023-02-15T09:00:00+08:00", output: output))
        let before = try #require(PosixFile.info(output))
        try write(output + ".old-\(getpid())/taken", "x")
        try await SiteBuilder.build(TestSite.options(root: root, now: TestSite.sampleNow, output: output))
        let after = try #require(PosixFile.info(output))
        #expect(after.inode != before.inode, "the staged folder took the output's place")
        #expect(try PosixFile.list(root).filter { $0.hasPrefix("public.staging-") }.isEmpty, "the previous build, swapped out, is removed")
        let clean = temporaryFolder()
        defer { PosixFile.removeTree(clean) }
        try await SiteBuilder.build(TestSite.options(root: root, now: TestSite.sampleNow, output: clean + "/public"))
        #expect(snapshot(output) == snapshot(clean + "/public"))
    }
}
