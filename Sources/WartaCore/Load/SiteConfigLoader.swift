import Yams

/// Reads and checks `site.yml`.
enum SiteConfigLoader {
    static let fileName = "site.yml"
    static let fields = [
        "title", "tagline", "base_url", "language", "timezone", "per_page", "departments", "contact", "logo", "feed",
        "sections", "home", "publish", "city", "about", "media_contact", "share_image", "tags", "languages",
    ]

    static func load(yaml: String) -> (SiteConfig?, [Diagnostic]) {
        var r = YAMLReader(path: fileName, firstLine: 1, zone: nil)
        guard let fields = r.document(yaml, what: fileName) else { return (nil, r.diagnostics) }
        r.rejectUnknown(fields, allowed: Self.fields, in: fileName)
        func field(_ key: String) -> YAMLReader.Field? {
            fields.first { $0.key == key && !YAMLReader.isNull($0.node) }
        }
        let title = field("title").flatMap { r.string($0.node, "title") }
        if field("title") == nil { r.error(at: nil, "missing required field 'title'") }

        var baseURL: BaseURL?
        if let f = field("base_url"), let text = r.string(f.node, "base_url") {
            baseURL = BaseURL(text)
            if baseURL == nil { r.error(f.node, "'base_url' must be an http(s) address such as https://kota.go.id/") }
        } else if field("base_url") == nil {
            r.error(at: nil, "missing required field 'base_url' (the public address, e.g. https://kota.go.id/)")
        }

        var language = Language.id
        if let f = field("language"), let text = r.string(f.node, "language") {
            if let l = Language(rawValue: text) { language = l } else {
                r.error(f.node, "unknown language '\(text)'; use 'id' or 'en'")
            }
        }

        // `languages:` may name another default than `language:`; the sections and the names of
        // departments and tags follow the default.
        if let f = field("languages"), case .sequence(let seq) = f.node, let first = seq.first {
            var code = first
            if case .mapping(let m) = first, let c = m.first(where: { $0.key.string == "code" })?.value { code = c }
            if let text = code.string, let l = Language(rawValue: text) { language = l }
        }

        var zone = SiteTimeZone(identifier: "Asia/Jakarta")!
        if let f = field("timezone"), let text = r.string(f.node, "timezone") {
            if let z = SiteTimeZone(identifier: text) { zone = z } else {
                r.error(f.node, "unknown time zone '\(text)'; use an IANA name such as Asia/Jakarta, Asia/Makassar or Asia/Jayapura")
            }
        }

        let perPage = field("per_page").flatMap { r.int($0.node, "per_page", range: 1...500) } ?? 10
        let departments = field("departments").map { readDepartments($0.node, language: language, &r) } ?? []
        let contact = field("contact").flatMap { ContactReader.read($0.node, "contact", &r) }
        var logo: Image?
        if let f = field("logo"), let src = r.string(f.node, "logo") {
            // Its text is the site's title, which stands beside it in the header and the letterhead.
            if WebLink.isSafe(src) && !src.lowercased().hasPrefix("mailto:") {
                logo = Image(src: src, alt: "", location: r.location(f.node))
            } else if src.hasPrefix("/"), let path = FileReferences.normalised(src) {
                logo = Image(src: "/" + path, alt: "", location: r.location(f.node))
            } else {
                r.error(f.node, "'logo' must be a file of the site from its root, such as /gambar/logo.svg, or an http(s) address")
            }
        }

        var feed = FeedSettings()
        if let f = field("feed"), let sub = r.mapping(f.node, what: "'feed'") {
            r.rejectUnknown(sub, allowed: ["items"], in: "'feed'")
            if let n = sub.first(where: { $0.key == "items" }) { feed.items = r.int(n.node, "items", range: 1...1000) ?? feed.items }
        }
        var home = HomeSettings()
        if let f = field("home"), let sub = r.mapping(f.node, what: "'home'") {
            r.rejectUnknown(sub, allowed: ["releases", "events"], in: "'home'")
            for n in sub {
                if n.key == "releases" { home.releases = r.int(n.node, "releases", range: 0...100) ?? home.releases }
                if n.key == "events" { home.events = r.int(n.node, "events", range: 0...100) ?? home.events }
            }
        }
        let sections = field("sections").map { readSections($0.node, language: language, &r) } ?? SectionNames.defaults(for: language)
        let languages = field("languages").map { readLanguages($0.node, single: field("language"), default: &language, sections: sections, &r) } ?? []
        let publish = field("publish").map { readPublish($0.node, &r) } ?? PublishSettings()
        var release = ReleaseSettings()
        release.city = field("city").flatMap { r.string($0.node, "city") }
        release.mediaContact = field("media_contact").flatMap { ContactReader.read($0.node, "media_contact", &r) }
        var contentProblems: [Diagnostic] = []
        if let f = field("about") {
            release.about = readAbout(f.node, site: language, &r)
            for (key, text) in release.about {
                let node = aboutNode(f.node, key)
                let rendered = Markdown.render(text)
                if let refusal = rendered.scan.refusal { r.error(node, "'about': " + refusal.message) }
                // Placed in site.yml, where the link check reports them.
                release.aboutLinks[key] = FieldMarkdown.locate(rendered.links, node: node, yaml: yaml, firstLine: 1)
                let html = FieldMarkdown.locate(rendered.rawHTML, node: node, yaml: yaml, firstLine: 1)
                contentProblems += RawHTMLCheck.diagnostics(html, path: fileName, bodyLine: 1)
            }
        }
        let shareImage = field("share_image").flatMap { ImageReader.read($0.node, "share_image", path: fileName, captions: false, &r) }
        if let shareImage, !shareImage.isPreviewable {
            contentProblems.append(Diagnostic(fileName, at: shareImage.location, severity: .warning,
                                        "link previews (Facebook, WhatsApp, X) do not show SVG images; give 'share_image' a PNG or JPEG of 1200 × 630"))
        }
        let (tagNames, tagTranslations) = field("tags").map { readTagNames($0.node, language: language, &r) } ?? ([:], [:])
        guard r.diagnostics.isEmpty, !contentProblems.contains(where: { $0.severity == .error }), let title, let baseURL else {
            return (nil, r.diagnostics + contentProblems)
        }
        let tagline = field("tagline").flatMap { r.string($0.node, "tagline") } ?? ""
        let config = SiteConfig(title: title, tagline: tagline, baseURL: baseURL, language: language, timeZone: zone,
                                perPage: perPage, departments: departments, contact: contact, logo: logo, feed: feed,
                                sections: sections, home: home, publish: publish, release: release,
                                shareImage: shareImage, tagNames: tagNames, tagTranslations: tagTranslations, languages: languages)
        return (config, r.diagnostics + contentProblems)
    }

    /// `languages:` lists the site's languages, the default first: each a code (`en`) or a mapping
    /// `{code, title, tagline, sections}`. The default keeps `title`, `tagline` and `sections` of
    /// the top level; `language:`, when also written, must name the first.
    private static func readLanguages(_ node: Node, single: YAMLReader.Field?, default language: inout Language,
                                      sections: SectionNames, _ r: inout YAMLReader) -> [SiteLanguage] {
        guard case .sequence(let seq) = node, !seq.isEmpty else {
            r.error(node, "'languages' must be a list of language codes, the default first, such as [id, en]")
            return []
        }
        let codes = Language.allCases.map { "'\($0.rawValue)'" }.joined(separator: " or ")
        var out: [SiteLanguage] = []
        for element in seq {
            var codeNode = element
            var title: String?, tagline: String?, contact: Contact?
            var sectionsNode: Node?
            if case .mapping = element {
                guard let fields = r.mapping(element, what: "a language") else { continue }
                r.rejectUnknown(fields, allowed: ["code", "title", "tagline", "contact", "sections"], in: "a language")
                guard let code = fields.first(where: { $0.key == "code" }) else {
                    r.error(element, "a language needs its 'code' (\(codes))")
                    continue
                }
                codeNode = code.node
                title = fields.first { $0.key == "title" }.flatMap { r.string($0.node, "title") }
                tagline = fields.first { $0.key == "tagline" }.flatMap { r.string($0.node, "tagline") }
                sectionsNode = fields.first { $0.key == "sections" }?.node
                contact = fields.first { $0.key == "contact" }.flatMap { ContactReader.read($0.node, "contact", &r) }
            }
            guard let text = r.string(codeNode, "code") else { continue }
            guard let code = Language(rawValue: text) else {
                r.error(codeNode, "unknown language '\(text)'; use \(codes)")
                continue
            }
            if out.contains(where: { $0.language == code }) {
                r.error(codeNode, "language '\(text)' is listed twice")
                continue
            }
            let own = sectionsNode.map { readSections($0, language: code, &r) }
            if out.isEmpty {
                if let single, let written = r.string(single.node, "language"), written != text {
                    r.error(single.node, "'language' is '\(written)' but 'languages' starts with '\(text)'; the first of 'languages' is the default: drop 'language'")
                }
                if own != nil || title != nil || tagline != nil || contact != nil {
                    r.error(element, "the default language takes 'title', 'tagline', 'contact' and 'sections' from the top of site.yml; write just '- \(text)'")
                }
                language = code
                out.append(SiteLanguage(language: code, sections: sections, prefix: ""))
            } else {
                out.append(SiteLanguage(language: code, title: title, tagline: tagline, contact: contact,
                                        sections: own ?? SectionNames.defaults(for: code), prefix: code.rawValue + "/"))
            }
        }
        return out
    }

    /// `sections:` renames URL sections; those not named keep the language's defaults.
    private static func readSections(_ node: Node, language: Language, _ r: inout YAMLReader) -> SectionNames {
        var sections = SectionNames.defaults(for: language)
        guard let sub = r.mapping(node, what: "'sections'") else { return sections }
        let keys: [(String, WritableKeyPath<SectionNames, String>)] = [
            ("press", \.press), ("events", \.events), ("past_events", \.pastEvents),
            ("departments", \.departments), ("tags", \.tags), ("archive", \.archive), ("page", \.page),
            ("withdrawn", \.withdrawn), ("corrections", \.corrections), ("search", \.search),
        ]
        r.rejectUnknown(sub, allowed: keys.map(\.0), in: "'sections'")
        for n in sub {
            guard let key = keys.first(where: { $0.0 == n.key }), let text = r.string(n.node, n.key) else { continue }
            if Slug.isValid(text) { sections[keyPath: key.1] = text } else {
                r.error(n.node, "section name '\(text)' may hold only lowercase letters, digits and '-'")
            }
        }
        return sections
    }

    /// `about:` is Markdown in the site's language, or a mapping of language to Markdown
    /// (`{id: …, en: …}`) so that releases in English get an English text.
    private static func readAbout(_ node: Node, site: Language, _ r: inout YAMLReader) -> [Language: String] {
        if case .scalar = node { return r.string(node, "about").map { [site: $0] } ?? [:] }
        guard let fields = r.mapping(node, what: "'about'") else { return [:] }
        r.rejectUnknown(fields, allowed: Language.allCases.map(\.rawValue), in: "'about'")
        var out: [Language: String] = [:]
        for f in fields {
            if let language = Language(rawValue: f.key), let text = r.string(f.node, f.key) { out[language] = text }
        }
        return out
    }

    private static func aboutNode(_ node: Node, _ language: Language) -> Node {
        guard case .mapping(let m) = node else { return node }
        return m.first { $0.key.string == language.rawValue }?.value ?? node
    }

    /// `tags:` maps a tag's slug to the name readers see (`hut-kota: HUT Kota Wiramaya`), or to
    /// one name per language (`hut-kota: {id: HUT Kota Wiramaya, en: Wiramaya Anniversary}`).
    private static func readTagNames(_ node: Node, language: Language, _ r: inout YAMLReader) -> ([String: String], [Language: [String: String]]) {
        guard let fields = r.mapping(node, what: "'tags'") else { return ([:], [:]) }
        var out: [String: String] = [:]
        var translated: [Language: [String: String]] = [:]
        for f in fields {
            guard Slug.isValid(f.key) else {
                r.error(at: f.keyLocation, "tag '\(f.key)' must be written as its slug (lowercase letters, digits and '-', e.g. \(Slug.make(f.key)))")
                continue
            }
            guard let names = readNames(f.node, f.key, language: language, &r) else { continue }
            out[f.key] = names.name
            for (l, name) in names.translations { translated[l, default: [:]][f.key] = name }
        }
        return (out, translated)
    }

    /// A name as text, or one per language (`{id: …, en: …}`, the default language's required).
    private static func readNames(_ node: Node, _ what: String, language: Language, _ r: inout YAMLReader) -> (name: String, translations: [Language: String])? {
        if case .scalar = node { return r.string(node, what).map { ($0, [:]) } }
        guard let fields = r.mapping(node, what: "'\(what)'") else { return nil }
        r.rejectUnknown(fields, allowed: Language.allCases.map(\.rawValue), in: "'\(what)'")
        var names: [Language: String] = [:]
        for f in fields {
            if let l = Language(rawValue: f.key), let text = r.string(f.node, f.key) { names[l] = text }
        }
        guard let name = names[language] else {
            r.error(node, "'\(what)' needs its name in the site's default language ('\(language.rawValue)')")
            return nil
        }
        return (name, names)
    }

    private static func readPublish(_ node: Node, _ r: inout YAMLReader) -> PublishSettings {
        var settings = PublishSettings()
        guard let fields = r.mapping(node, what: "'publish'") else { return settings }
        r.rejectUnknown(fields, allowed: ["default", "targets"], in: "'publish'")
        if let f = fields.first(where: { $0.key == "targets" }), let targets = r.mapping(f.node, what: "'targets'") {
            for target in targets {
                guard Slug.isValid(target.key) else {
                    r.error(at: target.keyLocation, "target name '\(target.key)' may hold only lowercase letters, digits and '-'")
                    continue
                }
                if let t = readTarget(target.key, target.node, &r) { settings.targets.append(t) }
            }
        }
        if let f = fields.first(where: { $0.key == "default" }), let name = r.string(f.node, "default") {
            if settings.targets.contains(where: { $0.name == name }) { settings.defaultTarget = name } else {
                r.error(f.node, "default target '\(name)' is not one of the targets")
            }
        }
        return settings
    }

    private static func readTarget(_ name: String, _ node: Node, _ r: inout YAMLReader) -> PublishTarget? {
        if case .scalar = node {
            return r.string(node, name).map { PublishTarget(name: name, destination: $0) }
        }
        guard let fields = r.mapping(node, what: "target '\(name)'") else { return nil }
        r.rejectUnknown(fields, allowed: ["destination", "base_url", "ssh_port", "ssh_identity", "ssh_options", "rsync_options", "allow_commands"],
                        in: "target '\(name)'")
        guard let destField = fields.first(where: { $0.key == "destination" }), let destination = r.string(destField.node, "destination") else {
            r.error(node, "target '\(name)' needs a 'destination' (user@host:/var/www/site/, rsync://host/module/ or a folder)")
            return nil
        }
        var target = PublishTarget(name: name, destination: destination)
        var located: [String: [Located<String>]] = [:]
        for f in fields {
            switch f.key {
            case "base_url":
                if let text = r.string(f.node, "base_url") {
                    target.baseURL = BaseURL(text)
                    if target.baseURL == nil { r.error(f.node, "'base_url' must be an http(s) address") }
                }
            case "ssh_port": target.sshPort = r.int(f.node, "ssh_port", range: 1...65535)
            case "ssh_identity": target.sshIdentity = r.string(f.node, "ssh_identity")
            case "ssh_options", "rsync_options": located[f.key] = r.stringList(f.node, f.key)
            case "allow_commands": target.allowCommands = r.bool(f.node, "allow_commands") ?? false
            default: break
            }
        }
        let ssh = located["ssh_options"] ?? [], rsync = located["rsync_options"] ?? []
        target.sshOptions = ssh.map(\.value)
        target.rsyncOptions = rsync.map(\.value)
        if !target.allowCommands {
            // Refused where written: whoever can edit site.yml would run a program as the account of the timer.
            let found = LocalCommands.ssh(target.sshOptions).map { (ssh[$0.index], $0.why, "ssh_options") }
                + LocalCommands.rsync(target.rsyncOptions).map { (rsync[$0.index], $0.why, "rsync_options") }
            for (word, why, field) in found {
                r.error(at: word.location, """
                '\(word.value)' in \(field) of target '\(name)' runs a command on this machine at every publish (\(why)); \
                if the target needs it, add 'allow_commands: true' to it
                """)
            }
        }
        return target
    }

    private static func readDepartments(_ node: Node, language: Language, _ r: inout YAMLReader) -> [Department] {
        guard case .sequence(let seq) = node else {
            r.error(node, "'departments' must be a list of {slug, name}")
            return []
        }
        var seen = Set<String>()
        return seq.compactMap { element in
            guard let fields = r.mapping(element, what: "a department") else { return nil }
            r.rejectUnknown(fields, allowed: ["slug", "name"], in: "a department")
            let slugField = fields.first { $0.key == "slug" }
            let slug = slugField.flatMap { r.string($0.node, "slug") }
            let names = fields.first { $0.key == "name" }.flatMap { readNames($0.node, "name", language: language, &r) }
            guard let slug, let names else {
                r.error(element, "a department needs 'slug' and 'name'")
                return nil
            }
            guard Slug.isValid(slug) else {
                r.error(slugField!.node, "department slug '\(slug)' may hold only lowercase letters, digits and '-'")
                return nil
            }
            guard seen.insert(slug).inserted else {
                r.error(slugField!.node, "department '\(slug)' is listed twice")
                return nil
            }
            return Department(slug: slug, name: names.name, names: names.translations)
        }
    }
}
