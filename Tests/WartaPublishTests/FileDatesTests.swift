import Foundation
import Testing
import WartaCore
import WartaTestSupport
@testable import WartaPublish

/// A publish re-dates only what it changes: a web server derives ETag and Last-Modified from a
/// file's date, so a re-dated file is refetched by every cache and CDN.
extension PublishTests {
    /// What one edited release does at a target whose every file was dated 2001 beforehand.
    struct Republish {
        /// Files whose bytes differ after the second publish.
        var differing: Set<String>
        /// Files whose date is no longer the 2001 one.
        var redated: Set<String>
        /// What rsync reported as sent.
        var itemized: Set<String>
        /// Files at the target.
        var files: Int
    }

    static let longAgo = Date(timeIntervalSince1970: 978_307_200)  // 2001-01-01T00:00:00Z

    func republishAfterOneEdit(folder: String, destination: String) async throws -> Republish {
        let site = try Self.sampleCopy()
        _ = try await publish(site, to: destination) { $0.initialize = true }
        _ = try await publish(site, to: destination)
        let all = snapshot(folder).keys
        for path in all {
            try FileManager.default.setAttributes([.modificationDate: Self.longAgo], ofItemAtPath: folder + "/" + path)
        }
        let file = site + "/content/press/2023-02-17-pemantauan-harga-bahan-pokok.md"
        try (try String(contentsOfFile: file, encoding: .utf8)).replacingOccurrences(of: "Stok Beras Aman", with: "Stok Beras Cukup")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let before = snapshot(folder)
        let second = try await publish(site, to: destination)
        let after = snapshot(folder)
        var redated = Set<String>()
        for path in after.keys {
            let date = try FileManager.default.attributesOfItem(atPath: folder + "/" + path)[.modificationDate] as? Date
            if date != Self.longAgo { redated.insert(path) }
        }
        return Republish(differing: Set(after.keys.filter { before[$0] != after[$0] }), redated: redated,
                         itemized: Set(second.summary.changed + second.summary.added), files: after.count)
    }

    @Test func unchangedFilesKeepTheirDatesInAFolderTarget() async throws {
        let target = Self.emptyFolder()
        let result = try await republishAfterOneEdit(folder: target, destination: target)
        #expect(result.differing.contains("siaran-pers/2023/02/pemantauan-harga-bahan-pokok/index.html"))
        #expect(result.differing.count < 20 && result.files > 100)
        let unchangedButRedated = result.redated.subtracting(result.differing).count
        #expect(unchangedButRedated == 0, "\(result.redated.count) of \(result.files) files re-dated for one edit")
        #expect(result.differing.isSubset(of: result.redated))
        #expect(result.itemized == result.differing)
    }

    @Test func unchangedFilesKeepTheirDatesOverAnRsyncDaemon() async throws {
        let module = Self.emptyFolder()
        let daemon = try RsyncDaemon(module: module)
        defer { daemon.stop() }
        let result = try await republishAfterOneEdit(folder: module, destination: "rsync://127.0.0.1:\(daemon.port)/warta/")
        #expect(result.differing.contains("siaran-pers/2023/02/pemantauan-harga-bahan-pokok/index.html"))
        #expect(result.differing.count < 20 && result.files > 100)
        let unchangedButRedated = result.redated.subtracting(result.differing).count
        #expect(unchangedButRedated == 0, "\(result.redated.count) of \(result.files) files re-dated for one edit")
        #expect(result.differing.isSubset(of: result.redated))
        #expect(result.itemized == result.differing)
    }
}
