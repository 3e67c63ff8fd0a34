import Foundation
import Testing
import WartaTestSupport

/// What `warta serve` prints while someone edits: the file they saved (never their editor's
/// temporary files), and each error once, as `path:line:column: error: message`.
extension CLITests {
    @Test func thePreviewLogNamesTheSavedFileAndEachErrorOnce() throws {
        let temporary = try Self.privateTemporaryFolder()
        defer { removeTemporary(temporary) }
        let site = try temporarySite()
        defer { removeTemporary(site) }
        let press = site + "/content/press"
        let (serve, _) = try startServe(site: site, temporary: temporary)
        defer { serve.end() }

        // A JetBrains-style save of a broken release, after vim's write probe.
        try Data().write(to: URL(fileURLWithPath: press + "/4913"))
        try FileManager.default.removeItem(atPath: press + "/4913")
        try "---\ntitle: Rapat: hasil\ndate: 2023-02-10\n---\nIsi.\n".write(toFile: press + "/rapat.md___jb_tmp___", atomically: false, encoding: .utf8)
        try FileManager.default.moveItem(atPath: press + "/rapat.md___jb_tmp___", toPath: press + "/rapat.md")
        let failed = serve.waitForLine { $0.contains("build failed (") ? String($0) : nil }
        #expect(failed?.hasPrefix("error: build failed (content/press/rapat.md) in ") == true, "\(serve.stderr)")
        let located = serve.waitForLine { $0.contains("rapat.md:2:8") ? String($0) : nil }
        #expect(located == "\(site)/content/press/rapat.md:2:8: error: put the title in quotes: title: \"Rapat: hasil\" (a colon followed by a space ends a field name)",
                "\(serve.stderr)")

        // Fixed in vim: a swap file, the old text kept as rapat.md~ until the new one is written.
        try "swap".write(toFile: press + "/.rapat.md.swp", atomically: false, encoding: .utf8)
        try FileManager.default.moveItem(atPath: press + "/rapat.md", toPath: press + "/rapat.md~")
        try "---\ntitle: \"Rapat: hasil\"\ndate: 2023-02-10\n---\nIsi.\n".write(toFile: press + "/rapat.md", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: press + "/rapat.md~")
        try FileManager.default.removeItem(atPath: press + "/.rapat.md.swp")
        let rebuilt = serve.waitForLine { $0.hasPrefix("rebuilt (content/press/rapat.md)") ? String($0) : nil }
        #expect(rebuilt != nil, "\(serve.stderr)")

        let lines = serve.stderr.split(separator: "\n")
        for line in lines {
            #expect(line.ranges(of: "error:").count <= 1, "\(line)")
            #expect(line.ranges(of: "warning:").count <= 1, "\(line)")
            // The links' random keys may hold "4913" by chance.
            for editorFile in ["4913", "___jb_", ".swp", "rapat.md~"] where !line.contains("?key=") { #expect(!line.contains(editorFile), "\(line)") }
        }
    }
}
