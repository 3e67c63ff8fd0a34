import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import WartaCore

/// The writing desk at `/.warta/desk/`: a list of every item, a form per kind, saving through the
/// loader's and the build's checks, uploads, and a live preview rendered by the theme. Offered only
/// when the preview listens on a loopback address (see `PreviewServer`).
struct Desk: Sendable {
    static let prefix = "/.warta/desk/"
    /// Uploads larger than this are refused (`--upload-limit`).
    static let defaultUploadLimit = 20 << 20

    let siteRoot: String
    let themeDirectory: String
    let guardian = DeskGuard()
    let clock: @Sendable () -> ZonedInstant
    let uploadLimit: Int
    let coordinator: RebuildCoordinator
    let logger: Logger
    /// The desk's own parsed files (apart from the builds'): each page and preview parses only what changed.
    let cache = BuildCache()

    func respond(_ request: Request) async -> Response {
        let path = request.uri.path
        if path == String(Self.prefix.dropLast()) { return Self.redirect(Self.prefix) }
        guard path.hasPrefix(Self.prefix) else { return Self.text("Not found\n", status: .notFound) }
        let action = String(path.dropFirst(Self.prefix.count))
        let query = FormBody.parse(Array((request.uri.query ?? "").utf8))
        switch (request.method, action) {
        case (.get, ""), (.head, ""): return await list(query)
        case (.get, "new"): return await newForm(query)
        case (.get, "edit"): return await editForm(query)
        case (.get, "desk.css"): return Self.text(DeskAssets.css, type: "text/css; charset=utf-8")
        case (.get, "desk.js"): return Self.text(DeskAssets.script, type: "text/javascript; charset=utf-8")
        case (.post, "save"): return await save(request)
        case (.post, "preview"): return await preview(request)
        case (.put, "upload"): return await upload(request, query)
        case (_, "save"), (_, "preview"), (_, "upload"), (_, ""), (_, "new"), (_, "edit"):
            return Response(status: .methodNotAllowed)
        default: return Self.text("Not found\n", status: .notFound)
        }
    }

    // MARK: pages

    private func loadSite() async -> (Site?, [Diagnostic]) { await SiteLoader.load(root: siteRoot, themeDirectory: themeDirectory, cache: cache) }

    private func list(_ query: [String: String]) async -> Response {
        let (site, problems) = await loadSite()
        guard let site else { return siteBroken(problems) }
        let now = clock()
        let pages = DeskPages(config: site.config)
        let filters = DeskPages.Filters(kind: query["kind"] ?? "", department: query["department"] ?? "", state: query["state"] ?? "")
        let rows = DeskListing.rows(site, now: now)
        let listed = Set(rows.map(\.path))
        // Files that do not load are not items: named apart, each with its first error, to be fixed here.
        var broken: [String: String] = [:]
        for d in problems where d.severity == .error && !listed.contains(d.path) && broken[d.path] == nil
            && DeskDocument.target(root: siteRoot, path: d.path) != nil {
            broken[d.path] = "\(d.line):\(d.column): \(d.message)"
        }
        return Self.html(pages.list(rows, filters: filters, now: now, broken: broken.sorted { $0.key < $1.key }.map { (path: $0.key, error: $0.value) }))
    }

    private func newForm(_ query: [String: String]) async -> Response {
        let (site, problems) = await loadSite()
        guard let site else { return siteBroken(problems) }
        guard let kind = ItemKind(rawValue: query["kind"] ?? "") else { return Self.text("unknown kind\n", status: .badRequest) }
        let now = clock()
        var state = DeskPages.FormState(form: DeskDocument.blank(kind, config: site.config, now: now), token: guardian.token,
                                        tags: DeskListing.tags(site), now: now)
        state.state = .draft
        return Self.html(DeskPages(config: site.config).form(state))
    }

    private func editForm(_ query: [String: String]) async -> Response {
        let (site, problems) = await loadSite()
        guard let site else { return siteBroken(problems) }
        guard let target = DeskDocument.target(root: siteRoot, path: query["path"] ?? "") else {
            return Self.text("Only Markdown files under content/press, content/events and content/pages can be edited here.\n", status: .forbidden)
        }
        guard let bytes = try? PosixFile.read(target.full) else { return Self.text("Not found\n", status: .notFound) }
        let pages = DeskPages(config: site.config)
        let now = clock()
        guard let form = DeskDocument.form(bytes, kind: target.kind, config: site.config) else {
            let opened = await DeskCheck.run(root: siteRoot, themeDirectory: themeDirectory, path: target.path, kind: target.kind, bytes: bytes, now: now, cache: cache,
                                           uploads: PendingUploads.all(root: siteRoot))
            return Self.html(pages.rawForm(path: target.path, kind: target.kind, digest: Self.digest(bytes), token: guardian.token,
                                           text: String(decoding: bytes, as: UTF8.self), errors: opened.errors,
                                           notice: query["saved"] == "1" ? pages.t("Tersimpan.", "Saved.") : nil, noticeIsError: false))
        }
        var state = DeskPages.FormState(form: form, path: target.path, digest: Self.digest(bytes), token: guardian.token,
                                        tags: DeskListing.tags(site), now: now)
        let row = DeskListing.rows(site, now: now).first { $0.path == target.path }
        state.pageURL = row?.url
        state.state = row?.state
        if query["saved"] == "1" { state.notice = pages.t("Tersimpan.", "Saved.") }
        // A file that does not load as it is: its errors, beside their fields, from the start.
        let opened = await DeskCheck.run(root: siteRoot, themeDirectory: themeDirectory, path: target.path, kind: target.kind, bytes: bytes, now: now, cache: cache,
                                           uploads: PendingUploads.all(root: siteRoot))
        state.errors = Self.errorsByField(opened.errors, bytes: bytes, kind: target.kind)
        return Self.html(pages.form(state))
    }

    private func siteBroken(_ problems: [Diagnostic]) -> Response {
        let list = problems.map { "<li><code>\(DeskPages.esc($0.formatted(relativeTo: siteRoot)))</code></li>" }.joined()
        return Self.html("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Warta desk</title></head><body><main><h1>site.yml cannot be read</h1><ul>\(list)</ul></main></body></html>",
                         status: .internalServerError)
    }

    // MARK: saving

    /// What a posted form holds: the form, and where it is to be written.
    private struct Posted {
        var fields: [String: String]
        var form: DeskForm
        var path: String { fields["path"] ?? "" }
    }

    private static let controlFields: Set<String> = ["token", "kind", "path", "digest", "body", "ready"]

    /// Reads the body (bounded), then checks the token and the origin before anything else.
    private func posted(_ request: Request) async throws(Answer) -> Posted {
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: DeskDocument.maxTextSize + 256 * 1024) } catch {
            throw Answer(response: Self.text("The form is too large.\n", status: .contentTooLarge))
        }
        let fields = FormBody.parse(body.readableBytesView)
        if case .refused(let why) = guardian.verdict(request, presented: request.headers[DeskGuard.header] ?? fields[DeskGuard.field]) {
            logger.warning("desk: refused a \(request.method) \(request.uri.path): \(why)")
            throw Answer(response: Self.text("Refused: \(why).\n", status: .forbidden))
        }
        guard let kind = ItemKind(rawValue: fields["kind"] ?? "") else { throw Answer(response: Self.text("unknown kind\n", status: .badRequest)) }
        var values = fields
        for name in Self.controlFields { values[name] = nil }
        // "Siap terbit": the same save, without `draft: true`.
        if fields["ready"] == "1" { values["draft"] = nil }
        return Posted(fields: fields, form: DeskForm(kind: kind, values: values, body: fields["body"] ?? ""))
    }

    /// The bytes a save would write and where; a refusal as a response.
    private func candidate(_ posted: Posted, site: Site, now: ZonedInstant) -> Result<(DeskDocument.Target, [UInt8], original: [UInt8]?), Refusal> {
        let en = site.config.language == .en
        if !posted.path.isEmpty {
            guard let target = DeskDocument.target(root: siteRoot, path: posted.path), target.kind == posted.form.kind else {
                return .failure(Refusal(status: .forbidden, message: en ? "The desk writes only Markdown files under content/press, content/events and content/pages."
                                                                          : "Meja tulis hanya menulis berkas Markdown di content/press, content/events dan content/pages."))
            }
            guard let original = try? PosixFile.read(target.full) else {
                return .failure(Refusal(status: .conflict, message: en ? "The file is no longer there (moved or deleted since you opened it); your text is kept below."
                                                                       : "Berkas sudah tidak ada (dipindah atau dihapus sejak dibuka); teks Anda tetap ada di bawah."))
            }
            guard Self.digest(original) == posted.fields["digest"] else { return .failure(conflict(en)) }
            if let raw = posted.fields["raw"] { return .success((target, DeskDocument.text(raw, like: original), original)) }
            guard let bytes = DeskDocument.edited(original, kind: target.kind, posted: posted.form, config: site.config) else {
                return .failure(Refusal(status: .unprocessableContent, message: en ? "The file has no front matter to edit." : "Berkas tidak berisi front matter."))
            }
            return .success((target, bytes, original))
        }
        let created: (path: String, bytes: [UInt8])
        do { created = try DeskDocument.created(posted.form, site: site, now: now) } catch {
            return .failure(Refusal(status: .unprocessableContent, message: error.message, field: "title"))
        }
        if let realRoot = PosixFile.realPath(siteRoot), PosixFile.realPath(siteRoot + "/content") == realRoot + "/content" {
            try? PosixFile.makeDirectories(siteRoot + "/content/" + posted.form.kind.rawValue)
        }
        guard let target = DeskDocument.target(root: siteRoot, path: created.path) else {
            return .failure(Refusal(status: .forbidden, message: "content/\(posted.form.kind.rawValue) leads outside content/"))
        }
        if PosixFile.kind(target.full, followLinks: false) != nil {
            return .failure(Refusal(status: .conflict, message: en ? "\(target.path) already exists; give another title or slug." : "\(target.path) sudah ada; beri judul atau slug lain.", field: "slug"))
        }
        return .success((target, created.bytes, nil))
    }

    /// A request answered before it gets anywhere (refused, malformed).
    struct Answer: Error {
        let response: Response
    }

    struct Refusal: Error {
        let status: HTTPResponse.Status
        let message: String
        var field = ""
    }

    private func conflict(_ en: Bool) -> Refusal {
        Refusal(status: .conflict, message: en ? "The file changed on disk since you opened it; your text is kept below. Copy it, reload the page, and make your changes again."
                                              : "Berkas berubah di disk sejak Anda membukanya; teks Anda tetap ada di bawah. Salin, muat ulang halaman, lalu ulangi perubahan Anda.")
    }

    private func save(_ request: Request) async -> Response {
        let posted: Posted
        do { posted = try await self.posted(request) } catch { return error.response }
        let (loaded, problems) = await loadSite()
        guard let site = loaded else { return siteBroken(problems) }
        let now = clock()
        let pages = DeskPages(config: site.config)
        var state = DeskPages.FormState(form: posted.form, path: posted.path, digest: posted.fields["digest"] ?? "", token: guardian.token,
                                        tags: DeskListing.tags(site), now: now)
        func refused(_ refusal: Refusal, errors: [Diagnostic] = []) -> Response {
            if let raw = posted.fields["raw"] {
                return Self.html(pages.rawForm(path: posted.path, kind: posted.form.kind, digest: posted.fields["digest"] ?? "", token: guardian.token,
                                               text: raw, errors: errors, notice: refusal.message, noticeIsError: true), status: refusal.status)
            }
            state.notice = refusal.message
            state.noticeIsError = true
            if !refusal.field.isEmpty { state.errors[refusal.field] = [refusal.message] }
            return Self.html(pages.form(state), status: refusal.status)
        }
        let target: DeskDocument.Target, bytes: [UInt8], original: [UInt8]?
        switch candidate(posted, site: site, now: now) {
        case .failure(let refusal): return refused(refusal)
        case .success(let c): (target, bytes, original) = c
        }
        let check = await DeskCheck.run(root: siteRoot, themeDirectory: themeDirectory, path: target.path, kind: target.kind, bytes: bytes, now: now, cache: cache,
                                           uploads: PendingUploads.all(root: siteRoot))
        guard check.errors.isEmpty else {
            state.errors = Self.errorsByField(check.errors, bytes: bytes, kind: target.kind)
            return refused(Refusal(status: .unprocessableContent, message: pages.t(
                "Tidak disimpan: \(check.errors.count) galat. Berkas tidak diubah.", "Not saved: \(check.errors.count) errors. The file was not changed.")),
                           errors: check.errors)
        }
        do {
            if let original {
                // Looked at once more just before writing: a save from an editor a moment ago is not lost.
                guard let now = try? PosixFile.read(target.full), now == original else { return refused(conflict(site.config.language == .en)) }
                try PosixFile.replace(target.full, bytes)
            } else {
                try PosixFile.createNew(target.full, bytes)
            }
        } catch {
            return refused(Refusal(status: .internalServerError, message: "cannot write \(target.path): \(error)"))
        }
        logger.info("desk: saved \(target.path)")
        // Its uploads join it in content/ now, and follow it from here on (held back while it is hidden).
        let adopted = PendingUploads.adopt(check.files, root: siteRoot)
        for file in adopted.moved { logger.info("desk: moved the upload \(file) into content/ with \(target.path)") }
        for failure in adopted.failed { logger.warning("desk: \(failure)") }
        // The watcher sees the files too; waiting here means the page linked after the save is the new one.
        await coordinator.rebuild(changed: Set([target.path] + adopted.moved.map { "content/" + $0 }))
        return Self.redirect(Self.prefix + "edit?path=" + DeskPages.query(target.path) + "&saved=1")
    }

    /// The live preview: the page as the theme shows it, and the errors a save would meet.
    private func preview(_ request: Request) async -> Response {
        let posted: Posted
        do { posted = try await self.posted(request) } catch { return error.response }
        let (loaded, problems) = await loadSite()
        guard let site = loaded else { return siteBroken(problems) }
        let now = clock()
        let target: DeskDocument.Target, bytes: [UInt8]
        switch candidate(posted, site: site, now: now) {
        case .failure(let refusal): return Self.json(["errors": [["field": refusal.field, "message": refusal.message]]])
        case .success(let c): (target, bytes) = (c.0, c.1)
        }
        let check = await DeskCheck.run(root: siteRoot, themeDirectory: themeDirectory, path: target.path, kind: target.kind, bytes: bytes, now: now, cache: cache,
                                           uploads: PendingUploads.all(root: siteRoot))
        var page = check.page ?? ""
        // The page's own links are relative to its address.
        if let pagePath = check.pagePath, let head = page.range(of: "<head>") {
            page.insert(contentsOf: "<base href=\"\(DeskPages.esc(pagePath))\">", at: head.upperBound)
        }
        let errors = Self.errorsByField(check.errors, bytes: bytes, kind: target.kind).flatMap { field, messages in
            messages.map { ["field": field, "message": $0] }
        }
        return Self.json(["page": page, "errors": errors])
    }

    private func upload(_ request: Request, _ query: [String: String]) async -> Response {
        // Checked before a byte of the body is read.
        if case .refused(let why) = guardian.verdict(request, presented: request.headers[DeskGuard.header]) {
            logger.warning("desk: refused an upload: \(why)")
            return Self.json(["error": "Refused: \(why)."], status: .forbidden)
        }
        guard let role = DeskUpload.Role(rawValue: query["role"] ?? ""), let name = query["name"], !name.isEmpty else {
            return Self.json(["error": "role and name are required"], status: .badRequest)
        }
        let (config, _) = SiteLoader.config(root: siteRoot)
        do {
            let src = try await DeskUpload.receive(request, root: siteRoot, role: role, name: name, limit: uploadLimit, language: config?.language ?? .id)
            logger.info("desk: received content\(src)")
            return Self.json(["src": src])
        } catch {
            return Self.json(["error": error.message], status: error.status)
        }
    }

    // MARK: answers

    /// Each error under the field it is about: the field whose lines hold it, else the field its
    /// message names, else none ("").
    static func errorsByField(_ errors: [Diagnostic], bytes: [UInt8], kind: ItemKind) -> [String: [String]] {
        let parts = FrontMatterEdit.parts(bytes)
        let bodyLine = parts?.bodyLine ?? Int.max
        let keys = DeskFields.keys(kind) + ["body"]
        let present = Set(parts.map { FrontMatterEdit.keys($0.yaml) } ?? [])
        var out: [String: [String]] = [:]
        for error in errors {
            var field = ""
            // "needs 'previous_start'": beside the field to fill in, not the one that asks for it.
            if let missing = keys.first(where: { !present.contains($0) && $0 != "body" && error.message.contains("'\($0)'") }) {
                field = missing
            } else if error.line >= bodyLine {
                field = "body"
            } else if error.line > 1, let key = FrontMatterEdit.field(atLine: error.line, in: bytes), keys.contains(key) {
                field = key
            } else if let key = keys.first(where: { error.message.contains("'\($0)'") }) {
                field = key
            }
            out[field, default: []].append(error.line > 1 ? "\(error.message) (\(error.line):\(error.column))" : error.message)
        }
        return out
    }

    static func digest(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Self.text(text, status: status, type: "text/html; charset=utf-8")
    }

    static func text(_ text: String, status: HTTPResponse.Status = .ok, type: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: [.contentType: type, .cacheControl: "no-store", .init("X-Frame-Options")!: "DENY",
                                           .init("Referrer-Policy")!: "same-origin"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ value: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return text(String(decoding: data, as: UTF8.self), status: status, type: "application/json")
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
