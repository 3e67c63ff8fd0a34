/// A save's check and the live preview: the site as the build would load it with the writer's text
/// in place of (or beside) the files on disk, checked by the build's own checks, and the item's page
/// rendered by the theme as the preview server would show it.
public enum DeskCheck {
    public struct Outcome: Sendable {
        /// Errors this text brings (the loader's, and the site checks' that the files on disk do
        /// not already have): the save is refused while there are any.
        public var errors: [Diagnostic]
        public var warnings: [Diagnostic]
        /// The item's page, with the theme (nil when the text does not load).
        public var page: String?
        /// The page's path on the site (`/siaran-pers/2023/02/…/`).
        public var pagePath: String?
        /// The site paths of the files the text names (`lampiran/x.pdf`), as files follow their items.
        public var files: Set<String> = []
    }

    public static func run(root: String, themeDirectory: String, path: String, kind: ItemKind, bytes: [UInt8],
                           now: ZonedInstant, baseURL: BaseURL? = nil, cache: BuildCache? = nil, uploads: [Asset] = []) async -> Outcome {
        // With a cache, files unchanged since the last look are not parsed again (a preview a keystroke).
        let (loaded, loadProblems) = await SiteLoader.load(root: root, themeDirectory: themeDirectory, cache: cache)
        guard var site = loaded else {
            return Outcome(errors: loadProblems.filter { $0.severity == .error }, warnings: [], page: nil)
        }
        if let baseURL { site.config.baseURL = baseURL }
        // Uploads waiting for this text: present, as they will be once it is saved.
        site.assets += uploads
        let (item, itemProblems) = ItemLoader(config: site.config).load(bytes: bytes, path: path, kind: kind)
        var outcome = Outcome(errors: itemProblems.filter { $0.severity == .error }, warnings: itemProblems.filter { $0.severity != .error }, page: nil)
        // A size the build refuses unread.
        if bytes.count > ItemLoader.maxFileSize {
            outcome.errors.append(Diagnostic(path, "the text is \(bytes.count / 1024) KiB; a content file may be at most \(ItemLoader.maxFileSize >> 20) MiB"))
        }
        guard let item else { return outcome }
        outcome.files = FileReferences.of(item, routes: Routes(config: site.config), written: site.written)
        // The files on disk may have errors of their own; only the ones this text adds refuse it.
        let visibility = Visibility(now: now)
        let before = Set(siteProblems(site, visibility).map(\.description))
        var candidate = site
        candidate.items.removeAll { $0.sourcePath == path }
        candidate.items.append(item)
        candidate.items.sort { $0.sourcePath < $1.sourcePath }
        let current = siteProblems(candidate, visibility)
        for problem in current where !before.contains(problem.description) {
            if problem.severity == .error { outcome.errors.append(problem) } else if problem.path == path { outcome.warnings.append(problem) }
        }
        outcome.errors += comingProblems(site, candidate, path: path, now: now, toldNow: Set(current.map(\.description)))
        // The writer's text is not on disk yet: its body is rendered from it, not read from the file.
        guard case .success(let front) = FrontMatter.split(bytes, path: path) else { return outcome }
        let body = Markdown.render(front.body, plainText: kind == .release)
        if let (html, pagePath) = page(candidate, path: path, body: body, now: now, themeDirectory: themeDirectory, root: root) {
            outcome.page = html
            outcome.pagePath = "/" + pagePath
        }
        return outcome
    }

    /// What this text would break at its own coming changes (its embargo lifting, its expiry or
    /// withdrawal, its event ending) within `LookAhead.days`, as `check` tells it: the timer's
    /// publish must never meet it. Only the errors the files on disk do not already have then.
    static func comingProblems(_ site: Site, _ candidate: Site, path: String, now: ZonedInstant, toldNow: Set<String>) -> [Diagnostic] {
        let horizon = now.seconds + Int64(LookAhead.days) * 86_400
        var instants = Set<Int64>()
        var out: [Diagnostic] = []
        var told = toldNow
        for due in Schedule.upcoming(site: candidate, now: now) where due.path == path && due.instant.seconds <= horizon
            && instants.insert(due.instant.seconds).inserted {
            let then = Visibility(now: due.instant)
            let before = Set(siteProblems(site, then).map(\.description))
            for problem in siteProblems(candidate, then) where problem.severity == .error && !before.contains(problem.description)
                && told.insert(problem.description).inserted {
                out.append(problem.from(due, zone: site.config.timeZone))
            }
        }
        return out
    }

    /// The checks `SiteBuilder.prepare` runs on a loaded site (the same function).
    static func siteProblems(_ site: Site, _ visibility: Visibility) -> [Diagnostic] {
        let catalog = Catalog(site: site, visibility: visibility)
        return SiteBuilder.checks(site, catalog, OutputRegistry.outputs(PageContext(catalog: catalog)))
    }

    /// The item's page as the theme renders it, shown even while a draft or embargoed (marked as in a preview).
    static func page(_ site: Site, path: String, body: Markdown.Rendered, now: ZonedInstant, themeDirectory: String, root: String) -> (String, String)? {
        let (theme, _) = Theme.load(directory: themeDirectory, siteRoot: root)
        guard let theme else { return nil }
        // Only the item itself is shown ahead of time: the page around it is the public's, without
        // other drafts, embargoed items or notices.
        let plain = Visibility(now: now)
        var site = site
        site.items = site.items.filter { $0.sourcePath == path || plain.decide($0) != .hidden }
        site.alerts = site.alerts.filter { plain.decide($0) != .hidden }
        let catalog = Catalog(site: site, visibility: Visibility(now: now, includeDrafts: true, includeFuture: true))
        guard let index = catalog.entries.firstIndex(where: { $0.item.sourcePath == path }) else { return nil }
        var session = RenderSession(context: PageContext(catalog: catalog, text: theme.text), theme: theme, sitemap: [])
        session.bodies[index] = ItemBody.Shown(body)
        let bytes = ItemPages(context: session.context, theme: theme).render(index, html: session.bodyHTML(index))
        return (String(decoding: bytes, as: UTF8.self), catalog.entries[index].path)
    }
}
