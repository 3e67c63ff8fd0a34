/// The three kinds of content, decided by the folder a file sits in.
public enum ItemKind: String, Sendable, CaseIterable {
    case release = "press"
    case event = "events"
    case page = "pages"
}

/// One Markdown file with its front matter read and checked. Plain values only, so the
/// loaded site can be shared by every rendering task.
public struct Item: Sendable {
    public var kind: ItemKind
    /// Path relative to the site folder.
    public var sourcePath: String
    public var title: String
    public var date: ZonedInstant?
    public var summary: String?
    public var department: String?
    public var tags: [String] = []
    public var author: String?
    /// The item's language (`lang`), when written: its page, feed item and dates speak it.
    public var language: Language?
    /// The item this one translates: `translation_of` as written, or the file beside it without
    /// the language (`rapat.en.md` translates `rapat.md`). `Translations` finds the original.
    public var translationOf: Located<String>?
    public var draft = false
    public var publishAt: ZonedInstant?
    public var expires: ZonedInstant?
    public var slug: String
    public var aliases: [Located<String>] = []
    public var updated: ZonedInstant?
    public var corrections: [Correction] = []
    public var withdrawal: Withdrawal?
    public var contact: Contact?
    public var image: Image?
    public var attachments: [Attachment] = []
    public var event: EventDetails?
    /// Releases only: the release number (`nomor`), the dateline's city when not the site's
    /// (`city`), and notes to editors (`notes_to_editors`, Markdown), shown after the end mark.
    public var number: String?
    public var city: String?
    public var notesToEditors: String?
    /// The links and images of `notesToEditors`, placed at their line and column in the file (not
    /// in the notes' text): checked as the body's are, and the files they name come with the item.
    public var notesLinks: [Markdown.Link] = []
    /// Pages only: position in the site navigation.
    public var menu: Int?
    /// What the Markdown body (after the front matter) holds, read when the file is loaded, and the
    /// file line it starts on. The body itself is not kept: an output that shows it reads the file
    /// again (`ItemBody`).
    public var content: Markdown.Scan
    public var bodyLine: Int
    /// The body already rendered, when a build's load parked it (never kept in the build cache).
    var storedBody: BodyStore.Entry?
    /// Where the item's URL comes from (its `slug`, else its date or start, else the file name):
    /// where a clash of two URLs is reported.
    public var urlLocation: SourceLocation?
    /// Where `date` (a release, a page) or `start` (an event) is written: where a date far from
    /// the build clock is reported.
    public var dateLocation: SourceLocation?
    public var titleLocation: SourceLocation?
    /// The front matter's text (and where the body starts) as one number. Every field but `content`
    /// comes from the front matter, the path and `site.yml`, so two readings of a file with equal
    /// digests differ only in their body: what the preview's quick rebuild (`BodyEdit`) relies on.
    public var frontMatterDigest = 0

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
}
