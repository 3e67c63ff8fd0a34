import Foundation
import Glibc
import Synchronization
import Testing
import WartaCore
import WartaTestSupport
@testable import WartaPublish

/// One publish at a time per destination: a second never starts a second rsync into the same place.
extension PublishTests {
    /// Takes the lock of `destination` as another run would, recording `record` as its holder.
    func holdLock(site: String, destination: String, record: String) throws -> Int32 {
        let path = PublishLock.path(siteRoot: site, destination: Destination(destination))
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        try #require(fd >= 0)
        // A child another suite of this test process forks holds a copy of every descriptor until
        // it reaches exec (the lock of a publish that has just returned among them): wait that out.
        var tries = 0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 && tries < 50 {
            tries += 1
            usleep(100_000)
        }
        try #require(tries < 50, "the lock of \(destination) stayed held")
        try #require(write(fd, record, record.utf8.count) == record.utf8.count)
        return fd
    }

    @Test func aHeldLockStopsAPublishAndNamesItsHolder() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        _ = try await publish(site, to: target) { $0.initialize = true }
        let fd = try holdLock(site: site, destination: target, record: "4242\t2024-05-01T10:00:00+08:00\n")
        defer { close(fd) }
        let failure = await #expect(throws: Publisher.Failure.self) { try await publish(site, to: target) }
        let message = failure?.message ?? ""
        #expect(message.contains("another publish to \(target) is running (pid 4242, started 2024-05-01T10:00:00+08:00)"), "\(message)")
        #expect(message.contains("--wait"))
        #expect(contents(target).isEmpty)
        #expect(PublishLog(siteRoot: site).entries().isEmpty)
    }

    @Test func withWaitAPublishRunsOnceTheLockIsFree() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        _ = try await publish(site, to: target) { $0.initialize = true }
        let fd = try holdLock(site: site, destination: target, record: "4242\t2024-05-01T10:00:00+08:00\n")
        let said = Mutex<[String]>([])
        let publisher = try Self.publisher { line in said.withLock { $0.append(line) } }
        var request = Publisher.Request(siteRoot: site, now: Self.now)
        request.destination = target
        request.wait = true
        let waiting = Task { try await publisher.publish(request) }
        try await Task.sleep(for: .milliseconds(600))
        #expect(contents(target).isEmpty, "it sent while another run held the lock")
        #expect(said.withLock { $0 }.contains { $0.contains("(pid 4242, started 2024-05-01T10:00:00+08:00); waiting") })
        close(fd)
        let outcome = try await waiting.value
        #expect(outcome.summary.added.count == outcome.files)
        #expect(contents(target).count == outcome.files)
    }

    @Test func twoConcurrentPublishesNeverRunTogether() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        _ = try await publish(site, to: target) { $0.initialize = true }
        func attempt() async -> String? {
            do {
                _ = try await publish(site, to: target)
                return nil
            } catch {
                return "\(error)"
            }
        }
        async let first = attempt()
        async let second = attempt()
        let failures = await [first, second].compactMap { $0 }
        #expect(failures.count == 1, "\(failures)")
        #expect(failures.allSatisfy { $0.contains("another publish to \(target) is running (pid \(getpid()), started ") }, "\(failures)")
        #expect(PublishLog(siteRoot: site).entries().count == 1)
        #expect(!contents(target).isEmpty)
    }

    @Test func spellingsOfOneDestinationShareALock() throws {
        let site = "/srv/situs", folder = Self.emptyFolder()
        func lock(_ destination: String) -> String { PublishLock.path(siteRoot: site, destination: Destination(destination)) }
        #expect(lock(folder) == lock(folder + "/"))
        #expect(lock(folder) == lock(folder + "/./"))
        #expect(lock("deploy@web:/var/www/warta/") == lock("web:/var/www//warta"))
        #expect(lock("deploy@web:/var/www/warta/") != lock("deploy@web:/var/www/warta-lama/"))
        #expect(lock("deploy@web:/var/www/warta/") != lock("deploy@web2:/var/www/warta/"))
        #expect(lock("deploy@web:/var/www/warta/").hasPrefix(site + "/.warta/publish-web-var-www-warta-"))
    }
}

extension PublishTests {
    /// Whoever can write in the site folder must not turn the lock or the log into a write elsewhere:
    /// a link at either (or at `.warta`) stops the publish before anything is built or sent.
    @Test func theLockAndTheLogNeverFollowALink() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        _ = try await publish(site, to: target) { $0.initialize = true }
        let elsewhere = Self.emptyFolder()
        let victim = elsewhere + "/korban.txt"
        try "isi asli\n".write(toFile: victim, atomically: true, encoding: .utf8)
        func expectRefused(_ what: String) async {
            let failure = await #expect(throws: Publisher.Failure.self, "\(what)") { try await publish(site, to: target) }
            #expect(failure?.message.contains("is a symbolic link") == true, "\(what): \(String(describing: failure))")
            #expect((try? String(contentsOfFile: victim, encoding: .utf8)) == "isi asli\n", "\(what): the link's target was written")
            #expect(contents(target).isEmpty, "\(what): something was sent")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: elsewhere)) ?? []) == ["korban.txt"], "\(what)")
        }
        let lock = PublishLock.path(siteRoot: site, destination: Destination(target))
        try? FileManager.default.removeItem(atPath: lock)
        try FileManager.default.createSymbolicLink(atPath: lock, withDestinationPath: victim)
        await expectRefused("a linked lock")
        try FileManager.default.removeItem(atPath: lock)

        let log = PublishLog(siteRoot: site).path
        try? FileManager.default.removeItem(atPath: log)
        try FileManager.default.createSymbolicLink(atPath: log, withDestinationPath: victim)
        await expectRefused("a linked log")

        try FileManager.default.removeItem(atPath: site + "/.warta")
        try FileManager.default.createSymbolicLink(atPath: site + "/.warta", withDestinationPath: elsewhere)
        await expectRefused("a linked .warta folder")

        // Plain again: the publish goes ahead and logs.
        try FileManager.default.removeItem(atPath: site + "/.warta")
        _ = try await publish(site, to: target)
        #expect(!contents(target).isEmpty && PublishLog(siteRoot: site).entries().count == 1)
    }
}
