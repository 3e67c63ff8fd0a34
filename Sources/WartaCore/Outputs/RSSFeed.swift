import Glibc

/// RSS 2.0 with full content (`content:encoded`), `atom:link rel="self"` and stable permalinks as
/// GUIDs. Dates carry the site zone's offset. Nothing depends on the clock: `lastBuildDate` is the
/// newest item's date, so an unchanged site gives an unchanged feed.
struct RSSFeed {
    let context: PageContext

    struct Spec: Sendable {
        let path: String
        let title: String
        let description: String
        let entries: [Int]
        /// The main feed opens with the emergency notices in force.
        var alerts = false
    }

    static func specs(_ c: PageContext) -> [Spec] {
        var specs = [Spec(path: c.routes.feed, title: c.config.title, description: c.config.tagline,
                          entries: c.catalog.feedEntries(department: nil), alerts: true)]
        for (dept, _) in c.catalog.departments {
            specs.append(Spec(path: c.routes.departmentFeed(dept.slug), title: "\(c.config.title) — \(dept.name)",
                              description: dept.name, entries: c.catalog.feedEntries(department: dept.slug)))
        }
        return specs
    }

    static func outputs(_ c: PageContext) -> [Output] {
        specs(c).map { spec in
            var output = Output.generated(spec.path, "the feed /\(spec.path)", inputs: { p in p.combine(spec.entries.map { p.items[$0] }, "feed " + spec.path + spec.title) }) { s in
                .text(RSSFeed(context: s.context).xml(spec) { String(decoding: s.bodyHTML($0), as: UTF8.self) })
            }
            output.bodies = spec.entries
            return output
        }
    }

    func xml(_ spec: Spec, html: (Int) -> String) -> String {
        let c = context, e = HTMLEscape.escape
        let pageLink = spec.path == c.routes.feed ? c.routes.home : spec.path.lastSlashPrefix + "/"
        // The channel's description is plain text, escaped once; an item's is HTML, escaped twice.
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
        <title>\(e(spec.title))</title>
        <link>\(e(c.absolute(pageLink)))</link>
        <description>\(e(spec.description.isEmpty ? spec.title : spec.description))</description>
        <language>\(c.config.language.rawValue)</language>
        <atom:link href="\(e(c.absolute(spec.path)))" rel="self" type="application/rss+xml"/>
        <generator>Warta</generator>

        """
        // A correction or a withdrawal changes the feed: its date moves with the newest change.
        let alerts = spec.alerts ? c.catalog.alerts.map { ($0.alert.speaking(c.config.language, siteLanguage: c.catalog.siteConfig.language), $0.cap.message) } : []
        if let newest = (spec.entries.compactMap({ c.catalog.entries[$0].lastChange }) + alerts.map { c.config.timeZone.local($0.1.sent) }).max() {
            out += "<lastBuildDate>\(newest.rfc822)</lastBuildDate>\n"
        }
        for (alert, message) in alerts { out += self.alert(alert, message) }
        for i in spec.entries {
            let entry = c.catalog.entries[i], item = entry.item
            let link = e(c.absolute(entry.path))
            // The guid and pubDate never change, so readers update the item they have; the title says
            // it was withdrawn, and `atom:updated` dates the newest correction or withdrawal.
            let title = entry.withdrawal == nil ? item.title : "[\(c.labels["withdrawn"]!)] \(item.title)"
            out += "<item>\n<title>\(e(title))</title>\n<link>\(link)</link>\n<guid isPermaLink=\"true\">\(link)</guid>\n"
            // RSS 2.0 has one language per channel; an item in another says so the Dublin Core way.
            if item.language(c.config) != c.config.language { out += "<dc:language>\(item.language(c.config).rawValue)</dc:language>\n" }
            if let date = item.sortDate { out += "<pubDate>\(date.rfc822)</pubDate>\n" }
            if let changed = entry.lastChange, let date = item.sortDate, changed > date {
                out += "<atom:updated>\(changed.iso8601)</atom:updated>\n"
            }
            if let author = item.author { out += "<dc:creator>\(e(author))</dc:creator>\n" }
            // A text taken down keeps its title and the notice, no categories.
            if !entry.bodyHidden, let slug = item.department, let dept = c.config.department(slug: slug) {
                out += "<category>\(e(dept.name))</category>\n"
            }
            for tag in entry.bodyHidden ? [] : item.tags { out += "<category>\(e(c.config.tagName(tag)))</category>\n" }
            // RSS carries HTML in <description>: plain text becomes HTML first (escaped), then XML.
            out += "<description>\(e(e(description(i))))</description>\n"
            let body = c.changeNotesHTML(entry) + (entry.bodyHidden ? "" : html(i))
            out += "<content:encoded><![CDATA[\(cdataSafe(absoluteLinks(body)))]]></content:encoded>\n</item>\n"
        }
        return out + "</channel>\n</rss>\n"
    }

    /// A notice in force, as an item: its severity in words leads the title, its area and end lead
    /// the text; the guid is its CAP message's identifier (an Update is a new item), the link its place
    /// on the home page.
    private func alert(_ alert: Alert, _ message: CAPRecord.Message) -> String {
        let c = context, e = HTMLEscape.escape, language = c.config.language, zone = c.config.timeZone
        let level = Labels.severity(alert.severity, c.labels)
        let lead = "\(level) — \(c.labels["alertArea"]!): \(alert.area). \(c.labels["alertUntil"]!) \(c.dates.dateTime(zone.local(alert.expires)))."
        var html = "<p><strong>\(e(level))</strong> — \(e(c.labels["alertArea"]!)): \(e(alert.area)). "
            + "\(e(c.labels["alertUntil"]!)) \(e(c.dates.dateTime(zone.local(alert.expires)))).</p>\n" + c.writtenLinks.html(alert.content.html)
        if let t = alert.translation {
            html += "<div lang=\"\(t.language.rawValue)\">\n<p><strong>\(e(t.title))</strong></p>\n\(c.writtenLinks.html(t.content.html))</div>\n"
        }
        let link = e(c.absolute(c.routes.home) + "#" + alert.anchor(in: language))
        return "<item>\n<title>\(e("[\(level)] \(alert.title)"))</title>\n<link>\(link)</link>\n"
            + "<guid isPermaLink=\"false\">\(e(message.identifier))</guid>\n"
            + "<pubDate>\(zone.local(message.sent).rfc822)</pubDate>\n<category>\(e(c.labels["alerts"]!))</category>\n"
            + "<description>\(e(e(lead + " " + Excerpt.make(alert.text))))</description>\n"
            + "<content:encoded><![CDATA[\(cdataSafe(absoluteLinks(html)))]]></content:encoded>\n</item>\n"
    }

    /// The teaser, led by the event's time and status so a feed reader shows them at a glance, and by
    /// the withdrawal or the corrections, when there are any.
    private func description(_ i: Int) -> String {
        let entry = context.catalog.entries[i], c = context.speaking(entry.item.language(context.config))
        // The same order as the content: the withdrawal, the corrections (newest first), the teaser
        // (for a text taken down, the teaser is the withdrawal already).
        var notes = entry.withdrawal.map { [c.withdrawalText($0)] } ?? []
        if !entry.bodyHidden { notes += entry.item.corrections.sorted { $0.date > $1.date }.map(c.correctionText) + [c.teasers[i]] }
        guard let event = entry.event else { return notes.joined(separator: " ") }
        var lead = c.dates.eventSpan(event)
        if event.status != .scheduled { lead = "[\(Labels.status(event.status, c.labels))] " + lead }
        if let place = event.location?.name { lead += " — \(place)" }
        return "\(lead). " + notes.joined(separator: " ")
    }

    /// Feed readers resolve links against the feed, not the page: make site-relative links absolute.
    private func absoluteLinks(_ html: String) -> String {
        let origin = context.config.baseURL.origin
        return html.replacingAll("href=\"/", with: "href=\"\(origin)/", unlessFollowedBy: "/")
            .replacingAll("src=\"/", with: "src=\"\(origin)/", unlessFollowedBy: "/")
    }

    /// `]]>` cannot appear inside CDATA; split it across two sections.
    private func cdataSafe(_ text: String) -> String {
        // By bytes, not `contains`: the standard library's substring search over every feed item's
        // HTML was a twentieth of a small site's build.
        var copy = text
        let found = copy.withUTF8 { b in
            var i = 0
            while i + 2 < b.count {
                if b[i] == 0x5D, b[i + 1] == 0x5D, b[i + 2] == 0x3E { return true }
                i += 1
            }
            return false
        }
        return found ? text.replacingAll("]]>", with: "]]]]><![CDATA[>", unlessFollowedBy: nil) : text
    }
}

extension String {
    /// Literal replacement, skipping matches followed by `guardText` (so `href="//cdn` stays as it is).
    /// The bytes between matches are copied whole, found by `memchr` of the target's first byte;
    /// without a match the text is given back as it is.
    func replacingAll(_ target: String, with replacement: String, unlessFollowedBy guardText: String?) -> String {
        let t = Array(target.utf8), g = guardText.map { Array($0.utf8) } ?? []
        var text = self
        return text.withUTF8 { b -> String in
            guard !t.isEmpty, b.count >= t.count, let base = b.baseAddress else { return self }
            func matches(_ needle: [UInt8], at i: Int) -> Bool {
                i + needle.count <= b.count && needle.withUnsafeBytes { memcmp(base + i, $0.baseAddress!, needle.count) == 0 }
            }
            var out: [UInt8] = []
            var copied = 0, i = 0
            while i + t.count <= b.count, let hit = memchr(base + i, Int32(t[0]), b.count - t.count + 1 - i) {
                i = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
                if matches(t, at: i), g.isEmpty || !matches(g, at: i + t.count) {
                    if out.isEmpty { out.reserveCapacity(b.count + 256) }
                    out += b[copied..<i]
                    out += replacement.utf8
                    i += t.count
                    copied = i
                } else {
                    i += 1
                }
            }
            guard copied > 0 else { return self }
            out += b[copied...]
            return String(decoding: out, as: UTF8.self)
        }
    }
}
