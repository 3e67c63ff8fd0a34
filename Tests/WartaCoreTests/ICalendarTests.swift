import Foundation
import Testing
@testable import WartaCore

/// The calendar files, read back with a small independent RFC 5545 reader.
@Suite struct ICalendarTests {
    /// One VEVENT: property name (with parameters cut off) to (parameters, value).
    typealias Event = [String: (params: String, value: String)]

    /// Checks the physical format, unfolds, and returns the calendar's own properties and its events.
    static func read(_ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (calendar: [String: String], events: [Event]) {
        let data = try #require(FileManager.default.contents(atPath: path), sourceLocation: sourceLocation)
        let bytes = [UInt8](data)
        // CRLF everywhere, no bare LF or CR; every physical line at most 75 octets and valid UTF-8.
        var physical: [[UInt8]] = []
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A {
                physical.append(current)
                current = []
                i += 2
                continue
            }
            #expect(bytes[i] != 0x0A && bytes[i] != 0x0D, "bare line break in \(path)", sourceLocation: sourceLocation)
            current.append(bytes[i])
            i += 1
        }
        #expect(current.isEmpty, "no CRLF at the end of \(path)", sourceLocation: sourceLocation)
        for line in physical {
            #expect(line.count <= 75, "\(line.count) octets: \(String(decoding: line, as: UTF8.self))", sourceLocation: sourceLocation)
            #expect(String(validating: line, as: UTF8.self) != nil, "a fold split a UTF-8 sequence", sourceLocation: sourceLocation)
        }
        var logical: [String] = []
        for line in physical {
            if line.first == 0x20, !logical.isEmpty { logical[logical.count - 1] += String(decoding: line.dropFirst(), as: UTF8.self) } else {
                logical.append(String(decoding: line, as: UTF8.self))
            }
        }
        #expect(logical.first == "BEGIN:VCALENDAR" && logical.last == "END:VCALENDAR", sourceLocation: sourceLocation)
        var calendar: [String: String] = [:]
        var events: [Event] = []
        var event: Event?
        for line in logical {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let head = line[..<colon], value = String(line[line.index(after: colon)...])
            let name = String(head.split(separator: ";").first ?? "")
            let params = head.contains(";") ? String(head.drop { $0 != ";" }.dropFirst()) : ""
            if line == "BEGIN:VEVENT" { event = [:]; continue }
            if line == "END:VEVENT", let e = event { events.append(e); event = nil; continue }
            if event != nil { event?[name] = (params, value) } else { calendar[name] = value }
        }
        return (calendar, events)
    }

    static func unescape(_ text: String) -> String {
        var out = "", escaped = false
        for ch in text {
            if escaped {
                out += ch == "n" || ch == "N" ? "\n" : String(ch)
                escaped = false
            } else if ch == "\\" { escaped = true } else { out.append(ch) }
        }
        return out
    }

    func sample(_ root: String = TestSite.repositoryRoot) async throws -> String {
        let output = temporaryFolder() + "/public"
        try await SiteBuilder.build(TestSite.options(root: root, output: output))
        return output
    }

    @Test func eventsCalendarHasTheUpcomingEventsInFull() async throws {
        let output = try await sample()
        let (calendar, events) = try Self.read(output + "/events.ics")
        #expect(calendar["VERSION"] == "2.0")
        #expect(calendar["PRODID"]?.isEmpty == false)
        #expect(calendar["CALSCALE"] == "GREGORIAN")
        #expect(calendar["X-WR-CALNAME"] == "Pemerintah Kota Wiramaya — Agenda")
        #expect(calendar["REFRESH-INTERVAL"] == "PT1H")
        #expect(calendar["TZID"] == "Asia/Makassar")
        #expect(calendar["TZOFFSETTO"] == "+0800")
        // Upcoming at 21 Feb 2023 09:00 WITA: not the KADIN meeting of 9 February.
        #expect(!events.contains { $0["SUMMARY"]?.value.contains("KADIN") == true })
        let parade = try #require(events.first { $0["SUMMARY"]?.value == "Pawai Budaya HUT ke-77 Kota Wiramaya" })
        #expect(parade["DTSTART"]?.params == "TZID=Asia/Makassar" && parade["DTSTART"]?.value == "20230304T073000")
        #expect(parade["DTEND"]?.value == "20230304T113000")
        #expect(parade["STATUS"]?.value == "CONFIRMED")
        #expect(parade["UID"]?.value == "2023-03-04-pawai-budaya-hut-ke-77@wiramayakota.go.id")
        #expect(parade["URL"]?.value == "https://wiramayakota.go.id/agenda/2023/03/pawai-budaya-hut-ke-77/")
        #expect(parade["GEO"]?.value.contains(";") == true)
        let location = Self.unescape(parade["LOCATION"]?.value ?? "")
        #expect(location.contains("Alun-Alun Wiramaya, "))
        #expect(parade["DTSTAMP"]?.value.hasSuffix("Z") == true)
        for event in events {
            for key in ["UID", "DTSTAMP", "DTSTART", "SUMMARY", "SEQUENCE", "STATUS", "URL", "DESCRIPTION"] {
                #expect(event[key] != nil, "\(event["SUMMARY"]?.value ?? "?") lacks \(key)")
            }
        }
        // All-day: dates, with the day after as the (exclusive) end.
        let checkup = try #require(events.first { $0["SUMMARY"]?.value.contains("Cek Kesehatan") == true })
        #expect(checkup["DTSTART"]?.params == "VALUE=DATE" && checkup["DTSTART"]?.value == "20230311")
        #expect(checkup["DTEND"]?.params == "VALUE=DATE" && checkup["DTEND"]?.value == "20230312")
        // Statuses.
        let cancelled = try #require(events.first { $0["SUMMARY"]?.value.contains("Layang") == true })
        #expect(cancelled["STATUS"]?.value == "CANCELLED")
        let postponed = try #require(events.first { $0["SUMMARY"]?.value.contains("Sosialisasi Perizinan") == true })
        #expect(postponed["STATUS"]?.value == "TENTATIVE")
        // Every event page links its own file; it holds that one event.
        let page = try String(contentsOfFile: output + "/agenda/2023/03/pawai-budaya-hut-ke-77/index.html", encoding: .utf8)
        #expect(page.contains("href=\"/agenda/2023/03/pawai-budaya-hut-ke-77/event.ics\""))
        let own = try Self.read(output + "/agenda/2023/03/pawai-budaya-hut-ke-77/event.ics")
        #expect(own.events.count == 1 && own.events[0]["UID"]?.value == parade["UID"]?.value)
        // Department calendars hold only their own department's events.
        let dispar = try Self.read(output + "/dinas/dispar/events.ics")
        #expect(!dispar.events.isEmpty && dispar.events.allSatisfy { $0["CATEGORIES"]?.value == "Dinas Pariwisata dan Kebudayaan" })
    }

    @Test func uidsStayAndSequenceGrowsWhenAnEventMoves() async throws {
        let root = try IncrementalBuildTests.sampleCopy()
        let before = try Self.read(try await sample(root) + "/agenda/2023/03/pawai-budaya-hut-ke-77/event.ics").events[0]
        let again = try Self.read(try await sample(root) + "/agenda/2023/03/pawai-budaya-hut-ke-77/event.ics").events[0]
        #expect(before["UID"]?.value == again["UID"]?.value)
        #expect(before["SEQUENCE"]?.value == "0")
        // The parade moves a week later: rescheduled, with its old start kept.
        let file = root + "/content/events/2023-03-04-pawai-budaya-hut-ke-77.md"
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "start: 2023-03-04 07:30", with: "status: rescheduled\nprevious_start: 2023-03-04 07:30\nstart: 2023-03-11 07:30")
            .replacingOccurrences(of: "end: 2023-03-04 11:30", with: "end: 2023-03-11 11:30")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let moved = try Self.read(try await sample(root) + "/agenda/2023/03/pawai-budaya-hut-ke-77/event.ics").events[0]
        #expect(moved["UID"]?.value == before["UID"]?.value)
        #expect(Int(moved["SEQUENCE"]?.value ?? "") ?? 0 > Int(before["SEQUENCE"]?.value ?? "") ?? 0)
        #expect(moved["DTSTART"]?.value == "20230311T073000")
    }

    @Test func textIsEscapedAndLongLinesFoldBetweenCharacters() {
        #expect(ICalendar.escape("Aula; Lt. 2, Gedung \\A\nBaris") == "Aula\\; Lt. 2\\, Gedung \\\\A\\nBaris")
        // A line break written on Windows is one; a carriage return alone is dropped; plain text is as it was.
        #expect(ICalendar.escape("Pawai\r\nBudaya\rHUT") == "Pawai\\nBudayaHUT")
        #expect(ICalendar.escape("Pawai Budaya — Alun-Alun Wiramaya") == "Pawai Budaya — Alun-Alun Wiramaya")
        let long = "DESCRIPTION:" + String(repeating: "é", count: 100)
        let folded = ICalendar.fold(long)
        let lines = folded.components(separatedBy: "\r\n")
        #expect(lines.count > 2)
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(lines.first! + lines.dropFirst().map { String($0.dropFirst()) }.joined() == long)
    }

    @Test func zonesWithSummerTimeUseUTC() async throws {
        let site = try TestSite(["content/events/a.md": "---\ntitle: Town Hall\nstart: 2023-07-01 18:00\nend: 2023-07-01 20:00\n---\nBody.\n"],
                                config: "title: Town\nbase_url: https://town.example/\nlanguage: en\ntimezone: Europe/Berlin\n")
        defer { site.cleanUp() }
        try await site.build(now: "2023-06-01T00:00:00Z")
        let (calendar, events) = try Self.read(site.output + "/events.ics")
        #expect(calendar["TZID"] == nil)
        #expect(events.first?["DTSTART"]?.value == "20230701T160000Z")
        #expect(events.first?["DTEND"]?.value == "20230701T180000Z")
    }

    /// The lines between `BEGIN:VCALENDAR` and its end that open a component, unfolded.
    static func components(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\r\n ", with: "")
        var depth = 0, out: [String] = []
        for line in text.components(separatedBy: "\r\n") {
            if line.hasPrefix("BEGIN:") {
                if depth == 1 { out.append(String(line.dropFirst(6))) }
                depth += 1
            } else if line.hasPrefix("END:") {
                depth -= 1
            }
        }
        return out
    }

    @Test func aCalendarWithoutEventsStillHoldsAComponent() async throws {
        let site = try TestSite(["content/press/a.md": release("title: A\ndate: 2023-02-10\ndepartment: dinkes")])
        defer { site.cleanUp() }
        try await site.build()
        for path in ["events.ics", "dinas/dinkes/events.ics", "dinas/diskominfo/events.ics"] {
            let (calendar, events) = try Self.read(site.output + "/" + path)
            #expect(events.isEmpty, "\(path)")
            #expect(try Self.components(site.output + "/" + path) == ["VTIMEZONE"], "\(path)")
            #expect(calendar["TZID"] == "Asia/Makassar" && calendar["TZOFFSETTO"] == "+0800", "\(path)")
        }
        // A zone with summer time: no offset holds for the year, so the calendar holds UTC.
        let berlin = try TestSite([:], config: "title: Town\nbase_url: https://town.example/\nlanguage: en\ntimezone: Europe/Berlin\n")
        defer { berlin.cleanUp() }
        try await berlin.build(now: "2023-06-01T00:00:00Z")
        let (calendar, _) = try Self.read(berlin.output + "/events.ics")
        #expect(try Self.components(berlin.output + "/events.ics") == ["VTIMEZONE"])
        #expect(calendar["TZID"] == "UTC" && calendar["TZOFFSETTO"] == "+0000")
    }
}
