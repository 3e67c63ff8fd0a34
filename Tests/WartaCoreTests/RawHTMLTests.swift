import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// Safe mode leaves raw HTML out of the page; it is never left out in silence.
@Suite struct RawHTMLTests {
    @Test func rawHTMLIsALocatedWarningAndTheBuildGoesOn() async throws {
        let site = try TestSite(["content/press/2023-02-10-a.md": release("title: Rilis\ndate: 2023-02-10", body: """
            Paragraf pertama dengan <span class="merah">teks merah</span> di tengah.

            <div class="kotak">
            Isi kotak.
            </div>
            """)])
        defer { site.cleanUp() }
        let report = try await site.build()
        let located = report.warnings.sorted().map { "\($0.path):\($0.line):\($0.column)" }
        // The body starts on line 5: the opening and closing tags there, the block on line 7.
        #expect(located == ["content/press/2023-02-10-a.md:5:25", "content/press/2023-02-10-a.md:5:55", "content/press/2023-02-10-a.md:7:1"], "\(report.warnings)")
        #expect(report.warnings.allSatisfy { $0.severity == .warning && $0.message.contains("left out of the page") })
        let page = try #require(site.read("siaran-pers/2023/02/a/"))
        #expect(page.contains("teks merah") && !page.contains("class=\"merah\"") && !page.contains("class=\"kotak\""))
    }

    @Test func htmlPastedFromAWordProcessorIsAnErrorThatSaysWhatToDo() async throws {
        var pasted = "<p class=MsoNormal style='mso-margin-top-alt:auto'><span lang=IN>Paragraf satu.<o:p></o:p></span></p>\n"
        for n in 0..<600 { pasted += "<p class=MsoNormal>Paragraf \(n).<o:p></o:p></p>\n" }
        let site = try TestSite(["content/press/2023-02-10-word.md": release("title: Dari Word\ndate: 2023-02-10", body: "Pengantar.\n\n" + pasted)])
        defer { site.cleanUp() }
        let problems = await site.failures()
        let problem = try #require(problems.first, "a Word paste must stop the build")
        #expect(problems.count == 1)
        #expect(problem.severity == .error && problem.line == 7 && problem.column == 1, "\(problem)")
        #expect(problem.message.contains("word processor") && problem.message.contains("plain text") && problem.message.contains("Markdown tables"))
    }

    @Test func manyPiecesOfRawHTMLAreCountedNotListed() {
        let pieces = (1...9).map { Markdown.Link(destination: "<br>", isImage: false, line: $0, column: 1) }
        let out = RawHTMLCheck.diagnostics(pieces, path: "a.md", bodyLine: 10)
        #expect(out.count == RawHTMLCheck.limit + 1)
        #expect(out.last?.message == "4 more pieces of raw HTML are left out" && out.last?.line == 15)
    }
}
