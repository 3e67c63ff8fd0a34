import Foundation
import Testing
import WartaTestSupport

/// `warta new` as a press officer runs it, on a copy of the sample site: the file it makes is a draft
/// that checks clean, builds at the address it printed once written, and it never overwrites a file.
extension CLITests {
    /// `created <path>` and `url: <url>` from a successful run.
    func created(_ run: Run) -> (path: String, url: String)? {
        let lines = run.stdout.split(separator: "\n")
        guard let path = lines.first(where: { $0.hasPrefix("created ") })?.dropFirst("created ".count),
              let url = lines.first(where: { $0.hasPrefix("url: ") })?.dropFirst("url: ".count) else { return nil }
        return (String(path), String(url))
    }

    @Test func newWritesDraftsThatCheckPassesAndBuildKeepsBack() throws {
        let site = try SampleSite.copy(prefix: "warta-new-")
        let output = NSTemporaryDirectory() + "warta-new-out-" + UUID().uuidString
        defer { removeTemporary(site); removeTemporary(output) }
        let cases: [(args: [String], title: String, path: String, url: String)] = [
            (["release", "--department", "dinkes"], "Dinkes Buka Posko Kesehatan Lebaran: Siaga 24 Jam",
             "content/press/2023-02-21-dinkes-buka-posko-kesehatan-lebaran-siaga-24-jam.md",
             "https://wiramayakota.go.id/siaran-pers/2023/02/dinkes-buka-posko-kesehatan-lebaran-siaga-24-jam/"),
            (["event", "--start", "2023-03-15 19:30"], "Malam Seni Budaya Teluk Wiramaya",
             "content/events/2023-03-15-malam-seni-budaya-teluk-wiramaya.md",
             "https://wiramayakota.go.id/agenda/2023/03/malam-seni-budaya-teluk-wiramaya/"),
            (["page"], "Pedoman Peliputan Pers",
             "content/pages/pedoman-peliputan-pers.md", "https://wiramayakota.go.id/pedoman-peliputan-pers/"),
        ]
        for c in cases {
            let run = try warta(["new"] + c.args + [c.title, "--site", site, "--now", Self.sampleNow])
            #expect(run.status == 0, "\(c.args): \(run.stderr)")
            let made = try #require(created(run), "\(run.stdout)")
            #expect(made.path == site + "/" + c.path)
            #expect(made.url == c.url)
            let text = try String(contentsOfFile: made.path, encoding: .utf8)
            #expect(text.contains("title: \"\(c.title)\"") || text.contains("title: \(c.title)\n"), "\(text)")
            #expect(text.contains("\n# Kolom pilihan:"), "\(text)")
        }
        let release = try String(contentsOfFile: site + "/" + cases[0].path, encoding: .utf8)
        #expect(release.contains("\ndate: 2023-02-21 09:00\ndepartment: dinkes\n"), "\(release)")
        #expect(!release.contains("# department:"), "a filled field is not also a comment")
        let event = try String(contentsOfFile: site + "/" + cases[1].path, encoding: .utf8)
        #expect(event.contains("\n# department: setda ") && event.contains("setda, diskominfo, dinkes, dispar"), "\(event)")
        #expect(event.contains("\ndate: 2023-02-21 09:00\nstart: 2023-03-15 19:30\n"), "\(event)")

        // Drafts: `check` passes, and the build publishes none of them.
        let check = try warta(["check", "--site", site, "--now", Self.sampleNow])
        #expect(check.status == 0, "\(check.stderr)")
        let build = try warta(["build", "--site", site, "--output", output, "--now", Self.sampleNow])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.isEmpty, "a new file gave warnings: \(build.stderr)")
        for c in cases {
            let page = output + "/" + c.url.dropFirst("https://wiramayakota.go.id/".count) + "index.html"
            #expect(!FileManager.default.fileExists(atPath: page), "a draft was published: \(page)")
        }

        // Made ready with the example text still in it: each example line is an error at its line.
        var ready: [(path: String, text: String)] = []
        for c in cases {
            let text = try String(contentsOfFile: site + "/" + c.path, encoding: .utf8)
            #expect(text.contains("\ndraft: true\n"), "\(text)")
            let undrafted = text.replacingOccurrences(of: "\ndraft: true\n", with: "\ndraft: false\n")
            try undrafted.write(toFile: site + "/" + c.path, atomically: true, encoding: .utf8)
            ready.append((c.path, undrafted))
        }
        let refused = try warta(["check", "--site", site, "--now", Self.sampleNow])
        #expect(refused.status == 1)
        let examples = ["Paragraf pembuka: siapa, apa, kapan", "Isi siaran pers.", "Apa yang terjadi dalam agenda ini", "Isi halaman ini."]
        for (path, text) in ready {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for example in examples {
                guard let index = lines.firstIndex(where: { $0.hasPrefix(example) }) else { continue }
                #expect(refused.stderr.contains("\(site)/\(path):\(index + 1):1: error: this is the example text `warta new` wrote; replace it with "),
                        "\(path) line \(index + 1): \(refused.stderr)")
            }
        }
        #expect(refused.stderr.contains("or keep `draft: true` until it is ready"))

        // With their own text, they build, each at the address `new` printed.
        for (path, text) in ready {
            let front = text.components(separatedBy: "\n---\n")[0]
            try (front + "\n---\nTeks yang ditulis sendiri oleh humas.\n").write(toFile: site + "/" + path, atomically: true, encoding: .utf8)
        }
        let published = try warta(["build", "--site", site, "--output", output, "--now", Self.sampleNow])
        #expect(published.status == 0, "\(published.stderr)")
        for c in cases {
            let page = output + "/" + c.url.dropFirst("https://wiramayakota.go.id/".count) + "index.html"
            let html = try String(contentsOfFile: page, encoding: .utf8)
            #expect(html.contains(c.title), "\(page)")
        }
    }

    @Test func newReadyWritesNoDraftAndCheckPointsAtTheExampleText() throws {
        let site = try SampleSite.copy(prefix: "warta-new-ready-")
        defer { removeTemporary(site) }
        let run = try warta(["new", "release", "--ready", "Pasar Murah Ramadan", "--site", site, "--now", Self.sampleNow])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("ready: replace the example text"), "\(run.stdout)")
        let made = try #require(created(run), "\(run.stdout)")
        let text = try String(contentsOfFile: made.path, encoding: .utf8)
        #expect(!text.contains("\ndraft: true"), "\(text)")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let opening = try #require(lines.firstIndex { $0.hasPrefix("Paragraf pembuka") })
        let check = try warta(["check", "--site", site, "--now", Self.sampleNow])
        #expect(check.status == 1)
        #expect(check.stderr.contains("\(made.path):\(opening + 1):1: error: this is the example text `warta new` wrote; replace it with the release's own text, or keep `draft: true` until it is ready"),
                "\(check.stderr)")
        let both = try warta(["new", "page", "--ready", "--draft", "Dua Arah", "--site", site])
        #expect(both.status != 0 && both.stderr.contains("--ready and --draft"), "\(both.stderr)")
    }

    @Test func newIsInTheHelp() throws {
        let top = try warta(["--help"])
        #expect(top.stdout.contains("  new "), "\(top.stdout)")
        let release = try warta(["new", "release", "--help"])
        for option in ["--department", "--date", "--site", "--now", "--slug", "--draft", "--ready"] { #expect(release.stdout.contains(option)) }
        #expect(try warta(["new", "event", "--help"]).stdout.contains("--start"))
    }

    @Test func newNeverOverwrites() throws {
        let site = try SampleSite.copy(prefix: "warta-new-")
        defer { removeTemporary(site) }
        let args = ["--site", site, "--now", Self.sampleNow]
        let first = try #require(created(try warta(["new", "release", "Kerja Bakti Serentak"] + args)))
        try "---\ntitle: Kerja Bakti Serentak\ndate: 2023-02-21 09:00\n---\nSudah ditulis.\n".write(toFile: first.path, atomically: true, encoding: .utf8)
        // The same title again: a second file, numbered; the first keeps its text.
        let second = try #require(created(try warta(["new", "release", "Kerja Bakti Serentak"] + args)))
        #expect(second.path == site + "/content/press/2023-02-21-kerja-bakti-serentak-2.md")
        #expect(second.url == "https://wiramayakota.go.id/siaran-pers/2023/02/kerja-bakti-serentak-2/")
        // A title whose slug a sample release already has (in January, another month) is numbered too.
        let taken = try #require(created(try warta(["new", "release", "Pawai Budaya HUT ke-77"] + args)))
        #expect(taken.path.hasSuffix("/content/press/2023-02-21-pawai-budaya-hut-ke-77-2.md"))
        // Asking for that very file by its slug is refused, naming the file.
        let refused = try warta(["new", "release", "Lain Lagi", "--slug", "kerja-bakti-serentak"] + args)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("content/press/2023-02-21-kerja-bakti-serentak.md"), "\(refused.stderr)")
        #expect(refused.stderr.contains("never overwrites"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: first.path, encoding: .utf8).contains("Sudah ditulis."))
        #expect(!refused.stdout.contains("created"))
    }

    @Test func newRefusesWhatWouldNotBuild() throws {
        let site = try SampleSite.copy(prefix: "warta-new-")
        defer { removeTemporary(site) }
        let before = snapshot(site + "/content")
        let args = ["--site", site, "--now", Self.sampleNow]
        let department = try warta(["new", "release", "Judul", "--department", "dinsos"] + args)
        #expect(department.status == 1)
        #expect(department.stderr.contains("unknown department 'dinsos'; site.yml lists: setda, diskominfo, dinkes, dispar, dpmptsp, diskopukm, bkpsdm, bappeda"), "\(department.stderr)")
        let named = try warta(["new", "release", "Judul", "--department", "Dinas Kesehatan"] + args)
        #expect(named.status == 1 && named.stderr.contains("unknown department 'Dinas Kesehatan'; did you mean 'dinkes' (Dinas Kesehatan)? Give its slug: --department dinkes"), "\(named.stderr)")
        let noStart = try warta(["new", "event", "Rapat"] + args)
        #expect(noStart.status == 1 && noStart.stderr.contains("an event needs its start: add --start"), "\(noStart.stderr)")
        let badDate = try warta(["new", "release", "Judul", "--date", "besok pagi"] + args)
        #expect(badDate.status == 1 && badDate.stderr.contains("--date 'besok pagi' is not a date; write 2023-02-21"), "\(badDate.stderr)")
        // A day that does not exist is told as `check` tells it.
        let noDay = try warta(["new", "release", "Judul", "--date", "30/02/2023"] + args)
        #expect(noDay.status == 1 && noDay.stderr.contains("error: '--date' is not a valid date: February 2023 has 28 days ('30/02/2023')"), "\(noDay.stderr)")
        #expect(snapshot(site + "/content") == before)
    }

    @Test func newStartTakesTheDatesCheckWouldExplain() throws {
        let site = try SampleSite.copy(prefix: "warta-new-")
        defer { removeTemporary(site) }
        let run = try warta(["new", "event", "Senam Pagi Bersama", "--start", "19/08/2023 13:30", "--site", site, "--now", Self.sampleNow])
        #expect(run.status == 0, "\(run.stderr)")
        let made = try #require(created(run), "\(run.stdout)")
        #expect(made.path.hasSuffix("/content/events/2023-08-19-senam-pagi-bersama.md"))
        #expect(try String(contentsOfFile: made.path, encoding: .utf8).contains("\nstart: 2023-08-19 13:30\n"))
        let named = try warta(["new", "release", "Rapat Pleno", "--date", "21 Februari 2023 10.00", "--site", site, "--now", Self.sampleNow])
        #expect(named.status == 0, "\(named.stderr)")
        let release = try #require(created(named))
        #expect(try String(contentsOfFile: release.path, encoding: .utf8).contains("\ndate: 2023-02-21 10:00\n"))
    }

    @Test func newOnAnEnglishSiteWritesEnglishComments() throws {
        let site = try temporarySite()
        defer { removeTemporary(site) }
        try "title: Test City\nbase_url: https://city.example/news/\nlanguage: en\ntimezone: Asia/Jakarta\n".write(toFile: site + "/site.yml", atomically: true, encoding: .utf8)
        let run = try warta(["new", "event", "Open Day at City Hall", "--start", "2023-03-01", "--site", site, "--now", "2023-02-21T09:00:00+07:00"])
        #expect(run.status == 0, "\(run.stderr)")
        let made = try #require(created(run))
        #expect(made.url == "https://city.example/news/events/2023/03/open-day-at-city-hall/")
        let text = try String(contentsOfFile: made.path, encoding: .utf8)
        #expect(text.contains("start: 2023-03-01\nall_day: true\n"), "\(text)")
        #expect(text.contains("# Optional fields:") && text.contains("# location:") && !text.contains("Kolom pilihan"))
        #expect(text.contains("What happens at this event"))
        let build = try warta(["build", "--site", site, "--now", "2023-02-21T09:00:00+07:00"])
        #expect(build.status == 0, "\(build.stderr)")
        // A draft: not published until it is ready.
        #expect(text.contains("\ndraft: true\n"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: site + "/public/events/2023/03/open-day-at-city-hall/index.html"))
    }
}
