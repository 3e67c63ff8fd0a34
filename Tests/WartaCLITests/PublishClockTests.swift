import Foundation
import Testing
import WartaTestSupport

/// The clock a publish builds by: the real one, or an earlier `--now`; never WARTA_NOW.
extension CLITests {
    /// A small site with a release embargoed until 2090, and a target folder prepared for it.
    func siteWithAnEmbargo() throws -> (site: String, target: String) {
        let site = try temporarySite()
        try "---\ntitle: Rahasia Negara\ndate: 2090-01-01\npublish_at: 2090-01-01 10:00\n---\nIsi rahasia.\n"
            .write(toFile: site + "/content/press/rahasia.md", atomically: true, encoding: .utf8)
        let target = NSTemporaryDirectory() + "warta-cli-target-" + UUID().uuidString
        let prepared = try warta(["publish", "--to", target, "--init", "--site", site])
        #expect(prepared.status == 0, "\(prepared.stderr)")
        return (site, target)
    }

    func embargoedTextIsOut(_ target: String) -> Bool {
        snapshot(target).values.contains { String(decoding: $0, as: UTF8.self).contains("Rahasia Negara") }
    }

    @Test func publishIgnoresWartaNowSoEmbargoesHold() throws {
        let (site, target) = try siteWithAnEmbargo()
        let run = try warta(["publish", "--to", target, "--site", site], environment: ["WARTA_NOW": "2095-01-01T00:00:00+07:00"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: target + "/siaran-pers/2023/02/baik/index.html"))
        #expect(!embargoedTextIsOut(target), "WARTA_NOW lifted an embargo")
        #expect(run.stderr.contains("WARTA_NOW ('2095-01-01T00:00:00+07:00') is ignored by publish"), "\(run.stderr)")
    }

    @Test func publishRefusesANowLaterThanTheRealClock() throws {
        let (site, target) = try siteWithAnEmbargo()
        let run = try warta(["publish", "--to", target, "--site", site, "--now", "2095-01-01T00:00:00+07:00", "--dry-run"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("later than the real clock"), "\(run.stderr)")
        let sent = try warta(["publish", "--to", target, "--site", site, "--now", "2095-01-01T00:00:00+07:00"])
        #expect(sent.status != 0)
        #expect(!embargoedTextIsOut(target))
        #expect(snapshot(target).keys.sorted() == [".warta-target"])
    }

    /// The past is only looked at: a release withdrawn with `hide_body` keeps its text off the live
    /// target, though a site built as of before the withdrawal would carry it again.
    @Test func publishSendsThePastOnlyAsADryRun() throws {
        let (site, target) = try siteWithAnEmbargo()
        try """
        ---
        title: Kabar Ditarik
        date: 2023-02-01
        withdrawn:
          date: 2023-03-01
          reason: Data keliru.
          hide_body: true
        ---
        Isi lama yang keliru.
        """.write(toFile: site + "/content/press/ditarik.md", atomically: true, encoding: .utf8)
        let earlier = try warta(["publish", "--to", target, "--site", site, "--now", "2023-02-21T09:00:00+07:00"])
        #expect(earlier.status != 0)
        #expect(earlier.stderr.contains("--now is for a look with --dry-run only"), "\(earlier.stderr)")
        #expect(snapshot(target).keys.sorted() == [".warta-target"])
        // A dry run may look at the past; it sends nothing.
        let look = try warta(["publish", "--to", target, "--site", site, "--now", "2023-02-21T09:00:00+07:00", "--dry-run"])
        #expect(look.status == 0, "\(look.stderr)")
        #expect(look.stdout.contains("would send"), "\(look.stdout)")
        #expect(snapshot(target).keys.sorted() == [".warta-target"])
        // A real publish, as of the real clock, keeps the withdrawn text off.
        let real = try warta(["publish", "--to", target, "--site", site])
        #expect(real.status == 0, "\(real.stderr)")
        let sent = snapshot(target).values.map { String(decoding: $0, as: UTF8.self) }
        #expect(sent.contains { $0.contains("Kabar Ditarik") } && !sent.contains { $0.contains("Isi lama yang keliru") })
    }

    @Test func anInvalidWartaNowIsAnErrorEvenBesideNow() throws {
        let site = try temporarySite()
        let now = "2023-02-21T09:00:00+07:00"
        for command in [["build", "--output", site + "/keluaran"], ["check"], ["schedule"]] {
            let run = try warta(command + ["--site", site, "--now", now], environment: ["WARTA_NOW": "besok pagi"])
            #expect(run.status != 0, "\(command[0]) accepted WARTA_NOW='besok pagi'")
            #expect(run.stderr.contains("WARTA_NOW ('besok pagi') must be a date-time with an offset"), "\(command[0]): \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: site + "/keluaran"))
    }

    @Test func publishSaysItIgnoresAnInvalidWartaNow() throws {
        let (site, target) = try siteWithAnEmbargo()
        let run = try warta(["publish", "--to", target, "--site", site], environment: ["WARTA_NOW": "besok pagi"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("WARTA_NOW ('besok pagi') is not a valid date-time, and is ignored by publish"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: target + "/siaran-pers/2023/02/baik/index.html"))
    }
}
