import Glibc

/// `warta new`: a new release, event or page, written where the build looks for it, with a URL
/// no other item has, and read back by the loader before it is written, so it builds unedited.
public enum NewItem {
    public struct Request: Sendable {
        public var kind: ItemKind
        public var title: String
        /// The clock: "today" for the file name and `date`.
        public var now: ZonedInstant
        public var department: String?
        /// `date` as written on the command line (default: `now`, to the minute).
        public var date: String?
        /// Events: `start` as written on the command line (required for events).
        public var start: String?
        /// A slug chosen by hand: used as it is, and refused when taken (never numbered).
        public var slug: String?
        /// A new item is a draft until someone says it is ready (`--ready`, the desk's "Siap terbit").
        public var draft = true

        public init(kind: ItemKind, title: String, now: ZonedInstant) {
            self.kind = kind
            self.title = title
            self.now = now
        }
    }

    public struct Created: Sendable {
        /// Relative to the site folder, e.g. `content/press/2023-02-21-kerja-bakti.md`.
        public let path: String
        /// The public address the item will have.
        public let url: String
        /// When the item is not public at the clock it was made with: from when it will be (nil
        /// when it is public now, or a draft).
        public let publicFrom: ZonedInstant?
        public let draft: Bool
    }

    /// A refusal, in words for the person who typed the command.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let message: String
        /// Problems in `site.yml`, when it could not be read.
        public var diagnostics: [Diagnostic] = []
        public var description: String { message }
    }

    /// Longest slug made from a title (cut at a hyphen): a URL should stay readable.
    static let maxSlugLength = 60

    public static func create(siteRoot root: String, _ request: Request) async throws(Failure) -> Created {
        let (loaded, problems) = await SiteLoader.load(root: root)
        guard let site = loaded else {
            throw Failure(message: "site.yml cannot be read; fix it first", diagnostics: problems.filter { $0.severity == .error })
        }
        let config = site.config
        let zone = config.timeZone
        let title = request.title.trimmingWhitespace
        guard !title.isEmpty else { throw Failure(message: "the title is empty") }
        if title.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw Failure(message: "the title must be one line of text (no line breaks or control characters)")
        }
        if let department = request.department, config.department(slug: department) == nil {
            let known = config.departments.map(\.slug)
            if let meant = DepartmentAdvice.meant(department, in: config.departments) {
                throw Failure(message: "unknown department '\(department)'; did you mean '\(meant.slug)' (\(meant.name))? Give its slug: --department \(meant.slug)")
            }
            throw Failure(message: known.isEmpty
                ? "unknown department '\(department)': site.yml lists no departments; add them under 'departments:' (see README, site.yml reference)"
                : "unknown department '\(department)'; site.yml lists: \(known.joined(separator: ", "))")
        }
        if request.kind != .event && request.start != nil { throw Failure(message: "--start is for events only") }
        if request.kind == .page && request.date != nil { throw Failure(message: "--date is for releases and events; a page has no date") }

        let today = Self.minute(zone.local(request.now))
        let date = try request.date.map { text throws(Failure) in try Self.written(text, option: "--date", zone: zone) }
            ?? Written(text: Self.text(today.civil, time: true), instant: today, hasTime: true)
        var start: Written?
        if request.kind == .event {
            guard let text = request.start else {
                throw Failure(message: "an event needs its start: add --start, e.g. --start '\(today.civil.dateString) 09:00' (or a date alone for an all-day event)")
            }
            start = try Self.written(text, option: "--start", zone: zone)
        }

        let slug = try Self.slug(for: request, title: title, site: site)
        let folder = "content/" + request.kind.rawValue
        let prefix: String? = switch request.kind {
        case .release: date.instant.civil.dateString
        case .event: start?.instant.civil.dateString
        case .page: nil
        }
        let path = folder + "/" + (prefix.map { $0 + "-" } ?? "") + slug + ".md"
        if PosixFile.kind(root + "/" + path, followLinks: false) != nil {
            throw Failure(message: "\(path) already exists; warta new never overwrites a file (give another title or --slug)")
        }

        // Read back as the build will, as a draft (written ready, the example text is an error `check`
        // reports until it is replaced, not a reason to refuse): what is written builds once its text
        // is written, and its URL is the real one. A title YAML reads otherwise than meant when plain
        // is written again in quotes.
        var fields = NewItemText.Fields(kind: request.kind, title: title, date: request.kind == .page ? nil : date.text,
                                        start: start?.text, allDay: start.map { !$0.hasTime } ?? false,
                                        department: request.department, slug: request.slug == nil ? nil : slug,
                                        draft: true, today: today)
        let loader = ItemLoader(config: config)
        var (item, itemProblems) = loader.load(bytes: Array(NewItemText.file(fields, config: config).utf8), path: path, kind: request.kind)
        // The loader gives titles the body's punctuation ("…" curled): that is the title as meant.
        let meant = Markdown.smartPunctuation(title)
        if item?.title != meant {
            fields.quoteTitle = true
            (item, itemProblems) = loader.load(bytes: Array(NewItemText.file(fields, config: config).utf8), path: path, kind: request.kind)
        }
        guard var item, item.title == meant, !itemProblems.contains(where: { $0.severity == .error }) else {
            throw Failure(message: "could not make a valid file for this title (\(itemProblems.map(\.message).joined(separator: "; ")))")
        }
        fields.draft = request.draft
        item.draft = request.draft
        let bytes = Array(NewItemText.file(fields, config: config).utf8)
        do {
            try PosixFile.makeDirectories(root + "/" + folder)
            try PosixFile.createNew(root + "/" + path, bytes)
        } catch {
            if error.code == EEXIST { throw Failure(message: "\(path) already exists; warta new never overwrites a file") }
            throw Failure(message: "cannot write \(path): \(error)")
        }
        let url = config.baseURL.absolute(Routes(config: config).item(item))
        let visibility = Visibility(now: request.now)
        let publicFrom = !item.draft && visibility.decide(item) == .hidden ? item.publishedAt : nil
        return Created(path: path, url: url, publicFrom: publicFrom, draft: item.draft)
    }

    /// A date given on the command line, checked and rewritten in the site's zone.
    struct Written {
        let text: String
        let instant: ZonedInstant
        let hasTime: Bool
    }

    static func written(_ text: String, option: String, zone: SiteTimeZone) throws(Failure) -> Written {
        let typed = text.trimmingWhitespace
        // A date `check` would explain ("19/08/2023 13:30", "21 Februari 2023") is read as `check` reads
        // it and written the one way the loader reads; one that does not exist is told as `check` tells it.
        let guess = DateValue.parse(typed) == nil ? DateAdvice.read(typed) : nil
        guard let value = DateValue.parse(typed) ?? guess.flatMap({ $0.problem == nil ? DateValue.parse($0.written) : nil }) else {
            if guess != nil { throw Failure(message: DateAdvice.message(field: option, typed)) }
            throw Failure(message: "\(option) '\(text)' is not a date; write 2023-02-21 or '2023-02-21 09:00'")
        }
        let instant = value.instant(in: zone)
        return Written(text: Self.text(instant.civil, time: value.hasTime), instant: instant, hasTime: value.hasTime)
    }

    /// `2023-02-21 09:00` (seconds only when there are some), or `2023-02-21`.
    static func text(_ c: CivilDateTime, time: Bool) -> String {
        guard time else { return c.dateString }
        return "\(c.dateString) \(pad2(c.hour)):\(pad2(c.minute))" + (c.second == 0 ? "" : ":\(pad2(c.second))")
    }

    /// Now to the minute, so that the `date` written (without seconds) is never after the clock.
    static func minute(_ instant: ZonedInstant) -> ZonedInstant {
        let second = Int64(instant.civil.second)
        return ZonedInstant(seconds: instant.seconds - second, offset: instant.offset)
    }

    /// The title folded to a slug, numbered (-2, -3…) past every slug its kind already uses; a
    /// slug given by hand is never numbered: when taken, it is refused, naming the file that has it.
    static func slug(for request: Request, title: String, site: Site) throws(Failure) -> String {
        let taken = takenSlugs(kind: request.kind, site: site)
        if let wanted = request.slug {
            guard Slug.isValid(wanted) else {
                throw Failure(message: "--slug may hold only lowercase letters, digits and '-': '\(wanted)' (e.g. \(Slug.make(wanted).isEmpty ? "rapat-paripurna" : Slug.make(wanted)))")
            }
            if let owner = taken[wanted] {
                throw Failure(message: "the slug '\(wanted)' is already used by \(owner); warta new never overwrites a file (choose another --slug)")
            }
            return wanted
        }
        let base = shortened(Slug.make(title))
        guard !base.isEmpty else {
            throw Failure(message: "the title gives no URL (it has no Latin letters or digits): add --slug, e.g. --slug rapat-paripurna")
        }
        var candidate = base
        var n = 2
        while taken[candidate] != nil {
            candidate = "\(base)-\(n)"
            n += 1
        }
        return candidate
    }

    static func shortened(_ slug: String) -> String {
        guard slug.utf8.count > maxSlugLength else { return slug }
        let head = slug.prefix(maxSlugLength + 1)
        if let cut = head.lastIndex(of: "-"), cut > head.startIndex { return String(head[..<cut]) }
        return String(slug.prefix(maxSlugLength))
    }

    /// Slug -> the file (or section) that uses it: the slugs of loaded items of this kind, the
    /// slugs their file names give (a file that does not load yet still claims its name), and for
    /// pages, which sit at the top of the site, the section folders and top content folders.
    static func takenSlugs(kind: ItemKind, site: Site) -> [String: String] {
        var taken: [String: String] = [:]
        let folder = "content/" + kind.rawValue
        if let files = try? PosixFile.walk(site.root + "/" + folder) {
            for file in files where file.hasSuffix(".md") {
                taken[ItemLoader.defaultSlug(path: file)] = folder + "/" + file
            }
        }
        for item in site.items where item.kind == kind { taken[item.slug] = item.sourcePath }
        if kind == .page {
            let s = site.config.sections
            for section in [s.press, s.events, s.departments, s.tags, s.archive, s.withdrawn, s.corrections] { taken[section] = "site.yml (a section of the site)" }
            for other in site.config.languages.dropFirst() { taken[String(other.prefix.dropLast())] = "site.yml (the pages in '\(other.language.rawValue)')" }
            if let top = try? PosixFile.list(site.root + "/content") {
                for name in top where PosixFile.kind(site.root + "/content/" + name) == .directory && ItemKind(rawValue: name) == nil {
                    taken[name] = "content/" + name + "/"
                }
            }
        }
        return taken
    }
}
