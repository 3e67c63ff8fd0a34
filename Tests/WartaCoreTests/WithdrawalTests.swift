import Foundation
import Testing
import WartaTestSupport
@testable import WartaCore

/// A withdrawn item (pencabutan) keeps its page, under a notice, and leaves every list, count,
/// sitemap and month view; feeds and calendars that carry it say so, with its guid and UID kept.
@Suite struct WithdrawalTests {
    static let files = [
        "content/press/2023-02-10-dicabut.md": release("""
            title: Rilis Dicabut Zamrud
            date: 2023-02-10 10:00
            department: dinkes
            tags: [kesehatan, topik-cabut]
            aliases: [/lama/dicabut-zamrud/]
            withdrawn:
              date: 2023-02-15 14:00
              reason: Data yang dimuat keliru.
            """, body: "Isi asli rilis zamrud yang dicabut.\n"),
        "content/press/2023-02-11-biasa.md": release("title: Rilis Biasa\ndate: 2023-02-11 10:00\ndepartment: dinkes\ntags: [kesehatan]"),
        "content/events/2023-03-01-acara-dicabut.md": """
            ---
            title: Acara Dicabut Mutiara
            date: 2023-02-12 09:00
            start: 2023-03-01 09:00
            end: 2023-03-01 11:00
            department: dinkes
            tags: [kesehatan, topik-cabut]
            withdrawn:
              date: 2023-02-16 08:00
              reason: Acara tidak jadi diselenggarakan
            ---
            Isi acara mutiara.
            """,
        "content/events/2023-03-02-acara-biasa.md": "---\ntitle: Acara Biasa\nstart: 2023-03-02 09:00\ndepartment: dinkes\ntags: [kesehatan]\n---\nIsi.\n",
        "content/pages/halaman-dicabut.md": """
            ---
            title: Halaman Dicabut Safir
            menu: 1
            withdrawn:
              date: 2023-02-14 10:00
              reason: Tidak berlaku lagi
            ---
            Isi halaman safir.
            """,
    ]

    /// The only files that may name a withdrawn item: its own page (and a release's text version
    /// beside it) and redirect, the feeds and calendars that tell subscribers, and the record of withdrawals.
    static let allowed: Set = [
        "siaran-pers/2023/02/dicabut/index.html", "siaran-pers/2023/02/dicabut/index.txt", "lama/dicabut-zamrud/index.html", "feed.xml", "dinas/dinkes/feed.xml",
        "events.ics", "dinas/dinkes/events.ics", "agenda/2023/03/acara-dicabut/index.html", "agenda/2023/03/acara-dicabut/event.ics",
        "halaman-dicabut/index.html", "dicabut/index.html",
    ]
    static let traces = ["Zamrud", "zamrud", "Mutiara", "mutiara", "Safir", "safir", "topik-cabut", "2023/02/dicabut", "acara-dicabut", "halaman-dicabut"]

    @Test func aWithdrawnItemLeavesListsCountsSitemapMonthViewsAndNavigation() async throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try await site.build()
        let files = snapshot(site.output)
        #expect(files.count > 20)
        for (path, data) in files where !Self.allowed.contains(path) {
            let text = String(decoding: data, as: UTF8.self)
            for trace in Self.traces { #expect(!text.contains(trace) && !path.contains(trace), "\(path) names '\(trace)'") }
        }
        // What is not withdrawn is still there, so the absence above means something.
        #expect(try #require(site.read("siaran-pers/")).contains("Rilis Biasa"))
        #expect(try #require(site.read("agenda/2023/03/")).contains("Acara Biasa"))
        #expect(try #require(site.read("sitemap.xml")).contains("https://kota-uji.go.id/siaran-pers/2023/02/biasa/"))
        let tags = try #require(site.read("topik/"))
        #expect(tags.contains("kesehatan</a> <span class=\"count\">(2 tulisan)"), "the two items not withdrawn")
        let departments = try #require(site.read("dinas/"))
        #expect(departments.contains("Dinas Kesehatan</a> <span class=\"count\">(2 tulisan)"))
        #expect(site.read("topik/topik-cabut/") == nil)
        _ = try FeedDocument(Data(try #require(site.read("sitemap.xml")).utf8), root: "urlset")
    }

    @Test func itsPageStaysWithTheNoticeAboveTheText() async throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try await site.build()
        let page = try #require(site.read("siaran-pers/2023/02/dicabut/"))
        let notice = try #require(page.range(of: "<section class=\"notice notice-withdrawn\""), "no notice")
        let text = try #require(page.range(of: "<p>Isi asli rilis zamrud yang dicabut.</p>"), "the text is kept without hide_body")
        #expect(notice.upperBound < text.lowerBound, "the notice stands above the text")
        let noticeEnd = try #require(page.range(of: "</section>", range: notice.upperBound..<page.endIndex))
        let noticeHTML = String(page[notice.lowerBound..<noticeEnd.lowerBound])
        #expect(noticeHTML.contains("Dicabut pada <time datetime=\"2023-02-15T14:00:00+08:00\">Rabu, 15 Februari 2023 pukul 14.00 WITA</time>"))
        #expect(noticeHTML.contains("<strong>Alasan:</strong> Data yang dimuat keliru."))
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(page.contains("<meta name=\"description\" content=\"Dicabut pada Rabu, 15 Februari 2023 pukul 14.00 WITA. Alasan: Data yang dimuat keliru."))
        #expect(!page.contains("notice-expired"), "withdrawn is not expired")
        // The old address still leads to it; a withdrawn page and event keep theirs too.
        #expect(try #require(site.read("lama/dicabut-zamrud/")).contains("url=https://kota-uji.go.id/siaran-pers/2023/02/dicabut/"))
        #expect(try #require(site.read("halaman-dicabut/")).contains("notice-withdrawn"))
        #expect(try #require(site.read("agenda/2023/03/acara-dicabut/")).contains("Acara tidak jadi diselenggarakan"))
    }

    @Test func theRecordOfWithdrawalsListsEveryOneNewestFirst() async throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try await site.build()
        let record = try #require(site.read("dicabut/"))
        let titles = ["Acara Dicabut Mutiara", "Rilis Dicabut Zamrud", "Halaman Dicabut Safir"]
        let places = try titles.map { try #require(record.range(of: $0)?.lowerBound, "\($0) is not listed") }
        #expect(places == places.sorted(), "newest withdrawal first: the event (16 Feb), the release (15 Feb), the page (14 Feb)")
        #expect(record.contains("Dicabut pada <time datetime=\"2023-02-15T14:00:00+08:00\">"))
        #expect(record.contains("Acara tidak jadi diselenggarakan"))
        #expect(!record.contains("Rilis Biasa"))
        #expect(try #require(site.read("sitemap.xml")).contains("<loc>https://kota-uji.go.id/dicabut/</loc>"))
        // Every page links the records.
        #expect(try #require(site.read("")).contains("<a href=\"/dicabut/\">Daftar Pencabutan</a>"))
    }

    @Test func feedSubscribersSeeTheWithdrawalOnTheItemTheyHave() async throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try await site.build(now: "2023-02-15T13:59:59+08:00")
        let earlyFeed = try FeedDocument(Data(try #require(site.read("feed.xml")).utf8))
        let before = try #require(earlyFeed.items.first { $0["title"]?.contains("Zamrud") == true })
        #expect(before["title"] == "Rilis Dicabut Zamrud" && before["atom:updated"] == nil)
        try await site.build()
        for feedPath in ["feed.xml", "dinas/dinkes/feed.xml"] {
            let feed = try FeedDocument(Data(try #require(site.read(feedPath)).utf8))
            let item = try #require(feed.items.first { $0["guid"] == before["guid"] }, "\(feedPath) lost the withdrawn item")
            #expect(item["title"] == "[Dicabut] Rilis Dicabut Zamrud")
            #expect(item["link"] == before["link"] && item["pubDate"] == before["pubDate"])
            #expect(item["atom:updated"] == "2023-02-15T14:00:00+08:00")
            #expect(item["description"]?.hasPrefix("Dicabut pada Rabu, 15 Februari 2023 pukul 14.00 WITA. Alasan: Data yang dimuat keliru.") == true, "\(item["description"] ?? "")")
            let content = try #require(item["content:encoded"])
            #expect(content.hasPrefix("<p><strong>Dicabut pada Rabu, 15 Februari 2023 pukul 14.00 WITA.</strong> Alasan: Data yang dimuat keliru.</p>"), "\(content)")
            #expect(content.contains("Isi asli rilis zamrud yang dicabut."))
            // The withdrawn event is in the feed too, and the ordinary release is unchanged.
            #expect(feed.items.contains { $0["title"] == "[Dicabut] Acara Dicabut Mutiara" })
            #expect(feed.items.contains { $0["title"] == "Rilis Biasa" && $0["atom:updated"] == nil })
        }
    }

    @Test func aWithdrawnEventIsCancelledInCalendarsUntilItWouldHaveEnded() async throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try await site.build(now: "2023-02-15T00:00:00+08:00")
        let before = try #require(try ICalendarTests.read(site.output + "/events.ics").events.first { $0["SUMMARY"]?.value == "Acara Dicabut Mutiara" })
        #expect(before["STATUS"]?.value == "CONFIRMED" && before["SEQUENCE"]?.value == "0")
        try await site.build()
        for path in ["events.ics", "dinas/dinkes/events.ics", "agenda/2023/03/acara-dicabut/event.ics"] {
            let event = try #require(try ICalendarTests.read(site.output + "/" + path).events.first { $0["UID"]?.value == before["UID"]?.value },
                                     "\(path) no longer carries the withdrawn event")
            #expect(event["STATUS"]?.value == "CANCELLED")
            #expect(event["SUMMARY"]?.value == "[Dicabut] Acara Dicabut Mutiara")
            let description = ICalendarTests.unescape(event["DESCRIPTION"]?.value ?? "")
            #expect(description.hasPrefix("Dicabut pada Kamis, 16 Februari 2023 pukul 08.00 WITA. Alasan: Acara tidak jadi diselenggarakan."))
            #expect(event["SEQUENCE"]?.value == "1", "a withdrawal is a change the calendar must apply")
            #expect(event["DTSTAMP"]?.value == "20230216T000000Z")
            #expect(event["DTSTART"]?.value == before["DTSTART"]?.value)
        }
        // Once it would have ended, it leaves the subscribed calendars like any past event.
        try await site.build(now: "2023-03-01T11:00:01+08:00")
        let later = try ICalendarTests.read(site.output + "/events.ics").events
        #expect(!later.contains { $0["UID"]?.value == before["UID"]?.value })
        #expect(later.contains { $0["SUMMARY"]?.value == "Acara Biasa" })
    }

    @Test func structuredDataSaysItWasWithdrawn() async throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try await site.build()
        let article = try #require(try StructuredDataTests().graph("siaran-pers/2023/02/dicabut/", in: site.output).first { $0["@type"] as? String == "NewsArticle" })
        #expect(article["creativeWorkStatus"] as? String == "Withdrawn")
        #expect(article["datePublished"] as? String == "2023-02-10T10:00:00+08:00")
        #expect(article["dateModified"] as? String == "2023-02-15T14:00:00+08:00")
        #expect((article["description"] as? String)?.hasPrefix("Dicabut pada Rabu, 15 Februari 2023") == true)
        let event = try #require(try StructuredDataTests().graph("agenda/2023/03/acara-dicabut/", in: site.output).first { $0["@type"] as? String == "Event" })
        #expect(event["eventStatus"] as? String == "https://schema.org/EventCancelled")
        let plain = try #require(try StructuredDataTests().graph("siaran-pers/2023/02/biasa/", in: site.output).first { $0["@type"] as? String == "NewsArticle" })
        #expect(plain["creativeWorkStatus"] == nil)
    }

    @Test func hideBodyTakesTheTextAndItsFilesOutOfEveryOutputAndListsThePageAsGone() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-putusan.md": release("""
                title: Rilis Putusan
                date: 2023-02-10 10:00
                summary: Ringkasan rahasia berlian.
                department: dinkes
                tags: [kesehatan]
                image: {src: /gambar/foto-berlian.png, alt: Foto berlian}
                attachments:
                  - file: /lampiran/dokumen-berlian.pdf
                corrections:
                  - date: 2023-02-11 10:00
                    note: Ralat rahasia berlian.
                withdrawn:
                  date: 2023-02-15 09:00
                  reason: Putusan pengadilan
                  hide_body: true
                """, body: "Kalimat rahasia berlian yang harus hilang. Lihat [peta](/lampiran/peta-berlian.pdf).\n"),
            "content/press/2023-02-11-keliru.md": release("""
                title: Rilis Keliru
                date: 2023-02-11 10:00
                withdrawn: {date: 2023-02-16 09:00, reason: Salah kirim}
                """),
            "content/lampiran/dokumen-berlian.pdf": "%PDF",
            "content/lampiran/peta-berlian.pdf": "%PDF",
            "content/gambar/foto-berlian.png": "png",
        ])
        defer { site.cleanUp() }
        // Before the withdrawal, all of it is out: its absence afterwards proves something.
        try await site.build(now: "2023-02-14T12:00:00+08:00")
        let early = snapshot(site.output)
        for file in ["lampiran/dokumen-berlian.pdf", "lampiran/peta-berlian.pdf", "gambar/foto-berlian.png"] { #expect(early[file] != nil) }
        #expect(try #require(site.read("siaran-pers/2023/02/putusan/")).contains("Kalimat rahasia berlian"))
        #expect(try #require(site.read("ralat/")).contains("Ralat rahasia berlian."))
        #expect(Self.goneLines(try #require(site.read("gone.map"))).isEmpty)

        try await site.build()
        for (path, data) in snapshot(site.output) {
            #expect(!path.contains("berlian"), "\(path) is still published")
            #expect(!String(decoding: data, as: UTF8.self).contains("berlian"), "\(path) still carries the removed text")
        }
        let page = try #require(site.read("siaran-pers/2023/02/putusan/"))
        #expect(page.contains("<strong>Alasan:</strong> Putusan pengadilan") && page.contains("Isi aslinya tidak lagi ditampilkan."))
        let feed = try FeedDocument(Data(try #require(site.read("feed.xml")).utf8))
        let item = try #require(feed.items.first { $0["title"] == "[Dicabut] Rilis Putusan" })
        #expect(item["content:encoded"] == "<p><strong>Dicabut pada Rabu, 15 Februari 2023 pukul 09.00 WITA.</strong> Alasan: Putusan pengadilan</p>\n")
        #expect(item["description"] == "Dicabut pada Rabu, 15 Februari 2023 pukul 09.00 WITA. Alasan: Putusan pengadilan.")
        // The list of gone URLs: the page, by its folder and by its file, each sent with its own notice.
        let gone = Self.goneLines(try #require(site.read("gone.map")))
        #expect(gone.map(\.path) == ["/siaran-pers/2023/02/putusan/", "/siaran-pers/2023/02/putusan/index.html"])
        for line in gone {
            #expect(line.body == "/siaran-pers/2023/02/putusan/index.html")
            #expect(FileManager.default.fileExists(atPath: site.output + line.body))
        }
    }

    /// `path body ;` lines of `gone.map`, comments and blank lines left out; a line of another
    /// shape is a failure (nginx would refuse the file).
    static func goneLines(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [(path: String, body: String)] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let words = line.split(separator: " ")
            guard words.count == 3, words[2] == ";", words[0].hasPrefix("/"), words[1].hasPrefix("/") else {
                Issue.record("malformed gone.map line: \(line)", sourceLocation: sourceLocation)
                return nil
            }
            return (String(words[0]), String(words[1]))
        }
    }

    @Test func aWithdrawalDatedLaterTakesEffectAtItsInstantAndTheCacheKnowsWhen() async throws {
        let root = try SampleSite.copy(prefix: "warta-withdraw-")
        defer { PosixFile.removeTree(root) }
        let file = root + "/content/press/2023-02-07-wifi-publik-gratis-45-titik.md"
        try BuildCacheTests().edit(file, "\ntitle: ", "\nwithdrawn:\n  date: 2023-02-25 10:00\n  reason: Uji pencabutan terjadwal.\ntitle: ")
        let page = root + "/public/siaran-pers/2023/02/wifi-publik-gratis-45-titik/index.html"
        try await BuildCacheTests().cachedBuild(root, now: "2023-02-25T09:00:00+08:00")
        #expect(!(try String(contentsOfFile: page, encoding: .utf8)).contains("notice-withdrawn"))
        #expect((try String(contentsOfFile: root + "/public/siaran-pers/index.html", encoding: .utf8)).contains("wifi-publik-gratis-45-titik"))
        // The withdrawal is the next change the clock makes, before midnight.
        let prepared = try await SiteBuilder.prepare(TestSite.options(root: root, now: "2023-02-25T09:00:00+08:00", output: root + "/public"))
        #expect(prepared.catalog.visibility.nextChange(prepared.site).iso8601 == "2023-02-25T10:00:00+08:00")
        let quiet = try await BuildCacheTests().cachedBuild(root, now: "2023-02-25T09:59:59+08:00")
        #expect(quiet.timings.map(\.stage) == ["nothing to do"])
        let due = try await BuildCacheTests().cachedBuild(root, now: "2023-02-25T10:00:00+08:00")
        #expect(due.timings.map(\.stage) != ["nothing to do"])
        #expect((try String(contentsOfFile: page, encoding: .utf8)).contains("Uji pencabutan terjadwal."))
        #expect(!(try String(contentsOfFile: root + "/public/siaran-pers/index.html", encoding: .utf8)).contains("wifi-publik-gratis-45-titik"))
        try await BuildCacheTests().expectSameAsCleanBuild(root, now: "2023-02-25T10:00:00+08:00", "the withdrawal took effect")
    }

    @Test func anEnglishSiteNamesTheRecordsInEnglish() async throws {
        let site = try TestSite([
            "content/press/2023-02-10-recalled.md": release("""
                title: Recalled Notice
                date: 2023-02-10 10:00
                corrections:
                  - {date: 2023-02-11 09:00, note: The venue was wrong.}
                withdrawn: {date: 2023-02-12 09:00, reason: Sent by mistake}
                """),
        ], config: "title: Town\nbase_url: https://town.example/\nlanguage: en\ntimezone: Asia/Makassar\n")
        defer { site.cleanUp() }
        try await site.build()
        #expect(try #require(site.read("withdrawn/")).contains("<h1>Withdrawals</h1>"))
        #expect(try #require(site.read("corrections/")).contains("The venue was wrong."))
        let page = try #require(site.read("press-releases/2023/02/recalled/"))
        #expect(page.contains("Withdrawn on <time datetime=\"2023-02-12T09:00:00+08:00\">Sunday, 12 February 2023, 09:00 WITA</time>"))
        let feed = try FeedDocument(Data(try #require(site.read("feed.xml")).utf8))
        let item = try #require(feed.items.first)
        #expect(item["title"] == "[Withdrawn] Recalled Notice")
    }

    @Test func theSampleWithdrawnReleaseKeepsItsTextUnderTheNoticeAndLeavesItsLists() async throws {
        let output = temporaryFolder() + "/public"
        try await SiteBuilder.build(TestSite.options(root: TestSite.repositoryRoot, output: output))
        let path = "siaran-pers/2023/02/pendaftaran-stan-umkm-festival-layang-layang/"
        let page = try String(contentsOfFile: output + "/" + path + "index.html", encoding: .utf8)
        let notice = try #require(page.range(of: "notice-withdrawn"))
        let text = try #require(page.range(of: "membuka pendaftaran 60 stan bazar UMKM"))
        #expect(notice.upperBound < text.lowerBound)
        #expect(page.contains("Dicabut pada <time datetime=\"2023-02-18T11:00:00+08:00\">Sabtu, 18 Februari 2023 pukul 11.00 WITA</time>"))
        let allowed: Set = [path + "index.html", path + "index.txt", "feed.xml", "dinas/diskopukm/feed.xml", "dicabut/index.html"]
        for (file, data) in snapshot(output) where !allowed.contains(file) {
            #expect(!String(decoding: data, as: UTF8.self).contains(path), "\(file) still links the withdrawn release")
        }
        let feed = try FeedDocument(try #require(FileManager.default.contents(atPath: output + "/feed.xml")))
        #expect(feed.items.contains { $0["title"] == "[Dicabut] Pendaftaran 60 Stan UMKM untuk Festival Layang-Layang Dibuka" && $0["guid"] == "https://wiramayakota.go.id/" + path })
        #expect((try String(contentsOfFile: output + "/dicabut/index.html", encoding: .utf8)).contains("<a href=\"/\(path)\">"))
    }

    @Test func aBodyEditedInThePreviewStaysUnderItsWithdrawal() async throws {
        let preview = BodyEditTests.Preview(root: try SampleSite.copy(prefix: "warta-withdraw-body-"))
        defer { PosixFile.removeTree(preview.root); PosixFile.removeTree(preview.output) }
        try preview.edit(BodyEditTests.release) {
            $0.replacingOccurrences(of: "\ntitle: ", with: "\nwithdrawn: {date: 2023-02-20 10:00, reason: Uji putusan., hide_body: true}\ntitle: ")
        }
        #expect(try await preview.build(changed: nil) == BodyEditTests.full)
        // A saved body takes the quick road; the text it adds is still nowhere.
        try preview.edit(BodyEditTests.release) { $0 + "\nKalimat baru yang tetap tersembunyi.\n" }
        #expect(try await preview.build(changed: [BodyEditTests.release]) == BodyEditTests.quick)
        for (path, data) in snapshot(preview.output) {
            #expect(!String(decoding: data, as: UTF8.self).contains("tetap tersembunyi"), "\(path) shows the hidden text")
        }
        try await preview.expectSameAsFullBuild()
    }
}
