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
        let tomorrow = ZonedInstant(seconds: Clock.system().seconds + 86_400, offset: 7 * 3600)
        let failure = await #expect(throws: Publisher.Failure.self) {
            try await publish(site, to: target) { $0.now = tomorrow }
        }
        #expect(failure?.message.contains("later than the real clock") == true, "\(String(describing: failure))")
        #expect(contents(target).isEmpty)
    }
}
