import Yams

/// Reads one content file into an `Item`, collecting every problem in it.
struct ItemLoader {
    let config: SiteConfig
    /// Where bodies are rendered to as they are read (a build's load); nil: only scanned.
    var bodies: BodyStore? = nil

    /// The keys of a correction and of an attachment, from the table of fields.
    static let correctionParts = FieldTable["corrections"].partNames
    static let attachmentParts = FieldTable["attachments"].partNames

    /// A content file larger than this is refused unread (README, "Limits"): a press release is a
    /// few kilobytes, and a runaway file must not stall the build or the preview.
    static let maxFileSize = 4 << 20

    func load(bytes: [UInt8], path: String, kind: ItemKind) -> (Item?, [Diagnostic]) {
        let opened = FrontMatter.read(bytes, path: path, zone: config.timeZone)
        guard let (front, fields) = opened.parsed else { return (nil, opened.problems) }
        var r = opened.reader
        r.rejectUnknown(fields, allowed: FieldTable.names(kind), in: kind == .event ? "an event" : kind == .page ? "a page" : "a press release")

        // With a store, one parse serves the checks and the page (see `BodyStore`).
        let parked = bodies.map { Markdown.park(front.bodyBytes, plainText: kind == .release, in: $0) }
        var item = Item(kind: kind, sourcePath: path, title: "", slug: Self.defaultSlug(path: path),
                        content: parked?.scan ?? Markdown.scan(front.body), bodyLine: front.bodyLine)
        item.storedBody = parked?.stored
        if let refusal = item.content.refusal {
            r.error(at: SourceLocation(line: front.bodyLine + refusal.line - 1, column: refusal.column), refusal.message)
        }
        item.frontMatterDigest = front.digest
        var slugSeen = false
        var titleSeen = false
        var startSeen = false
        var dateSeen = false
        var eventFields: [String: YAMLReader.Field] = [:]
        var withdrawalLocation: SourceLocation?
        var notesNode: Node?
        var slips: [Diagnostic] = []
        for field in fields where !YAMLReader.isNull(field.node) || field.key == "title" {
            let node = field.node
            switch field.key {
            case "title":
                titleSeen = true
                if YAMLReader.isNull(node) { r.error(node, "'title' is empty") } else { item.title = Markdown.smartPunctuation(r.string(node, "title") ?? "") }
                if let slip = SilentSlips.cutTitle(node, yaml: front.yaml, firstLine: front.yamlLine, path: path) { slips.append(slip) }
            case "date": dateSeen = true; item.date = r.instant(node, "date")
            case "summary": item.summary = r.string(node, "summary").map(Markdown.smartPunctuation)
            case "department":
                if let slug = r.string(node, "department") {
                    if config.department(slug: slug) == nil {
                        r.error(node, DepartmentAdvice.unknown(slug, departments: config.departments))
                    } else {
                        item.department = slug
                    }
                }
            case "tags":
                item.tags = r.stringList(node, "tags").map(\.value)
                if let slip = SilentSlips.commaTags(node, location: r.location(node), path: path) { slips.append(slip) }
            case "author": item.author = r.string(node, "author")
            case "draft": item.draft = r.bool(node, "draft") ?? false
            case "publish_at": item.publishAt = r.instant(node, "publish_at")
            case "expires": item.expires = r.instant(node, "expires")
            case "slug":
                if let slug = r.string(node, "slug") {
                    slugSeen = true
                    item.urlLocation = r.location(node)
                    if Slug.isValid(slug) { item.slug = slug } else {
                        r.error(node, "'slug' may hold only lowercase letters, digits and '-': '\(slug)'")
                    }
                }
            case "aliases": item.aliases = aliases(node, &r)
            case "updated": item.updated = r.instant(node, "updated")
            case "corrections": item.corrections = corrections(node, &r)
            case "withdrawn":
                if let (withdrawal, location) = WithdrawalReader.read(node, &r) {
                    item.withdrawal = withdrawal
                    withdrawalLocation = location
                }
            case "contact": item.contact = ContactReader.read(node, "contact", &r)
            case "image": item.image = ImageReader.read(node, "image", path: path, captions: true, &r)
            case "lang":
                if let code = r.string(node, "lang") {
                    if let language = Language(rawValue: code) { item.language = language } else {
                        r.error(node, "unknown language '\(code)'; use 'id' or 'en'")
                    }
                }
            case "translation_of":
                if let written = r.string(node, "translation_of") { item.translationOf = Located(value: written, location: r.location(node)) }
            case "nomor": item.number = r.string(node, "nomor")
            case "city": item.city = r.string(node, "city")
            case "notes_to_editors":
                if let notes = r.string(node, "notes_to_editors") {
                    item.notesToEditors = notes
                    notesNode = node
                }
            case "attachments": item.attachments = attachments(node, &r)
            case "menu": item.menu = r.int(node, "menu", range: 0...1000)
            default: eventFields[field.key] = field
            }
        }
        if !titleSeen { r.error(at: nil, "missing required field 'title'") }
        if !item.draft {
            // Text left from the scaffold would go out as the release's own.
            for left in NewItemText.leftovers(in: front.bodyBytes) {
                r.error(at: SourceLocation(line: front.bodyLine + left.line - 1, column: left.column), NewItemText.leftoverMessage(kind))
            }
        }
        // `rapat.en.md` is the English of `rapat.md` beside it: its language and its original come from its name.
        if let (original, language) = Self.translationName(path) {
            if let own = item.language, own != language {
                r.error(at: fields.first { $0.key == "lang" }.flatMap { r.location($0.node) },
                        "'lang' is '\(own.rawValue)' but the file name says '\(language.rawValue)'; drop 'lang' or rename the file")
            }
            item.language = language
            if let written = item.translationOf {
                r.error(at: written.location, "the file name already makes this the translation of '\(original)'; drop 'translation_of' or rename the file")
            } else {
                item.translationOf = Located(value: original, location: SourceLocation(line: 1, column: 1))
            }
        }
        item.titleLocation = fields.first { $0.key == "title" }.flatMap { r.location($0.node) }
        item.dateLocation = fields.first { $0.key == (kind == .event ? "start" : "date") }.flatMap { r.location($0.node) }
        if !slugSeen {
            if item.slug.isEmpty {
                r.error(at: SourceLocation(line: 1, column: 1), """
                the file name gives no URL (it has no Latin letters or digits): rename the file, or add a line \
                such as 'slug: rapat-paripurna'
                """)
            }
            // The month in a dated URL comes from the date (releases) or the start (events).
            let dateKey = kind == .release ? "date" : kind == .event ? "start" : nil
            item.urlLocation = fields.first { $0.key == dateKey }.flatMap { r.location($0.node) } ?? SourceLocation(line: 1, column: 1)
        }
        if kind == .release && !dateSeen { r.error(at: nil, "missing required field 'date' (a press release needs its date)") }
        if kind == .event {
            item.event = EventReader.read(eventFields, &r)
            startSeen = item.event != nil
            if !startSeen && !r.diagnostics.contains(where: { $0.message.contains("'start'") }) {
                r.error(at: nil, "missing required field 'start' (an event needs its start date)")
            }
        }
        if let updated = item.updated, let date = item.date, updated < date {
            r.error(at: fields.first { $0.key == "updated" }.flatMap { r.location($0.node) }, "'updated' (\(updated)) is before 'date' (\(date))")
        }
        if let date = item.date, let publishAt = item.publishAt, publishAt < date {
            r.error(at: fields.first { $0.key == "publish_at" }.flatMap { r.location($0.node) }, """
            'publish_at' (\(publishAt)) is before 'date' (\(date)); an embargo can only hold an item back: \
            set 'publish_at' to when it may go public, at or after 'date'
            """)
        }
        if let expires = item.expires, let published = item.publishedAt, expires <= published {
            let from = item.publishAt != nil ? "publish_at" : "date"
            r.error(at: fields.first { $0.key == "expires" }.flatMap { r.location($0.node) }, """
            'expires' (\(expires)) is not after '\(from)' (\(published)): the item would go public already expired, \
            unlisted and hidden from search engines; set 'expires' to a later time or drop it
            """)
        }
        if let withdrawal = item.withdrawal, let published = item.publishedAt, withdrawal.date < published {
            r.error(at: withdrawalLocation, """
            'withdrawn' date (\(withdrawal.date)) is before the item went public (\(published)); \
            write the date and the time of day it was withdrawn
            """)
        }
        var warnings = slips + RawHTMLCheck.diagnostics(item.content.rawHTML, path: path, bodyLine: front.bodyLine)
        if kind == .release, let slip = SilentSlips.handTypedEndMark(body: front.bodyBytes, bodyLine: front.bodyLine, path: path) { warnings.append(slip) }
        for image in item.content.imagesWithoutAlt {
            warnings.append(Diagnostic(path, line: front.bodyLine + image.line - 1, column: image.column, severity: .warning, """
            image \(image.destination) has no alt text: write what it shows between the brackets, ![Wali kota membuka rapat](\(image.destination)), \
            for readers who cannot see it
            """))
        }
        if let notes = item.notesToEditors, let notesNode {
            // Placed in the file once, here, where its YAML is at hand: the link check reads them.
            let rendered = Markdown.render(notes)
            if let refusal = rendered.scan.refusal { r.error(notesNode, "'notes_to_editors': " + refusal.message) }
            func located(_ pieces: [Markdown.Link]) -> [Markdown.Link] {
                FieldMarkdown.locate(pieces, node: notesNode, yaml: front.yaml, firstLine: front.yamlLine)
            }
            item.notesLinks = located(rendered.links)
            warnings += RawHTMLCheck.diagnostics(located(rendered.rawHTML), path: path, bodyLine: 1)
        }
        if let warning = BidiControls.warning(item.title, path: path, at: item.titleLocation, field: "title") { warnings.append(warning) }
        if kind == .release, let warning = Dateline.writtenByHand(item, config: config, body: front.body, bodyLine: front.bodyLine) {
            warnings.append(warning)
        }
        if let date = item.date, let publishAt = item.publishAt, abs(publishAt.seconds - date.seconds) > 86_400 {
            // Pages show the later of the two as the publication date: a day apart is most likely a typo.
            warnings.append(Diagnostic(path, at: fields.first { $0.key == "date" }.flatMap { r.location($0.node) }, severity: .warning, """
            'date' (\(date)) is more than a day away from 'publish_at' (\(publishAt)); readers are shown \
            \(item.publicationDate ?? date) as the publication date
            """))
        }
        let failed = !r.diagnostics.isEmpty || warnings.contains { $0.severity == .error }
        return (failed ? nil : item, r.diagnostics + warnings)
    }

    /// `2023-02-14-pawai-budaya.md` -> `pawai-budaya`; a date prefix is for sorting files, not for URLs.
    static func defaultSlug(path: String) -> String {
        // By UTF-8 bytes: `/` and `.md` are ASCII, and splitting by characters was 1 % of a build.
        let u = path.utf8
        var name = path[(u.lastIndex(of: UInt8(ascii: "/")).map { u.index(after: $0) } ?? u.startIndex)...]
        if name.utf8.count >= 3, name.utf8.suffix(3).elementsEqual(".md".utf8) { name = name.dropLast(3) }
        // A translation takes its original's slug (in its own language's tree).
        if let (_, language) = translationName(path) { name = name.dropLast(language.rawValue.count + 1) }
        let b = Array(name.utf8)
        if b.count > 11, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "-"),
           b[0..<4].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            name = name.dropFirst(11)
        }
        return Slug.make(String(name))
    }

    /// `content/press/rapat.en.md` -> (`content/press/rapat.md`, English); nil for a name without a
    /// language code before `.md`. Only known codes count: `laporan.v2.md` is a file of its own.
    static func translationName(_ path: String) -> (original: String, language: Language)? {
        let u = path.utf8
        guard u.count >= 3, u.suffix(3).elementsEqual(".md".utf8) else { return nil }
        let stemEnd = u.index(u.endIndex, offsetBy: -3)
        guard let dot = u[..<stemEnd].lastIndex(of: UInt8(ascii: ".")), !u[dot..<stemEnd].contains(UInt8(ascii: "/")),
              let language = Language(rawValue: String(path[u.index(after: dot)..<stemEnd])) else { return nil }
        let base = path[..<dot]
        guard !base.isEmpty, base.utf8.last != UInt8(ascii: "/") else { return nil }
        return (base + ".md", language)
    }

    /// A file named in front matter, as a site path: `/lampiran/a.pdf` from the content root, any
    /// other path from the Markdown file's own folder. Nil when it would leave `content/`.
    static func sitePath(_ written: String, from itemPath: String) -> String? {
        // Drop "content/" and the file name: the Markdown file's own folder.
        let folder = itemPath.split(separator: "/").dropFirst().dropLast().joined(separator: "/")
        return FileReferences.normalised(written.hasPrefix("/") || folder.isEmpty ? written : folder + "/" + written)
    }


    private func aliases(_ node: Node, _ r: inout YAMLReader) -> [Located<String>] {
        r.stringList(node, "aliases").compactMap { alias in
            let path = alias.value
            // Every segment must be a real name: `.`, `..` and empty segments make a second spelling
            // of another URL (`/./` is the home page), never a page of their own.
            let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
            let trailing = segments.last == "" ? segments.dropLast() : segments[...]
            guard path.hasPrefix("/"), !path.contains("?"), !path.contains("#"), !path.contains(" "), !path.contains("\\") else {
                r.error(at: alias.location, "alias '\(path)' must be a path on this site such as /berita/lama/")
                return nil
            }
            guard !trailing.isEmpty, trailing.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
                r.error(at: alias.location, """
                alias '\(path)' names \(trailing.isEmpty ? "the home page" : "another URL (it has an empty, '.' or '..' part)"); \
                write the old address in full, such as /berita/lama/
                """)
                return nil
            }
            // Warta's own files in the output and the site folder (`.warta-output`, `.warta/`) are
            // never served nor replaced by a page.
            if let own = trailing.first(where: { $0.hasPrefix(".warta") }) {
                r.error(at: alias.location, "alias '\(path)' is under /\(own)/, which is reserved by Warta; write the old address as it was on the old site")
                return nil
            }
            return alias
        }
    }

    private func corrections(_ node: Node, _ r: inout YAMLReader) -> [Correction] {
        guard case .sequence(let seq) = node else {
            r.error(node, """
            'corrections' must be a list of {date, note}, each starting with '- ', e.g.
            corrections:
              - date: 2023-02-22 10:00
                note: The speaker's name was corrected.
            """)
            return []
        }
        return seq.compactMap { element in
            guard let fields = r.mapping(element, what: "a correction") else { return nil }
            r.rejectUnknown(fields, allowed: Self.correctionParts, in: "a correction")
            let date = fields.first { $0.key == "date" }.flatMap { r.instant($0.node, "date") }
            let note = fields.first { $0.key == "note" }.flatMap { r.string($0.node, "note") }
            guard let date, let note else {
                r.error(element, "a correction needs both 'date' and 'note'")
                return nil
            }
            return Correction(date: date, note: note)
        }
    }

    private func attachments(_ node: Node, _ r: inout YAMLReader) -> [Attachment] {
        guard case .sequence(let seq) = node else {
            r.error(node, "'attachments' must be a list of {file, title}")
            return []
        }
        return seq.compactMap { element in
            guard let fields = r.mapping(element, what: "an attachment") else { return nil }
            r.rejectUnknown(fields, allowed: Self.attachmentParts, in: "an attachment")
            guard let fileField = fields.first(where: { $0.key == "file" }), let file = r.string(fileField.node, "file") else {
                r.error(element, "an attachment needs 'file'")
                return nil
            }
            let title = fields.first { $0.key == "title" }.flatMap { r.string($0.node, "title") }
            guard let sitePath = Self.sitePath(file, from: r.path) else {
                r.error(fileField.node, "attachment '\(file)' must be a file under content/")
                return nil
            }
            return Attachment(file: sitePath, title: title ?? String(file.split(separator: "/").last ?? ""),
                              location: r.location(fileField.node))
        }
    }
}
