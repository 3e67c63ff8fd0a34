import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// A site in two languages: each translation and its original link to each other (`hreflang` and
/// the language switch), each language has its own tree, lists and feed, and nothing links to a
/// translation the public may not see yet.
@Suite struct TranslationTests {
    static let config = TestSite.defaultConfig.replacingOccurrences(of: "language: id\n", with: """
    languages:
      - id
      - code: en
        title: City of Uji
        tagline: A test site

    """)

    static func release(_ title: String, date: String = "2023-02-20 10:00", extra: String = "", body: String? = nil) -> String {
        "---\ntitle: \(title)\ndate: \(date)\ndepartment: dinkes\ntags: [kesehatan]\n\(extra)---\n\(body ?? "Teks \(title) yang cukup panjang untuk ringkasan.")\n"
    }

    static let files = [
        "content/press/2023-02-20-vaksinasi.md": release("Vaksinasi Gratis di Puskesmas"),
        "content/press/2023-02-20-vaksinasi.en.md": release("Free Vaccination at Health Centres", body: "Free vaccines for every resident of the city."),
        "content/press/2023-02-19-pasar.md": release("Pasar Murah Digelar", date: "2023-02-19 10:00"),
        "content/press/2023-02-19-cheap-market.md": release("Cheap Market Opens", date: "2023-02-19 10:00",
                                                            extra: "translation_of: pasar\nlang: en\nslug: cheap-market\n"),
        "content/press/2023-02-18-hanya-id.md": release("Hanya dalam Bahasa Indonesia", date: "2023-02-18 10:00"),
    ]

    /// `<link rel="alternate" hreflang=…>` of a page, by language.
    static func alternates(_ html: String) -> [String: String] {
        var out: [String: String] = [:]
        for tag in HTMLPage.matches(#"<link rel="alternate" hreflang="[^"]*" href="[^"]*">"#, in: html) {
            out[HTMLPage.attribute("hreflang", in: tag)!] = HTMLPage.attribute("href", in: tag)!
        }
        return out
    }

    /// The language switch's links: the page's other languages.
    static func switchLinks(_ html: String) -> [String: String] {
        guard let nav = HTMLPage(html).element(class: "language-switch") else { return [:] }
        var out: [String: String] = [:]
        for tag in HTMLPage.matches(#"<a [^>]*>"#, in: nav) { out[HTMLPage.attribute("hreflang", in: tag)!] = HTMLPage.attribute("href", in: tag)! }
        return out
    }

    @Test func translationsLinkToEachOtherBothWays() async throws {
        let site = try TestSite(Self.files, config: Self.config)
        defer { site.cleanUp() }
        try await site.build()
        let base = "https://kota-uji.go.id/"
        let pairs = [("siaran-pers/2023/02/vaksinasi/", "en/press-releases/2023/02/vaksinasi/"),
                     ("siaran-pers/2023/02/pasar/", "en/press-releases/2023/02/cheap-market/")]
        for (id, en) in pairs {
            let idPage = try #require(site.read(id)), enPage = try #require(site.read(en))
            #expect(idPage.contains("<html lang=\"id\">") && enPage.contains("<html lang=\"en\">"))
            for page in [idPage, enPage] {
                #expect(Self.alternates(page) == ["id": base + id, "en": base + en, "x-default": base + id])
            }
            #expect(Self.switchLinks(idPage) == ["en": "/" + en])
            #expect(Self.switchLinks(enPage) == ["id": "/" + id])
            #expect(enPage.contains("<meta property=\"og:locale\" content=\"en_US\">") && enPage.contains("<meta property=\"og:locale:alternate\" content=\"id_ID\">"))
        }
        // An item with no translation names no alternate, and its switch is the other home page.
        let alone = try #require(site.read("siaran-pers/2023/02/hanya-id/"))
        #expect(Self.alternates(alone).isEmpty)
        #expect(Self.switchLinks(alone) == ["en": "/en/"])
        // The home pages are each other's alternates.
        let home = try #require(site.read("")), enHome = try #require(site.read("en/"))
        for page in [home, enHome] { #expect(Self.alternates(page) == ["id": base, "en": base + "en/", "x-default": base]) }
        #expect(enHome.contains("City of Uji") && enHome.contains("A test site"))
    }

    /// An English page's footer names the office in English; what the language's contact leaves out
    /// (address, phone, e-mail) is the site's, and the Indonesian pages keep the site's contact.
    @Test func eachLanguageHasItsOwnFooterContact() async throws {
        let contact = "\ncontact:\n  name: Bagian Protokol\n  address: Jl. Merdeka 1\n  email: humas@kota-uji.go.id\n"
        let config = Self.config.replacingOccurrences(of: "    tagline: A test site\n", with: "    tagline: A test site\n    contact:\n      name: Protocol Section\n") + contact
        let site = try TestSite(Self.files, config: config)
        defer { site.cleanUp() }
        try await site.build()
        let footer = { (path: String) -> String in site.read(path).flatMap { HTMLPage($0).element(class: "site-footer") } ?? "no footer" }
        let english = footer("en/press-releases/2023/02/vaksinasi/"), indonesian = footer("siaran-pers/2023/02/vaksinasi/")
        #expect(english.contains("Protocol Section<br>") && !english.contains("Bagian Protokol"))
        #expect(english.contains("Jl. Merdeka 1<br>") && english.contains("humas@kota-uji.go.id"))
        #expect(indonesian.contains("Bagian Protokol<br>") && !indonesian.contains("Protocol Section"))
        // The default language's contact is the one at the top of site.yml.
        let twice = config.replacingOccurrences(of: "  - id\n", with: "  - code: id\n    contact: {name: Bagian}\n")
        let wrong = try TestSite(Self.files, config: twice)
        defer { wrong.cleanUp() }
        let messages = await wrong.failures().map(\.description)
        #expect(messages.contains { $0.hasPrefix("site.yml:") && $0.contains("the default language takes 'title', 'tagline', 'contact' and 'sections'") }, "\(messages)")
    }

    @Test func eachLanguageHasItsOwnListsAndFeed() async throws {
        let site = try TestSite(Self.files, config: Self.config)
        defer { site.cleanUp() }
        try await site.build()
        let english = try FeedDocument(Data(contentsOf: URL(fileURLWithPath: site.output + "/en/feed.xml")))
        #expect(english.channel["language"] == "en" && english.channel["title"] == "City of Uji")
        #expect(english.items.compactMap { $0["title"] }.sorted() == ["Cheap Market Opens", "Free Vaccination at Health Centres"])
        #expect(english.items.allSatisfy { $0["link"]!.hasPrefix("https://kota-uji.go.id/en/") && $0["dc:language"] == nil })
        let indonesian = try FeedDocument(Data(contentsOf: URL(fileURLWithPath: site.output + "/feed.xml")))
        #expect(indonesian.channel["language"] == "id")
        #expect(indonesian.items.compactMap { $0["title"] }.sorted() == ["Hanya dalam Bahasa Indonesia", "Pasar Murah Digelar", "Vaksinasi Gratis di Puskesmas"])

        let list = try #require(site.read("en/press-releases/"))
        #expect(list.contains("Free Vaccination at Health Centres") && !list.contains("Vaksinasi Gratis"))
        #expect(try #require(site.read("en/topics/kesehatan/")).contains("Cheap Market Opens"))
        #expect(site.read("en/departments/dinkes/feed.xml") != nil && site.read("en/events.ics") != nil)
        // English pages speak English, dates included.
        let page = try #require(site.read("en/press-releases/2023/02/vaksinasi/"))
        #expect(page.contains("Monday, 20 February 2023, 10:00 WITA") && page.contains(">Press releases<") && !page.contains("Februari"))
        // Sitemap lists both trees.
        let sitemap = try #require(site.read("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://kota-uji.go.id/en/press-releases/2023/02/cheap-market/</loc>"))
    }

    @Test func aSiteOfOneLanguageNamesNoOther() async throws {
        let site = try TestSite(["content/press/2023-02-20-vaksinasi.md": Self.release("Vaksinasi Gratis"),
                                 "content/press/2023-02-20-english.md": Self.release("In English", extra: "lang: en\n")])
        defer { site.cleanUp() }
        try await site.build()
        let home = try #require(site.read(""))
        #expect(!home.contains("hreflang") && !home.contains("language-switch") && !home.contains("og:locale:alternate"))
        // An English item on an Indonesian site stays among the Indonesian pages, as before.
        let english = try #require(site.read("siaran-pers/2023/02/english/"))
        #expect(english.contains("<html lang=\"en\">") && !FileManager.default.fileExists(atPath: site.output + "/en"))
        #expect(!english.contains("hreflang") && !english.contains("language-switch"))
    }

    @Test func anEmbargoedOriginalHoldsBackItsTranslation() async throws {
        var files = Self.files
        files["content/press/2023-02-20-vaksinasi.md"] = Self.release("Vaksinasi Gratis di Puskesmas", extra: "publish_at: 2023-02-22 10:00\n")
        let site = try TestSite(files, config: Self.config)
        defer { site.cleanUp() }
        try await site.build()
        let everything = LeakTests.contents(site.output)
        for needle in ["Free Vaccination", "Free vaccines for every resident", "vaksinasi/"] {
            #expect(!everything.contains { $0.text.contains(needle) || $0.path.contains(needle) }, "'\(needle)' is out before the embargo")
        }
        // Once the embargo lifts, both go out at once and link to each other.
        try await site.build(now: "2023-02-22T10:00:00+08:00")
        let page = try #require(site.read("en/press-releases/2023/02/vaksinasi/"))
        #expect(Self.alternates(page)["id"] == "https://kota-uji.go.id/siaran-pers/2023/02/vaksinasi/")
        #expect(page.contains("22 February 2023"), "the translation is dated when it went public")
    }

    @Test func anEmbargoedTranslationIsLinkedFromNowhere() async throws {
        var files = Self.files
        files["content/press/2023-02-20-vaksinasi.en.md"] = Self.release("Free Vaccination at Health Centres", extra: "publish_at: 2023-02-22 10:00\n",
                                                                          body: "Free vaccines for every resident of the city.")
        let site = try TestSite(files, config: Self.config)
        defer { site.cleanUp() }
        try await site.build()
        let original = try #require(site.read("siaran-pers/2023/02/vaksinasi/"))
        #expect(Self.alternates(original).isEmpty && Self.switchLinks(original) == ["en": "/en/"])
        let everything = LeakTests.contents(site.output)
        #expect(!everything.contains { $0.text.contains("Free Vaccination") || $0.text.contains("en/press-releases/2023/02/vaksinasi") })
    }

    @Test func badTranslationsAreReportedWhereTheyAreWritten() async throws {
        let site = try TestSite([
            "content/press/2023-02-20-a.md": Self.release("Asli A"),
            "content/press/2023-02-20-a.en.md": Self.release("Original A in English"),
            "content/press/2023-02-20-a-two.md": Self.release("A again in English", extra: "lang: en\ntranslation_of: 2023-02-20-a.md\nslug: a-two\n"),
            "content/press/2023-02-20-missing.md": Self.release("Missing", extra: "lang: en\ntranslation_of: tidak-ada\n"),
            "content/press/2023-02-20-same.md": Self.release("Sama", extra: "translation_of: content/press/2023-02-20-b.md\n"),
            "content/press/2023-02-20-b.md": Self.release("Asli B"),
        ], config: Self.config)
        defer { site.cleanUp() }
        let messages = await site.failures().map(\.description)
        #expect(messages.contains { $0.hasPrefix("content/press/2023-02-20-a.en.md:1:1: error: 'content/press/2023-02-20-a-two.md' already translates") })
        #expect(messages.contains { $0.hasPrefix("content/press/2023-02-20-missing.md:7:17: error:") && $0.contains("does not exist") })
        #expect(messages.contains { $0.hasPrefix("content/press/2023-02-20-same.md:6:17: error:") && $0.contains("is already in 'id'") })

        // A translation into a language the site does not publish in.
        let single = try TestSite(["content/press/2023-02-20-a.md": Self.release("Asli A"),
                                   "content/press/2023-02-20-a.en.md": Self.release("Original A in English")])
        defer { single.cleanUp() }
        let problems = await single.failures().map(\.description)
        #expect(problems.contains { $0.hasPrefix("content/press/2023-02-20-a.en.md:1:1: error:") && $0.contains("not one of the site's languages") })
    }

    @Test func badLanguagesInSiteYmlAreReported() async throws {
        let site = try TestSite([:], config: TestSite.defaultConfig + "\nlanguages: [id, fr, id]\n")
        defer { site.cleanUp() }
        let messages = await site.failures().map(\.description)
        #expect(messages.contains { $0.hasPrefix("site.yml:") && $0.contains("unknown language 'fr'") })
        #expect(messages.contains { $0.hasPrefix("site.yml:") && $0.contains("listed twice") })
        let other = try TestSite([:], config: TestSite.defaultConfig + "\nlanguages: [en, id]\n")
        defer { other.cleanUp() }
        #expect(await other.failures().contains { $0.description.contains("'language' is 'id' but 'languages' starts with 'en'") })
    }

    /// A cached build as the clock passes the original's embargo gives the bytes of a full build.
    @Test func cachedBuildsFollowATranslationGoingPublic() async throws {
        var files = Self.files
        files["content/press/2023-02-20-vaksinasi.md"] = Self.release("Vaksinasi Gratis di Puskesmas", extra: "publish_at: 2023-02-22 10:00\n")
        let site = try TestSite(files, config: Self.config)
        defer { site.cleanUp() }
        let cached = site.output
        func build(_ now: String) -> BuildOptions {
            var options = TestSite.options(root: site.root, now: now, output: cached)
            options.cache = BuildCache.persistent(for: options)
            return options
        }
        try await SiteBuilder.build(build(TestSite.sampleNow))
        try await SiteBuilder.build(build("2023-02-22T10:00:00+08:00"))
        let full = temporaryFolder() + "/public"
        try await SiteBuilder.build(TestSite.options(root: site.root, now: "2023-02-22T10:00:00+08:00", output: full))
        let a = snapshot(cached), b = snapshot(full)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, bytes) in b where a[path] != bytes { Issue.record("\(path) differs from a full build") }
        #expect(a["siaran-pers/2023/02/pasar/index.html"] != nil && a["en/press-releases/2023/02/vaksinasi/index.html"] != nil)
    }

    @Test func themeTablesOverrideKeysAndFallBackToWartasOwn() async throws {
        let site = try TestSite(Self.files, config: Self.config)
        defer { site.cleanUp() }
        try site.write("site-templates/i18n/en.yml", "readMore: Keep reading\npressReleases: News from the city\n")
        try await site.build()
        let page = try #require(site.read("en/press-releases/"))
        #expect(page.contains("News from the city") && page.contains("Skip to content"))
        #expect(try #require(site.read("siaran-pers/")).contains("Siaran Pers"))

        try site.write("site-templates/i18n/en.yml", "readMore: Keep reading\npresReleases: typo\n")
        let messages = await site.failures().map(\.description)
        #expect(messages.contains { $0.hasPrefix("site-templates/i18n/en.yml:2:1: error: unknown key 'presReleases'") })
    }

    @Test func theDefaultThemesTablesHoldWartasTextWithTheSameKeysInEveryLanguage() throws {
        let keys = Set(Labels.table(.id).keys)
        for language in Language.allCases {
            #expect(Set(Labels.table(language).keys) == keys, "\(language) has other keys than Indonesian")
            let root = TestSite.repositoryRoot + "/site-templates"
            let (text, problems) = InterfaceText.load(directory: root, display: "site-templates", files: ["i18n/\(language.rawValue).yml"])
            #expect(problems.isEmpty, "\(problems)")
            let yaml = try String(contentsOfFile: root + "/i18n/\(language.rawValue).yml", encoding: .utf8)
            let written = Set(yaml.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: ":").first.map(String.init) })
            #expect(written == keys, "i18n/\(language.rawValue).yml misses \(keys.subtracting(written).sorted())")
            #expect(text.table(language) == Labels.table(language), "i18n/\(language.rawValue).yml differs from Warta's own text")
        }
    }
}
