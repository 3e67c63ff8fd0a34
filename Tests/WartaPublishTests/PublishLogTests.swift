import Foundation
import Testing
import WartaCore
import WartaTestSupport
@testable import WartaPublish

extension PublishTests {
    /// A folder name with a tab and a newline must not end its line and add a made-up publish
    /// (here: a successful one to another destination, which `--if-due` would trust).
    @Test func logFieldsCannotForgeALine() async throws {
        let site = try Self.sampleCopy()
        let target = Self.emptyFolder() + "/situs\n2023-01-01T00:00:00+07:00\tpalsu\t/var/www/lain"
        _ = try await publish(site, to: target) { $0.initialize = true }
        _ = try await publish(site, to: target)
        let log = PublishLog(siteRoot: site)
        let text = try String(contentsOfFile: log.path, encoding: .utf8)
        #expect(text.filter { $0 == "\n" }.count == 1, "\(text)")
        let entries = log.entries()
        #expect(entries.count == 1)
        #expect(entries.first?.destination == target)
        #expect(log.lastSuccess(destination: "/var/www/lain") == nil)
    }

    @Test func theLogRecordsTheRealTimeAndTheBuildClockApart() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        _ = try await publish(site, to: target) { $0.initialize = true }
        let before = Clock.system().seconds
        _ = try await publish(site, to: target)
        let after = Clock.system().seconds
        let entry = try #require(PublishLog(siteRoot: site).entries().last)
        #expect(entry.time.seconds >= before && entry.time.seconds <= after, "\(entry.time.iso8601)")
        #expect(entry.buildClock == Self.now && entry.buildClock.iso8601 == "2023-02-21T09:00:00+08:00")
    }

    @Test func fieldsReadBackAsWrittenAndOlderLinesStillRead() {
        for text in ["", "biasa", "a\tb", "baris\nbaru", "\\t bukan tab", "akhir\\", "\r\u{1}\u{7F}ü"] {
            #expect(LogField.unescaped(LogField.escaped(text)) == text, "\(text)")
            #expect(!LogField.escaped(text).contains { $0 == "\t" || $0 == "\n" || $0 == "\r" })
        }
        let older = PublishLog.Entry(line: "2023-02-21T09:00:00+08:00\tproduction\t/srv/www/\tabc\t1\t2\t3\t40\t0\tpublished")
        #expect(older?.destination == "/srv/www/" && older?.buildClock == older?.time)
    }
}
