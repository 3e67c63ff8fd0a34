import Foundation
import PropertyBased
import Testing
@testable import WartaCore

@Suite struct DateTests {
    let wita = SiteTimeZone(identifier: "Asia/Makassar")!

    @Test func civilCalendarAgreesWithFoundationEverywhere() async {
        // Any instant from 1900 to 2200 at any whole-quarter-hour offset.
        await propertyCheck(input: Gen.int(in: -2_208_988_800...7_258_118_400), Gen.int(in: -48...56)) { seconds, quarters in
            let instant = ZonedInstant(seconds: Int64(seconds), offset: Int32(quarters * 900))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: quarters * 900)!
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday],
                                            from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            let civil = instant.civil
            let ours: [Int] = [civil.year, civil.month, civil.day, civil.hour, civil.minute, civil.second, civil.weekday + 1]
            let foundation: [Int] = [c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!, c.weekday!]
            #expect(ours == foundation)
            #expect(civil.secondsAsUTC - Int64(instant.offset) == instant.seconds)
        }
    }

    @Test func writtenInstantsReadBackTheSame() async {
        await propertyCheck(input: Gen.int(in: 0...4_102_444_800), Gen.int(in: -12...14)) { seconds, hours in
            let instant = ZonedInstant(seconds: Int64(seconds), offset: Int32(hours * 3600))
            #expect(ZonedInstant.parse(instant.iso8601) == instant)
            #expect(ZonedInstant.parse(instant.iso8601)?.offset == instant.offset)
        }
    }

    @Test func frontMatterDatesAreReadInTheSiteZone() throws {
        let plain = try #require(DateValue.parse("2023-02-21 09:00")).instant(in: wita)
        #expect(plain.iso8601 == "2023-02-21T09:00:00+08:00")
        let dateOnly = try #require(DateValue.parse("2023-02-21")).instant(in: wita)
        #expect(dateOnly.iso8601 == "2023-02-21T00:00:00+08:00")
        // An explicit offset fixes the instant; it is shown in the site's zone.
        let jakarta = try #require(DateValue.parse("2023-02-21T09:00:00+07:00")).instant(in: wita)
        #expect(jakarta.iso8601 == "2023-02-21T10:00:00+08:00")
        let named = try #require(DateValue.parse("2023-02-21 09:00 WIT")).instant(in: wita)
        #expect(named.iso8601 == "2023-02-21T08:00:00+08:00")
        #expect(try #require(DateValue.parse("2023-02-21T01:00:00Z")).instant(in: wita).iso8601 == "2023-02-21T09:00:00+08:00")
        for bad in ["2023-02-29", "2023-13-01", "21-02-2023", "2023-02-21 25:00", "2023-02-21T09:00+8", "kemarin", "2023-02-21 09:00 XYZ"] {
            #expect(DateValue.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func zonesWithSummerTimeGetTheRightOffset() throws {
        let berlin = try #require(SiteTimeZone(identifier: "Europe/Berlin"))
        #expect(try #require(DateValue.parse("2023-07-01 12:00")).instant(in: berlin).iso8601 == "2023-07-01T12:00:00+02:00")
        #expect(try #require(DateValue.parse("2023-01-01 12:00")).instant(in: berlin).iso8601 == "2023-01-01T12:00:00+01:00")
    }

    @Test func readersSeeIndonesianDatesAndZoneNames() throws {
        let text = DateText(language: .id, zone: wita)
        let instant = try #require(ZonedInstant.parse("2023-02-21T09:00:00+08:00"))
        #expect(text.dateTime(instant) == "Selasa, 21 Februari 2023 pukul 09.00 WITA")
        #expect(instant.rfc822 == "Tue, 21 Feb 2023 09:00:00 +0800")
        let english = DateText(language: .en, zone: wita)
        #expect(english.dateTime(instant) == "Tuesday, 21 February 2023, 09:00 WITA")
        let jakarta = SiteTimeZone(identifier: "Asia/Jakarta")!, jayapura = SiteTimeZone(identifier: "Asia/Jayapura")!
        #expect(jakarta.abbreviation(for: jakarta.local(instant)) == "WIB")
        #expect(jayapura.abbreviation(for: jayapura.local(instant)) == "WIT")
        let utc = SiteTimeZone(identifier: "UTC")!
        #expect(utc.abbreviation(for: utc.local(instant)) == "UTC")
    }

    @Test func eventSpansReadNaturally() throws {
        let text = DateText(language: .id, zone: wita)
        func at(_ s: String) throws -> ZonedInstant { try #require(DateValue.parse(s)).instant(in: wita) }
        let sameDay = EventDetails(start: try at("2023-03-04 07:30"), end: try at("2023-03-04 11:30"))
        #expect(text.eventSpan(sameDay) == "Sabtu, 4 Maret 2023, 07.30–11.30 WITA")
        let allDay = EventDetails(start: try at("2023-03-11"), end: try at("2023-03-11"), allDay: true)
        #expect(text.eventSpan(allDay) == "Sabtu, 11 Maret 2023 (sepanjang hari)")
        #expect(allDay.finish == (try at("2023-03-12")))
    }
}

@Suite struct TextTests {
    @Test func escapingMatchesAReferenceForAnyText() async {
        await propertyCheck(input: Gen.character(in: " "..."\u{24F}").string(of: 0...40)) { text in
            var reference = ""
            for ch in text {
                switch ch {
                case "&": reference += "&amp;"
                case "<": reference += "&lt;"
                case ">": reference += "&gt;"
                case "\"": reference += "&quot;"
                case "'": reference += "&#39;"
                default: reference.append(ch)
                }
            }
            #expect(HTMLEscape.escape(text) == reference)
        }
    }

    @Test func percentDecodingUndoesEncodingAndKeepsOrRefusesBadEscapes() async {
        await propertyCheck(input: Gen.character(in: " "..."\u{24F}").string(of: 0...30)) { text in
            #expect(PercentEncoding.decode(Array(PercentEncoding.encode(text).utf8), strict: true) == Array(text.utf8))
        }
        #expect(PercentEncoding.decode(Array("a+b%2".utf8)) == Array("a+b%2".utf8))
        #expect(PercentEncoding.decode(Array("a+b%2".utf8), strict: true) == nil)
        #expect(PercentEncoding.decode(Array("a+b%2e%2E".utf8), plusIsSpace: true) == Array("a b..".utf8))
    }

    @Test func slugsAreLowercaseASCII() async {
        await propertyCheck(input: Gen.character(in: " "..."\u{24F}").string(of: 0...30)) { text in
            let slug = Slug.make(text)
            #expect(slug.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
            #expect(!slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--"))
            #expect(Slug.make(slug) == slug)
        }
        #expect(Slug.make("Pawai Budaya HUT ke-77!") == "pawai-budaya-hut-ke-77")
        #expect(Slug.make("Festival Kopi Café") == "festival-kopi-cafe")
        #expect(ItemLoader.defaultSlug(path: "content/press/2023-02-14-pawai-budaya.md") == "pawai-budaya")
        // A translation's file takes its original's slug; a dot that names no language stays in the name.
        #expect(ItemLoader.defaultSlug(path: "content/press/2023-02-14-pawai-budaya.en.md") == "pawai-budaya")
        #expect(ItemLoader.defaultSlug(path: "content/press/laporan.v2.md") == "laporan-v2")
        #expect(ItemLoader.defaultSlug(path: "rapat-kadin") == "rapat-kadin")
        #expect(ItemLoader.translationName("content/press/rapat.en.md").map { "\($0.original) \($0.language.rawValue)" } == "content/press/rapat.md en")
        for path in ["content/press/laporan.v2.md", "content/press/.en.md", "content/v1.en/rapat.md", "content/press/rapat.en", "md"] {
            #expect(ItemLoader.translationName(path) == nil, "\(path)")
        }
    }

    @Test func frontMatterSplitsOnWholeLinesOnly() throws {
        let text = "\u{FEFF}---\r\ntitle: A --- B\r\n---\r\nIsi\n\n---\n\nLagi\n"
        let front = try FrontMatter.split(Array(text.utf8), path: "a.md").get()
        #expect(front.yaml == "title: A --- B\r\n")
        #expect(front.body == "Isi\n\n---\n\nLagi\n")
        #expect(front.bodyLine == 4)
        #expect((try? FrontMatter.split(Array("--- \ntitle: x\n".utf8), path: "a.md").get()) == nil)
    }

    @Test func utf8CheckFindsTheBadByte() {
        func first(_ bytes: [UInt8]) -> WartaCore.SourceLocation? {
            TextCheck.problems(bytes, path: "a.md").first.map { SourceLocation(line: $0.line, column: $0.column) }
        }
        #expect(first(Array("aman\nsäja\n".utf8)) == nil)
        #expect(first(Array("ab\ncd".utf8) + [0xC0, 0x80]) == SourceLocation(line: 2, column: 3))
        #expect(first([0xED, 0xA0, 0x80]) == SourceLocation(line: 1, column: 1))  // a surrogate
        let truncated: [UInt8] = [0xC3, 0x41]  // the first byte of "é", then "A"
        #expect(first(truncated) == SourceLocation(line: 1, column: 1))
    }

    @Test func controlCharactersAreLocatedErrors() {
        let problems = TextCheck.problems(Array("judul\n\tisi ok\r\nhalo\u{0C}dunia\nä\u{0}".utf8), path: "a.md")
        #expect(problems.map { "\($0.line):\($0.column)" } == ["3:5", "4:2"])
        #expect(problems[0].message.contains("U+000C"))
        #expect(problems[1].message.contains("NUL"))
    }

    @Test func markdownIsSafeAndSmart() {
        let out = Markdown.render("""
        "Kutipan" -- kata Wali Kota.

        <script>alert(1)</script>

        [klik](javascript:alert(1)) dan [tautan](https://kota.go.id/)
        """)
        #expect(out.html.contains("“Kutipan” – kata Wali Kota."))
        #expect(!out.html.contains("<script>"))
        #expect(!out.html.contains("javascript:"))
        #expect(out.html.contains("<a href=\"https://kota.go.id/\">tautan</a>"))
        #expect(out.firstParagraph == "“Kutipan” – kata Wali Kota.")
        #expect(Excerpt.make(String(repeating: "kata ", count: 100), limit: 20) == "kata kata kata kata…")
    }
}
