import Foundation
import FoundationNetworking
import Glibc
import Testing
import WartaTestSupport

/// `warta serve` as a process: what it leaves on disk when it is killed, and after.
extension CLITests {
    /// `warta serve` on `site` with a free port; returns the child and the port it announced.
    func startServe(site: String, temporary: String) throws -> (WartaChild, Int) {
        let child = try WartaChild(Self.executable, ["serve", "--site", site, "--port", "0", "--now", "2023-02-21T09:00:00+08:00"],
                                   environment: ["TMPDIR": temporary])
        let port = child.waitForLine { line -> Int? in
            guard line.hasPrefix("serving "), let at = line.range(of: "http://127.0.0.1:") else { return nil }
            return Int(line[at.upperBound...].prefix { $0.isNumber })
        }
        guard let port else {
            child.end()
            throw ServeDidNotStart(stderr: child.stderr)
        }
        return (child, port)
    }

    struct ServeDidNotStart: Error, CustomStringConvertible {
        let stderr: String
        var description: String { "warta serve did not start:\n\(stderr)" }
    }

    /// Preview folders (`warta-preview-<pid>-…`) of process `pid` in `temporary`.
    func previewFolders(in temporary: String, of pid: pid_t) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: temporary)
            .filter { $0.hasPrefix("warta-preview-\(pid)-") }.map { temporary + "/" + $0 }
    }

    @Test func aKilledServesPreviewFolderIsRemovedWhenTheNextServeStarts() async throws {
        let temporary = try Self.privateTemporaryFolder()
        defer { removeTemporary(temporary) }
        let site = try SampleSite.copy(prefix: "warta-cli-serve-")
        defer { removeTemporary(site) }

        let (first, _) = try startServe(site: site, temporary: temporary)
        let leftover = try #require(try previewFolders(in: temporary, of: first.pid).first)
        #expect(FileManager.default.fileExists(atPath: leftover + "/site/index.html"))
        // No chance to clean up: SIGKILL. The folder stays behind, drafts and all.
        first.send(SIGKILL)
        #expect(first.wait(timeout: .seconds(30)))
        #expect(first.process.terminationReason == .uncaughtSignal)
        #expect(FileManager.default.fileExists(atPath: leftover))

        let (second, port) = try startServe(site: site, temporary: temporary)
        #expect(!FileManager.default.fileExists(atPath: leftover), "the killed server's \(leftover) is still there")
        let own = try previewFolders(in: temporary, of: second.pid)
        #expect(own.count == 1)
        let (body, response) = try await URLSession.shared.data(from: try #require(URL(string: "http://127.0.0.1:\(port)/")))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("Siaran Pers Terbaru"))

        // A clean stop removes its own folder.
        second.send(SIGTERM)
        #expect(second.wait(timeout: .seconds(30)))
        #expect(second.process.terminationStatus == 0, "\(second.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).filter { $0.hasPrefix("warta-preview-") }.isEmpty)
    }
}
