import Foundation
import Mustache
import PropertyBased
import Testing
import WartaTestSupport
@testable import WartaCore

/// Warta renders its templates with its own renderer (`TemplateRenderer`) and keeps swift-mustache
/// as the reference: both must give the same bytes, on the whole sample site and on generated
/// templates full of the whitespace rules (standalone tags, indented partials, layouts).
@Suite struct TemplateEngineTests {
    @Test func theDefaultThemeIsRenderedByWartasRendererEntirely() throws {
        let (theme, problems) = Theme.load(directory: TestSite.repositoryRoot + "/site-templates", siteRoot: TestSite.repositoryRoot)
        #expect(problems.isEmpty)
        let compiled = try #require(theme).compiled
        for name in Theme.required { #expect(compiled[name] != nil, "\(name) is left to swift-mustache") }
    }

    @Test(arguments: [false, true])
    func theSampleSiteIsTheSameByteForByteWithSwiftMustache(preview: Bool) async throws {
        let ours = temporaryFolder(), reference = temporaryFolder()
        defer { for f in [ours, reference] { try? FileManager.default.removeItem(atPath: f) } }
        let options = { (output: String) in
            TestSite.options(root: TestSite.repositoryRoot, drafts: preview, future: preview, output: output)
        }
        try await SiteBuilder.build(options(ours))
        try await Theme.$referenceRendering.withValue(true) { try await SiteBuilder.build(options(reference)) }
        let a = snapshot(ours), b = snapshot(reference)
        #expect(a.count > 100)
        #expect(Set(a.keys) == Set(b.keys))
        for (path, bytes) in a where b[path] != bytes {
            Issue.record("\(path) differs from swift-mustache's rendering")
        }
    }

    @Test func generatedTemplatesRenderAsSwiftMustacheRendersThem() async throws {
        MustacheContentTypes.register(ByteHTMLContentType(), named: ByteHTMLContentType.name)  // as Theme.load does
        let compiledCount = Counter()
        await propertyCheck(count: 600, input: Gen.element(of: Self.snippets).array(of: 0...9),
                            Gen.element(of: Self.partSnippets).array(of: 0...4), Gen.element(of: Self.separators).array(of: 0...9)) { main, partial, gaps in
            let glue = { (parts: [String?]) -> String in
                var text = ""
                for (n, part) in parts.enumerated() { text += (part ?? "") + (gaps.isEmpty ? "" : gaps[n % gaps.count] ?? "") }
                return text
            }
            let texts = ["main": glue(main), "part": glue(partial), "layout": "<h>{{a}}</h>\n  {{$body}}default {{a}}\n  {{/body}}\n{{$foot}}F{{/foot}}\nend\n"]
            var library = MustacheLibrary()
            var compiled: [String: CompiledTemplate] = [:]
            for (name, text) in texts {
                guard let template = try? MustacheTemplate(string: Theme.pragma + text) else { return }  // not a valid template
                library.register(template, named: name)
                compiled[name] = TemplateCompiler.compile(Theme.pragma + text)
            }
            guard compiled.count == texts.count else { return }
            await compiledCount.add()
            let expected = library.render(Self.context, withTemplate: "main") ?? ""
            let actual = TemplateRenderer(templates: compiled).render(compiled["main"]!, Self.context)
            #expect(actual == expected, "\(texts["main"]!.debugDescription) with part \(texts["part"]!.debugDescription)")
        }
        #expect(await compiledCount.value > 100)
    }

    @Test func templatesOutsideTheSubsetAreLeftToSwiftMustache() {
        for text in ["{{=<% %>=}}<% a %>", "{{uppercased(a)}}", "{{>*dynamic}}", "a\r\nb{{c}}", "{{% CONTENT_TYPE: text }}x"] {
            #expect(TemplateCompiler.compile(text) == nil, "\(text.debugDescription)")
        }
        #expect(TemplateCompiler.compile(Theme.pragma + "{{#a}}\n  {{b}}\n{{/a}}\n") != nil)
    }

    @Test func valuesAreReadBackFromAnyAsTheyWereStored() {
        let values: [Any] = ["", "short", String(repeating: "long ", count: 40), true, false, -7, Int.max,
                             ["k": 1] as [String: Any], ["k": "v"], [["k": 1]] as [[String: Any]], [1, "x"] as [Any], ["a", "b"],
                             LazyValues(["q": "1"], rest: { [:] })]
        for value in values {
            switch value {
            case let v as String: #expect(TemplateRenderer.unbox(value, as: String.self) == v)
            case let v as Bool: #expect(TemplateRenderer.unbox(value, as: Bool.self) == v)
            case let v as Int: #expect(TemplateRenderer.unbox(value, as: Int.self) == v)
            case let v as [String: String]: #expect(TemplateRenderer.unbox(value, as: [String: String].self) == v)
            case let v as [String]: #expect(TemplateRenderer.unbox(value, as: [String].self) == v)
            case let v as [String: Any]: #expect(TemplateRenderer.unbox(value, as: [String: Any].self)["k"] as? Int == v["k"] as? Int)
            case let v as [[String: Any]]: #expect(TemplateRenderer.unbox(value, as: [[String: Any]].self).count == v.count)
            case let v as [Any]: #expect(TemplateRenderer.unbox(value, as: [Any].self).last as? String == v.last as? String)
            case let v as LazyValues: #expect(TemplateRenderer.unbox(value, as: LazyValues.self) === v)
            default: Issue.record("no case for \(type(of: value))")
            }
        }
    }

    // MARK: Generated templates

    private actor Counter {
        var value = 0
        func add() { value += 1 }
    }

    static let snippets = [
        "{{a}}", "{{{html}}}", "{{&html}}", "{{n}}", "{{yes}}", "{{missing}}", "{{blank}}", "{{obj.a}}", "{{obj.inner.deep}}", "{{.}}",
        "{{#list}}[{{name}}|{{a}}]{{/list}}", "{{#list}}\n  - {{name}}\n{{/list}}\n", "  {{#yes}}\n  yes {{a}}\n  {{/yes}}\n",
        "{{^empty}}none{{/empty}}", "{{^list}}never{{/list}}", "{{#no}}x{{/no}}", "{{^no}}not{{/no}}", "{{#blank}}b{{/blank}}",
        "{{^blank}}blank{{/blank}}", "{{#obj}}{{a}}/{{.a}}/{{inner.deep}}{{/obj}}", "{{#words}}{{.}},{{/words}}", "{{raw}}", "{{{raw}}}", "{{#raw}}[{{.}}|{{a}}|{{raw.x}}]{{/raw}}", "{{^raw}}no raw{{/raw}}", "{{^words}}no words{{/words}}", "{{#noWords}}w{{/noWords}}{{^noWords}}no words{{/noWords}}", "{{#labels}}{{k}}{{/labels}}",
        "{{labels.k}}", "{{#site}}{{title}}-{{a}}{{/site}}", "{{site.title}}", "{{#maybe}}{{.}}{{/maybe}}", "{{maybe}}", "{{#nothing}}n{{/nothing}}",
        "{{! a comment }}", "  {{! standalone }}\n", "\t{{> part}}\n", "  {{> part}}\n", "{{> part}}", "{{> nowhere}}", "x {{> part}} y",
        "{{<layout}}\n{{$body}}\n    body {{a}}\n    two\n{{/body}}\n{{/layout}}\n", "{{<layout}}{{$foot}}[f]{{/foot}}{{/layout}}",
        "{{$body}}own default{{/body}}", "{{lazy.q}}/{{lazy.r}}", "{{#lazy}}{{q}}-{{r}}-{{a}}{{/lazy}}", "{{#lazies}}({{q}}{{r}}){{/lazies}}", "text & more", "<p>", " ", "\n", "  \n", "\t",
    ]

    /// The partial's own pieces: no partial in it, or it would render itself forever.
    static let partSnippets = snippets.filter { !$0.contains("{{>") && !$0.contains("{{<") }

    static let separators = ["", "", " ", "\n", "  ", "\n  ", " \t", "\n\n"]

    struct Parent: MustacheParent {
        func child(named name: String) -> Any? { name == "title" ? "Kota \"Uji\"" : nil }
    }

    nonisolated(unsafe) static let context: [String: Any] = [
        "a": "A & <b> 'q' \"d\"",
        "html": "<em>raw</em>",
        "n": 42,
        "yes": true,
        "no": false,
        "blank": Blank(),
        "obj": ["a": "oa", "inner": ["deep": "d1"] as [String: Any]] as [String: Any],
        "list": [["name": "one"], ["name": "two & 2", "a": "own a"]] as [[String: Any]],
        "empty": [] as [[String: Any]],
        "words": ["w1", "w<2>"],
        "raw": RawHTML(bytes: Array("<p>Harga “naik” & <b>turun</b></p>\n".utf8)),
        "noWords": [String](),
        "labels": ["k": "label k"],
        "site": Parent(),
        "maybe": Optional("opt") as Any,
        "nothing": Optional<String>.none as Any,
        "lazy": LazyValues(["q": "quick"], rest: { ["r": "rest <made>"] }),
        "lazies": [LazyValues(["q": "1"], rest: { [:] }), LazyValues([:], rest: { ["r": "2"] })],
    ]
}
