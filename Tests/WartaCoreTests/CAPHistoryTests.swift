import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// A notice's CAP messages over its life: first an Alert; when it changes, an Update that references
/// what it replaces (a new identifier, date and feed item); when it ends early, a Cancel kept in
/// /alerts.xml until the end it had announced. Each built from the notices and their records in the
/// site folder, so a copy of the folder builds the same messages.
@Suite struct CAPHistoryTests {
    static let notice = "content/alerts/2023-02-21-banjir-bandang.md"
    static let record = "content/alerts/banjir-bandang.cap.yml"
    static let first = "kota-uji.go.id.alert.20230220230000.banjir-bandang"

    func messages(_ site: TestSite) throws -> [String] {
        let text = try String(contentsOfFile: site.root + "/" + Self.record, encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("  - type: ") || $0.hasPrefix("    identifier: ") }.map(String.init)
    }

    @Test func aChangedNoticeIsAnUpdateThatReferencesTheMessageItReplaces() async throws {
        let site = try TestSite([Self.notice: AlertTests.flood])
        defer { site.cleanUp() }
        // A preview or a build that does not publish writes no record.
        try await site.build(now: "2023-02-21T08:00:00+08:00", drafts: true, output: temporaryFolder() + "/p", recordsCAP: true)
        try await site.build(now: "2023-02-21T08:00:00+08:00")
        #expect(!FileManager.default.fileExists(atPath: site.root + "/" + Self.record))
        try await site.build(now: "2023-02-21T08:00:00+08:00", recordsCAP: true)
        #expect(try messages(site) == ["  - type: Alert", "    identifier: \"\(Self.first)\""])
        let alert = try CAPDocument(contentsOf: site.output + "/alerts/banjir-bandang.xml")
        #expect(alert["msgType"] == "Alert" && alert["identifier"] == Self.first && alert["references"] == nil)

        // Unchanged: the same message, and the record as it was.
        let recorded = try String(contentsOfFile: site.root + "/" + Self.record, encoding: .utf8)
        try await site.build(now: "2023-02-21T08:30:00+08:00", recordsCAP: true)
        #expect(try String(contentsOfFile: site.root + "/" + Self.record, encoding: .utf8) == recorded)
        #expect(try CAPDocument(contentsOf: site.output + "/alerts/banjir-bandang.xml")["identifier"] == Self.first)

        // Its area changes: an Update, sent when the build publishes it, naming the Alert.
        try site.write(Self.notice, AlertTests.flood.replacingOccurrences(of: "area: Kelurahan Kampung Nelayan", with: "area: Kelurahan Kampung Nelayan dan Sampalo"))
        try await site.build(now: "2023-02-21T09:15:00+08:00", recordsCAP: true)
        let update = try CAPDocument(contentsOf: site.output + "/alerts/banjir-bandang.xml")
        let second = "kota-uji.go.id.alert.20230221011500.banjir-bandang"
        #expect(update.children.map(\.name) == ["identifier", "sender", "sent", "status", "msgType", "scope", "references", "info", "info"])
        #expect(update["msgType"] == "Update" && update["identifier"] == second && update["sent"] == "2023-02-21T09:15:00+08:00")
        #expect(update["references"] == "kota-uji.go.id,\(Self.first),2023-02-21T07:00:00+08:00")
        #expect(update.children.filter { $0.name == "info" }.allSatisfy { $0.child("area")?["areaDesc"]?.hasSuffix("dan Sampalo") == true || $0["language"] == "en-US" })
        try CAPSchema.expectValid(site.output, count: 1)
        #expect(try messages(site) == ["  - type: Alert", "    identifier: \"\(Self.first)\"", "  - type: Update", "    identifier: \"\(second)\""])
        // The feeds carry it as a new item: a new guid and date.
        let index = try FeedDocument(Data(contentsOf: URL(fileURLWithPath: site.output + "/alerts.xml")))
        #expect(index.items.map { $0["guid"] } == [second])
        #expect(index.items.first?["pubDate"] == "Tue, 21 Feb 2023 09:15:00 +0800")
        let main = try FeedDocument(Data(contentsOf: URL(fileURLWithPath: site.output + "/feed.xml")))
        #expect(main.items.first?["guid"] == second && main.items.first?["pubDate"] == "Tue, 21 Feb 2023 09:15:00 +0800")

        // Later builds, and a copy of the site folder, make the same messages from the record.
        try await site.build(now: "2023-02-21T10:00:00+08:00", recordsCAP: true)
        let copy = temporaryFolder() + "/site"
        defer { PosixFile.removeTree(copy) }
        try FileManager.default.copyItem(atPath: site.root, toPath: copy)
        PosixFile.removeTree(copy + "/public")
        try await SiteBuilder.build(TestSite.options(root: copy, now: "2023-02-21T10:00:00+08:00", output: copy + "/public"))
        #expect(snapshot(copy + "/public") == snapshot(site.output))
        #expect(try CAPDocument(contentsOf: copy + "/public/alerts/banjir-bandang.xml")["identifier"] == second)

        // A clock behind the record (`--now` in the past) shows what was out then, and rewrites nothing.
        let whole = try String(contentsOfFile: site.root + "/" + Self.record, encoding: .utf8)
        try site.write(Self.notice, AlertTests.flood)
        try await site.build(now: "2023-02-21T08:45:00+08:00", recordsCAP: true)
        #expect(try CAPDocument(contentsOf: site.output + "/alerts/banjir-bandang.xml")["identifier"] == Self.first)
        try site.write(Self.notice, AlertTests.flood.replacingOccurrences(of: "severity: danger", with: "severity: warning"))
        try await site.build(now: "2023-02-21T09:00:00+08:00", recordsCAP: true)
        #expect(try String(contentsOfFile: site.root + "/" + Self.record, encoding: .utf8) == whole)
    }

    @Test func aNoticeEndedEarlyIsCancelledUntilTheEndItHadAnnounced() async throws {
        let road = "content/alerts/2023-02-21-jalan.md"
        let site = try TestSite([
            Self.notice: AlertTests.flood,
            road: "---\ntitle: Jalan Ditutup\nseverity: info\narea: Jl. Merdeka\ndate: 2023-02-21 06:00\nexpires: 2023-02-21 15:00\ncategory: Transport\n---\nDitutup.\n",
        ])
        defer { site.cleanUp() }
        try await site.build(now: "2023-02-21T08:00:00+08:00", recordsCAP: true)
        // The flood is over early (its end moved into the past); the road notice is deleted.
        try site.write(Self.notice, AlertTests.flood.replacingOccurrences(of: "expires: 2023-02-21 12:00", with: "expires: 2023-02-21 09:00"))
        try site.remove(road)
        try await site.build(now: "2023-02-21T09:30:00+08:00", recordsCAP: true)

        let flood = try CAPDocument(contentsOf: site.output + "/alerts/banjir-bandang.xml")
        #expect(flood["msgType"] == "Cancel" && flood["identifier"] == "kota-uji.go.id.alert.20230221013000.banjir-bandang")
        #expect(flood["sent"] == "2023-02-21T09:30:00+08:00" && flood["references"] == "kota-uji.go.id,\(Self.first),2023-02-21T07:00:00+08:00")
        let info = try #require(flood.root.child("info"))
        #expect(info["urgency"] == "Past" && info["expires"] == "2023-02-21T12:00:00+08:00" && info["headline"] == "[Dibatalkan] Banjir Bandang di Bantaran Sungai Lanuwasa")
        let road1 = try CAPDocument(contentsOf: site.output + "/alerts/jalan.xml")
        #expect(road1["msgType"] == "Cancel" && road1["references"] == "kota-uji.go.id,kota-uji.go.id.alert.20230220220000.jalan,2023-02-21T06:00:00+08:00")
        try CAPSchema.expectValid(site.output, count: 2)
        let index = try FeedDocument(Data(contentsOf: URL(fileURLWithPath: site.output + "/alerts.xml")))
        #expect(index.items.map { $0["title"] } == ["[Dibatalkan] Banjir Bandang di Bantaran Sungai Lanuwasa", "[Dibatalkan] Jalan Ditutup"])
        #expect(index.items.map { $0["guid"] } == [flood["identifier"], road1["identifier"]])
        // The pages no longer show them.
        #expect(site.read("")?.contains("class=\"site-alerts\"") == false)

        // The same Cancel until the end each notice had announced, then nothing.
        try await site.build(now: "2023-02-21T11:59:59+08:00", recordsCAP: true)
        #expect(try CAPDocument(contentsOf: site.output + "/alerts/banjir-bandang.xml")["identifier"] == flood["identifier"])
        try await site.build(now: "2023-02-21T12:00:00+08:00", recordsCAP: true)
        #expect(!FileManager.default.fileExists(atPath: site.output + "/alerts/banjir-bandang.xml"))
        #expect(FileManager.default.fileExists(atPath: site.output + "/alerts/jalan.xml"))
        try await site.build(now: "2023-02-21T15:00:00+08:00", recordsCAP: true)
        #expect(try FeedDocument(Data(contentsOf: URL(fileURLWithPath: site.output + "/alerts.xml"))).items.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: site.output + "/alerts/jalan.xml"))
        // The clock knows when each Cancel leaves.
        let (loaded, _) = await SiteLoader.load(root: site.root)
        #expect(Visibility(now: ZonedInstant.parse("2023-02-21T10:00:00+08:00")!).nextChange(try #require(loaded)).iso8601 == "2023-02-21T12:00:00+08:00")
    }

    @Test func aRecordThatIsNotWartasIsReportedWhereItIsWrong() async throws {
        let site = try TestSite([Self.notice: AlertTests.flood, Self.record: "messages:\n  - type: Alarm\n    identifier: x\n    sent: 2023-02-21T07:00:00+08:00\n    expires: 2023-02-21T12:00:00+08:00\n    digest: \"1\"\n"])
        defer { site.cleanUp() }
        let problems = await site.failures()
        #expect(problems.map(\.description) == ["\(Self.record):2:11: error: unknown message type 'Alarm'; Alert, Update or Cancel"])
    }
}
