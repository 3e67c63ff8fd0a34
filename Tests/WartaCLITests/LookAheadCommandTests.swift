import Foundation
import Testing
import WartaTestSupport

/// `check` and `schedule` look ahead: on the sample site, a release links a topic that only the
/// release to be withdrawn on 18 February carries. Nothing is wrong on the 17th, but the timer's
/// publish after the withdrawal would stop; both commands say so on the 17th, with the instant.
extension CLITests {
    static let withdrawn = "content/press/2023-02-08-pendaftaran-stan-umkm-festival-layang-layang.md"
    static let linking = "content/press/2023-02-09-pertemuan-wali-kota-kadin.md"

    /// The sample with a topic only the release to be withdrawn has; with `linked`, another release
    /// links that topic's page in its text (on the line given back).
    func siteWithALastTag(linked: Bool) throws -> (site: String, line: Int) {
        let site = try SampleSite.copy(prefix: "warta-ahead-")
        let file = site + "/" + Self.withdrawn
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "tags: [umkm, pariwisata, hut-kota]", with: "tags: [umkm, pariwisata, hut-kota, layang-layang-pesisir]")
            .write(toFile: file, atomically: true, encoding: .utf8)
        guard linked else { return (site, 0) }
        var other = try String(contentsOfFile: site + "/" + Self.linking, encoding: .utf8)
        if !other.hasSuffix("\n") { other += "\n" }
        other += "\nBaca juga [festival layang-layang](/topik/layang-layang-pesisir/).\n"
        try other.write(toFile: site + "/" + Self.linking, atomically: true, encoding: .utf8)
        return (site, other.split(separator: "\n", omittingEmptySubsequences: false).count - 1)
    }

    @Test func checkTellsTodayWhatAComingWithdrawalWouldBreak() throws {
        let (site, line) = try siteWithALastTag(linked: true)
        defer { removeTemporary(site) }
        let before = "2023-02-17T09:00:00+08:00"
        // The build of today is whole: only the coming instant is wrong.
        let output = NSTemporaryDirectory() + "warta-ahead-out-" + UUID().uuidString
        defer { removeTemporary(output) }
        #expect(try warta(["build", "--site", site, "--now", before, "--output", output, "--no-cache"]).status == 0)
        let check = try warta(["check", "--site", site, "--now", before])
        #expect(check.status == 1)
        #expect(check.stderr.contains("""
            \(Self.linking):\(line):11: error: from 2023-02-18 11:00 WITA, when the withdrawal of 'Pendaftaran 60 Stan UMKM untuk Festival \
            Layang-Layang Dibuka' takes effect: link to /topik/layang-layang-pesisir/ leads to no page of the site
            """), "\(check.stderr)")
        #expect(!check.stdout.contains("ok:"))
        // The schedule marks the change at which the publish would stop.
        let schedule = try warta(["schedule", "--site", site, "--now", before])
        #expect(schedule.status == 0, "\(schedule.stderr)")
        let lines = schedule.stdout.split(separator: "\n").map(String.init)
        let at = try #require(lines.firstIndex { $0.hasPrefix("2023-02-18T11:00:00+08:00  withdrawn") }, "\(schedule.stdout)")
        #expect(lines[at + 1] == "    ! the publish would fail here: \(Self.linking):\(line):11: error: link to /topik/layang-layang-pesisir/ leads to no page of the site")
        #expect(lines.filter { $0.contains("! the publish would fail") }.count == 1)
        let json = try json(try warta(["schedule", "--site", site, "--now", before, "--format", "json"]).stdout)
        let changes = try #require(json["changes"] as? [[String: Any]])
        let failing = changes.filter { !(($0["problems"] as? [String]) ?? []).isEmpty }
        #expect(failing.count == 1 && failing.first?["change"] as? String == "withdrawn")
    }

    @Test func theSampleWithAWithdrawnReleasesLastTagChecksAndBuildsAtEveryInstant() throws {
        let (site, _) = try siteWithALastTag(linked: false)
        defer { removeTemporary(site) }
        let check = try warta(["check", "--site", site, "--now", "2023-02-17T09:00:00+08:00"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("ok:"))
        let schedule = try warta(["schedule", "--site", site, "--now", "2023-02-17T09:00:00+08:00"])
        #expect(!schedule.stdout.contains("!"), "\(schedule.stdout)")
    }
}
