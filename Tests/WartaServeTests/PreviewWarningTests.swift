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
                #expect(home.body.contains("2 warnings") && home.body.contains("href=\"\(ErrorOverlay.warningsPath)\""))
                #expect(home.body.contains("Siaran Pers Terbaru"))  // the page is still there underneath
                let list = try await running.http.fetch(ErrorOverlay.warningsPath)
                #expect(list.status == 200 && list.body.contains("content/pages/tentang.md:"))
                #expect(list.body.contains("raw HTML is left out of the page (&lt;marquee&gt;)"))
                try original.write(toFile: file, atomically: true, encoding: .utf8)
                let fixed = try await running.eventually("/") { !$0.body.contains("warta-warnings") }
                #expect(!fixed.body.contains("warta-warnings"))
                #expect(try await running.http.fetch(ErrorOverlay.warningsPath).body.contains("no warnings"))
            }
        }
    }

    /// A big site may have thousands of warnings: each page carries their count, the list is one page.
    @Test func manyWarningsKeepEveryPageSmallAndTheirListHasThemAll() async throws {
        try await SampleCopy.with { root in
            let marquees = (0..<8).map { "Baris <marquee>\($0)</marquee> teks.\n" }.joined(separator: "\n")
            for n in 0..<300 {
                try "---\ntitle: Catatan \(n)\n---\n\(marquees)".write(toFile: root + "/content/pages/catatan-\(n).md", atomically: false, encoding: .utf8)
            }
            try await ServerHarness.withServer(root) { running in
                let home = try await running.eventually("/") { $0.body.contains("warta-warnings") }
                let warnings = try #require(running.server.coordinator.state.lastReport?.warnings)
                #expect(warnings.count >= 1500)
                #expect(home.body.contains("\(warnings.count) warnings"))
                // The page as built, plus the reload script and the small box: not the list.
                let built = try Data(contentsOf: URL(fileURLWithPath: running.output + "/index.html")).count
                #expect(home.body.utf8.count < built + LiveReload.script.utf8.count + 1024, "\(home.body.utf8.count) bytes for \(built) built")
                let list = try await running.http.fetch(ErrorOverlay.warningsPath)
                #expect(list.status == 200)
                #expect(list.body.components(separatedBy: "<li>").count - 1 == warnings.count)
                for n in [0, 150, 299] { #expect(list.body.contains("content/pages/catatan-\(n).md:"), "catatan-\(n)") }
            }
        }
    }
}
