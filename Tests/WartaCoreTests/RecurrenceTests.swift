import Foundation
import Testing
@testable import WartaCore

@Suite struct RecurrenceTests {
    func days(_ r: Recurrence, from: String, through: String) -> [String] {
        let first = DateValue.parse(from)!.civil.daysSinceEpoch, last = DateValue.parse(through)!.civil.daysSinceEpoch
        return r.days(first: first, through: last).map { day in
            let (y, m, d) = CivilDateTime.civil(fromDays: day)
            return CivilDateTime(year: y, month: m, day: d).dateString
        }
    }

    @Test func weeklyWithExceptionsAndAnEnd() {
        var r = Recurrence(frequency: .week, weekdays: [2])  // Tuesdays
        r.until = DateValue.parse("2023-03-28")!.civil.daysSinceEpoch
        r.except = [DateValue.parse("2023-03-21")!.civil.daysSinceEpoch]
        #expect(days(r, from: "2023-03-01", through: "2023-12-31") == ["2023-03-07", "2023-03-14", "2023-03-28"])
        #expect(r.rrule(untilUTC: "20230328T155959Z") == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20230328T155959Z")
    }

    @Test func monthlyOnTheNthAndLastWeekday() {
        let second = Recurrence(frequency: .month, weekdays: [4], ordinal: 2)  // second Thursday
        #expect(days(second, from: "2023-01-01", through: "2023-04-30") == ["2023-01-12", "2023-02-09", "2023-03-09", "2023-04-13"])
        let last = Recurrence(frequency: .month, weekdays: [5], ordinal: -1)  // last Friday
        #expect(days(last, from: "2023-01-01", through: "2023-03-31") == ["2023-01-27", "2023-02-24", "2023-03-31"])
        #expect(second.rrule(untilUTC: nil) == "FREQ=MONTHLY;BYDAY=2TH")
    }

    @Test func theSampleServiceDayShowsItsNextOccurrenceEverywhere() async throws {
        let output = temporaryFolder() + "/public"
        try await SiteBuilder.build(TestSite.options(root: TestSite.repositoryRoot, now: "2023-02-22T09:00:00+08:00", output: output))
        let page = try String(contentsOfFile: output + "/agenda/2023/01/hari-layanan-publik/index.html", encoding: .utf8)
        #expect(page.contains("Setiap Selasa, sampai 27 Juni 2023"))
        #expect(page.contains("<time datetime=\"2023-02-28T08:00:00+08:00\">Selasa, 28 Februari 2023, 08.00–12.00 WITA"))
        #expect(!page.contains("Agenda ini telah berlangsung."))
        let upcoming = try String(contentsOfFile: output + "/agenda/index.html", encoding: .utf8)
        #expect(upcoming.components(separatedBy: "Hari Layanan Publik Keliling").count == 2)  // listed once
        // March: the 7th, 14th and 28th; the 21st (Nyepi) is skipped.
        let march = try String(contentsOfFile: output + "/agenda/2023/03/index.html", encoding: .utf8)
        for (day, expected) in [("2023-03-07", true), ("2023-03-14", true), ("2023-03-21", false), ("2023-03-28", true)] {
            let cell = try #require(march.components(separatedBy: "datetime=\"\(day)\"").dropFirst().first)
            #expect(cell.prefix(500).contains("Hari Layanan Publik") == expected, "\(day)")
        }
        #expect(FileManager.default.fileExists(atPath: output + "/agenda/2023/06/index.html"))
        let (_, events) = try ICalendarTests.read(output + "/agenda/2023/01/hari-layanan-publik/event.ics")
        let event = try #require(events.first)
        #expect(event["DTSTART"]?.value == "20230110T080000")
        #expect(event["RRULE"]?.value == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20230627T155959Z")
        #expect(event["EXDATE"] != nil)
        // After its last day it is past.
        try await SiteBuilder.build(TestSite.options(root: TestSite.repositoryRoot, now: "2023-07-01T09:00:00+08:00", output: output))
        let later = try String(contentsOfFile: output + "/agenda/2023/01/hari-layanan-publik/index.html", encoding: .utf8)
        #expect(later.contains("Selasa, 27 Juni 2023"))
        #expect(later.contains("Agenda ini telah berlangsung."))
    }
}
