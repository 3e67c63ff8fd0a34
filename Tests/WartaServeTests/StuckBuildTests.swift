import Foundation
import Glibc
import Synchronization
import Testing
import WartaCore
@testable import WartaServe

/// A build as slow as a hostile file can make it (a YAML alias bomb) must not stop the server
/// from answering, nor from stopping. The build is made to hang for real: `site.yml` becomes a
/// named pipe, and the build's read of it blocks until the test lets go. No timing is involved.
@Suite(.serialized) struct StuckBuildTests {
    @Test func theLastGoodSiteIsServedWhileARebuildIsStuck() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root) { running in
                let good = try await running.http.fetch("/siaran-pers/")
                #expect(good.status == 200)
                let pipe = try StuckFile(replacing: root + "/site.yml")
                defer { pipe.release() }
                try await pipe.waitForReader()

                // The rebuild is now blocked inside its read of site.yml.
                let home = try await running.http.fetch("/")
                #expect(home.status == 200 && home.body.contains("Siaran Pers Terbaru") && !home.body.contains("warta-error-overlay"))
                let again = try await running.http.fetch("/siaran-pers/", headers: ["If-None-Match": try #require(good.headers["etag"])])
                #expect(again.status == 304)
                #expect(try await running.http.fetch("/style.css").status == 200)
                #expect(try await running.http.fetch("/tidak/ada/").status == 404)
                let event = try await running.http.firstEventAsync(at: LiveReload.eventsPath) { pipe.release() }
                // Let go: the build reads an empty site.yml and fails, and open pages hear of it.
                #expect(event == "reload")
            }
        }
    }

    @Test func theServerStopsWhileARebuildIsStuck() async throws {
        try await SampleCopy.with { root in
            let running = try await ServerHarness.start(root)
            let pipe = try StuckFile(replacing: root + "/site.yml")
            defer { pipe.release() }
            do {
                try await pipe.waitForReader()
            } catch {
                await running.stop()
                throw error
            }
            // Stopping must not wait for the stuck build. If it did, the deadline lets the build
            // go (so this test ends either way) and the test fails.
            let stoppedFirst = await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    await running.stop()
                    return true
                }
                group.addTask {
                    do { try await Task.sleep(for: .seconds(20)) } catch { return true }
                    pipe.release()
                    return false
                }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
            #expect(stoppedFirst, "the server waited for a stuck build before stopping")
            pipe.release()
            await running.server.coordinator.idle()
        }
    }
}

/// Replaces a file of the site by a named pipe. A build that reads it blocks: first in open()
/// until the test opens the writing end, then in read() until the test closes it.
final class StuckFile: Sendable {
    let path: String
    private let writer = Mutex<Int32>(-1)

    struct NeverRead: Error, CustomStringConvertible {
        let path: String
        var description: String {
            "no build opened \(path); if the loader now refuses files that are not regular files, this test needs another way to hold a build"
        }
    }

    init(replacing path: String) throws {
        self.path = path
        guard rename(path, path + ".good") == 0, mkfifo(path, 0o600) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    /// Returns once a build has opened the pipe; from then on that build is blocked reading it.
    func waitForReader(timeout: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            // Without a reader, a non-blocking open for writing fails with ENXIO.
            let fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            if fd >= 0 {
                writer.withLock { $0 = fd }
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw NeverRead(path: path)
    }

    /// Lets the stuck build go (it reads an empty file) and puts the real file back. Idempotent.
    func release() {
        let held = writer.withLock { fd in
            defer { fd = -2 }
            return fd
        }
        guard held != -2 else { return }
        // A build still blocked in open() (no writer yet) is let through first.
        let fd = held >= 0 ? held : open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        // The real file goes back before the pipe ends, so the next build reads it, not the pipe.
        rename(path + ".good", path)
        if fd >= 0 { close(fd) }
    }
}
