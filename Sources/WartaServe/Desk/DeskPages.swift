import WartaCore

/// The desk's pages as HTML: plain forms that work without the script, labels on every field, errors
/// beside their fields (`aria-describedby`) and listed at the top with links to them, in the site's
/// language (Indonesian, or English for an English site).
struct DeskPages {
    let config: SiteConfig
    var en: Bool { config.language == .en }

    func t(_ id: String, _ english: String) -> String { en ? english : id }

    static func esc(_ text: String) -> String { HTMLEscape.escape(text) }

    func layout(title: String, main: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(en ? "en" : "id")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.esc(title)) · \(t("Meja tulis", "Writing desk")) · \(Self.esc(config.title))</title>
        <link rel="stylesheet" href="\(Desk.prefix)desk.css">
        <script src="\(Desk.prefix)desk.js" defer></script>
        </head>
        <body>
        <header class="bar"><a href="\(Desk.prefix)">\(t("Meja tulis", "Writing desk"))</a> <span>\(Self.esc(config.title))</span> <a href="/">\(t("Pratinjau situs", "Site preview"))</a></header>
        <main id="main">
        \(main)
        </main>
        </body>
        </html>

        """
    }

    func kindName(_ kind: ItemKind) -> String {
        switch kind {
        case .release: t("Siaran pers", "Press release")
        case .event: t("Agenda", "Event")
        case .page: t("Halaman", "Page")
        }
    }

    func time(_ instant: ZonedInstant) -> String {
        let local = config.timeZone.local(instant)
        let c = local.civil
        let hh = c.hour < 10 ? "0\(c.hour)" : "\(c.hour)", mm = c.minute < 10 ? "0\(c.minute)" : "\(c.minute)"
        return "\(c.dateString) \(hh):\(mm) \(config.timeZone.abbreviation(for: local))"
    }

    func stateText(_ state: DeskListing.State) -> String {
        switch state {
        case .draft: t("draf", "draft")
        case .embargoed(let until): t("embargo sampai ", "embargoed until ") + time(until)
        case .published: t("terbit", "public")
        case .expired: t("kedaluwarsa", "expired")
        case .withdrawn: t("dicabut", "withdrawn")
        }
    }

    // MARK: the list

    struct Filters {
        var kind = "", department = "", state = ""
    }

    func list(_ rows: [DeskListing.Row], filters: Filters, now: ZonedInstant, broken: [(path: String, error: String)]) -> String {
        let shown = rows.filter {
            (filters.kind.isEmpty || $0.kind.rawValue == filters.kind) && (filters.department.isEmpty || $0.department == filters.department)
                && (filters.state.isEmpty || $0.state.name == filters.state)
        }
        func select(_ name: String, _ label: String, _ options: [(String, String)], _ current: String) -> String {
            let opts = ([("", t("semua", "all"))] + options).map { value, text in
                "<option value=\"\(Self.esc(value))\"\(value == current ? " selected" : "")>\(Self.esc(text))</option>"
            }.joined()
            return "<label for=\"filter-\(name)\">\(label)</label><select id=\"filter-\(name)\" name=\"\(name)\">\(opts)</select>"
        }
        let kinds = ItemKind.allCases.map { ($0.rawValue, kindName($0)) }
        let departments = config.departments.map { ($0.slug, $0.name) }
        let states: [(String, String)] = [("draft", t("draf", "draft")), ("embargoed", t("embargo", "embargoed")), ("public", t("terbit", "public")),
                                          ("expired", t("kedaluwarsa", "expired")), ("withdrawn", t("dicabut", "withdrawn"))]
        let newLinks = ItemKind.allCases.map { "<a class=\"button\" href=\"\(Desk.prefix)new?kind=\($0.rawValue)\">\(t("Tulis", "New")) \(kindName($0).lowercased())</a>" }.joined(separator: " ")
        let items = shown.map { row -> String in
            let department = row.department.flatMap { config.department(slug: $0)?.name } ?? ""
            let meta = [kindName(row.kind), department, row.date.map(time) ?? ""].filter { !$0.isEmpty }.map(Self.esc).joined(separator: " · ")
            return """
            <li class="row" data-state="\(row.state.name)" data-path="\(Self.esc(row.path))">
            <h2><a href="\(Desk.prefix)edit?path=\(Self.query(row.path))">\(Self.esc(row.title))</a></h2>
            <p class="meta">\(meta)</p>
            <p><span class="state state-\(row.state.name)">\(Self.esc(stateText(row.state)))</span>
            <a href="\(Desk.prefix)edit?path=\(Self.query(row.path))">\(t("Sunting", "Edit"))<span class="visually-hidden">: \(Self.esc(row.title))</span></a>
            <a href="\(Self.esc(row.url))">\(t("Pratinjau", "Preview"))<span class="visually-hidden">: \(Self.esc(row.title))</span></a></p>
            </li>
            """
        }.joined(separator: "\n")
        let brokenNote = broken.isEmpty ? "" : """
            <section class="errors" aria-labelledby="broken-heading"><h2 id="broken-heading">\(t("Berkas yang tidak terbaca", "Files that do not load"))</h2>
            <ul>\(broken.map { "<li><a href=\"\(Desk.prefix)edit?path=\(Self.query($0.path))\"><code>\(Self.esc($0.path))</code></a>: \(Self.esc($0.error))</li>" }.joined())</ul></section>
            """
        return layout(title: t("Daftar tulisan", "All items"), main: """
        <h1>\(t("Meja tulis", "Writing desk"))</h1>
        <p>\(t("Jam pratinjau", "Preview clock")): \(Self.esc(time(now)))</p>
        <p class="actions">\(newLinks)</p>
        \(brokenNote)
        <form class="filters" method="get" action="\(Desk.prefix)">
        \(select("kind", t("Jenis", "Kind"), kinds, filters.kind))
        \(select("department", t("Dinas", "Department"), departments, filters.department))
        \(select("state", t("Status", "State"), states, filters.state))
        <button type="submit">\(t("Saring", "Filter"))</button>
        </form>
        <p role="status">\(shown.count) \(t("tulisan", "items"))</p>
        <ul class="rows">
        \(items)
        </ul>
        """)
    }

    static func query(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return out
    }
}
