import Foundation
import Glibc
import Testing
import WartaCore
@testable import WartaServe

/// Where a preview lives: a folder only its user can read, never left behind, never in public/.
@Suite(.serialized) struct PreviewFolderTests {
    @Test func thePrivateBuildFolderIsReadableByTheUserAloneAndRemovedAtShutdown() async throws {
        try await SampleCopy.with { root in
            var settings = ServerHarness.Settings()
            settings.output = nil
            let folder = try await ServerHarness.withServer(root, settings) { running in
                let folder = try #require(running.server.privateFolder)
                var st = stat()
                #expect(lstat(folder, &st) == 0)
                #expect(st.st_mode & S_IFMT == S_IFDIR)
                #expect(st.st_mode & 0o777 == 0o700, "mode \(String(st.st_mode & 0o777, radix: 8))")
                #expect(st.st_uid == getuid())
                #expect(folder.hasPrefix(PreviewFolder.temporaryDirectory + "/warta-preview-\(getpid())-"))
                #expect(running.output.hasPrefix(folder + "/"))
                #expect(try await running.http.fetch("/").status == 200)
                return folder
            }
            #expect(PosixFile.kind(folder, followLinks: false) == nil, "\(folder) is still there")
        }
    }

    @Test func aPreviewIsNeverBuiltIntoTheSitesPublicFolder() async throws {
        try await SampleCopy.with { root in
            for output in ["/public", "/public/preview", "/content/../public"] {
                var settings = ServerHarness.Settings()
                settings.output = { $0 + output }
                await #expect(throws: BuildFailure.self, "output \(output)") { _ = try await ServerHarness.start(root, settings) }
                #expect(!FileManager.default.fileExists(atPath: root + "/public"), "output \(output)")
            }
        }
    }

    /// The id of a process that existed and has ended.
    static func endedProcessID() throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func foldersOfEndedServersAreRemovedAndNoOtherFolderIsTouched() throws {
        let temp = NSTemporaryDirectory() + "warta-stale-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        defer { PosixFile.removeTree(temp) }
        let ended = try Self.endedProcessID()
        let keep = temp + "/keep"
        try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)

        let stale = temp + "/warta-preview-\(ended)-abc123"
        try FileManager.default.createDirectory(atPath: stale + "/site/siaran-pers", withIntermediateDirectories: true)
        try "draf".write(toFile: stale + "/site/siaran-pers/index.html", atomically: true, encoding: .utf8)
        // pid 1 always runs; this process runs; a symlink or a file with a stale name is not a
        // folder of ours; names that are not `warta-preview-<pid>-<random>` are someone else's.
        let kept = [
            "warta-preview-1-live", "warta-preview-\(getpid())-mine", "warta-preview-0-group", "warta-preview--1-all",
            "warta-preview-\(ended)", "warta-preview-x\(ended)-y", "warta-previewer-\(ended)-z",
        ]
        for name in kept { try FileManager.default.createDirectory(atPath: temp + "/" + name, withIntermediateDirectories: true) }
        try FileManager.default.createSymbolicLink(atPath: temp + "/warta-preview-\(ended)-link", withDestinationPath: keep)
        try "not a folder".write(toFile: temp + "/warta-preview-\(ended)-file", atomically: true, encoding: .utf8)

        let removed = PreviewFolder.removeStale(in: temp)
        #expect(removed == [stale])
        #expect(PosixFile.kind(stale, followLinks: false) == nil)
        for name in kept + ["warta-preview-\(ended)-link", "warta-preview-\(ended)-file", "keep"] {
            #expect(PosixFile.kind(temp + "/" + name, followLinks: false) != nil, "\(name) was removed")
        }
    }
}
