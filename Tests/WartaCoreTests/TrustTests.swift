import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// What must never leave the site folder, and what must never enter it.
@Suite struct TrustTests {
    static let embargoed = release("""
        title: Rilis Embargo Kecubung
        date: 2023-03-01 10:00
        """, body: "Kalimat rahasia kecubung.\n")

    @Test func backupAndSwapFilesAreNeverPublished() async throws {
        let site = try TestSite(["content/press/2023-02-10-terbit.md": release("title: Terbit\ndate: 2023-02-10")])
        defer { site.cleanUp() }
        let leftovers = ["content/press/rilis.md.bak", "content/press/rilis.md.orig", "content/press/.rilis.md.swp",
                         "content/press/rilis.md~", "content/press/#rilis.md#", "content/press/.#rilis.md",
                         "content/events/rilis.md.save", "content/lampiran/rilis.md.2023-02-20", "content/lampiran/rilis.pdf.part",
                         "content/pages/rilis.txt"]
        for path in leftovers { try site.write(path, Self.embargoed) }
        try await site.build()
        for (path, data) in snapshot(site.output) {
            #expect(!String(decoding: data, as: UTF8.self).contains("ecubung"), "\(path) holds a leftover's text")
            #expect(!path.contains("rilis"), "\(path) was published")
        }
    }

    /// Office lock files, download and copy leftovers, vim's write probe: never published, without
    /// a word. Server scripts: never published, with a warning at each.
    @Test func lockFilesPartialDownloadsAndServerScriptsAreNeverPublished() async throws {
        let site = try TestSite(["content/press/2023-02-10-terbit.md": release("title: Terbit\ndate: 2023-02-10")])
        defer { site.cleanUp() }
        let silent = ["content/lampiran/~$rilis-kecubung.docx", "content/lampiran/4913", "content/lampiran/rilis.pdf.partial",
                      "content/lampiran/rilis.pdf.download", "content/lampiran/rilis.pdf.tmp.48213", "content/gambar/rilis.jpg.part",
                      "content/lampiran/~lock.rilis.odt#", "site-templates/static/4913"]
        let scripts = ["content/lampiran/index.php", "content/rilis.phtml", "content/lampiran/form.cgi", "content/lama/default.asp",
                       "content/lama/default.ASPX", "content/lama/rilis.jsp", "site-templates/static/rilis.php"]
        for path in silent + scripts { try site.write(path, Self.embargoed) }
        // A folder named with digits only is a year, not vim's probe.
        try site.write("content/lampiran/2023/kecil.txt", "arsip")
        let report = try await site.build()
        let published = snapshot(site.output)
        for (path, data) in published {
            #expect(!String(decoding: data, as: UTF8.self).contains("ecubung"), "\(path) holds a leftover's text")
            #expect(!path.contains("rilis") && !path.contains("4913") && !path.contains("index.php"), "\(path) was published")
        }
        #expect(published["lampiran/2023/kecil.txt"] != nil)
        let warned = Set(report.warnings.filter { $0.message.contains("server script") }.map(\.path))
        #expect(warned == Set(scripts), "\(report.warnings)")
        #expect(!report.warnings.contains { w in silent.contains { w.path == $0 } }, "\(report.warnings)")
    }

    @Test func linksOutOfTheSiteAreReportedAndNeverRead() async throws {
        let site = try TestSite(["content/press/2023-02-10-terbit.md": release("title: Terbit\ndate: 2023-02-10")])
        defer { site.cleanUp() }
        let outside = temporaryFolder()
        defer { PosixFile.removeTree(outside) }
        let secret = "KUNCI-RAHASIA-PENYEBARAN"
        try Data("---\ntitle: \(secret)\ndate: 2023-02-01\n---\n\(secret)\n".utf8).write(to: URL(fileURLWithPath: outside + "/deploy_key"))
        try FileManager.default.createDirectory(atPath: outside + "/folder", withIntermediateDirectories: true)
        try Data(secret.utf8).write(to: URL(fileURLWithPath: outside + "/folder/isi.txt"))
        try site.write("content/lampiran/asli.pdf", "%PDF asli")
        let links = ["content/press/2023-02-11-kunci.md": outside + "/deploy_key",
                     "content/lampiran/kunci.pdf": outside + "/deploy_key",
                     "content/lampiran/folder": outside + "/folder",
                     "site-templates/partials/kunci.mustache": outside + "/deploy_key",
                     "site-templates/static/kunci.txt": outside + "/deploy_key"]
        for (link, target) in links {
            try FileManager.default.createSymbolicLink(atPath: site.root + "/" + link, withDestinationPath: target)
        }
        // A link that stays inside the site may be followed.
        try FileManager.default.createSymbolicLink(atPath: site.root + "/content/lampiran/salinan.pdf", withDestinationPath: "asli.pdf")
        let problems = await site.failures()
        for link in links.keys {
            let problem = problems.first { $0.path == link }
            #expect(problem?.message.contains("outside the site folder") == true, "\(link): \(problems)")
        }
        #expect(!problems.contains { $0.description.contains(secret) })
        #expect(PosixFile.kind(site.output) == nil, "nothing is written")

        for link in links.keys { try site.remove(link) }
        try await site.build()
        #expect(snapshot(site.output)["lampiran/salinan.pdf"] == Data("%PDF asli".utf8))

        // site.yml itself is no exception.
        try site.remove("site.yml")
        try Data("title: \(secret)\nbase_url: https://x.go.id/\n".utf8).write(to: URL(fileURLWithPath: outside + "/site.yml"))
        try FileManager.default.createSymbolicLink(atPath: site.root + "/site.yml", withDestinationPath: outside + "/site.yml")
        let configProblems = await site.failures()
        #expect(configProblems.contains { $0.path == "site.yml" && $0.message.contains("outside the site folder") }, "\(configProblems)")
    }

    /// A link inside the site publishes only a file the site would publish where it lies, and only
    /// while that file is public: never a hidden file, a draft's Markdown or the settings.
    @Test func linksInsideTheSitePublishOnlyWhatIsPublicOnItsOwn() async throws {
        let secret = "RAHASIA-DALAM-SITUS"
        let site = try TestSite([
            "content/press/2023-02-10-terbit.md": release("title: Terbit\ndate: 2023-02-10"),
            "content/press/2023-02-12-draf.md": release("title: Draf \(secret)\ndate: 2023-02-12\ndraft: true", body: "\(secret)\n"),
            "content/press/2023-02-13-embargo.md": release("""
                title: Embargo
                date: 2023-02-13
                publish_at: 2023-03-01 10:00
                attachments: [{file: /lampiran/embargo.pdf, title: Lampiran}]
                """),
            "content/lampiran/embargo.pdf": "%PDF \(secret)",
            "content/lampiran/asli.pdf": "%PDF asli",
            "content/lampiran/.tersembunyi/isi.txt": secret,
            ".env": "KUNCI=\(secret)",
        ])
        defer { site.cleanUp() }
        let refused = ["content/lampiran/env.txt": "../../.env",
                       "content/lampiran/draf.txt": "../press/2023-02-12-draf.md",
                       "content/lampiran/situs.txt": "../../site.yml",
                       "content/lampiran/isi.txt": ".tersembunyi/isi.txt",
                       "content/lampiran/situs": "../..",
                       "content/press/2023-02-14-salinan.md": "2023-02-12-draf.md",
                       "site-templates/static/env.txt": "../../.env"]
        for (link, target) in refused {
            try FileManager.default.createSymbolicLink(atPath: site.root + "/" + link, withDestinationPath: target)
        }
        let allowed = ["content/lampiran/salinan.pdf": "asli.pdf", "content/lampiran/embargo-salinan.pdf": "embargo.pdf",
                       "site-templates/static/salinan.pdf": "../../content/lampiran/asli.pdf"]
        for (link, target) in allowed {
            try FileManager.default.createSymbolicLink(atPath: site.root + "/" + link, withDestinationPath: target)
        }
        let problems = await site.failures()
        for link in refused.keys {
            let problem = problems.first { $0.path == link }
            #expect(problem?.message.contains("does not publish on its own") == true && problem?.line == 1 && problem?.column == 1,
                    "\(link): \(problems)")
        }
        #expect(!problems.contains { allowed.keys.contains($0.path) }, "\(problems)")
        #expect(PosixFile.kind(site.output) == nil, "nothing is written")

        for link in refused.keys { try site.remove(link) }
        try await site.build()
        var published = snapshot(site.output)
        #expect(published["lampiran/salinan.pdf"] == Data("%PDF asli".utf8))
        #expect(published["salinan.pdf"] == Data("%PDF asli".utf8))
        for (path, data) in published {
            #expect(!String(decoding: data, as: UTF8.self).contains(secret), "\(path) leaks")
        }
        // The copy of the embargoed attachment goes public with it.
        try await site.build(now: "2023-03-01T10:00:00+08:00")
        published = snapshot(site.output)
        #expect(published["lampiran/embargo-salinan.pdf"] == Data("%PDF \(secret)".utf8))
    }

    @Test func feedDescriptionsCarryTextNeverMarkup() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-uji.md": release("""
                title: "Harga <b>naik</b> & turun"
                date: 2023-02-10
                summary: "<script>alert(1)</script> <img src=x onerror=alert(2)> & selesai"
                """),
        ])
        defer { site.cleanUp() }
        try await site.build()
        let data = try #require(FileManager.default.contents(atPath: site.output + "/feed.xml"))
        let feed = try FeedDocument(data)
        let item = try #require(feed.items.first)
        // What a reader gets after XML decoding is HTML: the text must arrive as escaped text.
        let description = try #require(item["description"])
        #expect(!description.contains("<script") && !description.contains("<img"), "\(description)")
        #expect(description.contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; &amp; selesai"))
        #expect(item["title"] == "Harga <b>naik</b> & turun")  // a title is plain text in RSS
    }

    @Test func leftoversOfKilledBuildsAreRemovedByTheNextBuild() async throws {
        let site = try TestSite(["content/press/2023-02-10-terbit.md": release("title: Terbit\ndate: 2023-02-10")])
        defer { site.cleanUp() }
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        let alive = getppid()  // a process that surely still runs: another build's folder stays
        for name in ["public.staging-\(dead)", "public.old-\(dead)", "public.staging-\(alive)", "public.backup"] {
            try site.write("\(name)/index.html", "sisa")
        }
        try await site.build()
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: site.root))
        #expect(!names.contains("public.staging-\(dead)") && !names.contains("public.old-\(dead)"))
        #expect(names.contains("public.staging-\(alive)") && names.contains("public.backup"))
    }

    @Test(.timeLimit(.minutes(1)))
    func yamlBombsAreRefusedAtOnce() async throws {
        var layers = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...30 { layers += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let bombs = [
            "---\ntitle: Bom\ndate: 2023-02-10\n\(layers)---\n",
            "---\ntitle: Bom\ndate: 2023-02-10\n\(layers)? *a30\n: kunci\n---\n",
            "---\ntitle: Bom\ndate: 2023-02-10\ntags: " + String(repeating: "[", count: 100_000) + "\n---\n",
        ]
        let loader = ItemLoader(config: try #require(SiteConfigLoader.load(yaml: TestSite.defaultConfig).0))
        for bomb in bombs {
            let started = ContinuousClock.now
            let (item, problems) = loader.load(bytes: Array(bomb.utf8), path: "content/press/bom.md", kind: .release)
            #expect(item == nil && problems.count == 1, "\(problems)")
            #expect(ContinuousClock.now - started < .seconds(1))
        }
    }
}
