import Glibc

/// The text of a file made by `warta new`: the required fields filled, every other field the loader
/// accepts for its kind written as a YAML comment with an example and a word on what it does (in the
/// site's language), and a body to write over. Removing a comment's `# ` gives a valid field.
enum NewItemText {
    struct Fields {
        var kind: ItemKind
        var title: String
        var date: String?
        var start: String?
        var allDay = false
        var department: String?
        var slug: String?
        var draft = false
        /// Quote the title even where YAML would read it plain (the fallback when it did not).
        var quoteTitle = false
        /// The clock in the site's zone, to the minute: examples are dated from it.
        var today: ZonedInstant
    }

    static func file(_ f: Fields, config: SiteConfig) -> String {
        let en = config.language == .en
        var lines = ["---", "title: " + scalar(f.title, quoted: f.quoteTitle)]
        var filled: Set<String> = ["title"]
        func fill(_ key: String, _ value: String?) {
            guard let value else { return }
            lines.append("\(key): \(value)")
            filled.insert(key)
        }
        fill("date", f.date)
        fill("start", f.start)
        fill("all_day", f.allDay ? "true" : nil)
        fill("department", f.department)
        fill("slug", f.slug)
        fill("draft", f.draft ? "true" : nil)
        lines.append(en
            ? "# Optional fields: to use one, remove the \"# \" at the start of its line (and of the indented lines under it)."
            : "# Kolom pilihan: untuk memakainya, hapus \"# \" di awal barisnya (dan di awal baris menjorok di bawahnya).")
        let context = exampleContext(f, config: config)
        for field in FieldTable.fields where field.kinds.contains(f.kind) && !filled.contains(field.name) {
            let example = field.example(context)
            let note = (example.help ?? field.help).text(english: en)
            var first = example.lines[0]
            first += String(repeating: " ", count: max(2, 34 - first.count)) + "# " + note
            lines.append("# " + first)
            for more in example.lines.dropFirst() { lines.append("# " + more) }
        }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n" + body(f.kind, en: en, dateline: config.release.city != nil)
    }

    /// The dates and settings the examples of `FieldTable` are made from.
    static func exampleContext(_ f: Fields, config: SiteConfig) -> FrontMatterField.ExampleContext {
        let zone = config.timeZone
        func day(_ offset: Int64, _ time: String?) -> String {
            let c = zone.local(ZonedInstant(seconds: f.today.seconds + offset * 86_400, offset: 0)).civil
            return time.map { "\(c.dateString) \($0)" } ?? c.dateString
        }
        let now = NewItem.text(f.today.civil, time: true)
        let end: String
        if f.allDay { end = f.start ?? day(0, nil) } else if let start = f.start, let value = DateValue.parse(start) {
            end = NewItem.text(zone.local(ZonedInstant(seconds: value.instant(in: zone).seconds + 7200, offset: 0)).civil, time: true)
        } else { end = day(0, "12:00") }
        let startDay = f.start.flatMap(DateValue.parse).map { $0.instant(in: zone) } ?? f.today
        return FrontMatterField.ExampleContext(
            config: config, now: now,
            hourLater: NewItem.text(zone.local(ZonedInstant(seconds: f.today.seconds + 3600, offset: 0)).civil, time: true),
            monthLater: day(30, "23:59"), end: end, previousStart: f.start ?? now,
            repeatUntil: zone.local(ZonedInstant(seconds: startDay.seconds + 56 * 86_400, offset: 0)).civil.dateString,
            year: f.today.civil.year)
    }

    /// The example text `warta new` writes for each kind and language: the scaffold's own table,
    /// read both to write a new body and, by `placeholders`, to find text left from it in an item
    /// that is no longer a draft. `nil` marks a blank line; `true` marks a line only the scaffold writes.
    static let bodies: [ItemKind: (id: [(String, Bool)?], en: [(String, Bool)?])] = [
        .release: (
            id: [("Paragraf pembuka: siapa, apa, kapan, di mana, mengapa, dan bagaimana.", true), nil,
                 ("> \"Kutipan narasumber,\" kata nama dan jabatan narasumber.", true), nil,
                 ("## Subjudul", true), nil, ("Isi siaran pers.", true)],
            en: [("Opening paragraph: who, what, when, where, why and how.", true), nil,
                 ("> \"A quote from the speaker,\" said the speaker's name and role.", true), nil,
                 ("## Subheading", true), nil, ("The body of the release.", true)]),
        .event: (
            id: [("Apa yang terjadi dalam agenda ini, siapa yang dapat hadir, dan cara mendaftar.", true), nil,
                 ("## Susunan acara", false), nil, ("- 08.00 – Registrasi", false), ("- 09.00 – Pembukaan", false)],
            en: [("What happens at this event, who may attend, and how to register.", true), nil,
                 ("## Programme", false), nil, ("- 08.00 – Registration", false), ("- 09.00 – Opening", false)]),
        .page: (
            id: [("Isi halaman ini.", true), nil, ("## Subjudul", true), nil, ("Isi bagian ini.", true)],
            en: [("The text of this page.", true), nil, ("## Subheading", true), nil, ("The text of this part.", true)]),
    ]

    /// Where a release's place goes when `site.yml` names no `city` (the scaffold writes it before the opening).
    static let placeMarks = ["**TEMPAT** – ", "**PLACE** – "]

    /// Every line of example text, in either language, as UTF-8, by its length in bytes.
    static let placeholders: [Int: [[UInt8]]] = {
        var out: [Int: [[UInt8]]] = [:]
        for (_, table) in bodies {
            for case let (line, example)? in table.id + table.en where example { out[line.utf8.count, default: []].append(Array(line.utf8)) }
        }
        return out
    }()

    static let placeMarkBytes = placeMarks.map { (bytes: Array($0.utf8), characters: $0.count) }

    /// With a dateline made from `site.yml`'s `city`, a release's text starts without one.
    static func body(_ kind: ItemKind, en: Bool, dateline: Bool) -> String {
        let table = bodies[kind]!
        let lines = (en ? table.en : table.id).map { $0?.0 ?? "" }
        let place = kind == .release && !dateline ? placeMarks[en ? 1 : 0] : ""
        return place + lines.joined(separator: "\n") + "\n"
    }

    /// The example text `warta new` wrote, left in `body`: each line's number (from 1) and column
    /// (in characters). Read by bytes, a line at a time with `memchr`: it runs on every item of
    /// every build, and only a line of the very length of an example is compared.
    static func leftovers(in body: ArraySlice<UInt8>) -> [(line: Int, column: Int)] {
        var out: [(line: Int, column: Int)] = []
        body.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            var start = 0, number = 1
            while start < buf.count {
                let end = memchr(base + start, 0x0A, buf.count - start).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? buf.count
                var from = start, to = end, column = 1
                while from < to, buf[from] == 0x20 || buf[from] == 0x09 { from += 1; column += 1 }
                while to > from, buf[to - 1] == 0x0D || buf[to - 1] == 0x20 || buf[to - 1] == 0x09 { to -= 1 }
                for mark in placeMarkBytes where to - from > mark.bytes.count && buf[from..<(from + mark.bytes.count)].elementsEqual(mark.bytes) {
                    from += mark.bytes.count
                    column += mark.characters
                }
                if let candidates = placeholders[to - from], candidates.contains(where: { buf[from..<to].elementsEqual($0) }) {
                    out.append((number, column))
                }
                start = end + 1
                number += 1
            }
        }
        return out
    }

    /// What a not-draft item is told about text left from the scaffold.
    static func leftoverMessage(_ kind: ItemKind) -> String {
        let whose = kind == .release ? "the release's" : kind == .event ? "the event's" : "the page's"
        return "this is the example text `warta new` wrote; replace it with \(whose) own text, or keep `draft: true` until it is ready"
    }

    /// A YAML scalar that reads back as `text`: plain when nothing in it means something to YAML
    /// (a colon and a space, a leading `-`, `true`, a number…), else in double quotes.
    static func scalar(_ text: String, quoted: Bool = false) -> String {
        if !quoted && isPlainSafe(text) { return text }
        var out = "\""
        for ch in text.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }

    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last, !first.isWhitespace, !last.isWhitespace, last != ":" else { return false }
        if "-?:,[]{}#&*!|>'\"%@`0123456789+.~".contains(first) { return false }
        if text.contains(": ") || text.contains(" #") || text.contains("\t") { return false }
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"]
        return !reserved.contains(text.lowercased())
    }
}
