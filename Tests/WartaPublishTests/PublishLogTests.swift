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

    /// The log's time is the publisher's real clock; a dry run's earlier build clock is logged apart.
    @Test func theLogRecordsTheRealTimeAndTheBuildClockApart() async throws {
        let site = try Self.sampleCopy(), target = Self.emptyFolder()
        let real = ZonedInstant.parse("2023-03-01T10:00:00+08:00")!
        _ = try await publish(site, to: target, at: real) { $0.initialize = true }
        _ = try await publish(site, to: target, at: real)
        var request = Publisher.Request(siteRoot: site, now: Self.now)
        request.destination = target
        request.dryRun = true
        _ = try await Self.publisher(clock: real).publish(request)
        let entries = PublishLog(siteRoot: site).entries()
        #expect(entries.count == 2)
        #expect(entries.first?.time == real && entries.first?.buildClock == real && entries.first?.dryRun == false)
        #expect(entries.last?.time == real && entries.last?.dryRun == true)
        #expect(entries.last?.buildClock == Self.now && entries.last?.buildClock.iso8601 == "2023-02-21T09:00:00+08:00")
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
