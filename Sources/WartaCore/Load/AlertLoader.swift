import Yams

/// Reads one file of `content/alerts/` into an `Alert`, collecting every problem in it. A notice
/// that could show on every page must be complete: severity, area and expiry are required.
struct AlertLoader {
    let config: SiteConfig

    static let folder = "alerts"
    static let fields = [
        "title", "severity", "area", "expires", "date", "publish_at", "draft", "slug", "event", "category", "urgency", "certainty",
    ]
    static let translationFields = ["title", "text", "area", "event"]

    /// The other language a notice may also be written in: `en` on an Indonesian site, `id` on an English one.
    var secondLanguage: Language { config.language == .id ? .en : .id }

    func load(bytes: [UInt8], path: String) -> (Alert?, [Diagnostic]) {
        let opened = FrontMatter.read(bytes, path: path, zone: config.timeZone)
        guard let (front, fields) = opened.parsed else { return (nil, opened.problems) }
        var r = opened.reader
        let second = secondLanguage.rawValue
        r.rejectUnknown(fields, allowed: Self.fields + [second], in: "an alert")

        var title: String?, severity: Alert.Severity?, area: String?, expires: ZonedInstant?
        var date: ZonedInstant?, publishAt: ZonedInstant?, draft = false, event: String?
        var slug = ItemLoader.defaultSlug(path: path)
        var category = "Other", urgency = "Unknown", certainty = "Unknown"
        var translation: (node: Node, fields: [YAMLReader.Field])?
        for field in fields where !YAMLReader.isNull(field.node) {
            let node = field.node
            switch field.key {
            case "title": title = r.string(node, "title")
            case "severity":
                if let text = r.string(node, "severity") {
                    severity = Alert.Severity(rawValue: text.lowercased())
                    if severity == nil { r.error(node, "unknown severity '\(text)'; use info, warning or danger") }
                }
            case "area": area = r.string(node, "area")
            case "expires": expires = r.instant(node, "expires")
            case "date": date = r.instant(node, "date")
            case "publish_at": publishAt = r.instant(node, "publish_at")
            case "draft": draft = r.bool(node, "draft") ?? false
            case "event": event = r.string(node, "event")
            case "slug":
                if let text = r.string(node, "slug") {
                    if Slug.isValid(text) { slug = text } else { r.error(node, "'slug' may hold only lowercase letters, digits and '-': '\(text)'") }
                }
            case "category": category = vocabulary(node, "category", Alert.categories, &r) ?? category
            case "urgency": urgency = vocabulary(node, "urgency", Alert.urgencies, &r) ?? urgency
            case "certainty": certainty = vocabulary(node, "certainty", Alert.certainties, &r) ?? certainty
            case second:
                if let sub = r.mapping(node, what: "'\(second)'") { translation = (node, sub) }
            default: break
            }
        }
        let present = Set(fields.filter { !YAMLReader.isNull($0.node) }.map(\.key))
        for (key, why) in [("title", "the headline of the notice"), ("severity", "info, warning or danger"),
                           ("area", "where it applies, e.g. 'Kecamatan Wiramaya Utara'"),
                           ("expires", "when the notice stops showing; an alert without an end would stay on every page")]
        where !present.contains(key) {
            r.error(at: nil, "missing required field '\(key)' (\(why))")
        }
        if !present.contains("date") && !present.contains("publish_at") {
            r.error(at: nil, "missing required field 'date' (when the notice was issued; CAP messages and feeds carry it)")
        }
        if let date, let publishAt, publishAt < date {
            r.error(at: fields.first { $0.key == "publish_at" }.flatMap { r.location($0.node) },
                    "'publish_at' (\(publishAt)) is before 'date' (\(date)); set 'publish_at' to when the notice may go up, at or after 'date'")
        }
        if let expires, let issued = publishAt ?? date, expires <= issued {
            r.error(at: fields.first { $0.key == "expires" }.flatMap { r.location($0.node) },
                    "'expires' (\(expires)) is not after '\(publishAt == nil ? "date" : "publish_at")' (\(issued))")
        }
        let body = front.body.trimmingWhitespace
        if body.isEmpty {
            r.error(at: SourceLocation(line: front.bodyLine, column: 1), "an alert needs its text below the front matter: what is happening and what to do")
        }
        let content = Markdown.render(front.body)
        if let refusal = content.scan.refusal {
            r.error(at: SourceLocation(line: front.bodyLine + refusal.line - 1, column: refusal.column), refusal.message)
        }
        // Every link of the notice, at its place in the file: the body's, then the translation's.
        var links = content.links.map { Markdown.Link(destination: $0.destination, isImage: $0.isImage,
                                                      line: front.bodyLine + $0.line - 1, column: $0.column) }
        var html = RawHTMLCheck.diagnostics(content.rawHTML, path: path, bodyLine: front.bodyLine)
        let other = translation.flatMap { read($0.node, $0.fields, mainArea: area, &r) }
        if let other, let node = translation?.fields.first(where: { $0.key == "text" })?.node {
            func located(_ pieces: [Markdown.Link]) -> [Markdown.Link] {
                FieldMarkdown.locate(pieces, node: node, yaml: front.yaml, firstLine: front.yamlLine)
            }
            links += located(other.content.links)
            html += RawHTMLCheck.diagnostics(located(other.content.rawHTML), path: path, bodyLine: 1)
        }
        if let title, let warning = BidiControls.warning(title, path: path, at: fields.first { $0.key == "title" }.flatMap { r.location($0.node) },
                                                          field: "title") {
            html.append(warning)
        }
        guard r.diagnostics.isEmpty, !html.contains(where: { $0.severity == .error }), let title, let severity, let area, let expires
        else { return (nil, r.diagnostics + html) }
        var hash = StableHash()
        hash.combine(bytes)
        let alert = Alert(sourcePath: path, slug: slug, title: title, severity: severity, area: area, event: event ?? title,
                          category: category, urgency: urgency, certainty: certainty, date: date, publishAt: publishAt,
                          expires: expires, draft: draft, content: content, text: Markdown.plainText(body),
                          translation: other, links: links, fingerprint: hash.finalize)
        return (alert, html)
    }

    /// `en: {title, text, area, event}`: `text` is Markdown like the body; `area` defaults to the
    /// main one (place names are the same in both languages), `event` to the title.
    private func read(_ node: Node, _ fields: [YAMLReader.Field], mainArea: String?, _ r: inout YAMLReader) -> Alert.Translation? {
        let what = "'\(secondLanguage.rawValue)'"
        r.rejectUnknown(fields, allowed: Self.translationFields, in: what)
        func text(_ key: String) -> String? { fields.first { $0.key == key && !YAMLReader.isNull($0.node) }.flatMap { r.string($0.node, key) } }
        let title = text("title"), body = text("text"), area = text("area") ?? mainArea, event = text("event")
        guard let title, let body else {
            r.error(node, "\(what) needs 'title' and 'text' (the notice in \(secondLanguage == .en ? "English" : "Indonesian"))")
            return nil
        }
        let content = Markdown.render(body)
        if let refusal = content.scan.refusal, let text = fields.first(where: { $0.key == "text" }) {
            r.error(text.node, "\(what) 'text': " + refusal.message)
        }
        return Alert.Translation(language: secondLanguage, title: title, area: area ?? "", event: event ?? title,
                                 content: content, text: Markdown.plainText(body))
    }

    /// One of CAP's fixed words, in any letter case; written back as CAP spells it.
    private func vocabulary(_ node: Node, _ field: String, _ allowed: [String], _ r: inout YAMLReader) -> String? {
        guard let text = r.string(node, field) else { return nil }
        if let word = allowed.first(where: { $0.lowercased() == text.lowercased() }) { return word }
        r.error(node, "unknown \(field) '\(text)'; CAP allows: \(allowed.joined(separator: ", "))")
        return nil
    }
}
