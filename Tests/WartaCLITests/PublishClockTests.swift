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
        let run = try warta(["publish", "--to", target, "--site", site, "--now", "2095-01-01T00:00:00+07:00"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("later than the real clock"), "\(run.stderr)")
        #expect(!embargoedTextIsOut(target))
        #expect(snapshot(target).keys.sorted() == [".warta-target"])
        // An earlier --now is taken.
        let earlier = try warta(["publish", "--to", target, "--site", site, "--now", "2023-02-21T09:00:00+07:00"])
        #expect(earlier.status == 0, "\(earlier.stderr)")
        #expect(FileManager.default.fileExists(atPath: target + "/siaran-pers/2023/02/baik/index.html"))
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
