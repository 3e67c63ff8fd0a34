/// The three kinds of content, decided by the folder a file sits in.
public enum ItemKind: String, Sendable, CaseIterable {
    case release = "press"
    case event = "events"
    case page = "pages"
}

/// One Markdown file with its front matter read and checked. Plain values only, so the
/// loaded site can be shared by every rendering task.
public struct Item: Sendable {
    /// Every field, in one copy-on-write box: an item is copied wherever a catalog entry is read
    /// by value, and copying its forty fields one by one was 2 % of a full build.
    private struct Fields: Sendable {
        var kind: ItemKind
        var sourcePath: String
        var title: String
        var date: ZonedInstant?
        var summary: String?
        var department: String?
        var tags: [String] = []
        var author: String?
        var language: Language?
        var translationOf: Located<String>?
        var draft: Bool = false
        var publishAt: ZonedInstant?
        var expires: ZonedInstant?
        var slug: String
        var aliases: [Located<String>] = []
        var updated: ZonedInstant?
        var corrections: [Correction] = []
        var withdrawal: Withdrawal?
        var contact: Contact?
        var image: Image?
        var attachments: [Attachment] = []
        var event: EventDetails?
        var number: String?
        var city: String?
        var notesToEditors: String?
        var notesLinks: [Markdown.Link] = []
        var menu: Int?
        var content: Markdown.Scan
        var bodyLine: Int
        var storedBody: BodyStore.Entry?
        var urlLocation: SourceLocation?
        var dateLocation: SourceLocation?
        var titleLocation: SourceLocation?
        var frontMatterDigest: Int = 0
    }

    private var fields: CopyOnWrite<Fields>

    public init(kind: ItemKind, sourcePath: String, title: String, slug: String, content: Markdown.Scan, bodyLine: Int) {
        fields = CopyOnWrite(Fields(kind: kind, sourcePath: sourcePath, title: title, slug: slug, content: content, bodyLine: bodyLine))
    }

    public var kind: ItemKind {
        _read { yield fields.value.kind }
        _modify { yield &fields.value.kind }
    }
    /// Path relative to the site folder.
    public var sourcePath: String {
        _read { yield fields.value.sourcePath }
        _modify { yield &fields.value.sourcePath }
    }
    public var title: String {
        _read { yield fields.value.title }
        _modify { yield &fields.value.title }
    }
    public var date: ZonedInstant? {
        _read { yield fields.value.date }
        _modify { yield &fields.value.date }
    }
    public var summary: String? {
        _read { yield fields.value.summary }
        _modify { yield &fields.value.summary }
    }
    public var department: String? {
        _read { yield fields.value.department }
        _modify { yield &fields.value.department }
    }
    public var tags: [String] {
        _read { yield fields.value.tags }
        _modify { yield &fields.value.tags }
    }
    public var author: String? {
        _read { yield fields.value.author }
        _modify { yield &fields.value.author }
    }
    /// The item's language (`lang`), when written: its page, feed item and dates speak it.
    public var language: Language? {
        _read { yield fields.value.language }
        _modify { yield &fields.value.language }
    }
    /// The item this one translates: `translation_of` as written, or the file beside it without
    /// the language (`rapat.en.md` translates `rapat.md`). `Translations` finds the original.
    public var translationOf: Located<String>? {
        _read { yield fields.value.translationOf }
        _modify { yield &fields.value.translationOf }
    }
    public var draft: Bool {
        _read { yield fields.value.draft }
        _modify { yield &fields.value.draft }
    }
    public var publishAt: ZonedInstant? {
        _read { yield fields.value.publishAt }
        _modify { yield &fields.value.publishAt }
    }
    public var expires: ZonedInstant? {
        _read { yield fields.value.expires }
        _modify { yield &fields.value.expires }
    }
    public var slug: String {
        _read { yield fields.value.slug }
        _modify { yield &fields.value.slug }
    }
    public var aliases: [Located<String>] {
        _read { yield fields.value.aliases }
        _modify { yield &fields.value.aliases }
    }
    public var updated: ZonedInstant? {
        _read { yield fields.value.updated }
        _modify { yield &fields.value.updated }
    }
    public var corrections: [Correction] {
        _read { yield fields.value.corrections }
        _modify { yield &fields.value.corrections }
    }
    public var withdrawal: Withdrawal? {
        _read { yield fields.value.withdrawal }
        _modify { yield &fields.value.withdrawal }
    }
    public var contact: Contact? {
        _read { yield fields.value.contact }
        _modify { yield &fields.value.contact }
    }
    public var image: Image? {
        _read { yield fields.value.image }
        _modify { yield &fields.value.image }
    }
    public var attachments: [Attachment] {
        _read { yield fields.value.attachments }
        _modify { yield &fields.value.attachments }
    }
    public var event: EventDetails? {
        _read { yield fields.value.event }
        _modify { yield &fields.value.event }
    }
    /// Releases only: the release number (`nomor`), the dateline's city when not the site's
    /// (`city`), and notes to editors (`notes_to_editors`, Markdown), shown after the end mark.
    public var number: String? {
        _read { yield fields.value.number }
        _modify { yield &fields.value.number }
    }
    public var city: String? {
        _read { yield fields.value.city }
        _modify { yield &fields.value.city }
    }
    public var notesToEditors: String? {
        _read { yield fields.value.notesToEditors }
        _modify { yield &fields.value.notesToEditors }
    }
    /// The links and images of `notesToEditors`, placed at their line and column in the file (not
    /// in the notes' text): checked as the body's are, and the files they name come with the item.
    public var notesLinks: [Markdown.Link] {
        _read { yield fields.value.notesLinks }
        _modify { yield &fields.value.notesLinks }
    }
    /// Pages only: position in the site navigation.
    public var menu: Int? {
        _read { yield fields.value.menu }
        _modify { yield &fields.value.menu }
    }
    /// What the Markdown body (after the front matter) holds, read when the file is loaded, and the
    /// file line it starts on. The body itself is not kept: an output that shows it reads the file
    /// again (`ItemBody`).
    public var content: Markdown.Scan {
        _read { yield fields.value.content }
        _modify { yield &fields.value.content }
    }
    public var bodyLine: Int {
        _read { yield fields.value.bodyLine }
        _modify { yield &fields.value.bodyLine }
    }
    /// The body already rendered, when a build's load parked it (never kept in the build cache).
    var storedBody: BodyStore.Entry? {
        _read { yield fields.value.storedBody }
        _modify { yield &fields.value.storedBody }
    }
    /// Where the item's URL comes from (its `slug`, else its date or start, else the file name):
    /// where a clash of two URLs is reported.
    public var urlLocation: SourceLocation? {
        _read { yield fields.value.urlLocation }
        _modify { yield &fields.value.urlLocation }
    }
    /// Where `date` (a release, a page) or `start` (an event) is written: where a date far from
    /// the build clock is reported.
    public var dateLocation: SourceLocation? {
        _read { yield fields.value.dateLocation }
        _modify { yield &fields.value.dateLocation }
    }
    public var titleLocation: SourceLocation? {
        _read { yield fields.value.titleLocation }
        _modify { yield &fields.value.titleLocation }
    }
    /// The front matter's text (and where the body starts) as one number. Every field but `content`
    /// comes from the front matter, the path and `site.yml`, so two readings of a file with equal
    /// digests differ only in their body: what the preview's quick rebuild (`BodyEdit`) relies on.
    public var frontMatterDigest: Int {
        _read { yield fields.value.frontMatterDigest }
        _modify { yield &fields.value.frontMatterDigest }
    }

    /// The instant an item counts as published: its embargo if it has one, else its date.
    public var publishedAt: ZonedInstant? { publishAt ?? date }

    /// The publication date readers are shown (pages, feeds, structured data, sitemap): `date`, or
    /// `publish_at` when the embargo lifted later, since that is when the item went public.
    public var publicationDate: ZonedInstant? {
        guard let date else { return nil }
        if let publishAt, publishAt > date { return publishAt }
        return date
    }

    /// The language the item is written in: its own, else the site's.
    public func language(_ config: SiteConfig) -> Language { language ?? config.language }

    /// The date that orders the item in mixed listings and feeds.
    public var sortDate: ZonedInstant? { publicationDate ?? publishAt ?? event?.start }
}

public struct Located<Value: Sendable>: Sendable {
    public let value: Value
    public let location: SourceLocation?
}

public struct Correction: Sendable {
    public var date: ZonedInstant
    public var note: String
}

public struct Image: Sendable {
    /// Link previews (Facebook, WhatsApp, X) show PNG, JPEG, GIF or WebP, never SVG.
    public var isPreviewable: Bool {
        let path = src.prefix { $0 != "?" && $0 != "#" }.lowercased()
        return !path.hasSuffix(".svg") && !path.hasSuffix(".svgz")
    }

    public var src: String
    public var alt: String
    /// Shown under the image (`figcaption`), the credit after it ("Foto: …").
    public var caption: String?
    public var credit: String?
    public var location: SourceLocation?
}

public struct Attachment: Sendable {
    /// Site path of the file, e.g. `lampiran/jadwal.pdf`.
    public var file: String
    public var title: String
    public var location: SourceLocation?
}

public enum EventStatus: String, Sendable, CaseIterable {
    case scheduled, cancelled, postponed, rescheduled
}

public struct EventDetails: Sendable {
    public var start: ZonedInstant
    public var end: ZonedInstant?
    public var allDay = false
    /// No set end ("s/d selesai"): the event lasts until it is over, counted as the end of its day.
    public var openEnd = false
    /// Set for a repeating event (`repeat:`); `start` is then the first occurrence.
    public var recurrence: Recurrence?
    public var location: Location?
    public var status: EventStatus = .scheduled
    public var previousStart: ZonedInstant?
    public var organizer: String?
    public var registration: Registration?

    /// When the event is over: its end, the end of its last day when all-day or open-ended, else its start.
    public var finish: ZonedInstant {
        if openEnd {
            let c = start.civil
            return ZonedInstant(seconds: start.seconds + Int64(86_400 - (c.hour * 3600 + c.minute * 60 + c.second)), offset: start.offset)
        }
        if allDay {
            let last = end ?? start
            return ZonedInstant(seconds: last.seconds + 86_400, offset: last.offset)
        }
        return end ?? start
    }
}

public struct Location: Sendable {
    public var name: String
    public var address: String?
    public var map: String?
}

public struct Registration: Sendable {
    public var url: String?
    public var note: String?
    /// Where `url` is written: a link to the site's own address is checked like a body link.
    public var urlLocation: SourceLocation?
}
