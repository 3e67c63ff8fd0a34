import Foundation
import WartaCore

/// The form for one item: a field for each entry of the front matter reference the desk offers.
extension DeskPages {
    struct FormState {
        var form: DeskForm
        /// `content/…` of the file edited; empty for a new one.
        var path = ""
        /// Of the file as it was when the form was opened.
        var digest = ""
        var token: String
        var tags: [String] = []
        /// Messages by field key (`title`, `image`, `body`…); "" holds those of no field.
        var errors: [String: [String]] = [:]
        var notice: String?
        var noticeIsError = false
        /// The item's page in the site preview.
        var pageURL: String?
        /// The item's state at the clock, as saved (nil: the file does not load).
        var state: DeskListing.State?
        var now: ZonedInstant
    }

    static func inputID(_ name: String) -> String { "f-" + name.replacingDots }

    func form(_ s: FormState) -> String {
        let f = s.form
        let kind = f.kind
        let zone = config.timeZone.abbreviation(for: config.timeZone.local(s.now))
        var fields: [String] = []

        /// Attributes that tie an input to its error.
        func describe(_ key: String) -> String {
            s.errors[key].map { _ in " aria-invalid=\"true\" aria-describedby=\"err-\(key.replacingDots)\"" } ?? ""
        }
        func errorText(_ key: String) -> String {
            guard let messages = s.errors[key] else { return "" }
            return "<p class=\"error\" id=\"err-\(key.replacingDots)\">" + messages.map(Self.esc).joined(separator: "<br>") + "</p>"
        }
        func hint(_ text: String, _ name: String) -> (String, String) {
            ("<p class=\"hint\" id=\"hint-\(name.replacingDots)\">\(Self.esc(text))</p>", " aria-describedby=\"hint-\(name.replacingDots)\"")
        }
        // Labels and hints are the table of fields' (`FieldTable`), by the input's name.
        func input(_ name: String, _ label: String? = nil, type: String = "text", required: Bool = false, note: String?? = nil,
                   errorKey: String? = nil, extra: String = "") -> String {
            let key = errorKey ?? name
            let label = label ?? self.label(name, kind)
            let note = note ?? hintText(name, kind)
            // A date the pickers cannot hold (`end: selesai`, a typo to fix) is shown as the text it is,
            // so a save never loses it.
            let type = Self.pickerHolds(type, f.values[name] ?? "") ? type : "text"
            let (hintHTML, hintAttr) = note.map { hint($0, name) } ?? ("", "")
            var described = describe(key)
            if !hintAttr.isEmpty {
                described = described.isEmpty ? hintAttr : described.replacingOccurrence("aria-describedby=\"", with: "aria-describedby=\"hint-\(name.replacingDots) ")
            }
            // A group's error (the image, the place) is written once, under its first field; every
            // field of the group points at it.
            let shown = errorKey == nil || Self.inputID(name) == anchor(key, kind: kind) ? errorText(key) : ""
            return """
            <div class="field" data-field="\(name)"><label for="\(Self.inputID(name))">\(label)\(required ? " <span aria-hidden=\"true\">*</span>" : "")</label>
            \(hintHTML)<input id="\(Self.inputID(name))" name="\(name)" type="\(type)" value="\(Self.esc(f.values[name] ?? ""))"\(required ? " required" : "")\(described)\(extra)>
            \(shown)</div>
            """
        }
        func checkbox(_ name: String) -> String {
            let label = self.label(name, kind)
            return """
            <div class="field check" data-field="\(name)"><input id="\(Self.inputID(name))" name="\(name)" type="checkbox" value="true"\(f[name] == "true" ? " checked" : "")\(describe(name))>
            <label for="\(Self.inputID(name))">\(label)</label>\(errorText(name))</div>
            """
        }
        func when(_ key: String) -> String { "\(t("Tanggal dan jam", "Date and time")) (\(zone))" + (key.isEmpty ? "" : ": ") + key }
        let allDay = kind == .event && f["all_day"] == "true"
        let dateType = "datetime-local"

        fields.append(input("title", required: true))
        if kind == .release {
            fields.append(input("date", label("date", kind) + " (\(zone))", type: dateType, required: true))
        }
        if kind == .event {
            let type = allDay ? "date" : dateType
            fields.append("<fieldset><legend>\(t("Waktu agenda", "When")) (\(zone))</legend>")
            fields.append(input("start", type: type, required: true, extra: " data-when"))
            fields.append(input("end", type: type, extra: " data-when"))
            fields.append(checkbox("all_day"))
            fields.append(input("date", type: dateType))
            let options = EventStatus.allCases.map { status -> String in
                let names: [EventStatus: (String, String)] = [.scheduled: ("sesuai jadwal", "scheduled"), .cancelled: ("dibatalkan", "cancelled"),
                                                              .postponed: ("ditunda", "postponed"), .rescheduled: ("dijadwalkan ulang", "rescheduled")]
                let name = names[status].map { t($0.0, $0.1) } ?? status.rawValue
                let current = f["status"].isEmpty ? "scheduled" : f["status"]
                return "<option value=\"\(status.rawValue)\"\(current == status.rawValue ? " selected" : "")>\(name)</option>"
            }.joined()
            fields.append("""
            <div class="field" data-field="status"><label for="f-status">\(label("status", kind))</label>
            <select id="f-status" name="status"\(describe("status"))>\(options)</select>\(errorText("status"))</div>
            """)
            fields.append(input("previous_start", type: dateType, required: f["status"] == "rescheduled", extra: " data-rescheduled"))
            fields.append("</fieldset>")
            fields.append("<fieldset><legend>\(label("location", kind))</legend>")
            fields.append(input("location.name", errorKey: "location"))
            fields.append(input("location.address", errorKey: "location"))
            fields.append(input("location.map", type: "url", errorKey: "location"))
            fields.append("</fieldset>")
            fields.append(input("organizer"))
        }
        fields.append("""
        <div class="field" data-field="summary"><label for="f-summary">\(label("summary", kind))</label>
        <textarea id="f-summary" name="summary" rows="2"\(describe("summary"))>
        \(Self.esc(f.values["summary"] ?? ""))</textarea>\(errorText("summary"))</div>
        """)
        let departmentOptions = ([("", t("(tidak ada)", "(none)"))] + config.departments.map { ($0.slug, $0.name) }).map { slug, name in
            "<option value=\"\(Self.esc(slug))\"\(f["department"] == slug ? " selected" : "")>\(Self.esc(name))</option>"
        }.joined()
        fields.append("""
        <div class="field" data-field="department"><label for="f-department">\(label("department", kind))</label>
        <select id="f-department" name="department"\(describe("department"))>\(departmentOptions)</select>\(errorText("department"))</div>
        """)
        fields.append(input("tags", extra: " list=\"tag-list\" autocomplete=\"off\""))
        fields.append("<datalist id=\"tag-list\">" + s.tags.map { "<option value=\"\(Self.esc($0))\">" }.joined() + "</datalist>")
        fields.append(input("author"))
        if kind == .release {
            fields.append(input("nomor"))
            // The default is the site's own city.
            fields.append(input("city", note: .some(config.release.city.map { t("Bawaan: ", "Default: ") + $0 })))
        }
        fields.append("<fieldset><legend>\(t("Penerbitan", "Publishing")) (\(zone))</legend>")
        fields.append(checkbox("draft"))
        fields.append(input("publish_at", type: dateType))
        fields.append(input("expires", type: dateType))
        fields.append(input("slug", extra: " pattern=\"[a-z0-9]+(-[a-z0-9]+)*\""))
        if kind == .page { fields.append(input("menu", type: "number", extra: " min=\"0\" max=\"1000\"")) }
        fields.append("</fieldset>")

        fields.append("<fieldset data-field=\"image\"><legend>\(label("image", kind))</legend>")
        fields.append("""
        <div class="field"><label for="upload-image">\(t("Unggah gambar (JPG, PNG, WebP; maks. 20 MB)", "Upload an image (JPG, PNG, WebP; max. 20 MB)"))</label>
        <input id="upload-image" type="file" accept=".jpg,.jpeg,.png,.webp,.gif" data-upload="image" data-target="f-image-src">
        <p class="upload-status" role="status" id="upload-image-status"></p></div>
        """)
        fields.append(input("image.src", errorKey: "image"))
        fields.append(input("image.alt", required: !f["image.src"].isEmpty, errorKey: "image", extra: " data-alt"))
        fields.append(input("image.caption", errorKey: "image"))
        fields.append(input("image.credit", errorKey: "image"))
        fields.append("</fieldset>")

        var rows = f.attachments
        rows.append(("", ""))
        let attachmentRows = rows.enumerated().map { i, row in
            """
            <div class="attachment" data-row="\(i)">
            <div class="field"><label for="f-attachments-\(i)-file">\(label("attachments.file", kind)) \(i + 1)</label>
            <input id="f-attachments-\(i)-file" name="attachments.\(i).file" value="\(Self.esc(row.file))"\(describe("attachments"))></div>
            <div class="field"><label for="f-attachments-\(i)-title">\(label("attachments.title", kind)) \(i + 1)</label>
            <input id="f-attachments-\(i)-title" name="attachments.\(i).title" value="\(Self.esc(row.title))"></div>
            </div>
            """
        }.joined(separator: "\n")
        fields.append("""
        <fieldset data-field="attachments"><legend>\(label("attachments", kind))</legend>
        \(errorText("attachments"))
        <div id="attachment-rows">\(attachmentRows)</div>
        <div class="field"><label for="upload-attachment">\(t("Unggah lampiran (PDF, DOCX, XLSX…; maks. 20 MB)", "Upload an attachment (PDF, DOCX, XLSX…; max. 20 MB)"))</label>
        <input id="upload-attachment" type="file" accept=".pdf,.docx,.xlsx,.pptx,.odt,.ods,.doc,.xls,.jpg,.jpeg,.png,.webp" data-upload="attachment">
        <p class="upload-status" role="status" id="upload-attachment-status"></p></div>
        </fieldset>
        """)

        // The general errors (and a refusal) first, each linked to its field.
        var top = ""
        if let notice = s.notice {
            top += "<div class=\"\(s.noticeIsError ? "errors" : "saved")\" role=\"\(s.noticeIsError ? "alert" : "status")\"><p>\(Self.esc(notice))</p></div>"
        }
        let linked = s.errors.sorted { $0.key < $1.key }.flatMap { key, messages in
            messages.map { message in key.isEmpty ? "<li>\(Self.esc(message))</li>" : "<li><a href=\"#\(anchor(key, kind: kind))\">\(Self.esc(message))</a></li>" }
        }
        if !linked.isEmpty {
            top += """
            <div class="errors" role="alert" id="save-errors"><h2>\(t("Belum disimpan: perbaiki dulu", "Not saved: fix these first"))</h2>
            <ul>\(linked.joined())</ul></div>
            """
        }
        let heading = s.path.isEmpty ? t("Tulis baru", "New") + ": " + kindName(kind).lowercased() : t("Sunting", "Edit") + ": " + (f.values["title"] ?? "")
        let preview = s.pageURL.map { "<p><a href=\"\(Self.esc($0))\">\(t("Buka halamannya di pratinjau situs", "Open its page in the site preview"))</a></p>" } ?? ""
        return layout(title: heading, main: """
        <h1>\(Self.esc(heading))</h1>
        \(s.path.isEmpty ? "" : "<p class=\"meta\"><code>\(Self.esc(s.path))</code></p>")
        \(stateLine(s))
        \(preview)
        \(top)
        <form id="desk-form" class="desk" method="post" action="\(Desk.prefix)save" novalidate>
        <input type="hidden" name="token" value="\(Self.esc(s.token))">
        <input type="hidden" name="kind" value="\(kind.rawValue)">
        <input type="hidden" name="path" value="\(Self.esc(s.path))">
        <input type="hidden" name="digest" value="\(Self.esc(s.digest))">
        <div class="columns">
        <div class="fields">
        \(fields.joined(separator: "\n"))
        </div>
        <div class="writing">
        <div class="field" data-field="body"><label for="f-body">\(t("Isi (Markdown)", "Text (Markdown)"))</label>
        <textarea id="f-body" name="body" rows="14"\(describe("body"))>
        \(Self.esc(f.body))</textarea>\(errorText("body"))</div>
        <p><button type="submit">\(t("Simpan", "Save"))</button>\(f["draft"] == "true" ? " <button type=\"submit\" name=\"ready\" value=\"1\" id=\"ready\">\(t("Siap terbit", "Ready to publish"))</button>" : "")</p>
        <div id="live-errors" role="status" aria-live="polite"></div>
        <h2 id="preview-heading">\(t("Pratinjau", "Preview"))</h2>
        <iframe id="preview" title="\(t("Pratinjau halaman", "Page preview"))" sandbox="allow-same-origin" aria-labelledby="preview-heading"></iframe>
        </div>
        </div>
        </form>
        """)
    }

    /// The table of fields' desk text for a field (`tags`) or a part of one (`image.alt`) on `kind`'s form.
    func deskText(_ name: String, _ kind: ItemKind) -> FrontMatterField.Desk {
        let path = name.split(separator: ".", maxSplits: 1).map(String.init)
        let field = FieldTable[path[0]]
        guard let desk = path.count > 1 ? field.part(path[1])?.desk : field.desk(for: kind) else {
            preconditionFailure("FieldTable has no desk input '\(name)' for \(kind)")
        }
        return desk
    }

    func label(_ name: String, _ kind: ItemKind) -> String { deskText(name, kind).label.text(english: en) }
    func hintText(_ name: String, _ kind: ItemKind) -> String? { deskText(name, kind).hint?.text(english: en) }

    /// The item's state in words: a draft is never published until "Siap terbit".
    func stateLine(_ s: FormState) -> String {
        guard let state = s.state else { return "" }
        let note = state == .draft
            ? t("Tidak terbit sampai Anda menekan “Siap terbit”.", "Not published until you press “Ready to publish”.")
            : t("Bukan draf: terbit pada tanggalnya.", "Not a draft: public from its date.")
        return """
        <p class="item-state" id="item-state">\(t("Status", "State")): <span class="state state-\(state.name)">\(Self.esc(stateText(state)))</span> \(Self.esc(note))</p>
        """
    }

    /// A file whose front matter does not read as YAML: the whole text to fix, with its errors
    /// (line and column), saved with the same checks.
    func rawForm(path: String, kind: ItemKind, digest: String, token: String, text: String, errors: [Diagnostic], notice: String?, noticeIsError: Bool) -> String {
        let list = errors.map { "<li>\($0.line):\($0.column): \(Self.esc($0.message))</li>" }.joined()
        let top = notice.map { "<div class=\"\(noticeIsError ? "errors" : "saved")\" role=\"\(noticeIsError ? "alert" : "status")\"><p>\(Self.esc($0))</p></div>" } ?? ""
        return layout(title: path, main: """
        <h1>\(t("Sunting", "Edit")): <code>\(Self.esc(path))</code></h1>
        \(top)
        <div class="errors" id="raw-errors"><h2>\(t("Front matter berkas ini tidak terbaca", "This file's front matter cannot be read"))</h2>
        <p>\(t("Perbaiki teksnya di bawah (nomor baris dan kolom ditunjukkan); setelah terbaca, formulir lengkap tersedia lagi.",
                "Fix the text below (line and column are given); once it reads, the full form is back."))</p>
        <ul>\(list)</ul></div>
        <form class="desk" method="post" action="\(Desk.prefix)save">
        <input type="hidden" name="token" value="\(Self.esc(token))">
        <input type="hidden" name="kind" value="\(kind.rawValue)">
        <input type="hidden" name="path" value="\(Self.esc(path))">
        <input type="hidden" name="digest" value="\(Self.esc(digest))">
        <div class="field"><label for="f-raw">\(t("Seluruh isi berkas", "The whole file"))</label>
        <textarea id="f-raw" name="raw" rows="24" aria-describedby="raw-errors">
        \(Self.esc(text))</textarea></div>
        <p><button type="submit">\(t("Simpan", "Save"))</button></p>
        </form>
        """)
    }

    /// Whether an input of `type` can show `value` (an empty value, or a value in the picker's format).
    static func pickerHolds(_ type: String, _ value: String) -> Bool {
        guard type == "date" || type == "datetime-local", !value.isEmpty else { return true }
        let digits = value.map { $0.isASCII && $0.isNumber ? "9" : String($0) }.joined()
        return type == "date" ? digits == "9999-99-99" : digits == "9999-99-99T99:99" || digits == "9999-99-99T99:99:99"
    }

    /// Where an error of `key` links to.
    func anchor(_ key: String, kind: ItemKind) -> String {
        switch key {
        case "image": "f-image-src"
        case "location": "f-location-name"
        case "attachments": "f-attachments-0-file"
        default: Self.inputID(key)
        }
    }
}

extension String {
    var replacingDots: String { String(map { $0 == "." ? "-" : $0 }) }

    func replacingOccurrence(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
