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

extension CrashSafetyTests {
    /// Rewrites bytes in place (same inode, same size), then puts the old modification time back
    /// with the real `touch -r`, as some editors and sync tools do.
    func editKeepingSizeAndDate(_ path: String, _ old: String, _ new: String) throws {
        #expect(old.utf8.count == new.utf8.count)
        let reference = path + ".date"
        try run("/usr/bin/touch", ["-r", path, reference])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old), "\(path) has no '\(old)'")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(text.replacingOccurrences(of: old, with: new).utf8))
        try handle.close()
        try run("/usr/bin/touch", ["-r", reference, path])
        try FileManager.default.removeItem(atPath: reference)
    }

    func run(_ program: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(program) \(arguments)")
    }

    @Test func theCacheSeesAnEditThatKeepsTheSizeAndPutsTheDateBack() async throws {
        let root = try SampleSite.copy(prefix: "warta-stamps-")
        defer { PosixFile.removeTree(root) }
        let now = TestSite.sampleNow
        var options = TestSite.options(root: root, now: now, output: root + "/public")
        func cachedBuild() async throws {
            options.cache = BuildCache.persistent(for: options)
            try await SiteBuilder.build(options)
        }
        func expectSameAsCleanBuild(_ step: String) async throws {
            let clean = temporaryFolder()
            defer { PosixFile.removeTree(clean) }
            try await SiteBuilder.build(TestSite.options(root: root, now: now, output: clean + "/public"))
            let cached = snapshot(root + "/public"), expected = snapshot(clean + "/public")
            #expect(cached.keys.sorted() == expected.keys.sorted(), "\(step): other files")
            let differing = expected.keys.filter { cached[$0] != expected[$0] }.sorted()
            #expect(differing.isEmpty, "\(step): \(differing.prefix(5)) differ from a clean build")
        }
        try await cachedBuild()
        try await cachedBuild()  // the cache read back from its file, as the next `warta build` does
        let edits: [(String, String, String, String)] = [
            ("a release's title", "content/press/2023-02-16-peresmian-pabrik-pengolahan-ikan.md", "Wali Kota Resmikan", "Wali Kota RESMIKAN"),
            ("site.yml's city", "site.yml", "city: Wiramaya", "city: WIRAMAYA"),
            ("the page template's footer", "site-templates/base.mustache", "<footer class=\"site-footer\">", "<footer class=\"site-FOOTER\">"),
        ]
        for (step, file, old, new) in edits {
            try editKeepingSizeAndDate(root + "/" + file, old, new)
            try await cachedBuild()
            try await expectSameAsCleanBuild(step)
        }
    }
}

extension CrashSafetyTests {
    @Test func aDamagedCacheIsIgnoredTheSiteBuiltWholeAndOneLineSaysSo() async throws {
        let root = try SampleSite.copy(prefix: "warta-damage-")
        defer { PosixFile.removeTree(root) }
        let now = TestSite.sampleNow
        let options = TestSite.options(root: root, now: now, output: root + "/public")
        func cachedBuild() async throws -> BuildReport {
            var options = options
            options.cache = BuildCache.persistent(for: options)
            return try await SiteBuilder.build(options)
        }
        let clean = temporaryFolder()
        defer { PosixFile.removeTree(clean) }
        try await SiteBuilder.build(TestSite.options(root: root, now: now, output: clean + "/public"))
        let expected = snapshot(clean + "/public")
        let first = try await cachedBuild()
        #expect(!first.warnings.contains { $0.message.contains("cache") }, "no cache yet is not a damaged cache")
        let file = try #require(BuildCache.persistent(for: options).file)
        let good = try PosixFile.read(file)
        let damages: [(String, ([UInt8]) -> [UInt8])] = [
            ("bytes flipped all through", { var b = $0; for i in stride(from: 40, to: b.count, by: 97) { b[i] ^= 0x5A }; return b }),
            ("one bit in the middle", { var b = $0; b[b.count / 2] ^= 1; return b }),
            ("cut in half", { Array($0.prefix($0.count / 2)) }),
            ("emptied", { _ in [] }),
            ("the header only", { Array($0.prefix(40)) }),
            ("garbage appended", { $0 + Array("garbage".utf8) }),
            ("the checksum changed", { var b = $0; b[b.count - 1] ^= 0xFF; return b }),
            ("another file's bytes", { _ in Array(repeating: 0xA5, count: 4096) }),
        ]
        for (damage, change) in damages {
            // A page changed by hand since the last build: a cache believed in part would keep it.
            try Data("rusak".utf8).write(to: URL(fileURLWithPath: root + "/public/index.html"))
            try Data(change(good)).write(to: URL(fileURLWithPath: file))
            let report = try await cachedBuild()
            let said = report.warnings.filter { $0.message.contains("cache") }
            let name = String(file.dropFirst(root.count + 1))
            #expect(said.map { $0.formatted(relativeTo: root) } == [root + "/" + name + ":1:1: warning: the build cache was damaged; rebuilt from scratch"],
                    "\(damage): \(said)")
            #expect(name.hasPrefix(".warta/cache/"))
            #expect(snapshot(root + "/public") == expected, "\(damage): the site is not the one a clean build makes")
            let next = try await cachedBuild()
            #expect(next.timings.map(\.stage) == ["nothing to do"] && !next.warnings.contains { $0.message.contains("cache") },
                    "\(damage): the cache written again is whole")
        }
        // A cache of another version of Warta is of no use, but not damaged.
        var other = CacheWriter()
        other.string("warta-build-cache 1 older")
        var bytes = other.bytes
        withUnsafeBytes(of: BuildCache.checksum(bytes[...]).littleEndian) { bytes.append(contentsOf: $0) }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        #expect(try await cachedBuild().warnings.allSatisfy { !$0.message.contains("cache") })
    }
}

extension CrashSafetyTests {
    /// A cached build stages in the spare (the site the last build replaced) and keeps the site it
    /// replaces as the next spare: two folders take turns, and no build links or deletes every file.
    @Test func cachedBuildsTakeTurnsWithTheSpareAndEqualCleanBuilds() async throws {
        let root = try SampleSite.copy(prefix: "warta-spare-")
        defer { PosixFile.removeTree(root) }
        let output = root + "/public"
        var options = TestSite.options(root: root, now: TestSite.sampleNow, output: output)
        let spare = try #require(BuildCache.persistent(for: options).spareFolder)
        #expect(spare.hasPrefix(root + "/.warta/cache/"), "kept with the cache, where deleting the output leaves nothing behind")
        func cachedBuild() async throws -> BuildReport {
            options.cache = BuildCache.persistent(for: options)
            return try await SiteBuilder.build(options)
        }
        try await cachedBuild()  // no cache yet: the old output (none) is not kept
        #expect(PosixFile.kind(spare) == nil)
        let page = root + "/content/press/2023-02-16-peresmian-pabrik-pengolahan-ikan.md"
        let unchanged = output + "/tentang/index.html"
        for step in 0..<4 {
            let text = try String(contentsOfFile: page, encoding: .utf8)
            try (text + "\nKalimat tambahan \(step).\n").write(toFile: page, atomically: true, encoding: .utf8)
            let before = (output: try #require(PosixFile.info(output)).inode, spare: PosixFile.info(spare)?.inode,
                          page: try #require(PosixFile.info(unchanged)))
            let report = try await cachedBuild()
            #expect(report.written > 0 && report.written < 20, "step \(step): \(report.written) written")
            #expect(PosixFile.info(spare)?.inode == before.output, "step \(step): the replaced site is the spare")
            if let previousSpare = before.spare {
                #expect(PosixFile.info(output)?.inode == previousSpare, "step \(step): the build was staged in the spare")
            }
            let after = try #require(PosixFile.info(unchanged))
            #expect(after.inode == before.page.inode && after.modifiedSeconds == before.page.modifiedSeconds, "step \(step): an unchanged page is the same file")
            let clean = temporaryFolder()
            defer { PosixFile.removeTree(clean) }
            try await SiteBuilder.build(TestSite.options(root: root, now: TestSite.sampleNow, output: clean + "/public"))
            #expect(snapshot(output) == snapshot(clean + "/public"), "step \(step)")
        }
        // A spare changed behind the cache's back is not used. After a build without the cache,
        // which replaces public/ unseen, the next cached build trusts neither and removes the spare.
        try Data("x".utf8).write(to: URL(fileURLWithPath: spare + "/" + OutputWriter.marker))
        let tampered = try #require(PosixFile.info(spare)).inode
        try (try String(contentsOfFile: page, encoding: .utf8) + "\nLagi.\n").write(toFile: page, atomically: true, encoding: .utf8)
        try await cachedBuild()
        #expect(PosixFile.info(output)?.inode != tampered && PosixFile.kind(spare) == .directory)
        options.visibility = Visibility(now: ZonedInstant.parse("2023-02-22T09:00:00+08:00")!)
        options.cache = nil
        try await SiteBuilder.build(options)
        try await cachedBuild()
        #expect(PosixFile.kind(spare) == nil)
    }
}
