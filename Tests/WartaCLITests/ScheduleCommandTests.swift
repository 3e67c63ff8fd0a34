import Foundation
import Testing
import WartaTestSupport

/// `warta schedule` on a copy of the sample site with a dozen more embargoed releases: every
/// change listed, soonest first, with its title; `--limit` says what it leaves out; JSON that
/// parses back with its documented fields; drafts apart.
extension CLITests {
    static let sampleNow = "2023-02-21T09:00:00+08:00"

    /// The sample site plus twelve releases embargoed hour by hour from 2023-02-23 08:00, written
    /// in reverse order so the listing's order cannot come from the files'.
    func siteWithManyEmbargoes() throws -> String {
        let site = try SampleSite.copy(prefix: "warta-schedule-")
        for hour in (8..<20).reversed() {
            let hh = hour < 10 ? "0\(hour)" : "\(hour)"
            try """
            ---
            title: Pengumuman Pukul \(hour)
            date: 2023-02-23 \(hh):00
            ---
            Isi pengumuman.

            """.write(toFile: site + "/content/press/2023-02-23-pengumuman-\(hour).md", atomically: true, encoding: .utf8)
        }
        return site
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    @Test func scheduleListsEveryChangeSoonestFirstWithTitlesAndDraftsApart() throws {
        let site = try siteWithManyEmbargoes()
        defer { removeTemporary(site) }
        let run = try warta(["schedule", "--site", site, "--now", Self.sampleNow])
        #expect(run.status == 0, "\(run.stderr)")
        let all = try json(try warta(["schedule", "--site", site, "--now", Self.sampleNow, "--format", "json"]).stdout)
        let changes = try #require(all["changes"] as? [[String: Any]])
        #expect(all["more"] as? Int == 0)
        #expect(changes.count > 12, "the twelve new embargoes and the sample's own changes")

        // Text: one line per change (files under it), in the JSON's order, nothing cut.
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let changeLines = lines.prefix { !$0.isEmpty }.filter { !$0.hasPrefix("    with ") }
        #expect(changeLines.count == changes.count, "\(run.stdout)")
        for (line, change) in zip(changeLines, changes) {
            let at = try #require(change["at"] as? String), title = try #require(change["title"] as? String)
            let path = try #require(change["path"] as? String)
            #expect(line.hasPrefix(at + "  ") && line.hasSuffix("  \(title)  (\(path))"), "\(line)")
        }
        // Soonest first: the instants (compared on the time line) never go back.
        let instants = changes.compactMap { ($0["at"] as? String).flatMap(Self.seconds) }
        #expect(instants.count == changes.count && instants == instants.sorted())
        for hour in 8..<20 {
            #expect(changes.contains { $0["title"] as? String == "Pengumuman Pukul \(hour)" && $0["change"] as? String == "embargo_lifts"
                && $0["at"] as? String == "2023-02-23T\(hour < 10 ? "0" : "")\(hour):00:00+08:00" })
        }
        // The embargoed sample release, with the attachment it holds back.
        let embargo = try #require(changes.first { ($0["path"] as? String)?.hasSuffix("penghargaan-kota-layak-anak.md") == true })
        #expect(embargo["at"] as? String == "2023-02-22T10:00:00+08:00")
        #expect(embargo["change"] as? String == "embargo_lifts")
        #expect(embargo["title"] as? String == "Wiramaya Raih Penghargaan Kota Layak Anak Tingkat Nasional 2023")
        #expect(embargo["url"] as? String == "https://wiramayakota.go.id/siaran-pers/2023/02/penghargaan-kota-layak-anak/")
        #expect(embargo["files"] as? [String] == ["content/lampiran/rekapitulasi-penilaian-kla-2023.pdf"])
        #expect(run.stdout.contains("\n    with content/lampiran/rekapitulasi-penilaian-kla-2023.pdf\n"))

        // Drafts apart: never among the changes, listed after them.
        #expect(!changes.contains { ($0["path"] as? String)?.contains("bantuan-pangan") == true })
        let drafts = try #require(all["drafts"] as? [[String: Any]])
        #expect(drafts.count == 1)
        let draft = try #require(drafts.first)
        #expect(Set(draft.keys) == ["title", "path", "url"])
        #expect(draft["path"] as? String == "content/press/2023-02-20-jadwal-bantuan-pangan-tahap-dua.md")
        let draftTitle = try #require(draft["title"] as? String)
        let heading = try #require(lines.firstIndex(of: "1 draft, never published until `draft: false`:"), "\(run.stdout)")
        #expect(heading > changeLines.count && lines[heading + 1] == "  \(draftTitle)  (content/press/2023-02-20-jadwal-bantuan-pangan-tahap-dua.md)")
    }

    @Test func scheduleLimitSaysHowManyMore() throws {
        let site = try siteWithManyEmbargoes()
        defer { removeTemporary(site) }
        let total = try #require(try json(try warta(["schedule", "--site", site, "--now", Self.sampleNow, "--format", "json"]).stdout)["changes"] as? [Any]).count
        let run = try warta(["schedule", "--site", site, "--now", Self.sampleNow, "--limit", "3"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("    with ") }
        #expect(lines.prefix(3).allSatisfy { $0.hasPrefix("2023-") }, "\(run.stdout)")
        #expect(lines[3] == "… \(total - 3) more (--limit \(total) lists all)", "\(run.stdout)")

        let cut = try json(try warta(["schedule", "--site", site, "--now", Self.sampleNow, "--limit", "3", "--format", "json"]).stdout)
        #expect(Set(cut.keys) == ["now", "changes", "more", "drafts"])
        #expect(cut["now"] as? String == "2023-02-21T09:00:00+08:00")
        #expect(cut["more"] as? Int == total - 3)
        let changes = try #require(cut["changes"] as? [[String: Any]])
        #expect(changes.count == 3)
        for change in changes {
            #expect(Set(change.keys) == ["at", "change", "title", "path", "url", "files", "problems"])
            #expect(["embargo_lifts", "expires", "withdrawn", "event_starts", "event_ends"].contains(change["change"] as? String ?? ""))
        }
        #expect(try warta(["schedule", "--site", site, "--limit", "0"]).status != 0)
    }

    @Test func scheduleWithNothingDue() throws {
        let site = try temporarySite()
        defer { removeTemporary(site) }
        let run = try warta(["schedule", "--site", site, "--now", "2023-02-21T09:00:00+07:00"])
        #expect(run.stdout == "nothing scheduled\n", "\(run.stdout)")
        let help = try warta(["schedule", "--help"])
        for option in ["--limit", "--format", "--now", "--site"] { #expect(help.stdout.contains(option)) }
    }

    /// Seconds since the epoch of `2023-02-21T09:00:00+08:00`.
    static func seconds(_ text: String) -> Int? {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text).map { Int($0.timeIntervalSince1970) }
    }
}
