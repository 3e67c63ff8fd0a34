import Foundation
import Testing
import WartaTestSupport

/// `warta build --drafts/--future` makes a preview, and a preview never lands in public/, where a
/// manual rsync or a web server would find it.
extension CLITests {
    @Test func aPreviewBuildRefusesToWriteIntoTheSitesPublicFolder() throws {
        let site = try temporarySite()
        defer { removeTemporary(site) }
        try "---\ntitle: Draf Rahasia\ndate: 2023-02-11\ndraft: true\n---\nBelum terbit.\n"
            .write(toFile: site + "/content/press/draf.md", atomically: true, encoding: .utf8)
        let now = ["--now", "2023-02-21T09:00:00+07:00"]

        for flags in [["--drafts"], ["--future"], ["--drafts", "--future"]] {
            let run = try warta(["build", "--site", site] + flags + now)
            #expect(run.status != 0, "\(flags) built into public/")
            #expect(run.stderr.contains("--output"), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: site + "/public"), "\(flags)")
        }
        // The public build is still written to public/ by default.
        #expect(try warta(["build", "--site", site] + now).status == 0)
        let published = snapshot(site + "/public")
        #expect(!published.isEmpty)
        try FileManager.default.createSymbolicLink(atPath: site + "/ke-public", withDestinationPath: site + "/public")
        let outputs = [
            (site + "/public", nil), (site + "/public/", nil), (site + "/public/pratinjau", nil),
            (site + "/content/../public", nil), (site + "/ke-public", nil), (site + "/ke-public/pratinjau", nil),
            ("public", site), ("./public/pratinjau", site), ("../public", site + "/content"), ("../../" + URL(fileURLWithPath: site).lastPathComponent + "/public", site + "/content"),
        ]
        for (output, directory) in outputs {
            let run = try warta(["build", "--site", site, "--drafts", "--output", output] + now, directory: directory)
            #expect(run.status != 0, "--output \(output) from \(directory ?? "here") was accepted")
            #expect(run.stderr.contains("public/"), "\(run.stderr)")
        }
        #expect(snapshot(site + "/public") == published, "public/ changed")

        // Elsewhere, the preview is built, drafts included.
        let elsewhere = NSTemporaryDirectory() + "warta-cli-preview-" + UUID().uuidString
        defer { removeTemporary(elsewhere) }
        let run = try warta(["build", "--site", site, "--drafts", "--output", elsewhere] + now)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: elsewhere + "/index.html"))
        #expect(snapshot(site + "/public") == published)
    }
}
