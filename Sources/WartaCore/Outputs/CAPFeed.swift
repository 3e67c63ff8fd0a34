/// Emergency notices for machines, in the Common Alerting Protocol (CAP 1.2, OASIS): each notice in
/// force as a CAP message of its own (`/alerts/<slug>.xml`), and `/alerts.xml`, the "CAP feed" that
/// aggregators poll: an RSS 2.0 index whose items link to the messages, as OASIS's "Example
/// Practices: CAP Feeds" and Google Public Alerts ask. A CAP document holds exactly one alert, so
/// no single file could carry two notices, or none: with nothing in force the feed is an empty
/// channel, valid RSS that says so, with no trace of a notice that has expired. A changed notice is
/// an Update, one ended early a Cancel, until its announced end (`CAPHistory`).
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
        // A notice ended early keeps its file, now its Cancel, until the end it had announced.
        for (i, cancelled) in c.catalog.capCancels.enumerated() {
            let file = c.routes.alertMessage(cancelled.slug)
            out.append(Output(file: file, claim: nil, sitemap: nil, inputs: { $0.combine([i], "cap cancel " + file) },
                              make: { s in .text(CAPFeed(context: s.context).cancel(s.context.catalog.capCancels[i])) }))
        }
        return out
    }

    /// The URL each notice takes, in force or not: a notice whose embargo lifts later must not be
    /// able to break the build. (A record whose notice is gone takes it too: `OutputPlan`.)
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

    /// The message's head: who sends it, when, what kind, and for an Update or a Cancel the
    /// messages it replaces (`sender,identifier,sent`, space-separated, as CAP 1.2 writes them).
    private func head(_ current: CAPHistory.Current, draft: Bool) -> String {
        let c = context, e = HTMLEscape.escape, sender = Self.host(c.config.baseURL), zone = c.config.timeZone
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="\(Self.namespace)">
        <identifier>\(e(current.message.identifier))</identifier>
        <sender>\(e(sender))</sender>
        <sent>\(Self.time(zone.local(current.message.sent)))</sent>
        <status>\(draft ? "Draft" : "Actual")</status>
        <msgType>\(current.message.kind.rawValue)</msgType>
        <scope>Public</scope>

        """
        if !current.earlier.isEmpty {
            let references = current.earlier.map { "\(sender),\($0.identifier),\(Self.time(zone.local($0.sent)))" }
            out += "<references>\(e(references.joined(separator: " ")))</references>\n"
        }
        return out
    }

    func message(_ active: Catalog.ActiveAlert) -> String {
        let c = context, e = HTMLEscape.escape, alert = active.alert, zone = c.config.timeZone
        let sent = Self.time(zone.local(active.cap.message.sent))
        var out = head(active.cap, draft: active.preview != nil)
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

    /// A notice ended early: the Cancel of its messages, in the site's language, saying so. Its
    /// urgency is Past and its severity Minor: there is nothing left to do (as the US National
    /// Weather Service writes its cancels); it expires when the notice would have.
    func cancel(_ cancelled: CAPHistory.Cancelled) -> String {
        let c = context, e = HTMLEscape.escape, m = cancelled.current.message, zone = c.config.timeZone
        let sent = Self.time(zone.local(m.sent))
        return head(cancelled.current, draft: false) + """
            <info>
            <language>\(Self.languageTag(c.config.language))</language>
            <category>\(e(m.category))</category>
            <event>\(e(m.event))</event>
            <urgency>Past</urgency>
            <severity>Minor</severity>
            <certainty>Observed</certainty>
            <effective>\(sent)</effective>
            <expires>\(Self.time(zone.local(m.expires)))</expires>
            <senderName>\(e(c.config.title))</senderName>
            <headline>\(e(Self.cancelTitle(m, c.labels)))</headline>
            <description>\(e(c.labels["alertCancelledText"]!))</description>
            <web>\(e(c.absolute(c.routes.home)))</web>
            <area>
            <areaDesc>\(e(m.area))</areaDesc>
            </area>
            </info>
            </alert>

            """
    }

    static func cancelTitle(_ m: CAPRecord.Message, _ labels: [String: String]) -> String { "[\(labels["alertCancelled"]!)] \(m.headline)" }

    func index() -> String {
        let c = context, e = HTMLEscape.escape, zone = c.config.timeZone
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
        // An Update or a Cancel is a new item (a new guid and date): aggregators take it as news
        // and replace the message it references.
        func item(title: String, slug: String, text: String, message: CAPRecord.Message) {
            out += "<item>\n<title>\(e(title))</title>\n<link>\(e(c.absolute(c.routes.alertMessage(slug))))</link>\n"
            out += "<description>\(e(e(text)))</description>\n<pubDate>\(zone.local(message.sent).rfc822)</pubDate>\n"
            out += "<guid isPermaLink=\"false\">\(e(message.identifier))</guid>\n</item>\n"
        }
        for active in c.catalog.alerts {
            item(title: active.alert.title, slug: active.alert.slug, text: active.alert.text, message: active.cap.message)
        }
        for cancelled in c.catalog.capCancels {
            let m = cancelled.current.message
            item(title: Self.cancelTitle(m, c.labels), slug: cancelled.slug, text: c.labels["alertCancelledText"]!, message: m)
        }
        return out + "</channel>\n</rss>\n"
    }
}
