import Foundation
import Testing
import WartaCore
import WartaTestSupport
@testable import WartaPublish

extension PublishTests {
    /// A clock ahead of the real one would publish embargoed releases early.
    @Test func aBuildClockLaterThanTheRealOneIsRefused() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        _ = try await publish(site, to: target) { $0.initialize = true }
        let tomorrow = ZonedInstant(seconds: Self.now.seconds + 86_400, offset: 7 * 3600)
        let failure = await #expect(throws: Publisher.Failure.self) {
            try await publish(site, to: target) { $0.now = tomorrow }
        }
        #expect(failure?.message.contains("later than the real clock") == true, "\(String(describing: failure))")
        #expect(contents(target).isEmpty)
    }

    /// An earlier build clock, sent, would bring back what has been withdrawn or has expired since:
    /// the library refuses it for anything but a dry run, whatever calls it.
    @Test func anEarlierBuildClockIsForDryRunsOnly() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        let later = ZonedInstant.parse("2024-01-01T09:00:00+08:00")!
        _ = try await publish(site, to: target, at: later) { $0.initialize = true }
        var request = Publisher.Request(siteRoot: site, now: Self.now)
        request.destination = target
        let failure = await #expect(throws: Publisher.Failure.self) { try await Self.publisher(clock: later).publish(request) }
        #expect(failure?.message.contains("earlier than the real clock") == true, "\(String(describing: failure))")
        #expect(contents(target).isEmpty)
        #expect(PublishLog(siteRoot: site).entries().isEmpty)
        request.dryRun = true
        let look = try await Self.publisher(clock: later).publish(request)
        #expect(look.summary.added.count > 50 && contents(target).isEmpty)
    }
}
