import Foundation
import PropertyBased
import Testing
import WartaTestSupport
@testable import WartaCore

/// Details readers see: tag names, the language of an item written in another one, curly quotes
/// in titles, amounts kept on one line, headings in order, a main landmark on redirect pages.
@Suite struct PageDetailsTests {
    static func page(_ site: TestSite, _ path: String) throws -> HTMLPage {
        HTMLPage(try #require(site.read(path), "no page at /\(path)"))
    }

    @Test func tagsShowTheirNameFromSiteYmlEverywhere() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-a.md": release("title: Rilis HUT\ndate: 2023-02-10\ntags: [hut-kota, Budaya Lokal]"),
            "content/press/2023-02-11-b.md": release("title: Rilis Lain\ndate: 2023-02-11\ntags: [HUT Kota]"),
        ], config: TestSite.defaultConfig + "\ntags:\n  hut-kota: HUT Kota Uji ke-77\n")
        defer { site.cleanUp() }
        try await site.build()
        let release = try Self.page(site, "siaran-pers/2023/02/a/")
        let tags = try #require(release.element(class: "tags"))
        #expect(tags.contains("<a href=\"/topik/hut-kota/\" rel=\"tag\">HUT Kota Uji ke-77</a>"))
        #expect(tags.contains("<a href=\"/topik/budaya-lokal/\" rel=\"tag\">Budaya Lokal</a>"), "a tag without a name shows as written")
        // Written another way, the same slug: the same name.
        #expect(try #require(site.read("siaran-pers/2023/02/b/")).contains("rel=\"tag\">HUT Kota Uji ke-77</a>"))
        let list = try Self.page(site, "topik/hut-kota/")
        #expect(list.html.contains("<h1>Topik: HUT Kota Uji ke-77</h1>"))
        #expect(try #require(site.read("topik/")).contains("<a href=\"/topik/hut-kota/\">HUT Kota Uji ke-77</a> <span class=\"count\">(2 tulisan)</span>"))
        let feed = try FeedDocument(Data(try #require(site.read("feed.xml")).utf8))
        #expect(feed.items.count == 2)
        let xml = try #require(site.read("feed.xml"))
        #expect(xml.components(separatedBy: "<category>HUT Kota Uji ke-77</category>").count == 3)
        #expect(!xml.contains("<category>hut-kota</category>") && !xml.contains("<category>HUT Kota</category>"))
    }

    @Test func anItemInAnotherLanguageSaysSoOnItsPageInListsAndInTheFeed() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-en.md": release("title: City Opens Forum\ndate: 2023-02-10 09:00\nlang: en\nsummary: An English summary.\ntags: [investasi]"),
            "content/press/2023-02-11-id.md": release("title: Rilis Biasa\ndate: 2023-02-11 09:00\nlang: id"),
        ])
        defer { site.cleanUp() }
        try await site.build()
        let english = try Self.page(site, "siaran-pers/2023/02/en/")
        #expect(english.html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(english.meta["og:locale"] == "en_US")
        #expect(english.html.contains("Published <time datetime=\"2023-02-10T09:00:00+08:00\">Friday, 10 February 2023, 09:00 WITA</time>"))
        #expect(english.html.contains("<a class=\"site-title\" href=\"/\" lang=\"id\"><span>Kota Uji</span></a>"), "the site's own name keeps its language")
        #expect(english.html.contains("rel=\"tag\" lang=\"id\">investasi</a>"))
        #expect(english.structuredData.first?["inLanguage"] as? String == "en")
        let indonesian = try Self.page(site, "siaran-pers/2023/02/id/")
        #expect(indonesian.html.hasPrefix("<!DOCTYPE html>\n<html lang=\"id\">"))
        #expect(!indonesian.html.contains(" lang=\"en\""))
        #expect(indonesian.structuredData.first?["inLanguage"] as? String == "id")

        // In an Indonesian list, its title and teaser are marked English.
        let list = try #require(site.read("siaran-pers/"))
        #expect(list.contains("<h2 class=\"summary-title\" lang=\"en\"><a href=\"/siaran-pers/2023/02/en/\">City Opens Forum</a></h2>"))
        #expect(list.contains("<p class=\"teaser\" lang=\"en\">An English summary.</p>"))
        #expect(list.contains("<h2 class=\"summary-title\"><a href=\"/siaran-pers/2023/02/id/\">"))

        // RSS 2.0 has one language per channel: the item says its own with Dublin Core.
        let feed = try FeedDocument(Data(try #require(site.read("feed.xml")).utf8))
        #expect(feed.channel["language"] == "id")
        #expect(feed.items.first { $0["title"] == "City Opens Forum" }?["dc:language"] == "en")
        #expect(feed.items.first { $0["title"] == "Rilis Biasa" }?["dc:language"] == nil)
    }

    @Test func titlesGetTheBodysCurlyQuotesAndNothingElseOfMarkdown() async throws {
        #expect(Markdown.smartPunctuation(#"Wali Kota: "Ayo Jum'at Bersih" -- Sekarang..."#) == "Wali Kota: “Ayo Jum’at Bersih” – Sekarang…")
        #expect(Markdown.smartPunctuation("'90-an dan \"kita\"") == "’90-an dan “kita”", "an apostrophe, as cmark writes it in the body")
        for literal in ["1. Rapat Paripurna", "# Bukan Judul", "- Bukan Daftar", "*Bukan* _miring_ `kode` <b>", "A & B [x](y) \\ C", "Rp 12,4 miliar"] {
            #expect(Markdown.smartPunctuation(literal) == literal, "\(literal)")
        }
        // The body's own quotes, for comparison: the same characters.
        #expect(Markdown.render(#"Kata "Ayo Jum'at""#).html == "<p>Kata “Ayo Jum’at”</p>\n")

        let site = try TestSite(["content/press/2023-02-10-a.md": release(#"title: 'Wali Kota: "Ayo Jum''at Bersih"'"# + "\ndate: 2023-02-10\nsummary: Warga diajak \"kerja bakti\".")])
        defer { site.cleanUp() }
        try await site.build()
        let curly = "Wali Kota: “Ayo Jum’at Bersih”"
        let page = try Self.page(site, "siaran-pers/2023/02/a/")
        #expect(page.html.contains("<h1>\(curly)</h1>"))
        #expect(page.meta["og:title"] == curly)
        #expect(page.meta["description"] == "Warga diajak “kerja bakti”.")
        #expect(try #require(site.read("siaran-pers/")).contains(">\(curly)</a></h2>"))
        let feed = try FeedDocument(Data(try #require(site.read("feed.xml")).utf8))
        #expect(feed.items.first?["title"] == curly)
    }

    @Test func amountsAndTheirUnitsStayOnOneLine() {
        let nbsp = "\u{00A0}"
        let cases: [(String, String)] = [
            ("Anggaran Rp 12,4 miliar untuk jalan", "Anggaran Rp\(nbsp)12,4\(nbsp)miliar untuk jalan"),
            ("senilai Rp. 500 juta", "senilai Rp.\(nbsp)500\(nbsp)juta"),
            ("IDR 2.3 trillion (USD 151 million)", "IDR\(nbsp)2.3\(nbsp)trillion (USD\(nbsp)151\(nbsp)million)"),
            ("naik 5,12 persen dan 3 % lagi", "naik 5,12\(nbsp)persen dan 3\(nbsp)% lagi"),
            ("rute 4,2 km, 2.850 ton beras, 12 ha sawah", "rute 4,2\(nbsp)km, 2.850\(nbsp)ton beras, 12\(nbsp)ha sawah"),
            ("spanduk 1,5 × 2 m", "spanduk 1,5\(nbsp)×\(nbsp)2\(nbsp)m"),
        ]
        for (text, expected) in cases { #expect(NoBreak.apply(text) == expected, "\(text)") }
        // Nothing else: dates, times, words after numbers, numbers inside words, a unit that is a longer word's start.
        for text in ["pada 17 Februari 2023", "pukul 09.00 WITA", "sebanyak 240 orang", "HUT ke-77 kota", "Rp12 tanpa spasi",
                     "kertas A4 m", "3 mobil", "12 hari", "RSUD 12 kamar", "Arp 12"] {
            #expect(NoBreak.apply(text) == text, "\(text)")
        }
    }

    /// The byte-level rules agree with the same rules written over `Character`s (the first version,
    /// kept here as the reference) on any text made of amounts, units, words and separators.
    @Test func noBreakAgreesWithACharacterLevelReference() async {
        let pieces = ["Rp ", "rp. ", "IDR ", "USD ", "US$ ", "Arp ", "12", "12 ", "4,2 ", "2.850 ", "1. ", "miliar", "Juta ", "km", " km",
                      "m", "m² ", "m³", "%", "persen", "ha ", "hektare", "kmx", "é", "Ā", "A4 ", "ke-", "(", "\u{2013}", " ", "\u{A0}", ",", "٣", " × ", "×", "× "]
        await propertyCheck(count: 2_000, input: Gen.element(of: pieces).array(of: 0...10)) { parts in
            let text = parts.compactMap { $0 }.joined()
            #expect(NoBreak.apply(text) == CharacterNoBreak.apply(text), "\(text.debugDescription)")
        }
    }

    /// The quick word-at-a-time look for bad bytes says "clean" exactly when the byte walk that
    /// places each problem finds none, wherever the bad byte falls in a word.
    @Test func theQuickTextCheckAgreesWithTheByteWalk() async {
        let pieces: [[UInt8]] = [Array("Rapat ".utf8), Array("koordinasi\n".utf8), [0x09], [0x0D, 0x0A], [0x00], [0x1B], [0x7F], [0x7E], [0x20], [0x1F],
                                 Array("é".utf8), Array("€".utf8), Array("💡".utf8), [0xC3], [0xE2, 0x82], [0xFF], [0xEF, 0xBF, 0xBE], [0x80],
                                 Array("12345678".utf8)]
        await propertyCheck(count: 3_000, input: Gen.element(of: pieces).array(of: 0...14)) { parts in
            let bytes = parts.compactMap { $0 }.flatMap { $0 }
            #expect(TextCheck.isClean(bytes) == TextCheck.walk(bytes, path: "x.md", what: "the file").isEmpty, "\(bytes)")
        }
    }

    /// A title or summary without a quote, `--`, `...` or a line break is not parsed: cmark would
    /// give it back unchanged.
    @Test func textsSmartPunctuationLeavesAloneAreNotParsed() async {
        let pieces = ["a", "Kota", " ", "#", "*", "_", "[x](y)", "-", ".", "\\", "<b>", "&amp;", "&", "!", "`", "é", "e\u{301}", "#\u{301}",
                      "~", "|", "{", "}", "1.", "- ", "+", ">", "=", "Rp 12,4", "💡", "\t", "  "]
        await propertyCheck(count: 1_000, input: Gen.element(of: pieces).array(of: 0...10)) { parts in
            let text = parts.compactMap { $0 }.joined().trimmingWhitespace
            guard !text.isEmpty, Markdown.smartPunctuation(text) == text else { return }  // left alone
            #expect(Markdown.smartPunctuationByParse(text) == text, "\(text.debugDescription)")
        }
        #expect(Markdown.smartPunctuation("Rapat -- lagi") == "Rapat – lagi")
        #expect(Markdown.smartPunctuation("Nanti...") == "Nanti…")
        #expect(Markdown.smartPunctuation("Baris\nkedua.") == "Baris kedua.")
    }

    /// Titles and summaries are escaped for cmark by bytes; the same rules by `Character`s agree.
    @Test func headingSourceByBytesAgreesWithCharacters() async {
        let pieces = ["a", "Kota", " ", "#", "*", "_", "[x](y)", "\"", "'", "-", "--", ".", "...", "\\", "<b>", "&", "!", "`", "é", "e\u{301}",
                      "#\u{301}", "\n", "\r", "\r\n", "~", "|", "{", "}", "^", "$", "@", "%", "Rp 12,4", "💡"]
        await propertyCheck(count: 1_000, input: Gen.element(of: pieces).array(of: 0...10)) { parts in
            let text = parts.compactMap { $0 }.joined()
            #expect(Markdown.headingSource(text) == Markdown.headingSourceByCharacters(text), "\(text.debugDescription)")
        }
    }

    /// The feed's literal replacement (links made absolute, CDATA ends split) against the plain
    /// byte-by-byte walk it replaced, on texts crowded with near matches.
    @Test func literalReplacementAgreesWithTheByteWalk() async {
        let pieces = ["h", "href", "href=\"", "href=\"/", "href=\"//", "src=\"/", "/", "\"", "=", "]]", ">", "]]>", "é", "a b", ""]
        let cases: [(String, String, String?)] = [("href=\"/", "href=\"https://kota.go.id/", "/"), ("src=\"/", "src=\"https://k/", "/"),
                                                  ("]]>", "]]]]><![CDATA[>", nil)]
        await propertyCheck(count: 1_000, input: Gen.element(of: pieces).array(of: 0...14), Gen.element(of: [0, 1, 2])) { parts, which in
            let text = parts.compactMap { $0 }.joined()
            let (target, replacement, guardText) = cases[which ?? 0]
            #expect(text.replacingAll(target, with: replacement, unlessFollowedBy: guardText)
                        == Self.replacedByWalking(text, target, replacement, guardText), "\(text.debugDescription)")
        }
    }

    static func replacedByWalking(_ text: String, _ target: String, _ replacement: String, _ guardText: String?) -> String {
        let b = Array(text.utf8), t = Array(target.utf8), g = Array((guardText ?? "").utf8)
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            if i + t.count <= b.count, Array(b[i..<i + t.count]) == t, g.isEmpty || !(i + t.count + g.count <= b.count && Array(b[i + t.count..<i + t.count + g.count]) == g) {
                out += replacement.utf8
                i += t.count
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func aBodyHoldingTheEndOfACDATASectionStaysWholeInTheFeed() async throws {
        let site = try TestSite(["content/press/2023-02-10-a.md": release("title: Kode\ndate: 2023-02-10",
                                                                           body: "Tulis `a]]>b` lalu `]]>` di akhir.\n")])
        defer { site.cleanUp() }
        try await site.build()
        let feed = try FeedDocument(Data(try #require(site.read("feed.xml")).utf8))
        let content = try #require(feed.items.first?["content:encoded"] ?? feed.items.first?["encoded"])
        #expect(content.contains("<code>a]]&gt;b</code>") && content.contains("<code>]]&gt;</code>"))
    }

    @Test func cardsKeepAmountsOnOneLineButTheBodyIsLeftAsWritten() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-a.md": release("title: Pemkot Alokasikan Rp 12,4 Miliar\ndate: 2023-02-10",
                                                  body: "Pemerintah kota mengalokasikan Rp 12,4 miliar untuk 4,2 km jalan.\n"),
        ])
        defer { site.cleanUp() }
        try await site.build()
        let list = try #require(site.read("siaran-pers/"))
        #expect(list.contains(">Pemkot Alokasikan Rp\u{A0}12,4\u{A0}Miliar</a></h2>"))
        #expect(list.contains("<p class=\"teaser\">Pemerintah kota mengalokasikan Rp\u{A0}12,4\u{A0}miliar untuk 4,2\u{A0}km jalan.</p>"))
        let page = try Self.page(site, "siaran-pers/2023/02/a/")
        #expect(page.html.contains("<h1>Pemkot Alokasikan Rp\u{A0}12,4\u{A0}Miliar</h1>"))
        #expect(page.html.contains("Pemerintah kota mengalokasikan Rp 12,4 miliar untuk 4,2 km jalan.</p>"), "the body is the author's")
    }

    @Test func noPageOfTheSampleSiteSkipsAHeadingLevelAndEveryPageHasAMainLandmark() async throws {
        let output = temporaryFolder() + "/public"
        defer { PosixFile.removeTree(output) }
        try await SiteBuilder.build(TestSite.options(root: TestSite.repositoryRoot, output: output))
        var lists = 0
        for (path, data) in snapshot(output) where path.hasSuffix(".html") {
            let page = HTMLPage(String(decoding: data, as: UTF8.self))
            #expect(page.headingsAreInOrder, "\(path): \(page.headingLevels)")
            #expect(HTMLPage.matches("<main[\\s>]", in: page.html).count == 1, "\(path) needs one <main>")
            if page.html.contains("class=\"summaries\"") {
                lists += 1
                #expect(page.headingLevels.prefix(2) == [1, 2], "\(path): \(page.headingLevels)")
            }
        }
        #expect(lists > 10)
        // The redirect page of an alias is one of them.
        let redirect = try #require(snapshot(output)["berita/pawai-budaya-hut-77/index.html"])
        #expect(String(decoding: redirect, as: UTF8.self).contains("<main>\n<p>"))
    }
}

/// The rules of `NoBreak` as first written, over `Character`s: the reference the byte version is checked against.
private enum CharacterNoBreak {
    static let currencies = ["rp", "rp.", "idr", "usd", "us$"]
    static let units = ["ribu", "juta", "miliar", "milyar", "triliun", "thousand", "million", "billion", "trillion",
                        "persen", "percent", "%", "km", "m", "cm", "mm", "m2", "m²", "m3", "m³", "kg", "ton", "ha", "hektare", "liter"]

    static func apply(_ text: String) -> String {
        var chars = Array(text)
        let original = chars
        for i in chars.indices where chars[i] == " " {
            if i + 1 < chars.count, isDigit(chars[i + 1]), word(before: i, in: chars, isOneOf: currencies) {
                chars[i] = "\u{00A0}"
            } else if i > 0, isDigit(chars[i - 1]), numberStandsAlone(before: i, in: chars), word(after: i + 1, in: chars, isOneOf: units) {
                chars[i] = "\u{00A0}"
            } else if i > 0, isDigit(chars[i - 1]), i + 2 < chars.count, chars[i + 1] == "×", chars[i + 2] == " " {
                chars[i] = "\u{00A0}"
            } else if i >= 2, original[i - 1] == "×", original[i - 2] == " ", i + 1 < chars.count, isDigit(chars[i + 1]) {
                chars[i] = "\u{00A0}"
            }
        }
        return String(chars)
    }

    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    private static func word(before end: Int, in chars: [Character], isOneOf words: [String]) -> Bool {
        words.contains { w in
            let start = end - w.count
            guard start >= 0, String(chars[start..<end]).lowercased() == w else { return false }
            return start == 0 || !chars[start - 1].isLetter
        }
    }

    private static func word(after start: Int, in chars: [Character], isOneOf words: [String]) -> Bool {
        words.contains { w in
            let end = start + w.count
            guard end <= chars.count, String(chars[start..<end]).lowercased() == w else { return false }
            return end == chars.count || !(chars[end].isLetter || chars[end].isNumber)
        }
    }

    private static func numberStandsAlone(before end: Int, in chars: [Character]) -> Bool {
        var i = end - 1
        while i >= 0, isDigit(chars[i]) || ((chars[i] == "." || chars[i] == ",") && i > 0 && isDigit(chars[i - 1])) { i -= 1 }
        return i < 0 || chars[i] == " " || chars[i] == "\u{00A0}" || chars[i] == "(" || chars[i] == "\u{2013}"
    }
}
