/// Emergency notices for machines, in the Common Alerting Protocol (CAP 1.2, OASIS): each notice in
/// force as a CAP message of its own (`/alerts/<slug>.xml`), and `/alerts.xml`, the "CAP feed" that
/// aggregators poll: an RSS 2.0 index whose items link to the messages, as OASIS's "Example
/// Practices: CAP Feeds" and Google Public Alerts ask. A CAP document holds exactly one alert, so
/// no single file could carry two notices, or none: with nothing in force the feed is an empty
/// channel, valid RSS that says so, with no trace of a notice that has expired.
struct CAPFeed {
    let context: PageContext

    static let namespace = "urn:oasis:names:tc:emergency:cap:1.2"

    static func outputs(_ c: PageContext) -> [Output] {
        // Every notice's message depends on the notices in force and site.yml, both in the global part.
        var out: [Output] = [.generated(c.routes.alertsFeed, "the CAP feed /\(c.routes.alertsFeed)", inputs: { $0.combine([], "cap feed") }) { s in
            .text(CAPFeed(context: s.context).index())
        }]
        for (i, active) in c.catalog.alerts.enumerated() {
            let file = c.routes.alertMessage(active.alert.slug)
            out.append(Output(file: file, claim: nil, sitemap: nil, inputs: { $0.combine([i], "cap " + file) },
                              make: { s in .text(CAPFeed(context: s.context).message(s.context.catalog.alerts[i])) }))
        }
        return out
    }

    /// The URL each notice takes, in force or not: a notice whose embargo lifts later must not be
    /// able to break the build.
    static func claim(_ alert: Alert, routes: Routes) -> (file: String, producer: OutputPlan.Producer) {
        (routes.alertMessage(alert.slug), OutputPlan.Producer(description: "alert '\(alert.sourcePath)'", path: alert.sourcePath, location: nil))
    }

    /// Unique for this sender and stable: the site's host, the instant of issue in UTC, the slug
    /// (no spaces, commas, `<` or `&`, as CAP requires). Also the notice's `guid` in RSS.
    static func identifier(_ alert: Alert, base: BaseURL) -> String {
        let c = alert.issued.at(offset: 0).civil
        let stamp = "\(c.year)\(pad2(c.month))\(pad2(c.day))\(pad2(c.hour))\(pad2(c.minute))\(pad2(c.second))"
        return "\(host(base)).alert.\(stamp).\(alert.slug)"
    }

    static func host(_ base: BaseURL) -> String {
        String(base.origin.split(separator: "/").last ?? "")
    }

    /// CAP dates carry a numeric offset, UTC written `-00:00`, never `Z`.
    static func time(_ t: ZonedInstant) -> String {
        let text = t.iso8601
        return text.hasSuffix("+00:00") ? String(text.dropLast(6)) + "-00:00" : text
    }

    /// CAP language tags: `id-ID`, `en-US`.
    static func languageTag(_ language: Language) -> String {
        switch language {
        case .id: "id-ID"
        case .en: "en-US"
        }
    }

    func message(_ active: Catalog.ActiveAlert) -> String {
        let c = context, e = HTMLEscape.escape, alert = active.alert, zone = c.config.timeZone
        let sent = Self.time(zone.local(alert.issued))
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="\(Self.namespace)">
        <identifier>\(e(Self.identifier(alert, base: c.config.baseURL)))</identifier>
        <sender>\(e(Self.host(c.config.baseURL)))</sender>
        <sent>\(sent)</sent>
        <status>\(active.preview == nil ? "Actual" : "Draft")</status>
        <msgType>Alert</msgType>
        <scope>Public</scope>

        """
        // Each language's block links the notice on the home page of its language, where the site
        // has one; else on the site's home page, which shows the translation under the same anchor.
        func web(_ language: Language) -> String {
            let home = c.homes.first { $0.code == language } ?? (c.config.language, c.routes.home)
            return c.absolute(home.path) + "#" + alert.anchor(in: home.code)
        }
        let contact = c.config.contact.map { [$0.name, $0.phone, $0.email].compactMap { $0 }.joined(separator: ", ") } ?? ""
        var blocks = [(language: c.config.language, headline: alert.title, event: alert.event, area: alert.area, text: alert.text)]
        if let t = alert.translation { blocks.append((t.language, t.title, t.event, t.area, t.text)) }
        for block in blocks {
            out += """
            <info>
            <language>\(Self.languageTag(block.language))</language>
            <category>\(alert.category)</category>
            <event>\(e(block.event))</event>
            <urgency>\(alert.urgency)</urgency>
            <severity>\(alert.severity.cap)</severity>
            <certainty>\(alert.certainty)</certainty>
            <effective>\(sent)</effective>
            <expires>\(Self.time(zone.local(alert.expires)))</expires>
            <senderName>\(e(c.config.title))</senderName>
            <headline>\(e(block.headline))</headline>
            <description>\(e(block.text))</description>
            <web>\(e(web(block.language)))</web>

            """
            if !contact.isEmpty { out += "<contact>\(e(contact))</contact>\n" }
            out += "<area>\n<areaDesc>\(e(block.area))</areaDesc>\n</area>\n</info>\n"
        }
        return out + "</alert>\n"
    }

    func index() -> String {
        let c = context, e = HTMLEscape.escape
        let title = "\(c.config.title) — \(c.labels["alerts"]!)"
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
        <channel>
        <title>\(e(title))</title>
        <link>\(e(c.absolute(c.routes.home)))</link>
        <description>\(e(title))</description>
        <language>\(c.config.language.rawValue)</language>
        <atom:link href="\(e(c.absolute(c.routes.alertsFeed)))" rel="self" type="application/rss+xml"/>
        <generator>Warta</generator>

        """
        for active in c.catalog.alerts {
            let alert = active.alert
            out += "<item>\n<title>\(e(alert.title))</title>\n<link>\(e(c.absolute(c.routes.alertMessage(alert.slug))))</link>\n"
            out += "<description>\(e(e(alert.text)))</description>\n<pubDate>\(c.config.timeZone.local(alert.issued).rfc822)</pubDate>\n"
            out += "<guid isPermaLink=\"false\">\(e(Self.identifier(alert, base: c.config.baseURL)))</guid>\n</item>\n"
        }
        return out + "</channel>\n</rss>\n"
    }
}
