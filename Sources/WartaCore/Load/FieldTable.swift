/// The one table of front-matter fields: for each, the kinds of item it belongs to, what it holds,
/// its default, its help in both languages, its desk input and `warta new`'s example. Its order is
/// the order `warta new` writes the fields in (and the README lists them in).
public enum FieldTable {
    private typealias B = FrontMatterField.Bilingual
    private typealias D = FrontMatterField.Desk
    private typealias P = FrontMatterField.Part
    private typealias E = FrontMatterField.Example
    private static let all: Set<ItemKind> = [.release, .event, .page]

    public static let fields: [FrontMatterField] = [
        FrontMatterField(name: "title", kinds: all, type: .text, defaultValue: nil, help: B("judul", "title"),
                         reference: "required", desk: D(B("Judul", "Title")), indonesian: ["judul"]) { c in E(lines: ["title: " + (c.en ? "Title" : "Judul")]) },
        FrontMatterField(name: "date", kinds: all, type: .date, defaultValue: nil, help: B("tanggal terbit", "publication date"),
                         reference: "publication date-time; **required for releases**. Orders lists and feeds (events without one use `start`). When `publish_at` is later, that is the publication date readers see (see below)",
                         desk: D(B("Tanggal terbit", "Publication date")),
                         eventDesk: D(B("Tanggal diumumkan", "Announced on"), hint: B("Bawaan: sekarang.", "Default: now.")), notOnDesk: [.page], indonesian: ["tanggal", "tgl"]) { c in E(lines: ["date: \(c.now)"]) },
        FrontMatterField(name: "summary", kinds: all, type: .text, defaultValue: "the first paragraph",
                         help: B("untuk daftar, umpan RSS dan deskripsi halaman; bawaan: paragraf pertama", "for lists, feeds and the page description; default: the first paragraph"),
                         reference: "one or two sentences for lists, feeds and the page description", desk: D(B("Ringkasan", "Summary")), indonesian: ["ringkasan", "ringkas"]) { c in
            E(lines: ["summary: " + (c.en ? "One or two sentences on what this is about." : "Satu atau dua kalimat tentang isi tulisan ini.")])
        },
        FrontMatterField(name: "department", kinds: all, type: .text, defaultValue: nil,
                         help: B("slug dari site.yml, bagian departments", "a slug from site.yml's departments"),
                         reference: "a `slug` from `site.yml`", desk: D(B("Dinas", "Department")), indonesian: ["dinas", "instansi", "opd"]) { c in
            let departments = c.config.departments.map(\.slug)
            let list = departments.joined(separator: ", ")
            return E(lines: ["department: \(departments.first ?? "dinkes")"],
                     help: departments.isEmpty ? B("tambahkan dulu di site.yml, bagian departments", "add it to site.yml under departments first")
                         : B("salah satu dari site.yml: \(list)", "one of site.yml's: \(list)"))
        },
        FrontMatterField(name: "tags", kinds: all, type: .list, defaultValue: nil,
                         help: B("topik; masing-masing punya halamannya", "topics; each has a page"),
                         reference: "list of topics, e.g. `[hut-kota, budaya]`; each gets a page at `/topik/<slug>/` and shows with its name from `site.yml`'s `tags`, else as written",
                         desk: D(B("Topik", "Tags"), hint: B("Pisahkan dengan koma.", "Separate with commas.")), indonesian: ["topik", "tag", "label"]) { c in
            let section = c.config.sections.tags
            return E(lines: [c.en ? "tags: [topic-one, topic-two]" : "tags: [topik-satu, topik-dua]"],
                     help: B("topik; masing-masing punya halaman /\(section)/…/", "topics; each has a page at /\(section)/…/"))
        },
        FrontMatterField(name: "author", kinds: all, type: .text, defaultValue: nil, help: B("ditampilkan di halaman dan umpan RSS", "shown on the page and in feeds"),
                         reference: "shown on the page and as `dc:creator` in feeds", desk: D(B("Penulis", "Author")), indonesian: ["penulis"]) { c in
            E(lines: ["author: " + (c.en ? "Author Name" : "Nama Penulis")])
        },
        FrontMatterField(name: "draft", kinds: all, type: .flag, defaultValue: "`false`",
                         help: B("true: tidak pernah terbit sampai diubah menjadi false", "true: never published until set to false"),
                         reference: "`true`: never in a public build", desk: D(B("Draf (tidak terbit)", "Draft (never published)")), indonesian: ["draf", "konsep"]) { _ in E(lines: ["draft: true"]) },
        FrontMatterField(name: "publish_at", kinds: all, type: .date, defaultValue: nil,
                         help: B("embargo: tidak tampil di mana pun sebelum waktu ini", "embargo: in no output before this instant"),
                         reference: "embargo: the item is absent from every output until this instant; when it is later than `date`, pages, lists, feeds, structured data and the sitemap show it as the publication date",
                         desk: D(B("Embargo: terbit pada", "Embargo: public from"), hint: B("Kosongkan untuk terbit segera.", "Leave empty to publish at once.")), indonesian: ["terbit", "tayang", "embargo"]) { c in
            E(lines: ["publish_at: \(c.hourLater)"])
        },
        FrontMatterField(name: "expires", kinds: all, type: .date, defaultValue: nil,
                         help: B("sejak waktu ini hilang dari daftar, umpan dan peta situs; halamannya tetap, dengan pemberitahuan",
                                 "from this instant it leaves lists, feeds and the sitemap; its page stays, with a notice"),
                         reference: "from this instant the item leaves lists, feeds, tag and department pages and the sitemap; its page stays, with a notice and `noindex`",
                         desk: D(B("Kedaluwarsa pada", "Expires at")), indonesian: ["kedaluwarsa", "kadaluarsa", "berakhir"]) { c in E(lines: ["expires: \(c.monthLater)"]) },
        FrontMatterField(name: "slug", kinds: all, type: .text, defaultValue: "the file name without a leading `YYYY-MM-DD-`",
                         help: B("bagian akhir alamat URL; bawaan: nama file tanpa tanggal", "the last part of the URL; default: the file name without its date"),
                         reference: "the last URL segment",
                         desk: D(B("Alamat (slug)", "Address (slug)"), hint: B("Huruf kecil, angka dan tanda hubung; bawaan: dari judul.",
                                                                            "Lowercase letters, digits and hyphens; default: from the title.")), indonesian: ["alamat"]) { c in
            E(lines: ["slug: " + (c.en ? "short-address" : "alamat-singkat")])
        },
        FrontMatterField(name: "aliases", kinds: all, type: .list, defaultValue: nil, help: B("alamat lama yang dialihkan ke sini", "old addresses that redirect here"),
                         reference: "old URLs (`[/berita/lama/]`) that redirect to the item", desk: nil) { _ in E(lines: ["aliases: [/berita/lama/]"]) },
        FrontMatterField(name: "updated", kinds: all, type: .date, defaultValue: nil,
                         help: B("kapan terakhir diralat (tidak sebelum date)", "when it was last corrected (not before date)"),
                         reference: "when the item was last corrected (not before `date`)", desk: nil, indonesian: ["diperbarui", "pembaruan"]) { c in E(lines: ["updated: \(c.now)"]) },
        FrontMatterField(name: "corrections", kinds: all, type: .mappings, defaultValue: nil, help: B("ralat, ditampilkan di halaman", "corrections, shown on the page"),
                         reference: "list of `{date, note}`, shown on the page under \"Ralat\", at the top of the item in feeds and on `/ralat/` (see below)",
                         desk: nil, parts: [P(name: "date", desk: nil), P(name: "note", desk: nil)], indonesian: ["ralat", "koreksi"]) { c in
            E(lines: ["corrections:", "  - date: \(c.now)", "    note: " + (c.en ? "The speaker's name was corrected." : "Nama narasumber diperbaiki.")])
        },
        FrontMatterField(name: "contact", kinds: all, type: .mapping, defaultValue: "`site.yml`'s `media_contact` (releases)", help: B("kontak media", "media contact"),
                         reference: "media contact: `{name, role, address, phone, email}`",
                         desk: nil, parts: ["name", "role", "address", "phone", "email"].map { P(name: $0, desk: nil) }, indonesian: ["kontak"]) { c in
            let contact = c.config.contact
            return E(lines: ["contact:",
                             "  name: " + NewItemText.scalar(contact?.name ?? (c.en ? "Contact Name" : "Nama Petugas")),
                             "  role: " + (c.en ? "Head of Communications" : "Kepala Bagian Komunikasi"),
                             "  phone: " + NewItemText.scalar(contact?.phone ?? "+62 000 000 000", quoted: true),
                             "  email: " + NewItemText.scalar(contact?.email ?? "humas@example.go.id")])
        },
        FrontMatterField(name: "image", kinds: all, type: .mapping, defaultValue: nil,
                         help: B("gambar utama (berkas di content/); alt wajib; caption dan credit tampil di bawahnya",
                                 "main picture (a file under content/); alt is required; caption and credit show under it"),
                         reference: "`{src, alt, caption, credit}`; `src` is a file under `content/` (`/gambar/a.svg`) or an http(s) address; `alt` is required; `caption` and `credit` are shown under it (`<figcaption>`: \"Papan harga di Pasar Induk. Foto: Humas Setda\") and in the structured data. Link previews use it unless it is an SVG",
                         desk: D(B("Gambar utama", "Main image")),
                         parts: [P(name: "src", desk: D(B("Berkas gambar", "Image file"))),
                                 P(name: "alt", desk: D(B("Teks alternatif (wajib bila ada gambar)", "Alt text (required with an image)"),
                                                        hint: B("Apa yang tampak pada gambar, untuk pembaca yang tidak dapat melihatnya.",
                                                                "What the picture shows, for readers who cannot see it."))),
                                 P(name: "caption", desk: D(B("Keterangan", "Caption"))),
                                 P(name: "credit", desk: D(B("Kredit", "Credit")))], indonesian: ["gambar", "foto"]) { c in
            E(lines: ["image:", "  src: /gambar/foto.jpg", "  alt: " + (c.en ? "What the picture shows" : "Uraian isi gambar"),
                      "  caption: " + NewItemText.scalar(c.en ? "What happened, where and when." : "Keterangan foto: apa, di mana, kapan."),
                      "  credit: " + NewItemText.scalar(c.en ? "Communications Office" : "Bagian Humas")])
        },
        FrontMatterField(name: "attachments", kinds: all, type: .mappings, defaultValue: nil,
                         help: B("berkas di content/; berkas yang tidak ada adalah galat", "files under content/; a missing file is an error"),
                         reference: "list of `{file, title}`; `file` under `content/` (`/lampiran/a.pdf`, or relative to the Markdown file); a missing file is an error",
                         desk: D(B("Lampiran", "Attachments")),
                         parts: [P(name: "file", desk: D(B("Berkas lampiran", "Attachment file"))), P(name: "title", desk: D(B("Judul lampiran", "Attachment title")))], indonesian: ["lampiran"]) { c in
            E(lines: ["attachments:", "  - file: /lampiran/dokumen.pdf", "    title: " + (c.en ? "Document title (PDF)" : "Judul dokumen (PDF)")])
        },
        FrontMatterField(name: "withdrawn", kinds: all, type: .mapping, defaultValue: nil,
                         help: B("pencabutan: halamannya tetap, dengan pemberitahuan; hide_body: true juga menyembunyikan isinya",
                                 "withdrawal: the page stays, under a notice; hide_body: true hides the text too"),
                         reference: "`{date, reason}`, optionally `hide_body: true`: the item is withdrawn (pencabutan) from `date` on (see below)",
                         desk: nil, parts: ["date", "reason", "hide_body"].map { P(name: $0, desk: nil) }, indonesian: ["dicabut", "pencabutan"]) { c in
            E(lines: ["withdrawn:", "  date: \(c.now)", "  reason: " + (c.en ? "Why it no longer holds." : "Alasan pencabutan.")])
        },
        FrontMatterField(name: "lang", kinds: all, type: .text, defaultValue: "the site's language",
                         help: B("bahasa tulisan ini bila bukan bahasa situs", "the language of this item when not the site's"),
                         reference: "`en` or `id`, when the item is not in the site's language: its page (`<html lang>`, interface text, dates, dateline, end mark, `og:locale`, structured data) speaks it. On a site with that language in `languages`, the item lives in that language's pages (`/en/…`, its lists and feeds); on a site without it, it stays among the site's pages, its cards in lists marked with it and its feed item carrying `<dc:language>`",
                         desk: nil, indonesian: ["bahasa"]) { c in E(lines: ["lang: " + (c.en ? "id" : "en")]) },
        FrontMatterField(name: "translation_of", kinds: all, type: .text, defaultValue: nil, help: B("lihat README", "see the README"),
                         reference: "the item this one translates, by path (`content/press/2023-02-07-wifi.md`, `press/…`, or a file name in the same folder) or by slug: `translation_of: 2023-02-16-peresmian-pabrik-pengolahan-ikan.md` with `lang: en`. A file named `<name>.en.md` beside `<name>.md` is its English translation without this field (and takes its slug). See \"Two languages\"",
                         desk: nil, indonesian: ["terjemahan_dari"]) { _ in E(lines: ["translation_of: "]) },
        FrontMatterField(name: "nomor", kinds: [.release], type: .text, defaultValue: nil, help: B("nomor siaran pers", "the release number"),
                         reference: "the release number, e.g. `nomor: 027/HUMAS-SETDA/II/2023`: shown under the title (\"Nomor: …\"), in `index.txt` and as `identifier` in the structured data",
                         desk: D(B("Nomor siaran pers", "Release number"))) { c in E(lines: ["nomor: 001/HUMAS/\(c.year)"]) },
        FrontMatterField(name: "city", kinds: [.release], type: .text, defaultValue: "`site.yml`'s `city`",
                         help: B("kota pada dateline bila bukan city di site.yml", "the dateline's city when not site.yml's city"),
                         reference: "the dateline's city, e.g. `city: Jakarta` for a release written there (\"JAKARTA, 22 Februari 2023 –\")",
                         desk: D(B("Kota pada dateline", "Dateline city")), indonesian: ["kota"]) { _ in E(lines: ["city: Jakarta"]) },
        FrontMatterField(name: "notes_to_editors", kinds: [.release], type: .text, defaultValue: nil,
                         help: B("catatan untuk redaksi, sesudah tanda selesai (Markdown)", "notes to editors, after the end mark (Markdown)"),
                         reference: #"notes for journalists after the end mark, under "Catatan untuk Redaksi" (Markdown; a list is usual): `notes_to_editors: \|` then `  1. Foto resolusi penuh tersedia di …`"#,
                         desk: nil, indonesian: ["catatan"]) { c in
            E(lines: ["notes_to_editors: |", "  1. " + (c.en ? "Full-resolution photos are available on request." : "Foto resolusi penuh tersedia atas permintaan.")])
        },
    ] + FieldTable.eventFields

    /// An event's own fields, and a page's.
    private static let eventFields: [FrontMatterField] = [
        FrontMatterField(name: "start", kinds: [.event], type: .date, defaultValue: nil, help: B("mulai", "when it starts"),
                         reference: "required; date-time the event starts (a date for all-day events); for a repeating event, the first occurrence",
                         desk: D(B("Mulai", "Start")), indonesian: ["mulai"]) { c in E(lines: ["start: \(c.now)"]) },
        FrontMatterField(name: "end", kinds: [.event], type: .date, defaultValue: nil,
                         help: B("setelah start; 'selesai' bila tanpa jam selesai", "after start; 'open' when it has no set end"),
                         reference: "after `start`; for all-day events the last day (inclusive); `selesai` (or `open`) for an open end (\"pukul 19.00 s/d selesai\"), which counts as the end of that day",
                         desk: D(B("Selesai", "End")), indonesian: ["selesai"]) { c in E(lines: ["end: \(c.end)"]) },
        FrontMatterField(name: "all_day", kinds: [.event], type: .flag, defaultValue: "`false`",
                         help: B("true: start dan end ditulis sebagai tanggal saja", "true: start and end are dates without a time"),
                         reference: "`true`: `start`/`end` are dates", desk: D(B("Sepanjang hari (tanpa jam)", "All day (no time)")), indonesian: ["sepanjang_hari", "seharian"]) { _ in E(lines: ["all_day: true"]) },
        FrontMatterField(name: "location", kinds: [.event], type: .textOrMapping, defaultValue: nil,
                         help: B("tempat; map: tautan peta http(s)", "place; map: an http(s) map link"),
                         reference: "`{name, address, map}` (`map`: an http(s) link), or just a name", desk: D(B("Tempat", "Location")),
                         parts: [P(name: "name", desk: D(B("Nama tempat", "Place"))), P(name: "address", desk: D(B("Alamat", "Address"))),
                                 P(name: "map", desk: D(B("Tautan peta (http/https)", "Map link (http/https)")))], indonesian: ["lokasi", "tempat"]) { c in
            E(lines: ["location:", "  name: " + (c.en ? "City Hall" : "Aula Balai Kota"),
                      "  address: " + NewItemText.scalar(c.config.contact?.address ?? (c.en ? "Street and number" : "Jalan dan nomor")),
                      "  map: \"https://www.openstreetmap.org/\""])
        },
        FrontMatterField(name: "status", kinds: [.event], type: .text, defaultValue: "`scheduled`",
                         help: B("scheduled (bawaan), cancelled, postponed, rescheduled", "scheduled (default), cancelled, postponed, rescheduled"),
                         reference: "`scheduled`, `cancelled`, `postponed`, `rescheduled`; shown prominently on the page, in lists and in feeds",
                         desk: D(B("Status", "Status"))) { _ in E(lines: ["status: cancelled"]) },
        FrontMatterField(name: "previous_start", kinds: [.event], type: .date, defaultValue: nil,
                         help: B("wajib bila status: rescheduled: waktu mulai sebelumnya", "required with status: rescheduled: the start it had before"),
                         reference: "required with `rescheduled`: the start it had before",
                         desk: D(B("Jadwal mulai sebelumnya", "Previous start"), hint: B("Wajib bila dijadwalkan ulang.", "Required when rescheduled."))) { c in
            E(lines: ["previous_start: \(c.previousStart)"])
        },
        FrontMatterField(name: "organizer", kinds: [.event], type: .text, defaultValue: nil, help: B("penyelenggara", "who runs it"),
                         reference: "who runs it", desk: D(B("Penyelenggara", "Organizer")), indonesian: ["penyelenggara"]) { c in E(lines: ["organizer: " + NewItemText.scalar(c.config.title)]) },
        FrontMatterField(name: "registration", kinds: [.event], type: .textOrMapping, defaultValue: nil,
                         help: B("pendaftaran: tautan dan catatan", "registration: a link and a note"),
                         reference: "`{url, note}` or just a URL", desk: nil, parts: [P(name: "url", desk: nil), P(name: "note", desk: nil)], indonesian: ["pendaftaran"]) { c in
            E(lines: ["registration:", "  url: \"https://example.go.id/daftar\"", "  note: " + (c.en ? "Free; closes a day before." : "Gratis; ditutup sehari sebelumnya.")])
        },
        FrontMatterField(name: "repeat", kinds: [.event], type: .mapping, defaultValue: nil,
                         help: B("agenda berulang (lihat README)", "a repeating event (see the README)"),
                         reference: "a repeating event: `{every: week, days: [selasa], until: 2023-06-27, except: [2023-03-21]}`, or `{every: month, week: 2, days: [kamis]}` (the second Thursday; `week: -1` is the last). `days` defaults to the weekday of `start`, `week` to the week of the month of `start`; `until` and `except` are optional. Weekdays in Indonesian or English",
                         desk: nil, parts: ["every", "days", "week", "until", "except"].map { P(name: $0, desk: nil) }, indonesian: ["berulang", "ulang"]) { c in
            E(lines: ["repeat: {every: week, until: \(c.repeatUntil)}"])
        },
        FrontMatterField(name: "menu", kinds: [.page], type: .number, defaultValue: nil,
                         help: B("tampil di menu navigasi; angka terkecil lebih dulu", "shown in the navigation; lowest first"),
                         reference: "a number: the page appears in the navigation, lowest first", desk: D(B("Urutan di menu", "Menu position")), indonesian: ["urutan"]) { _ in E(lines: ["menu: 1"]) },
    ]

    /// Each kind's fields, in the table's order: read once per content file by the loader.
    static let namesByKind: [ItemKind: [String]] = Dictionary(uniqueKeysWithValues: ItemKind.allCases.map { kind in
        (kind, fields.filter { $0.kinds.contains(kind) }.map(\.name))
    })
}
