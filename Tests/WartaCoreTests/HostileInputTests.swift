import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// Text written to hang or crash the reader gives an error at its place within seconds, and the
/// rest of the site is still checked in the same run.
@Suite(.timeLimit(.minutes(1))) struct HostileInputTests {
    /// An alias bomb: nine levels of ten, a billion nodes, used as a mapping key (hashed whole).
    static let bomb: String = {
        var lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...8 {
            let refs = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("l\(level): &l\(level) [\(refs)]")
        }
        return lines.joined(separator: "\n") + "\n? *l8\n: x\n"
    }()

    struct Bypass: CustomTestStringConvertible, Sendable {
        let name: String
        /// Front matter lines before the bomb (which starts on the line after them).
        let before: String
        let line: Int
        let column: Int
        var testDescription: String { name }
    }

    static let bypasses = [
        Bypass(name: "apostrophe in a plain title", before: "title: Rumah's\ndate: 2023-02-10", line: 4, column: 5),
        Bypass(name: "double quote in a plain value", before: "title: Layar 5\" baru\ndate: 2023-02-10", line: 4, column: 5),
        Bypass(name: "apostrophe in a comment", before: "title: Judul\ndate: 2023-02-10 # it's", line: 4, column: 5),
        Bypass(name: "apostrophe in a flow list", before: "title: Judul\ndate: 2023-02-10\ntags: [Rumah's, x]", line: 5, column: 5),
        Bypass(name: "apostrophe in a block scalar", before: "title: Judul\ndate: 2023-02-10\nsummary: |\n  Rumah's", line: 6, column: 5),
        Bypass(name: "apostrophe on a continued plain line", before: "title: Judul\ndate: 2023-02-10\nsummary: satu\n  dua's", line: 6, column: 5),
    ]

    @Test(arguments: bypasses)
    func aYAMLAliasBombIsRefusedWhateverComesBeforeIt(_ c: Bypass) async throws {
        let site = try TestSite(["content/press/2023-02-09-baik.md": release("title: Baik\ndate: 2023-02-09\ndepartment: dinsos")])
        defer { site.cleanUp() }
        let path = "content/press/2023-02-10-bom.md"
        try site.write(path, "---\n\(c.before)\n\(Self.bomb)---\nIsi.\n")
        let started = ContinuousClock.now
        let problems = await site.failures()
        // Unguarded, the readers took 49 s or never ended; the margin is for a loaded machine
        // running every case of the suite at once.
        #expect(ContinuousClock.now - started < .seconds(30))
        let problem = try #require(problems.first { $0.path == path }, "\(problems)")
        #expect(problem.line == c.line && problem.column == c.column, "\(problem)")
        #expect(problem.message.contains("anchors and aliases"), "\(problem)")
        // The other file is still read and reported.
        #expect(problems.contains { $0.path == "content/press/2023-02-09-baik.md" && $0.message.contains("dinsos") })
    }

    @Test func anAliasBombInSiteYmlIsRefusedAtItsLine() async throws {
        let site = try TestSite(config: TestSite.defaultConfig + "\ntagline2: Rumah's\n" + Self.bomb)
        defer { site.cleanUp() }
        let problems = await site.failures()
        let problem = try #require(problems.first { $0.path == "site.yml" && $0.message.contains("anchors and aliases") }, "\(problems)")
        #expect(problem.line == 13 && problem.column == 5, "\(problem)")
    }

    @Test func theDeskReadsNoFormFromAnAliasBomb() {
        let yaml = "title: Rumah's\ndate: 2023-02-10\n" + Self.bomb
        #expect(DeskFields.read(yaml: yaml, kind: .release, zone: SiteTimeZone(identifier: "Asia/Makassar")!) == nil)
    }

    struct Body: CustomTestStringConvertible, Sendable {
        let name: String
        let body: String
        let line: Int
        /// nil: any column on that line.
        let column: Int?
        var testDescription: String { name }
    }

    static let bodies = [
        Body(name: "100,000 nested block quotes", body: String(repeating: ">", count: 100_000) + " x\n", line: 5, column: 33),
        Body(name: "nested block quotes after a paragraph", body: "Isi.\n\nLagi.\n" + String(repeating: "> ", count: 50_000) + "x\n", line: 8, column: 65),
        Body(name: "50,000 nested list items", body: "Isi.\n\n" + String(repeating: "- ", count: 50_000) + "x\n", line: 7, column: nil),
        Body(name: "20,000 nested emphases", body: String(repeating: "*a ", count: 20_000) + "b" + String(repeating: "* c", count: 20_000) + "\n", line: 5, column: nil),
        Body(name: "1 MB of ![[]()", body: "Isi.\n\n" + String(repeating: "![[]()", count: 175_000) + "\n", line: 7, column: 1),
        Body(name: "images opened, then many links", body: "Awal ü\n" + String(repeating: "![", count: 200_000) + String(repeating: "[]()", count: 5_000) + "\n", line: 6, column: 1),
    ]

    @Test(arguments: bodies)
    func aBodyWrittenToHangOrCrashTheReaderIsRefusedAtItsLine(_ c: Body) async throws {
        let site = try TestSite(["content/press/2023-02-09-baik.md": release("title: Baik\ndate: 2023-02-09\ndepartment: dinsos")])
        defer { site.cleanUp() }
        let path = "content/press/2023-02-10-dalam.md"
        try site.write(path, release("title: Dalam\ndate: 2023-02-10", body: c.body))
        let started = ContinuousClock.now
        let problems = await site.failures()
        // Unguarded, the readers took 49 s or never ended; the margin is for a loaded machine
        // running every case of the suite at once.
        #expect(ContinuousClock.now - started < .seconds(30))
        let problem = try #require(problems.first { $0.path == path }, "\(problems)")
        #expect(problem.line == c.line && (c.column == nil || problem.column == c.column), "\(problem)")
        #expect(problem.message.contains("levels deep") || problem.message.contains("'!['"), "\(problem)")
        #expect(problems.contains { $0.path == "content/press/2023-02-09-baik.md" && $0.message.contains("dinsos") })
    }

    /// A table's lead-in line is read again alone, where "2. 2. 2. …" is no longer a paragraph's
    /// text but lists inside lists.
    @Test func aTableLineReadAloneCannotNestDeep() async throws {
        let lead = "Tabel:\n" + String(repeating: "2. ", count: 30_000) + "x\n"
        let site = try TestSite(["content/press/2023-02-10-tabel.md": release("title: Tabel\ndate: 2023-02-10",
                                                                             body: lead + "| a | b |\n|---|---|\n| 1 | 2 |\n")])
        defer { site.cleanUp() }
        try await site.build()
        let text = try #require(site.read("/siaran-pers/2023/02/tabel/index.txt"))
        #expect(text.contains("2. 2. 2."))
    }

    @Test func aTitleThatReadsOtherThanItIsWrittenIsWarnedAt() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-arah.md": release("title: Rapat \u{202E}atapaR\u{202C} Kota\ndate: 2023-02-10"),
            "content/alerts/2023-02-20-arah.md": "---\ntitle: \"Banjir \u{2067}Kota\u{2069}\"\nseverity: info\narea: Kota\ndate: 2023-02-20\nexpires: 2023-02-28\n---\nIsi\n",
            "content/press/2023-02-11-biasa.md": release("title: Rapat Kota\ndate: 2023-02-11"),
        ])
        defer { site.cleanUp() }
        let warnings = try await site.build().warnings
        let release = try #require(warnings.first { $0.path == "content/press/2023-02-10-arah.md" }, "\(warnings)")
        #expect(release.line == 2 && release.column == 8 && release.severity == .warning, "\(release)")
        #expect(release.message.contains("2 invisible characters") && release.message.contains("U+202E"), "\(release)")
        let alert = try #require(warnings.first { $0.path == "content/alerts/2023-02-20-arah.md" }, "\(warnings)")
        #expect(alert.line == 2 && alert.message.contains("U+2067"), "\(alert)")
        #expect(!warnings.contains { $0.path == "content/press/2023-02-11-biasa.md" })
    }
}
