/// The preview's quick rebuild: when the files saved since the last build are known Markdown files
/// whose front matter is unchanged, only their bodies differ. Then every list, URL, count and
/// decision of the last build still holds, and the site is the last one with those bodies swapped
/// in: no walk of the folders, no new catalog, no output plan. The renderer then redoes the outputs
/// whose fingerprints changed, exactly as after a full load.
///
/// Anything else (a new, removed or renamed file, a template, `site.yml`, a changed front matter or
/// set of links, a warning, the clock passing a change) is left to the full build.
enum BodyEdit {
    /// What the last good build of this process leaves for the next one.
    struct LastBuild: Sendable {
        /// With each listed entry's card (`context.summaryHTML`), so only edited ones are made again.
        var prepared: PreparedSite
        var prints: Fingerprints
        /// Source path to its index in `site.items`, and to its entry when the public may see it.
        let itemIndex: [String: Int]
        let entryIndex: [String: Int]
        /// The stretch of time in which the clock changes nothing (see `Visibility.nextChange`).
        let from: Int64
        let until: Int64
        let output: String
        let options: Key
        /// Files some warning of the last build names. Warnings about other files stand: a body edit
        /// keeps front matter and link targets, all that checks across files read.
        let warnedPaths: Set<String>

        /// Build options that shape every output.
        struct Key: Equatable, Sendable {
            let siteRoot: String
            let themeDirectory: String
            let includeDrafts: Bool
            let includeFuture: Bool
            let baseURL: String?

            init(_ o: BuildOptions) {
                siteRoot = o.siteRoot
                themeDirectory = o.themeDirectory
                includeDrafts = o.visibility.includeDrafts
                includeFuture = o.visibility.includeFuture
                baseURL = o.baseURL.map { $0.origin + $0.path }
            }
        }

        init(_ prepared: PreparedSite, prints: Fingerprints, options: BuildOptions) {
            self.prepared = prepared
            self.prints = prints
            var items: [String: Int] = [:]
            for (i, item) in prepared.site.items.enumerated() { items[item.sourcePath] = i }
            itemIndex = items
            var entries: [String: Int] = [:]
            for (i, entry) in prepared.catalog.entries.enumerated() { entries[entry.item.sourcePath] = i }
            entryIndex = entries
            from = prepared.catalog.now.seconds
            until = prepared.catalog.visibility.nextChange(prepared.site).seconds
            output = options.output
            self.options = Key(options)
            warnedPaths = Set(prepared.warnings.map(\.path))
        }

        func accepts(_ options: BuildOptions) -> Bool {
            self.options == Key(options) && output == options.output
                && from <= options.visibility.now.seconds && options.visibility.now.seconds < until
        }
    }

    /// The last build with the edited bodies swapped in (and which entries changed), or nil when
    /// the full build must run. Takes the last build out of the cache, so its arrays are changed
    /// in place rather than copied.
    static func apply(_ options: BuildOptions) -> (last: LastBuild, edited: [Int])? {
        guard let cache = options.cache, cache.file == nil, let changed = options.changedPaths, !changed.isEmpty,
              var last = cache.takeLastBuild(), last.accepts(options) else { return nil }
        let loader = ItemLoader(config: last.prepared.site.config)
        let root = last.prepared.site.root
        var edited: [Int] = []
        for path in changed.sorted() {
            guard path.hasPrefix("content/"), path.hasSuffix(".md"), let index = last.itemIndex[path] else { return nil }
            let full = root + "/" + path
            // A file that became a link is checked by the full walk (it may lead out of the site).
            guard PosixFile.kind(full, followLinks: false) == .file, let stamp = PosixFile.info(full),
                  stamp.size <= ItemLoader.maxFileSize, let bytes = try? PosixFile.read(full) else { return nil }
            let old = last.prepared.site.items[index]
            let (read, problems) = loader.load(bytes: bytes, path: path, kind: old.kind)
            // A file with warnings, before or now, is the full build's: it says which still hold.
            guard let item = read, problems.isEmpty, !last.warnedPaths.contains(path), item.frontMatterDigest == old.frontMatterDigest,
                  item.translationOf == nil,  // a translation's embargo may be its original's (see `Translations.inherit`)
                  sameTargets(item.content.links, old.content.links) else { return nil }
            cache.store(path, .init(stamp: stamp, item: item, problems: []))
            last.prepared.site.items[index] = item
            last.prepared.site.stamps[path] = stamp.stampHash
            guard let i = last.entryIndex[path] else { continue }  // hidden: nothing public shows it
            let entry = last.prepared.context.catalog.entries[i]
            last.prepared.context.catalog.entries[i] = Catalog.Entry(item: item, path: entry.path, listed: entry.listed, expired: entry.expired,
                                                                     withdrawal: entry.withdrawal, preview: entry.preview, event: entry.event)
            let speaking = last.prepared.context.inLanguage(last.prepared.catalog.trees[i])
            last.prepared.context.teasers[i] = PageContext.teaser(last.prepared.context.catalog.entries[i],
                                                                  labels: speaking.labels, dates: speaking.dates)
            edited.append(i)
        }
        // site.yml's stamp, the year and the zone's name are in the global part: any change there
        // means more than bodies changed.
        let site = last.prepared.site, catalog = last.prepared.catalog
        guard Fingerprints.global(site: site, catalog: catalog, text: last.prepared.theme.text) == last.prints.global else { return nil }
        for i in edited { last.prints.items[i] = Fingerprints.item(i, global: last.prints.global, site: site, catalog: catalog) }
        return (last, edited)
    }

    /// Links decide which files are published and which checks run: the same targets, the same site.
    private static func sameTargets(_ a: [Markdown.Link], _ b: [Markdown.Link]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.destination == $1.destination && $0.isImage == $1.isImage }
    }
}
