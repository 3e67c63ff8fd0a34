/// Every link and image that points into the site must land on something the build writes: a
/// page, an alias, a published file. That holds for what is read on a page, wherever it was written:
/// an item's body and its notes to editors, `site.yml`'s `about` text (on every release), and an
/// emergency notice's text (on the home page). Checked on the Markdown, at the link's own line and
/// column in the file that holds it, so `check`, `build` and the preview report it where it was
/// written; `publish` checks the built HTML again as a second line of defence.
///
/// One set of known paths, then one look-up per reading of each link: O(links).
enum LinkCheck {
    /// `shown`: the source paths of the items the public sees (the catalog's entries).
    static func check(site: Site, catalog: Catalog, outputs: [Output], shown publicItems: Set<String>) -> [Diagnostic] {
        let places = Places(site: site, catalog: catalog, outputs: outputs, shown: publicItems)
        var out: [Diagnostic] = []
        // Each item borrowed where it lies, not copied out (a copy retains every field).
        func visit(_ item: borrowing Item) {
            let isPublic = publicItems.contains(item.sourcePath)
            let folders = [catalog.routes.item(item), sourceFolder(item.sourcePath)]
            for link in item.content.links {
                let placed = Markdown.Link(destination: link.destination, isImage: link.isImage,
                                           line: item.bodyLine + link.line - 1, column: link.column)
                out += places.judge(placed, in: item.sourcePath, from: folders, isPublic: isPublic).map { [$0] } ?? []
            }
            // Already placed in the file (`FieldMarkdown`, the event reader).
            for link in item.notesLinks + (item.registrationLink.map { [$0] } ?? []) {
                out += places.judge(link, in: item.sourcePath, from: folders, isPublic: isPublic).map { [$0] } ?? []
            }
        }
        for i in site.items.indices where !site.items[i].content.links.isEmpty || !site.items[i].notesLinks.isEmpty || site.items[i].event?.registration?.url != nil {
            visit(site.items[i])
        }
        out += about(site: site, catalog: catalog, places: places)
        let inForce = Set(catalog.alerts.map(\.alert.sourcePath))
        for alert in site.alerts {
            // Read on the home page, as `FileReferences` reads it.
            let folders = ["", sourceFolder(alert.sourcePath)]
            for link in alert.links {
                out += places.judge(link, in: alert.sourcePath, from: folders, isPublic: inForce.contains(alert.sourcePath)).map { [$0] } ?? []
            }
        }
        return out
    }

    /// `about` is shown under every release (in the release's language when written in it): a link
    /// from the site's root is checked once; a relative one is read from the page of each release
    /// that shows the text, and reported once, naming the first page where it leads nowhere.
    private static func about(site: Site, catalog: Catalog, places: Places) -> [Diagnostic] {
        let config = site.config
        guard !config.release.aboutLinks.isEmpty else { return [] }
        var out: [Diagnostic] = []
        for (language, links) in config.release.aboutLinks.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            for link in links {
                if FileReferences.target(of: link.destination, written: site.written)?.hasPrefix("/") ?? true {
                    out += places.judge(link, in: SiteConfigLoader.fileName, from: [], isPublic: true).map { [$0] } ?? []
                    continue
                }
                for entry in catalog.entries where entry.item.kind == .release {
                    let shows = config.release.about[entry.item.language ?? config.language] != nil
                        ? entry.item.language ?? config.language : config.language
                    guard shows == language,
                          let problem = places.judge(link, in: SiteConfigLoader.fileName, from: [entry.path], isPublic: true)
                    else { continue }
                    out.append(Diagnostic(problem.path, line: problem.line, column: problem.column,
                                          problem.message + " (read from the page of '\(entry.item.sourcePath)', where 'about' is shown)"))
                    break
                }
            }
        }
        return out
    }

    /// The folder, under the site root, of the Markdown file: a relative link may be written from it.
    private static func sourceFolder(_ sourcePath: String) -> String {
        String(sourcePath.dropFirst("content/".count)).lastSlashPrefix + "/"
    }

    /// What a link may land on: every output and file of the build, and the pages of the items the
    /// public may not see (yet).
    private struct Places {
        var known = Set<String>()
        /// The public pages (`siaran-pers/2023/02/x`), for the nearest one to a broken link.
        var pages: [String] = []
        var hidden: [String: Item] = [:]
        let written: WrittenAddress
        let now: ZonedInstant

        init(site: Site, catalog: Catalog, outputs: [Output], shown publicItems: Set<String>) {
            known.reserveCapacity(outputs.count + site.assets.count)
            for output in outputs {
                Self.insert(output.file, into: &known)
                if output.file.hasSuffix("/index.html") { pages.append(String(output.file.dropLast("/index.html".count))) }
            }
            // Every file, published now or not: a file is published with the first public item that
            // names it (see `FileReferences`), so one named only by hidden items goes public with them.
            for asset in site.assets { known.insert(asset.sitePath) }
            // Pages of items the public may not see (yet): a link to one would be a 404 for readers.
            for item in site.items where !publicItems.contains(item.sourcePath) {
                for (file, _) in ItemPages.claims(item, routes: catalog.routes) {
                    let page = file.hasSuffix("index.html") ? String(file.dropLast("/index.html".count)) : file
                    if !known.contains(page) { hidden[page] = item }
                }
            }
            written = site.written
            now = catalog.now
        }

        /// The problem with `link` (already placed in the file at `path`), read from the site's root
        /// or, when relative, from each of `folders` (site paths ending in `/`, or "" for the root);
        /// nil when it lands on something, or leads outside the site.
        /// `isPublic`: what holds the link is read by the public now. Something hidden may link to
        /// another hidden item: they may go public together.
        func judge(_ link: Markdown.Link, in path: String, from folders: [String], isPublic: Bool) -> Diagnostic? {
            guard let target = FileReferences.target(of: link.destination, written: written) else { return nil }
            // Two readings at most, as in `FileReferences`; nil climbs above the root: nothing there.
            let readings: [String?]
            if target.hasPrefix("/") {
                // As it is written out (`WrittenLinks`): `/kontak/` and `/warta/kontak/` are both the
                // site path `kontak/` on a site at `/warta/`.
                readings = [rooted("/" + WrittenLinks.sitePath(target[...], written: written.path))]
            } else {
                readings = folders.map { FileReferences.normalised($0 + target) }
            }
            if readings.contains(where: { $0.map(known.contains) ?? false }) { return nil }
            let what = link.isImage ? "image" : "link"
            if let other = readings.lazy.compactMap({ $0.flatMap { hidden[$0] } }).first {
                guard isPublic else { return nil }
                return Diagnostic(path, line: link.line, column: link.column, """
                \(what) to \(link.destination) leads to '\(other.sourcePath)', which readers cannot see yet \
                (\(hiddenReason(other))); it would be a broken link on the published page
                """)
            }
            let nearest = link.isImage ? nil : readings.first.flatMap { $0.flatMap(nearestPage) }
            return Diagnostic(path, line: link.line, column: link.column,
                              "\(what) to \(link.destination) leads to no \(link.isImage ? "file" : "page") of the site"
                                + (nearest.map { "; did you mean \(written.path)\($0)/?" } ?? ""))
        }

        /// The page whose path is fewest edits from `wanted` (a typo, a wrong month), when it is a few
        /// edits away; asked only for a broken link, so a walk of every page is fine.
        private func nearestPage(_ wanted: String) -> String? {
            let target = wanted.hasSuffix("/index.html") ? String(wanted.dropLast("/index.html".count)) : wanted
            guard !target.isEmpty else { return nil }
            // A typo or a wrong month: three edits at most, and a third of the last segment (so `galeri`
            // is not taken for `cari`, nor `…/english/peta` for the page `…/english` the link is on).
            let last = target.split(separator: "/").last?.utf8.count ?? 0
            let limit = min(3, last / 3)
            guard limit >= 1 else { return nil }
            var best: (page: String, distance: Int)?
            for page in pages where abs(page.utf8.count - target.utf8.count) <= limit {
                let d = editDistance(page, target)
                if d <= limit, d < best?.distance ?? Int.max || (d == best?.distance && page < best!.page) { best = (page, d) }
            }
            return best?.page
        }

        /// `x/index.html` is reached as `x/`, `x/index.html` and `x` (the form `normalised` gives).
        private static func insert(_ file: String, into known: inout Set<String>) {
            known.insert(file)
            if file == "index.html" { known.insert("") }
            if file.hasSuffix("/index.html") { known.insert(String(file.dropLast("/index.html".count))) }
        }

        /// The site path of `/x/y/`; "" for the root itself.
        private func rooted(_ target: String) -> String? {
            let path = String(target.drop { $0 == "/" })
            return path.isEmpty ? "" : FileReferences.normalised(path)
        }

        private func hiddenReason(_ item: Item) -> String {
            if item.draft { return "it is a draft" }
            if let at = item.publishAt, at > now { return "embargoed until \(at)" }
            if let expires = item.expires, expires <= now { return "it expired on \(expires)" }
            return "it is not public"
        }
    }
}
