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
        var keys = ItemLoader.commonFields
        if f.kind == .release { keys += ItemLoader.releaseFields }
        if f.kind == .event { keys += ItemLoader.eventFields }
        if f.kind == .page { keys += ItemLoader.pageFields }
        for key in keys where !filled.contains(key) {
            let example = Self.example(key, f, config: config)
            let note = en ? example.en : example.id
            var first = example.lines[0]
            first += String(repeating: " ", count: max(2, 34 - first.count)) + "# " + note
            lines.append("# " + first)
            for more in example.lines.dropFirst() { lines.append("# " + more) }
        }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n" + body(f.kind, en: en, dateline: config.release.city != nil)
    }

    /// A field's example as YAML lines (uncommented), and what it does in each language.
    struct Example {
        var lines: [String]
        var id: String
        var en: String
    }

    static func example(_ key: String, _ f: Fields, config: SiteConfig) -> Example {
        let en = config.language == .en
        let zone = config.timeZone
        func day(_ offset: Int64, _ time: String?) -> String {
            let c = zone.local(ZonedInstant(seconds: f.today.seconds + offset * 86_400, offset: 0)).civil
            return time.map { "\(c.dateString) \($0)" } ?? c.dateString
        }
        let now = NewItem.text(f.today.civil, time: true)
        let departments = config.departments.map(\.slug)
        let contact = config.contact
        switch key {
        case "date":
            return Example(lines: ["date: \(now)"], id: "tanggal terbit", en: "publication date")
        case "summary":
            return Example(lines: ["summary: " + (en ? "One or two sentences on what this is about." : "Satu atau dua kalimat tentang isi tulisan ini.")],
                           id: "untuk daftar, umpan RSS dan deskripsi halaman; bawaan: paragraf pertama",
                           en: "for lists, feeds and the page description; default: the first paragraph")
        case "department":
            let list = departments.joined(separator: ", ")
            return Example(lines: ["department: \(departments.first ?? "dinkes")"],
                           id: departments.isEmpty ? "tambahkan dulu di site.yml, bagian departments" : "salah satu dari site.yml: \(list)",
                           en: departments.isEmpty ? "add it to site.yml under departments first" : "one of site.yml's: \(list)")
        case "tags":
            return Example(lines: [en ? "tags: [topic-one, topic-two]" : "tags: [topik-satu, topik-dua]"],
                           id: "topik; masing-masing punya halaman /\(config.sections.tags)/…/",
                           en: "topics; each has a page at /\(config.sections.tags)/…/")
        case "author":
            return Example(lines: ["author: " + (en ? "Author Name" : "Nama Penulis")],
                           id: "ditampilkan di halaman dan umpan RSS", en: "shown on the page and in feeds")
        case "draft":
            return Example(lines: ["draft: true"], id: "true: tidak pernah terbit sampai diubah menjadi false",
                           en: "true: never published until set to false")
        case "publish_at":
            let hourLater = NewItem.text(zone.local(ZonedInstant(seconds: f.today.seconds + 3600, offset: 0)).civil, time: true)
            return Example(lines: ["publish_at: \(hourLater)"], id: "embargo: tidak tampil di mana pun sebelum waktu ini",
                           en: "embargo: in no output before this instant")
        case "expires":
            return Example(lines: ["expires: \(day(30, "23:59"))"],
                           id: "sejak waktu ini hilang dari daftar, umpan dan peta situs; halamannya tetap, dengan pemberitahuan",
                           en: "from this instant it leaves lists, feeds and the sitemap; its page stays, with a notice")
        case "slug":
            return Example(lines: ["slug: " + (en ? "short-address" : "alamat-singkat")],
                           id: "bagian akhir alamat URL; bawaan: nama file tanpa tanggal",
                           en: "the last part of the URL; default: the file name without its date")
        case "aliases":
            return Example(lines: ["aliases: [/berita/lama/]"], id: "alamat lama yang dialihkan ke sini", en: "old addresses that redirect here")
        case "updated":
            return Example(lines: ["updated: \(now)"], id: "kapan terakhir diralat (tidak sebelum date)", en: "when it was last corrected (not before date)")
        case "corrections":
            return Example(lines: ["corrections:", "  - date: \(now)", "    note: " + (en ? "The speaker's name was corrected." : "Nama narasumber diperbaiki.")],
                           id: "ralat, ditampilkan di halaman", en: "corrections, shown on the page")
        case "contact":
            return Example(lines: ["contact:",
                                   "  name: " + scalar(contact?.name ?? (en ? "Contact Name" : "Nama Petugas")),
                                   "  role: " + (en ? "Head of Communications" : "Kepala Bagian Komunikasi"),
                                   "  phone: " + scalar(contact?.phone ?? "+62 000 000 000", quoted: true),
                                   "  email: " + scalar(contact?.email ?? "humas@example.go.id")],
                           id: "kontak media", en: "media contact")
        case "image":
            return Example(lines: ["image:", "  src: /gambar/foto.jpg", "  alt: " + (en ? "What the picture shows" : "Uraian isi gambar"),
                                   "  caption: " + scalar(en ? "What happened, where and when." : "Keterangan foto: apa, di mana, kapan."),
                                   "  credit: " + scalar(en ? "Communications Office" : "Bagian Humas")],
                           id: "gambar utama (berkas di content/); alt wajib; caption dan credit tampil di bawahnya",
                           en: "main picture (a file under content/); alt is required; caption and credit show under it")
        case "lang":
            return Example(lines: ["lang: " + (en ? "id" : "en")], id: "bahasa tulisan ini bila bukan bahasa situs",
                           en: "the language of this item when not the site's")
        case "nomor":
            return Example(lines: ["nomor: 001/HUMAS/\(f.today.civil.year)"], id: "nomor siaran pers", en: "the release number")
        case "city":
            return Example(lines: ["city: Jakarta"], id: "kota pada dateline bila bukan city di site.yml",
                           en: "the dateline's city when not site.yml's city")
        case "notes_to_editors":
            return Example(lines: ["notes_to_editors: |", "  1. " + (en ? "Full-resolution photos are available on request." : "Foto resolusi penuh tersedia atas permintaan.")],
                           id: "catatan untuk redaksi, sesudah tanda selesai (Markdown)", en: "notes to editors, after the end mark (Markdown)")
        case "attachments":
            return Example(lines: ["attachments:", "  - file: /lampiran/dokumen.pdf", "    title: " + (en ? "Document title (PDF)" : "Judul dokumen (PDF)")],
                           id: "berkas di content/; berkas yang tidak ada adalah galat", en: "files under content/; a missing file is an error")
        case "withdrawn":
            return Example(lines: ["withdrawn:", "  date: \(now)", "  reason: " + (en ? "Why it no longer holds." : "Alasan pencabutan.")],
                           id: "pencabutan: halamannya tetap, dengan pemberitahuan; hide_body: true juga menyembunyikan isinya",
                           en: "withdrawal: the page stays, under a notice; hide_body: true hides the text too")
        case "end":
            let end: String
            if f.allDay { end = f.start ?? day(0, nil) } else if let start = f.start, let value = DateValue.parse(start) {
                end = NewItem.text(zone.local(ZonedInstant(seconds: value.instant(in: zone).seconds + 7200, offset: 0)).civil, time: true)
            } else { end = day(0, "12:00") }
            return Example(lines: ["end: \(end)"], id: "setelah start; 'selesai' bila tanpa jam selesai", en: "after start; 'open' when it has no set end")
        case "all_day":
            return Example(lines: ["all_day: true"], id: "true: start dan end ditulis sebagai tanggal saja", en: "true: start and end are dates without a time")
        case "location":
            return Example(lines: ["location:", "  name: " + (en ? "City Hall" : "Aula Balai Kota"),
                                   "  address: " + scalar(contact?.address ?? (en ? "Street and number" : "Jalan dan nomor")),
                                   "  map: \"https://www.openstreetmap.org/\""],
                           id: "tempat; map: tautan peta http(s)", en: "place; map: an http(s) map link")
        case "status":
            return Example(lines: ["status: cancelled"], id: "scheduled (bawaan), cancelled, postponed, rescheduled",
                           en: "scheduled (default), cancelled, postponed, rescheduled")
        case "previous_start":
            return Example(lines: ["previous_start: \(f.start ?? now)"], id: "wajib bila status: rescheduled: waktu mulai sebelumnya",
                           en: "required with status: rescheduled: the start it had before")
        case "organizer":
            return Example(lines: ["organizer: " + scalar(config.title)], id: "penyelenggara", en: "who runs it")
        case "registration":
            return Example(lines: ["registration:", "  url: \"https://example.go.id/daftar\"", "  note: " + (en ? "Free; closes a day before." : "Gratis; ditutup sehari sebelumnya.")],
                           id: "pendaftaran: tautan dan catatan", en: "registration: a link and a note")
        case "repeat":
            let startDay = f.start.flatMap(DateValue.parse).map { $0.instant(in: zone) } ?? f.today
            let until = zone.local(ZonedInstant(seconds: startDay.seconds + 56 * 86_400, offset: 0)).civil.dateString
            return Example(lines: ["repeat: {every: week, until: \(until)}"], id: "agenda berulang (lihat README)", en: "a repeating event (see the README)")
        case "menu":
            return Example(lines: ["menu: 1"], id: "tampil di menu navigasi; angka terkecil lebih dulu", en: "shown in the navigation; lowest first")
        default:
            return Example(lines: ["\(key): "], id: "lihat README", en: "see the README")
        }
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
