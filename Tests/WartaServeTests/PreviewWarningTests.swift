import Foundation
import Testing
import WartaCore
import WartaTestSupport
@testable import WartaServe

/// Warnings (raw HTML left out of a page) show in the preview without hiding it, and go with the fix.
@Suite(.serialized) struct PreviewWarningTests {
    @Test func aWarningShowsAtTheFootOfEveryPageUntilItIsFixed() async throws {
        try await SampleCopy.with { root in
            let file = root + "/content/pages/tentang.md"
            let original = try String(contentsOfFile: file, encoding: .utf8)
            try (original + "\nTeks dengan <marquee>bergerak</marquee>.\n").write(toFile: file, atomically: true, encoding: .utf8)
            try await ServerHarness.withServer(root) { running in
                let home = try await running.eventually("/") { $0.body.contains("warta-warnings") }
                #expect(home.body.contains("warta-warnings") && !home.body.contains("warta-error-overlay"))
                #expect(home.body.contains("content/pages/tentang.md:"))
                #expect(home.body.contains("raw HTML is left out of the page (&lt;marquee&gt;)"))
                #expect(home.body.contains("Siaran Pers Terbaru"))  // the page is still there underneath
                try original.write(toFile: file, atomically: true, encoding: .utf8)
                let fixed = try await running.eventually("/") { !$0.body.contains("warta-warnings") }
                #expect(!fixed.body.contains("warta-warnings"))
            }
        }
    }
}
