import Glibc

/// The writing desk's files: where a new item goes, what an edit writes, and the checks a save must
/// pass before anything is written (the loader's, and the build's checks of the whole site with the
/// new text in place).
public enum DeskDocument {
    /// The largest text the build reads.
    public static let maxTextSize = ItemLoader.maxFileSize

    /// A refusal, in words for the writer.
    public struct Refusal: Error, Sendable {
        public let message: String
        public init(_ message: String) { self.message = message }
    }

    /// A path the desk may write: `content/press/…`, `content/events/…` or `content/pages/…`, ending
    /// in `.md`, no hidden, `.` or `..` segment, its folder really inside `content/` (symlinks
    /// resolved) and the file itself no symlink.
    public struct Target: Sendable {
        public let path: String
        public let kind: ItemKind
        public let full: String
    }

    public static func target(root: String, path: String) -> Target? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count >= 3, segments[0] == "content", let kind = ItemKind(rawValue: String(segments[1])),
              path.hasSuffix(".md"), !path.utf8.contains(0), !path.contains("\\"),
              segments.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && $0.utf8.count <= 255 }) else { return nil }
        guard let realRoot = PosixFile.realPath(root), let content = PosixFile.realPath(root + "/content"),
              content == realRoot + "/content" else { return nil }
        let full = root + "/" + path
        let folder = String(full[..<full.lastIndex(of: "/")!])
        guard let realFolder = PosixFile.realPath(folder), realFolder == content + "/" + segments.dropFirst().dropLast().joined(separator: "/") else {
            return nil
        }
        if let kind = PosixFile.kind(full, followLinks: false), kind != .file { return nil }
        return Target(path: path, kind: kind, full: full)
    }

    /// The form of a new item: `date` (and an event's `start`) now, to the minute, and the body
    /// `warta new` starts with.
    public static func blank(_ kind: ItemKind, config: SiteConfig, now: ZonedInstant) -> DeskForm {
        let today = NewItem.minute(config.timeZone.local(now))
        var form = DeskForm(kind: kind, body: NewItemText.body(kind, en: config.language == .en, dateline: config.release.city != nil))
        let picker = DeskFields.pickerText(NewItem.text(today.civil, time: true), zone: config.timeZone)
        if kind != .page { form.values["date"] = picker }
        if kind == .event { form.values["start"] = picker }
        // A draft until the writer says it is ready ("Siap terbit").
        form.values["draft"] = "true"
        return form
    }

    /// The form as an existing file fills it (nil when the file has no front matter that reads as YAML).
    public static func form(_ bytes: [UInt8], kind: ItemKind, config: SiteConfig) -> DeskForm? {
        guard let parts = FrontMatterEdit.parts(bytes),
              let values = DeskFields.read(yaml: parts.yaml, kind: kind, zone: config.timeZone) else { return nil }
        return DeskForm(kind: kind, values: values, body: parts.body)
    }

    /// A whole text typed by the writer (the desk's plain editor for a file the form cannot read),
    /// with the line breaks the file on disk has.
    public static func text(_ typed: String, like original: [UInt8]) -> [UInt8] {
        let crlf = String(decoding: original.prefix(4096), as: UTF8.self).contains("\r\n")
        return Array(typed.withLineBreaks(crlf: crlf).utf8)
    }

    /// An existing file with the fields the writer changed rewritten (see `FrontMatterEdit`); the
    /// body is kept byte for byte unless the writer changed it.
    public static func edited(_ original: [UInt8], kind: ItemKind, posted: DeskForm, config: SiteConfig) -> [UInt8]? {
        guard let before = form(original, kind: kind, config: config) else { return nil }
        let changes = DeskFields.changes(from: before, to: posted)
        // A browser sends a text area's line breaks as CRLF: compared as lines, written as the file has them.
        let crlf = before.body.contains("\r\n")
        let postedBody = lines(posted.body, crlf: crlf)
        let body = postedBody == before.body || lines(postedBody, crlf: false) == lines(before.body, crlf: false) ? nil : postedBody
        return FrontMatterEdit.file(original, yaml: { FrontMatterEdit.apply($0, changes) }, body: body)
    }

    static func lines(_ text: String, crlf: Bool) -> String { text.withLineBreaks(crlf: crlf) }

    /// A new file: named as `warta new` names it (date, then the slug of the title, numbered past
    /// the slugs in use), in the text `warta new` writes, with the form's fields and body in it.
    public static func created(_ posted: DeskForm, site: Site, now: ZonedInstant) throws(Refusal) -> (path: String, bytes: [UInt8]) {
        let config = site.config
        let zone = config.timeZone
        let title = posted["title"]
        guard !title.isEmpty else { throw Refusal(config.language == .en ? "The title is empty." : "Judul masih kosong.") }
        var request = NewItem.Request(kind: posted.kind, title: title, now: now)
        let handSlug = posted["slug"]
        if !handSlug.isEmpty { request.slug = handSlug }
        let slug: String
        do { slug = try NewItem.slug(for: request, title: title, site: site) } catch { throw Refusal(error.message) }
        let dated = posted.kind == .release ? posted["date"] : posted.kind == .event ? posted["start"] : ""
        var prefix = ""
        if !dated.isEmpty {
            guard let value = DateValue.parse(dated) else {
                throw Refusal(config.language == .en ? "The date '\(dated)' is not a date." : "Tanggal '\(dated)' tidak terbaca.")
            }
            prefix = value.instant(in: zone).civil.dateString + "-"
        }
        let path = "content/\(posted.kind.rawValue)/\(prefix)\(slug).md"
        let today = NewItem.minute(zone.local(now))
        let allDay = posted["all_day"] == "true"
        let fields = NewItemText.Fields(
            kind: posted.kind, title: title,
            date: posted.kind == .page || posted["date"].isEmpty ? nil : DeskFields.dateText(posted["date"], dateOnly: false),
            start: posted.kind == .event && !posted["start"].isEmpty ? DeskFields.dateText(posted["start"], dateOnly: allDay) : nil,
            allDay: allDay, department: posted["department"].isEmpty ? nil : NewItemText.scalar(posted["department"]),
            slug: handSlug.isEmpty ? nil : NewItemText.scalar(handSlug), draft: posted["draft"] == "true", today: today)
        let template = Array(NewItemText.file(fields, config: config).utf8)
        // The template holds what `warta new` fills; the rest of the form is added as an edit of it.
        guard let filled = form(template, kind: posted.kind, config: config) else { throw Refusal("internal: the new file's text has no front matter") }
        var withTemplateBody = posted
        withTemplateBody.body = filled.body
        let changes = DeskFields.changes(from: filled, to: withTemplateBody)
        let body = lines(posted.body, crlf: false)
        guard let bytes = FrontMatterEdit.file(template, yaml: { FrontMatterEdit.apply($0, changes) }, body: body) else {
            throw Refusal("internal: the new file's text has no front matter")
        }
        return (path, bytes)
    }
}

extension String {
    /// CRLF (and a lone CR) as LF, or every line break as CRLF.
    func withLineBreaks(crlf: Bool) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" { previousCR = true; continue }
            if previousCR && scalar != "\n" { out.append(contentsOf: crlf ? ["\r", "\n"] : ["\n"]) }
            previousCR = false
            if scalar == "\n", crlf { out.append("\r") }
            out.append(scalar)
        }
        if previousCR { out.append(contentsOf: crlf ? ["\r", "\n"] : ["\n"]) }
        return String(out)
    }
}
