import Foundation
import Testing
import WartaTestSupport

/// `warta check` on a copy of the sample with a broken link and an image without alt text: the
/// text form on standard error, the JSON form parsed back with its documented fields, and `build`
/// reporting the same.
extension CLITests {
    static let checkedRelease = "content/press/2023-02-16-peresmian-pabrik-pengolahan-ikan.md"

    func siteWithCheckFindings() throws -> (site: String, lines: Int) {
        let site = try SampleSite.copy(prefix: "warta-check-")
        let path = site + "/" + Self.checkedRelease
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        try (text + "\nLihat [halaman BKPSDM](/halaman/bkpsdm/).\n\n![](/gambar/pabrik-ikan.svg)\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (site, lines)
    }

    @Test func checkReportsFindingsAsTextAndAsJSON() throws {
        let (site, lines) = try siteWithCheckFindings()
        defer { removeTemporary(site) }
        let text = try warta(["check", "--site", site, "--now", Self.sampleNow])
        #expect(text.status == 1)
        let expected = [
            "\(Self.checkedRelease):\(lines + 1):7: error: link to /halaman/bkpsdm/ leads to no page of the site",
            "\(Self.checkedRelease):\(lines + 3):1: warning: image /gambar/pabrik-ikan.svg has no alt text",
        ]
        for line in expected { #expect(text.stderr.contains(site + "/" + line), "\(text.stderr)") }

        let run = try warta(["check", "--site", site, "--now", Self.sampleNow, "--format", "json"])
        #expect(run.status == 1)
        let all = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]], "\(run.stdout)")
        #expect(all.count == 2, "\(run.stdout)")
        #expect(all.allSatisfy { Set($0.keys) == ["path", "line", "column", "severity", "message"] })
        #expect(all.map { "\($0["path"] as? String ?? ""):\($0["line"] as? Int ?? 0):\($0["column"] as? Int ?? 0): \($0["severity"] as? String ?? ""): \($0["message"] as? String ?? "")" }
            .enumerated().allSatisfy { $0.element.hasPrefix(expected[$0.offset]) }, "\(run.stdout)")

        // The build shows the same, and refuses the error; without it, the warning does not block.
        let build = try warta(["build", "--site", site, "--now", Self.sampleNow])
        #expect(build.status == 1 && expected.allSatisfy { build.stderr.contains($0) }, "\(build.stderr)")
        let path = site + "/" + Self.checkedRelease
        try (try String(contentsOfFile: path, encoding: .utf8)).replacingOccurrences(of: "/halaman/bkpsdm/", with: "/kontak/")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let mended = try warta(["build", "--site", site, "--now", Self.sampleNow])
        #expect(mended.status == 0 && mended.stderr.contains(expected[1]), "\(mended.stderr)")
        let clean = try warta(["check", "--site", site, "--now", Self.sampleNow, "--format", "json"])
        #expect(clean.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(clean.stdout.utf8)) as? [[String: Any]])?.count == 1, "\(clean.stdout)")
    }

    @Test func theSampleSiteChecksClean() throws {
        let run = try warta(["check", "--site", Self.repositoryRoot, "--now", Self.sampleNow, "--format", "json"])
        #expect(run.status == 0 && run.stdout == "[]\n", "\(run.stdout)\(run.stderr)")
    }
}
