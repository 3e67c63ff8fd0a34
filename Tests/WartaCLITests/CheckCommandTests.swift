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

    /// Links outside a body, in a copy of the sample: a release's notes to editors, `site.yml`'s
    /// `about`, a notice's English text (all literal blocks). Each is reported at the `[` where it
    /// is written, found here by reading the file.
    @Test func checkReportsLinksInNotesAboutAndNoticesWhereTheyAreWritten() throws {
        let site = try SampleSite.copy(prefix: "warta-check-fields-")
        defer { removeTemporary(site) }
        let edits = [
            ("content/press/2023-02-17-pemantauan-harga-bahan-pokok.md", "mencantumkan sumber.", "mencantumkan sumber; lihat [galeri](/galeri-foto/).", "[galeri](/galeri-foto/)", "/galeri-foto/"),
            ("site.yml", "Profil lengkap: [Tentang Kota Wiramaya](/tentang/)", "Profil lengkap: [Tentang Kota Wiramaya](/profil-kota/)",
             "[Tentang Kota Wiramaya](/profil-kota/)", "/profil-kota/"),
            ("content/alerts/2023-02-21-banjir-rob-pesisir-teluk.md", "for help.", "for help; see [the map](/peta-rob/).", "[the map](/peta-rob/)", "/peta-rob/"),
        ]
        var expected: [String] = []
        for (file, old, new, mark, target) in edits {
            let path = site + "/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.components(separatedBy: old).count == 2, "\(file) holds '\(old)' once")
            let edited = text.replacingOccurrences(of: old, with: new)
            try edited.write(toFile: path, atomically: true, encoding: .utf8)
            let lines = edited.split(separator: "\n", omittingEmptySubsequences: false)
            let line = try #require(lines.firstIndex { $0.contains(mark) })
            let column = lines[line].utf8.count - lines[line][lines[line].range(of: mark)!.lowerBound...].utf8.count + 1
            expected.append("\(file):\(line + 1):\(column): error: link to \(target) leads to no page of the site")
        }
        let run = try warta(["check", "--site", site, "--now", Self.sampleNow, "--format", "json"])
        #expect(run.status == 1)
        let all = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]], "\(run.stdout)")
        let found = all.map { "\($0["path"] as? String ?? ""):\($0["line"] as? Int ?? 0):\($0["column"] as? Int ?? 0): \($0["severity"] as? String ?? ""): \($0["message"] as? String ?? "")" }
        #expect(found.sorted() == expected.sorted(), "\(run.stdout)")
    }

    @Test func theSampleSiteChecksClean() throws {
        let run = try warta(["check", "--site", Self.repositoryRoot, "--now", Self.sampleNow, "--format", "json"])
        #expect(run.status == 0 && run.stdout == "[]\n", "\(run.stdout)\(run.stderr)")
    }
}
