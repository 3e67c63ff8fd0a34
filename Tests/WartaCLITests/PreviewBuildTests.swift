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

    /// Nor into what a later build reads (content/, site-templates/), nor into a local folder that
    /// site.yml publishes to: from there the next build or publish would send the drafts.
    @Test func aPreviewBuildRefusesTheSitesInputsAndItsPublishFolders() throws {
        let site = try temporarySite()
        defer { removeTemporary(site) }
        let destination = NSTemporaryDirectory() + "warta-cli-tujuan-" + UUID().uuidString
        defer { removeTemporary(destination) }
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        try "title: Kota Uji\nbase_url: https://kota-uji.go.id/\ntimezone: Asia/Jakarta\npublish:\n  targets:\n    lokal:\n      destination: \(destination)/\n    relatif:\n      destination: terbit/\n"
            .write(toFile: site + "/site.yml", atomically: true, encoding: .utf8)
        try "---\ntitle: Draf Rahasia\ndate: 2023-02-11\ndraft: true\n---\nBelum terbit.\n"
            .write(toFile: site + "/content/press/draf.md", atomically: true, encoding: .utf8)
        let now = ["--now", "2023-02-21T09:00:00+07:00"]
        let outputs = [
            (site + "/content/pratinjau", "content/"), (site + "/content", "content/"), (site + "/site-templates/static/pratinjau", "site-templates/"),
            (site, "site folder"), (destination + "/pratinjau", "'lokal'"), (destination, "'lokal'"), (site + "/terbit/pratinjau", "'relatif'"),
        ]
        for (output, place) in outputs {
            for flags in [["--drafts"], ["--future"]] {
                let run = try warta(["build", "--site", site, "--output", output] + flags + now)
                #expect(run.status != 0, "\(flags) --output \(output) was accepted")
                #expect(run.stderr.contains(place), "\(run.stderr)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: site + "/content/pratinjau"))
        #expect(!FileManager.default.fileExists(atPath: site + "/site-templates/static/pratinjau"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination).isEmpty)
        // A folder of the site that nothing reads is fine.
        let run = try warta(["build", "--site", site, "--drafts", "--output", site + "/pratinjau"] + now)
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// A preview says what it is in a file of its own; a build never reads a folder that has it,
    /// wherever it was put (an older version, a copy by hand), so its drafts never go further.
    @Test func aPreviewIsMarkedAndNoBuildTakesItIn() throws {
        let site = try temporarySite()
        defer { removeTemporary(site) }
        try "---\ntitle: Draf Rahasia Kecubung\ndate: 2023-02-11\ndraft: true\n---\nBelum terbit kecubung.\n"
            .write(toFile: site + "/content/press/draf.md", atomically: true, encoding: .utf8)
        let now = ["--now", "2023-02-21T09:00:00+07:00"]
        let elsewhere = NSTemporaryDirectory() + "warta-cli-preview-" + UUID().uuidString
        defer { removeTemporary(elsewhere) }
        #expect(try warta(["build", "--site", site, "--drafts", "--output", elsewhere] + now).status == 0)
        #expect(FileManager.default.fileExists(atPath: elsewhere + "/.warta-preview"))
        // A public build over it takes the mark away.
        let again = try warta(["build", "--site", site, "--no-cache", "--output", elsewhere] + now)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: elsewhere + "/.warta-preview"))
        #expect(try warta(["build", "--site", site, "--drafts", "--output", elsewhere] + now).status == 0)

        for inside in ["content/lampiran/pratinjau", "site-templates/static/pratinjau"] {
            try FileManager.default.createDirectory(atPath: site + "/" + (inside as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: elsewhere, toPath: site + "/" + inside)
        }
        let build = try warta(["build", "--site", site] + now)
        #expect(build.status == 0, "\(build.stderr)")
        for inside in ["content/lampiran/pratinjau", "site-templates/static/pratinjau"] {
            #expect(build.stderr.contains("\(inside):1:1: warning: this folder is a preview build"), "\(build.stderr)")
        }
        let published = snapshot(site + "/public")
        #expect(!published.isEmpty)
        for (path, data) in published {
            #expect(!String(decoding: data, as: UTF8.self).contains("ecubung"), "\(path) holds the draft")
            #expect(!path.contains("pratinjau"), "\(path) was published")
        }
    }
}
