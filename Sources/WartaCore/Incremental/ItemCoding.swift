/// How an `Item` is kept in the build cache: as in memory, without its body, which the renderer
/// reads from the file when an output shows it.
extension CacheWriter {
    mutating func item(_ item: Item) {
        string(item.kind.rawValue)
        string(item.sourcePath)
        string(item.title)
        optional(item.date) { $0.instant($1) }
        optional(item.summary) { $0.string($1) }
        optional(item.department) { $0.string($1) }
        array(item.tags) { $0.string($1) }
        optional(item.author) { $0.string($1) }
        bool(item.draft)
        optional(item.publishAt) { $0.instant($1) }
        optional(item.expires) { $0.instant($1) }
        string(item.slug)
        array(item.aliases) { w, a in
            w.string(a.value)
            w.optional(a.location) { $0.location($1) }
        }
        optional(item.updated) { $0.instant($1) }
        array(item.corrections) { w, c in
            w.instant(c.date)
            w.string(c.note)
        }
        optional(item.withdrawal) { w, withdrawal in
            w.instant(withdrawal.date)
            w.string(withdrawal.reason)
            w.bool(withdrawal.hideBody)
        }
        optional(item.contact) { $0.contact($1) }
        optional(item.image) { w, image in
            w.string(image.src)
            w.string(image.alt)
            w.optional(image.caption) { $0.string($1) }
            w.optional(image.credit) { $0.string($1) }
            w.optional(image.location) { $0.location($1) }
        }
        array(item.attachments) { w, a in
            w.string(a.file)
            w.string(a.title)
            w.optional(a.location) { $0.location($1) }
        }
        optional(item.event) { $0.event($1) }
        optional(item.menu) { $0.int($1) }
        optional(item.language) { $0.string($1.rawValue) }
        optional(item.translationOf) { w, t in
            w.string(t.value)
            w.optional(t.location) { $0.location($1) }
        }
        optional(item.number) { $0.string($1) }
        optional(item.city) { $0.string($1) }
        optional(item.notesToEditors) { $0.string($1) }
        array(item.notesLinks) { $0.link($1) }
        string(item.content.firstParagraph)
        array(item.content.links) { $0.link($1) }
        int(item.bodyLine)
        optional(item.urlLocation) { $0.location($1) }
        optional(item.dateLocation) { $0.location($1) }
        optional(item.titleLocation) { $0.location($1) }
        int(item.frontMatterDigest)
    }

    mutating func instant(_ t: ZonedInstant) {
        int(Int(t.seconds))
        int(Int(t.offset))
    }

    mutating func location(_ l: SourceLocation) {
        int(l.line)
        int(l.column)
    }

    mutating func link(_ link: Markdown.Link) {
        string(link.destination)
        bool(link.isImage)
        int(link.line)
        int(link.column)
    }

    mutating func contact(_ c: Contact) {
        for field in [c.name, c.role, c.address, c.phone, c.email] { optional(field) { $0.string($1) } }
    }

    mutating func event(_ e: EventDetails) {
        instant(e.start)
        optional(e.end) { $0.instant($1) }
        bool(e.allDay)
        bool(e.openEnd)
        optional(e.recurrence) { w, r in
            w.string(r.frequency.rawValue)
            w.array(r.weekdays) { $0.int($1) }
            w.optional(r.ordinal) { $0.int($1) }
            w.optional(r.until) { $0.int(Int($1)) }
            w.array(r.except) { $0.int(Int($1)) }
        }
        optional(e.location) { w, l in
            w.string(l.name)
            w.optional(l.address) { $0.string($1) }
            w.optional(l.map) { $0.string($1) }
        }
        string(e.status.rawValue)
        optional(e.previousStart) { $0.instant($1) }
        optional(e.organizer) { $0.string($1) }
        optional(e.registration) { w, r in
            w.optional(r.url) { $0.string($1) }
            w.optional(r.note) { $0.string($1) }
            w.optional(r.urlLocation) { $0.location($1) }
        }
    }
}

extension CacheReader {
    mutating func item() throws(Corrupt) -> Item {
        guard let kind = ItemKind(rawValue: try string()) else { throw Corrupt() }
        let sourcePath = try string()
        let title = try string()
        let date = try optional { r throws(Corrupt) in try r.instant() }
        let summary = try optional { r throws(Corrupt) in try r.string() }
        let department = try optional { r throws(Corrupt) in try r.string() }
        let tags = try array { r throws(Corrupt) in try r.string() }
        let author = try optional { r throws(Corrupt) in try r.string() }
        let draft = try bool()
        let publishAt = try optional { r throws(Corrupt) in try r.instant() }
        let expires = try optional { r throws(Corrupt) in try r.instant() }
        let slug = try string()
        let aliases = try array { r throws(Corrupt) in
            Located(value: try r.string(), location: try r.optional { r throws(Corrupt) in try r.location() })
        }
        let updated = try optional { r throws(Corrupt) in try r.instant() }
        let corrections = try array { r throws(Corrupt) in Correction(date: try r.instant(), note: try r.string()) }
        let withdrawal = try optional { r throws(Corrupt) in
            Withdrawal(date: try r.instant(), reason: try r.string(), hideBody: try r.bool())
        }
        let contact = try optional { r throws(Corrupt) in try r.contact() }
        let image = try optional { r throws(Corrupt) in
            Image(src: try r.string(), alt: try r.string(), caption: try r.optional { r throws(Corrupt) in try r.string() },
                  credit: try r.optional { r throws(Corrupt) in try r.string() }, location: try r.optional { r throws(Corrupt) in try r.location() })
        }
        let attachments = try array { r throws(Corrupt) in
            Attachment(file: try r.string(), title: try r.string(), location: try r.optional { r throws(Corrupt) in try r.location() })
        }
        let event = try optional { r throws(Corrupt) in try r.event() }
        let menu = try optional { r throws(Corrupt) in try r.int() }
        let language = try optional { r throws(Corrupt) in
            guard let language = Language(rawValue: try r.string()) else { throw Corrupt() }
            return language
        }
        let translationOf = try optional { r throws(Corrupt) in
            Located(value: try r.string(), location: try r.optional { r throws(Corrupt) in try r.location() })
        }
        let number = try optional { r throws(Corrupt) in try r.string() }
        let city = try optional { r throws(Corrupt) in try r.string() }
        let notesToEditors = try optional { r throws(Corrupt) in try r.string() }
        let notesLinks = try array { r throws(Corrupt) in try r.link() }
        let firstParagraph = try string()
        let links = try array { r throws(Corrupt) in try r.link() }
        let bodyLine = try int()
        let urlLocation = try optional { r throws(Corrupt) in try r.location() }
        let dateLocation = try optional { r throws(Corrupt) in try r.location() }
        let titleLocation = try optional { r throws(Corrupt) in try r.location() }
        let frontMatterDigest = try int()
        var item = Item(kind: kind, sourcePath: sourcePath, title: title, slug: slug,
                        content: Markdown.Scan(firstParagraph: firstParagraph, links: links), bodyLine: bodyLine)
        item.date = date
        item.summary = summary
        item.department = department
        item.tags = tags
        item.author = author
        item.draft = draft
        item.publishAt = publishAt
        item.expires = expires
        item.aliases = aliases
        item.updated = updated
        item.corrections = corrections
        item.withdrawal = withdrawal
        item.contact = contact
        item.image = image
        item.attachments = attachments
        item.event = event
        item.menu = menu
        item.language = language
        item.translationOf = translationOf
        item.number = number
        item.city = city
        item.notesToEditors = notesToEditors
        item.notesLinks = notesLinks
        item.urlLocation = urlLocation
        item.dateLocation = dateLocation
        item.titleLocation = titleLocation
        item.frontMatterDigest = frontMatterDigest
        return item
    }

    mutating func instant() throws(Corrupt) -> ZonedInstant {
        ZonedInstant(seconds: Int64(try int()), offset: Int32(truncatingIfNeeded: try int()))
    }

    mutating func location() throws(Corrupt) -> SourceLocation {
        SourceLocation(line: try int(), column: try int())
    }

    mutating func link() throws(Corrupt) -> Markdown.Link {
        Markdown.Link(destination: try string(), isImage: try bool(), line: try int(), column: try int())
    }

    mutating func contact() throws(Corrupt) -> Contact {
        var fields: [String?] = []
        for _ in 0..<5 { fields.append(try optional { r throws(Corrupt) in try r.string() }) }
        return Contact(name: fields[0], role: fields[1], address: fields[2], phone: fields[3], email: fields[4])
    }

    mutating func event() throws(Corrupt) -> EventDetails {
        let start = try instant()
        var e = EventDetails(start: start)
        e.end = try optional { r throws(Corrupt) in try r.instant() }
        e.allDay = try bool()
        e.openEnd = try bool()
        e.recurrence = try optional { r throws(Corrupt) in
            guard let frequency = Recurrence.Frequency(rawValue: try r.string()) else { throw Corrupt() }
            var recurrence = Recurrence(frequency: frequency, weekdays: try r.array { r throws(Corrupt) in try r.int() })
            recurrence.ordinal = try r.optional { r throws(Corrupt) in try r.int() }
            recurrence.until = try r.optional { r throws(Corrupt) in Int64(try r.int()) }
            recurrence.except = try r.array { r throws(Corrupt) in Int64(try r.int()) }
            return recurrence
        }
        e.location = try optional { r throws(Corrupt) in
            Location(name: try r.string(), address: try r.optional { r throws(Corrupt) in try r.string() },
                     map: try r.optional { r throws(Corrupt) in try r.string() })
        }
        guard let status = EventStatus(rawValue: try string()) else { throw Corrupt() }
        e.status = status
        e.previousStart = try optional { r throws(Corrupt) in try r.instant() }
        e.organizer = try optional { r throws(Corrupt) in try r.string() }
        e.registration = try optional { r throws(Corrupt) in
            Registration(url: try r.optional { r throws(Corrupt) in try r.string() }, note: try r.optional { r throws(Corrupt) in try r.string() },
                         urlLocation: try r.optional { r throws(Corrupt) in try r.location() })
        }
        return e
    }
}
