import Foundation
import Testing
@testable import WartaCore

@Suite struct MonthCalendarTests {
    @Test func monthPagesPlaceEventsOnTheirDays() async throws {
        let output = temporaryFolder() + "/public"
        try await SiteBuilder.build(TestSite.options(root: TestSite.repositoryRoot, output: output))
        let february = try String(contentsOfFile: output + "/agenda/2023/02/index.html", encoding: .utf8)
        #expect(february.contains("<caption>Februari 2023</caption>"))
        #expect(february.contains("href=\"/agenda/2023/01/\" rel=\"prev\""))
        #expect(february.contains("href=\"/agenda/2023/03/\" rel=\"next\""))
        // Today (21 February) is marked; the cancelled festival shows its status on the 26th.
        #expect(february.contains("aria-current=\"date\""))
        let day26 = try #require(february.components(separatedBy: "datetime=\"2023-02-26\"").dropFirst().first)
        #expect(day26.prefix(600).contains("Festival Layang-Layang") && day26.prefix(800).contains("Dibatalkan"))
        // The five-day training is on each of its days, across the change of month.
        let march = try String(contentsOfFile: output + "/agenda/2023/03/index.html", encoding: .utf8)
        for day in ["2023-02-27", "2023-02-28"] {
            let cell = try #require(february.components(separatedBy: "datetime=\"\(day)\"").dropFirst().first)
            #expect(cell.prefix(400).contains("Pelatihan Kepemimpinan"), "\(day)")
        }
        for day in ["2023-03-01", "2023-03-02", "2023-03-03"] {
            let cell = try #require(march.components(separatedBy: "datetime=\"\(day)\"").dropFirst().first)
            #expect(cell.prefix(400).contains("Pelatihan Kepemimpinan"), "\(day)")
        }
        let day4 = try #require(march.components(separatedBy: "datetime=\"2023-03-04\"").dropFirst().first)
        #expect(!day4.prefix(300).contains("Pelatihan Kepemimpinan"))
        // The weekly service day runs to June, so the months go on to June and stop there.
        #expect(march.contains("href=\"/agenda/2023/04/\" rel=\"next\""))
        let june = try String(contentsOfFile: output + "/agenda/2023/06/index.html", encoding: .utf8)
        #expect(!june.contains("rel=\"next\""))
    }

    @Test func openEndedEventsLastUntilTheEndOfTheirDay() async throws {
        let site = try TestSite(["content/events/malam.md": "---\ntitle: Malam Kesenian\nstart: 2023-02-21 19:00\nend: selesai\n---\nAcara.\n"])
        defer { site.cleanUp() }
        try await site.build(now: "2023-02-21T23:00:00+08:00")
        let page = try #require(site.read("agenda/2023/02/malam/"))
        #expect(page.contains("Selasa, 21 Februari 2023 pukul 19.00 WITA – selesai"))
        #expect(!page.contains("Agenda ini telah berlangsung."))
        #expect(try #require(site.read("agenda/")).contains("Malam Kesenian"))
        try await site.build(now: "2023-02-22T00:00:00+08:00")
        #expect(try #require(site.read("agenda/2023/02/malam/")).contains("Agenda ini telah berlangsung."))
        let ics = try String(contentsOfFile: site.output + "/agenda/2023/02/malam/event.ics", encoding: .utf8)
        #expect(ics.contains("DTSTART;TZID=Asia/Makassar:20230221T190000"))
        #expect(!ics.contains("DTEND"))
    }
}
