import Foundation
import Testing
import WartaCore
import WartaTestSupport
@testable import WartaPublish

/// The five-minute timer never stops by itself: the sample site, published to a folder at every
/// instant of its schedule (from before its withdrawal to after its last change), is accepted
/// each time, with the real build, checks and rsync.
@Suite struct ScheduleWalkTests {
    @Test func aPublishSucceedsAtEveryInstantOfTheSamplesSchedule() async throws {
        let site = try SampleSite.copy(prefix: "warta-walk-")
        let target = NSTemporaryDirectory() + "warta-walk-target-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        defer {
            PosixFile.removeTree(site)
            PosixFile.removeTree(target)
        }
        let start = try #require(ZonedInstant.parse("2023-02-15T09:00:00+08:00"))
        let (loaded, problems) = await SiteLoader.load(root: site)
        let changes = Schedule.upcoming(site: try #require(loaded, "\(problems)"), now: start)
        let instants = [start] + changes.map(\.instant).reduce(into: [ZonedInstant]()) { if $0.last?.seconds != $1.seconds { $0.append($1) } }
        #expect(instants.count > 20, "the sample's schedule has a withdrawal, embargoes, events and notices")
        #expect(changes.contains { $0.change == .withdrawn } && changes.contains { $0.change == .embargoLifts })
        var initialize = true
        for instant in instants {
            var request = Publisher.Request(siteRoot: site, now: instant)
            request.destination = target
            request.initialize = initialize
            request.allowDeletes = true
            do {
                // The timer's clock at that instant.
                _ = try await Publisher(clock: .fixed(instant)).publish(request)
            } catch {
                Issue.record("the publish at \(instant.iso8601) was refused: \(error.message) \(error.diagnostics)")
            }
            if initialize {
                initialize = false
                // The marker is made; now the site itself.
                var first = Publisher.Request(siteRoot: site, now: instant)
                first.destination = target
                _ = try await Publisher(clock: .fixed(instant)).publish(first)
            }
        }
        #expect(FileManager.default.fileExists(atPath: target + "/siaran-pers/index.html"))
    }

    @Test func aPublishStoppedByTheContentSaysSoInAPressOfficersWords() async throws {
        let site = try SampleSite.copy(prefix: "warta-refused-")
        let target = NSTemporaryDirectory() + "warta-refused-target-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        defer {
            PosixFile.removeTree(site)
            PosixFile.removeTree(target)
        }
        let file = site + "/content/press/2023-02-09-pertemuan-wali-kota-kadin.md"
        try (try String(contentsOfFile: file, encoding: .utf8) + "\nLihat [halaman](/halaman/tiada/).\n").write(toFile: file, atomically: true, encoding: .utf8)
        let now = try #require(ZonedInstant.parse("2023-02-21T09:00:00+08:00"))
        var prepare = Publisher.Request(siteRoot: site, now: now)
        prepare.destination = target
        prepare.initialize = true
        _ = try await Publisher(clock: .fixed(now)).publish(prepare)
        var request = Publisher.Request(siteRoot: site, now: now)
        request.destination = target
        do {
            _ = try await Publisher(clock: .fixed(now)).publish(request)
            Issue.record("a site with a broken link was published")
        } catch {
            #expect(error.message.hasPrefix("nothing was published: 1 problem in the site's files must be fixed first"), "\(error.message)")
            #expect(error.message.contains("The site online stays as it was"))
            #expect(error.diagnostics.contains { $0.path == "content/press/2023-02-09-pertemuan-wali-kota-kadin.md" && $0.message.contains("/halaman/tiada/") })
        }
        #expect((try? FileManager.default.contentsOfDirectory(atPath: target)) == [Rsync.marker], "nothing but the marker reached the target")
    }
}
