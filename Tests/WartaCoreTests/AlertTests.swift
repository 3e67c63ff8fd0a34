import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import WartaTestSupport
@testable import WartaCore

/// Emergency notices (`content/alerts/`): a banner on every page while in force and nothing at all
/// after, at the top of the home page and of the main feed, and a CAP 1.2 message for aggregators.
@Suite struct AlertTests {
    static let flood = """
        ---
        title: Banjir Bandang di Bantaran Sungai Lanuwasa
        severity: danger
        area: Kelurahan Kampung Nelayan
        date: 2023-02-21 07:00
        expires: 2023-02-21 12:00
        event: Banjir bandang
        category: met
        urgency: Immediate
        certainty: Observed
        en:
          title: Flash flood along the Lanuwasa river
          text: Move to higher ground **now**.
        ---
        Air Sungai Lanuwasa naik cepat; warga bantaran mengungsi ke **SDN 3 Kampung Nelayan**.

        - Matikan listrik sebelum meninggalkan rumah.
        - Hubungi posko di 112.
        """

    static let files = [
        "content/press/2023-02-20-rilis.md": release("title: Rilis Biasa\ndate: 2023-02-20 10:00\ndepartment: dinkes\ntags: [kesehatan]"),
        "content/events/2023-03-01-acara.md": "---\ntitle: Acara Biasa\nstart: 2023-03-01 09:00\n---\nAcara.\n",
        "content/pages/tentang.md": "---\ntitle: Tentang\nmenu: 1\naliases: [/profil/]\n---\nTentang kota.\n",
        "content/alerts/2023-02-21-banjir-bandang.md": flood,
    ]

    /// Every HTML page of a build but the small redirect pages at old addresses (they only send
    /// the reader on), with its text.
    static func pages(_ folder: String) -> [(path: String, html: String)] {
        snapshot(folder).filter { $0.key.hasSuffix(".html") }.map { ($0.key, String(decoding: $0.value, as: UTF8.self)) }
            .filter { !$0.1.contains("http-equiv=\"refresh\"") }.sorted { $0.0 < $1.0 }
    }

    @Test func theBannerIsOnEveryPageWhileInForceAndGoneAtItsExpiry() async throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try await site.build(now: "2023-02-21T11:59:59+08:00")
        let pages = Self.pages(site.output)
        #expect(pages.count > 10 && pages.contains { $0.path == "404.html" } && pages.contains { $0.path == "topik/kesehatan/index.html" })
        for (path, html) in pages {
            // A landmark of its own, the severity in words, the notice and its end.
            #expect(html.contains("<div class=\"site-alerts\" role=\"region\" aria-label=\"Ringkasan peringatan darurat\">"), "\(path)")
            #expect(html.contains("<strong class=\"alert-level\">Bahaya:</strong> Banjir Bandang di Bantaran Sungai Lanuwasa."), "\(path)")
            #expect(html.contains("<time datetime=\"2023-02-21T12:00:00+08:00\">Selasa, 21 Februari 2023 pukul 12.00 WITA</time>"), "\(path)")
            #expect(html.contains("href=\"/#peringatan-banjir-bandang\""), "\(path)")
            // Before the header and its navigation: the first thing after the skip link.
            let banner = try #require(html.range(of: "site-alerts")), header = try #require(html.range(of: "<header"))
            #expect(banner.lowerBound < header.lowerBound, "\(path)")
            // No JavaScript: plain markup, a plain link.
            let strip = html[banner.lowerBound..<header.lowerBound]
            #expect(!strip.contains("<script") && !strip.contains(" on") && !strip.contains("javascript:"), "\(path)")
        }

        try await site.build(now: "2023-02-21T12:00:00+08:00")
        for (path, bytes) in snapshot(site.output) {
            let text = String(decoding: bytes, as: UTF8.self)
            for needle in ["Banjir Bandang", "banjir-bandang", "Lanuwasa", "class=\"site-alerts\"", "Flash flood"] where text.contains(needle) || path.contains(needle) {
                Issue.record("\(path) still shows '\(needle)' after the notice expired")
            }
        }
        let feed = try FeedDocument(Data(contentsOf: URL(fileURLWithPath: site.output + "/alerts.xml")))
        #expect(feed.items.isEmpty && feed.channel["title"] == "Kota Uji — Peringatan darurat")
    }

    @Test func theNoticeOpensTheHomePageAndTheMainFeed() async throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try await site.build()
        let home = try #require(site.read(""))
        let main = try #require(home.range(of: "<main"))
        let notice = try #require(home.range(of: "<article class=\"alert-notice alert-danger\" id=\"peringatan-banjir-bandang\">"))
        let releases = try #require(home.range(of: "Siaran Pers Terbaru"))
        #expect(main.lowerBound < notice.lowerBound && notice.lowerBound < releases.lowerBound)
        #expect(home.contains("<h3><span class=\"alert-level\">Bahaya:</span> Banjir Bandang di Bantaran Sungai Lanuwasa</h3>"))
        #expect(home.contains("<strong>SDN 3 Kampung Nelayan</strong>"))
        #expect(home.contains("<div class=\"alert-translation\" lang=\"en\">"))
        #expect(home.contains("<h4><span class=\"alert-level\">Danger:</span> Flash flood along the Lanuwasa river</h4>"))
        #expect(home.contains("Area: Kelurahan Kampung Nelayan"))

        let feed = try FeedDocument(Data(contentsOf: URL(fileURLWithPath: site.output + "/feed.xml")))
        let top = try #require(feed.items.first)
        #expect(top["title"] == "[Bahaya] Banjir Bandang di Bantaran Sungai Lanuwasa")
        #expect(top["link"] == "https://kota-uji.go.id/#peringatan-banjir-bandang")
        #expect(top["guid"] == "kota-uji.go.id.alert.20230220230000.banjir-bandang")
        #expect(FeedDocument.parseRFC822(top["pubDate"] ?? "") == Int(ZonedInstant.parse("2023-02-21T07:00:00+08:00")!.seconds))
        #expect(top["description"]?.hasPrefix("Bahaya — Wilayah: Kelurahan Kampung Nelayan. Berlaku sampai Selasa, 21 Februari 2023 pukul 12.00 WITA. Air Sungai") == true)
        #expect(top["content:encoded"]?.contains("<div lang=\"en\">") == true)
        #expect(feed.items.dropFirst().map { $0["title"] } == ["Acara Biasa", "Rilis Biasa"])
        // Department feeds are about their department: no notice there.
        let department = try FeedDocument(Data(contentsOf: URL(fileURLWithPath: site.output + "/dinas/dinkes/feed.xml")))
        #expect(department.items.map { $0["title"] } == ["Rilis Biasa"])
    }

    @Test func theCAPMessageHasEveryRequiredElementInOrderOneInfoPerLanguage() async throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try await site.build()
        let alert = try CAPDocument(contentsOf: site.output + "/alerts/banjir-bandang.xml")
        #expect(alert.children.map(\.name) == ["identifier", "sender", "sent", "status", "msgType", "scope", "info", "info"])
        #expect(alert["identifier"] == "kota-uji.go.id.alert.20230220230000.banjir-bandang")
        #expect(alert["sender"] == "kota-uji.go.id")
        #expect(alert["sent"] == "2023-02-21T07:00:00+08:00")
        #expect(alert["status"] == "Actual" && alert["msgType"] == "Alert" && alert["scope"] == "Public")
        let infos = alert.children.filter { $0.name == "info" }
        #expect(infos.map { $0["language"] } == ["id-ID", "en-US"])
        for info in infos {
            #expect(info.children.map(\.name) == ["language", "category", "event", "urgency", "severity", "certainty", "effective", "expires",
                                                  "senderName", "headline", "description", "web", "area"])
            // Letter case as CAP spells it, whatever the front matter wrote.
            #expect(info["category"] == "Met" && info["urgency"] == "Immediate" && info["severity"] == "Severe" && info["certainty"] == "Observed")
            #expect(info["expires"] == "2023-02-21T12:00:00+08:00" && info["effective"] == alert["sent"])
            #expect(info["web"] == "https://kota-uji.go.id/#peringatan-banjir-bandang")
            #expect(info.child("area")?.children.map(\.name) == ["areaDesc"])
        }
        #expect(infos[0]["headline"] == "Banjir Bandang di Bantaran Sungai Lanuwasa" && infos[0]["event"] == "Banjir bandang")
        // Plain text, markup gone, list items on their own lines.
        #expect(infos[0]["description"] == """
            Air Sungai Lanuwasa naik cepat; warga bantaran mengungsi ke SDN 3 Kampung Nelayan.

            - Matikan listrik sebelum meninggalkan rumah.
            - Hubungi posko di 112.
            """)
        #expect(infos[1]["headline"] == "Flash flood along the Lanuwasa river" && infos[1]["description"] == "Move to higher ground now.")
        #expect(infos[1].child("area")?["areaDesc"] == "Kelurahan Kampung Nelayan")

        // The feed aggregators poll lists it and links to it.
        let index = try FeedDocument(Data(contentsOf: URL(fileURLWithPath: site.output + "/alerts.xml")))
        #expect(index.selfLink == "https://kota-uji.go.id/alerts.xml")
        #expect(index.items.count == 1 && index.items[0]["link"] == "https://kota-uji.go.id/alerts/banjir-bandang.xml")
        #expect(index.items[0]["guid"] == alert["identifier"])
    }

    /// Names of the page's landmarks that carry one: `aria-label`, or the text of the element
    /// `aria-labelledby` names.
    static func landmarkNames(_ html: String) -> [String] {
        func all(_ pattern: String) -> [[String]] {
            let regex = try! NSRegularExpression(pattern: pattern)
            return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { m in
                (1..<m.numberOfRanges).map { String(html[Range(m.range(at: $0), in: html)!]) }
            }
        }
        let landmark = #"<(?:nav|section|aside|form|main|header|footer|div)\b[^>]*?"#
        let labelled = all(landmark + #"aria-label="([^"]*)""#).map { $0[0] }
        let byID = all(landmark + #"aria-labelledby="([^"]*)""#).map { ids in
            all(#"id="\#(ids[0])"[^>]*>(.*?)</"#).first?[0] ?? ""
        }
        return labelled + byID
    }

    @Test func noTwoLandmarksOfAHomePageShareAName() async throws {
        let site = try TestSite(Self.files, config: TestSite.defaultConfig.replacingOccurrences(of: "language: id\n", with: "languages: [id, en]\n"))
        defer { site.cleanUp() }
        try await site.build()
        for path in ["", "en/"] {
            let home = try #require(site.read(path), "/\(path)")
            let names = Self.landmarkNames(home)
            #expect(names.count >= 4 && Set(names).count == names.count, "/\(path): \(names)")
            #expect(home.contains("class=\"alert-notices\"") && home.contains("class=\"site-alerts\""), "/\(path)")
        }
    }

    @Test func eachInfoOfTheCAPMessageLinksTheNoticeInItsOwnLanguage() async throws {
        let site = try TestSite(Self.files, config: TestSite.defaultConfig.replacingOccurrences(of: "language: id\n", with: "languages: [id, en]\n"))
        defer { site.cleanUp() }
        try await site.build()
        let infos = try CAPDocument(contentsOf: site.output + "/alerts/banjir-bandang.xml").children.filter { $0.name == "info" }
        #expect(infos.map { $0["language"] } == ["id-ID", "en-US"])
        #expect(infos.map { $0["web"] } == ["https://kota-uji.go.id/#peringatan-banjir-bandang", "https://kota-uji.go.id/en/#alert-banjir-bandang"])
        // Each anchor is there, on the page of its language.
        #expect(site.read("")?.contains("id=\"peringatan-banjir-bandang\"") == true)
        #expect(site.read("en/")?.contains("id=\"alert-banjir-bandang\"") == true)
    }

    @Test func everyCAPMessageIsValidAgainstTheOASISSchema() async throws {
        var files = Self.files
        files["content/alerts/jalan.md"] = "---\ntitle: Jalan & Jembatan <Ditutup>\nseverity: info\narea: Jl. Merdeka\ndate: 2023-02-21\nexpires: 2023-02-28\n---\nDitutup.\n"
        let site = try TestSite(files, config: TestSite.defaultConfig + "\ncontact:\n  name: Humas\n  phone: \"112\"\n")
        defer { site.cleanUp() }
        try await site.build()
        try CAPSchema.expectValid(site.output, count: 2)
        // The validator is a real judge: a message out of the schema's order fails.
        let broken = site.output + "/alerts/jalan.xml"
        let text = try String(contentsOfFile: broken, encoding: .utf8)
        try text.replacingOccurrences(of: "<scope>Public</scope>\n", with: "").replacingOccurrences(of: "<status>", with: "<scope>Public</scope>\n<status>")
            .write(toFile: broken, atomically: true, encoding: .utf8)
        #expect(try CAPSchema.problems([broken])?.contains("scope") == true)
    }

    @Test func anEmbargoedOrDraftNoticeShowsNowhereUntilItsTime() async throws {
        var files = Self.files
        files["content/alerts/2023-02-21-banjir-bandang.md"] = Self.flood.replacingOccurrences(of: "date: 2023-02-21 07:00", with: "publish_at: 2023-02-21 10:00")
        files["content/alerts/jalan.md"] = "---\ntitle: Jalan Ditutup Rahasia\nseverity: info\narea: Jl. Merdeka\ndate: 2023-02-21\nexpires: 2023-02-28\ndraft: true\n---\nDitutup.\n"
        let site = try TestSite(files)
        defer { site.cleanUp() }
        try await site.build(now: "2023-02-21T09:59:59+08:00")
        for (path, bytes) in snapshot(site.output) {
            let text = String(decoding: bytes, as: UTF8.self)
            for needle in ["Banjir Bandang", "Jalan Ditutup", "class=\"site-alerts\"", "banjir-bandang", "jalan.xml"] where text.contains(needle) || path.contains(needle) {
                Issue.record("\(path) shows '\(needle)' of a notice that is not out")
            }
        }
        try await site.build(now: "2023-02-21T10:00:00+08:00")
        #expect(site.read("")?.contains("Banjir Bandang") == true && site.read("")?.contains("Jalan Ditutup") == false)
        #expect(FileManager.default.fileExists(atPath: site.output + "/alerts/banjir-bandang.xml"))

        // A preview shows both, marked, and their CAP messages say they are drafts.
        let preview = temporaryFolder()
        defer { PosixFile.removeTree(preview) }
        try await site.build(now: "2023-02-21T09:00:00+08:00", drafts: true, future: true, output: preview + "/site")
        let page = try #require(site.read("tentang/", in: preview + "/site"))
        #expect(page.contains("Bahaya (EMBARGO — belum boleh disiarkan sampai Selasa, 21 Februari 2023 pukul 10.00 WITA):"))
        #expect(page.contains("Informasi (DRAF — belum terbit, hanya pratinjau):</strong> Jalan Ditutup Rahasia."))
        #expect(try CAPDocument(contentsOf: preview + "/site/alerts/jalan.xml")["status"] == "Draft")
    }

    @Test func aFileOnlyANoticeLinksToIsOutExactlyWhileTheNoticeIs() async throws {
        let site = try TestSite([
            "content/alerts/2023-02-21-banjir-bandang.md": Self.flood.replacingOccurrences(of: "date: 2023-02-21 07:00", with: "publish_at: 2023-02-21 10:00")
                + "\nLihat [peta genangan](/lampiran/peta-genangan.pdf).\n",
            "content/lampiran/peta-genangan.pdf": "%PDF peta",
        ])
        defer { site.cleanUp() }
        let (loaded, _) = await SiteLoader.load(root: site.root)
        #expect(Visibility(now: ZonedInstant.parse("2023-02-21T09:00:00+08:00")!).heldFiles(try #require(loaded)) == ["content/alerts/2023-02-21-banjir-bandang.md": ["content/lampiran/peta-genangan.pdf"]])
        for (now, out) in [("2023-02-21T09:59:59+08:00", false), ("2023-02-21T10:00:00+08:00", true), ("2023-02-21T12:00:00+08:00", false)] {
            try await site.build(now: now)
            #expect(FileManager.default.fileExists(atPath: site.output + "/lampiran/peta-genangan.pdf") == out, "at \(now)")
        }
    }

    @Test func onAnEnglishSiteTheSecondLanguageIsIndonesian() async throws {
        let notice = "---\ntitle: Flash flood warning\nseverity: danger\narea: Riverside\ndate: 2023-02-21 07:00\nexpires: 2023-02-21 12:00\n"
        let site = try TestSite(["content/alerts/2023-02-21-flood.md": notice + "id:\n  title: Peringatan banjir bandang\n  text: Segera mengungsi.\n---\nMove to higher ground.\n"],
                                config: "title: City of Example\nbase_url: https://example.gov/\nlanguage: en\ntimezone: Asia/Makassar\n")
        defer { site.cleanUp() }
        try await site.build()
        let home = try #require(site.read(""))
        #expect(home.contains("<div class=\"site-alerts\" role=\"region\" aria-label=\"Emergency notices in brief\">"))
        #expect(home.contains("<strong class=\"alert-level\">Danger:</strong> Flash flood warning."))
        #expect(home.contains("id=\"alert-flood\"") && home.contains("<div class=\"alert-translation\" lang=\"id\">"))
        #expect(home.contains("<h4><span class=\"alert-level\">Bahaya:</span> Peringatan banjir bandang</h4>"))
        let cap = try CAPDocument(contentsOf: site.output + "/alerts/flood.xml")
        #expect(cap.children.filter { $0.name == "info" }.map { $0["language"] } == ["en-US", "id-ID"])
        // The site's own language cannot come twice.
        try site.write("content/alerts/2023-02-21-flood.md", notice + "en:\n  title: Again\n  text: Again.\n---\nMove.\n")
        #expect(await site.failures().map(\.message).contains { $0.contains("unknown field 'en' in an alert") })
    }

    @Test func theClockAtANoticesEndIsWhenTheSiteNextChanges() async throws {
        let site = try TestSite(["content/alerts/2023-02-21-banjir-bandang.md": Self.flood])
        defer { site.cleanUp() }
        let (loaded, problems) = await SiteLoader.load(root: site.root)
        let s = try #require(loaded, "\(problems)")
        #expect(Visibility(now: ZonedInstant.parse("2023-02-21T09:00:00+08:00")!).nextChange(s).iso8601 == "2023-02-21T12:00:00+08:00")
        #expect(Visibility(now: ZonedInstant.parse("2023-02-21T06:00:00+08:00")!).nextChange(s).iso8601 == "2023-02-21T07:00:00+08:00")
    }

    @Test func aCachedBuildWithNothingToDoStillTakesTheNoticeDownOnTime() async throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try await site.cachedBuild(now: "2023-02-21T09:00:00+08:00")
        #expect(try await site.cachedBuild(now: "2023-02-21T11:59:59+08:00").timings.map(\.stage) == ["nothing to do"])
        let report = try await site.cachedBuild(now: "2023-02-21T12:00:00+08:00")
        #expect(report.written > 10, "every page loses its banner")
        let clean = temporaryFolder()
        defer { PosixFile.removeTree(clean) }
        try await site.build(now: "2023-02-21T12:00:00+08:00", output: clean + "/public")
        #expect(snapshot(site.output) == snapshot(clean + "/public"))
        #expect(site.read("")?.contains("Banjir Bandang") == false)
    }

    @Test func twoNoticesWithOneSlugAreBothNamed() async throws {
        let site = try TestSite([
            "content/alerts/2023-02-20-banjir.md": "---\ntitle: Satu\nseverity: info\narea: Kota\ndate: 2023-02-20\nexpires: 2023-02-21\n---\nIsi.\n",
            "content/alerts/2023-02-21-banjir.md": "---\ntitle: Dua\nseverity: info\narea: Kota\ndate: 2023-02-21\nexpires: 2023-03-21\n---\nIsi.\n",
        ])
        defer { site.cleanUp() }
        // One of them has expired: the clash is an error all the same, before the other expires too.
        let problems = await site.failures()
        #expect(Set(problems.map(\.path)) == ["content/alerts/2023-02-20-banjir.md", "content/alerts/2023-02-21-banjir.md"], "\(problems)")
        #expect(problems.allSatisfy { $0.message.contains("/alerts/banjir.xml") })
    }
}

/// A CAP document read with a real XML parser: elements of the CAP 1.2 namespace only, each with
/// its children in document order (order is part of the CAP schema) and its text.
struct CAPDocument {
    struct Element {
        let name: String
        var text = ""
        var children: [Element] = []
        subscript(_ name: String) -> String? { child(name)?.text }
        func child(_ name: String) -> Element? { children.first { $0.name == name } }
    }

    let root: Element
    var children: [Element] { root.children }
    subscript(_ name: String) -> String? { root[name] }

    init(contentsOf path: String) throws {
        let reader = Reader()
        let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: path)))
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        guard parser.parse(), let root = reader.root else { throw FeedDocument.ParseError(message: "\(path): \(parser.parserError.map { "\($0)" } ?? "no root")") }
        guard root.name == "alert", reader.foreign.isEmpty else {
            throw FeedDocument.ParseError(message: "\(path): root \(root.name), elements outside the CAP 1.2 namespace: \(reader.foreign)")
        }
        self.root = root
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var stack: [Element] = []
        var root: Element?
        var foreign: [String] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if namespaceURI != "urn:oasis:names:tc:emergency:cap:1.2" { foreign.append(name) }
            stack.append(Element(name: name))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack[stack.count - 1].text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let done = stack.removeLast()
            if stack.isEmpty { root = done } else { stack[stack.count - 1].children.append(done) }
        }
    }
}
