import Foundation
import Testing
import WartaCore
import WartaTestSupport
@testable import WartaPublish

extension PublishTests {
    /// ssh settings only mean something to an ssh destination; elsewhere they would be silently unused.
    @Test func sshSettingsOnATargetNotReachedOverSshAreAnError() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        let config = try String(contentsOfFile: site + "/site.yml", encoding: .utf8)
        try (String(config[..<(config.range(of: "\npublish:")?.lowerBound ?? config.endIndex)]) + """

        publish:
          targets:
            lokal:
              destination: \(target)
              ssh_identity: /home/humas/.ssh/warta
        """).write(toFile: site + "/site.yml", atomically: true, encoding: .utf8)
        var request = Publisher.Request(siteRoot: site, now: Self.now)
        request.target = "lokal"
        request.initialize = true
        let failure = await #expect(throws: Publisher.Failure.self) { try await Self.publisher().publish(request) }
        let message = failure?.message ?? ""
        #expect(message.contains("ssh_identity") && message.contains("not reached over ssh"), "\(message)")
        #expect(snapshot(target).isEmpty)
    }
}
