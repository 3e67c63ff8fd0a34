import Foundation
import Mustache
import PropertyBased
import Testing
import WartaTestSupport
@testable import WartaCore

/// Page chrome rendered once and reused (`SharedChrome`) gives the bytes rendering each page
/// afresh gives: on every item and list page of the sample site, in both its languages, and on
/// generated templates whose pages differ in what they do not share.
@Suite struct SharedChromeTests {
    @Test func everyPageOfTheSampleIsTheSameWithTheChromeReused() async throws {
        let prepared = try await SiteBuilder.prepare(TestSite.options(root: TestSite.repositoryRoot, output: temporaryFolder() + "/public"))
        var sharing = prepared.context
        sharing.chrome = SharedChrome.Memo()
        let memo = try #require(sharing.chrome)
        var pages = 0
        for code in prepared.catalog.config.languageCodes {
            let fresh = prepared.context.inLanguage(code), reused = sharing.inLanguage(code)
            for list in Listings.all(fresh) {
                for n in 1...Listings(context: fresh, theme: prepared.theme).pageCount(list) {
                    let a = Listings(context: fresh, theme: prepared.theme).render(list, page: n)
                    let b = Listings(context: reused, theme: prepared.theme).render(list, page: n)
                    if a.html != b.html { Issue.record("list /\(a.path) differs when its chrome is reused") }
                    pages += 1
                }
            }
            for i in fresh.catalog.entries.indices where fresh.catalog.trees[i] == code {
                let a = ItemPages(context: fresh, theme: prepared.theme).render(i, html: Array("<p>Isi.</p>".utf8))
                let b = ItemPages(context: reused, theme: prepared.theme).render(i, html: Array("<p>Isi.</p>".utf8))
                if a != b { Issue.record("/\(fresh.catalog.entries[i].path) differs when its chrome is reused") }
                pages += 1
            }
        }
        #expect(pages > 50)
        // The header, the navigation and the footer at least, on most pages.
        #expect(memo.uses > pages, "runs reused \(memo.uses) times over \(pages) pages")
    }

    /// A page like the one before it in its fixed keys and unlike it in any other: what it takes
    /// from the memo is what it would have rendered itself, and swift-mustache agrees.
    @Test func aPageTakesOnlyWhatHoldsForIt() async throws {
        MustacheContentTypes.register(ByteHTMLContentType(), named: ByteHTMLContentType.name)  // as Theme.load does
        let names = Array(Self.first.keys.sorted())
        await propertyCheck(count: 400, input: Gen.element(of: TemplateEngineTests.snippets).array(of: 1...9),
                            Gen.element(of: TemplateEngineTests.partSnippets).array(of: 0...4), Gen.element(of: names).array(of: 0...8)) { main, part, fixedNames in
            let texts = ["main": main.compactMap { $0 }.joined(separator: "\n"), "part": part.compactMap { $0 }.joined(), "layout": "<h>{{a}}</h>\n{{$body}}d{{/body}}\n{{> part}}\n"]
            var library = MustacheLibrary()
            var compiled: [String: CompiledTemplate] = [:]
            for (name, text) in texts {
                guard let template = try? MustacheTemplate(string: Theme.pragma + text) else { return }
                library.register(template, named: name)
                compiled[name] = TemplateCompiler.compile(Theme.pragma + text)
            }
            guard compiled.count == texts.count else { return }
            let marked = SharedRuns.mark(compiled)
            let fixed = Set(fixedNames.compactMap { $0 })
            // The second page keeps the first's fixed keys and changes, drops or adds every other.
            var second = Self.first
            for (name, value) in Self.other where !fixed.contains(name) { second[name] = value }
            let shared = SharedChrome(key: "id id press", fixed: fixed, memo: SharedChrome.Memo())
            let renderer = TemplateRenderer(templates: marked, shared: shared)
            let firstOut = renderer.render(marked["main"]!, Self.first)
            let secondOut = renderer.render(marked["main"]!, second)
            #expect(firstOut == library.render(Self.first, withTemplate: "main"), "\(texts["main"]!.debugDescription)")
            #expect(secondOut == library.render(second, withTemplate: "main"),
                    "\(texts["main"]!.debugDescription) with part \(texts["part"]!.debugDescription), fixed \(fixed.sorted())")
        }
    }

    static var first: [String: Any] { TemplateEngineTests.context }

    /// Another value for each key (nil: the key is absent), and keys the first page lacks.
    nonisolated(unsafe) static let other: [String: Any?] = [
        "a": "another a", "html": "<b>other</b>", "n": 7, "yes": false, "no": true, "blank": "not blank",
        "obj": ["a": "second", "inner": ["deep": "d2"] as [String: Any]] as [String: Any],
        "list": [["name": "three"]] as [[String: Any]], "empty": [["name": "now one"]] as [[String: Any]],
        "words": [String](), "labels": ["k": "other k"], "site": nil, "maybe": nil, "nothing": "something",
        "lazy": LazyValues([:], rest: { ["q": "late q"] }), "lazies": nil, "missing": "now here", "name": "top name",
    ]
}
