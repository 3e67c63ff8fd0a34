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
        let start = try #require(Clock.parse("2023-02-15T09:00:00+08:00"))
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
                _ = try await Publisher().publish(request)
            } catch {
                Issue.record("the publish at \(instant.iso8601) was refused: \(error.message) \(error.diagnostics)")
            }
            if initialize {
                initialize = false
                // The marker is made; now the site itself.
                var first = Publisher.Request(siteRoot: site, now: instant)
                first.destination = target
                _ = try await Publisher().publish(first)
            }
        }
        #expect(FileManager.default.fileExists(atPath: target + "/siaran-pers/index.html"))
    }
}
