/// Load stage: reads `site.yml`, every file under `content/` and the theme's static files into a
/// `Site` value, collecting every problem found on the way.
public enum SiteLoader {
    /// Only `site.yml`: for commands that need the settings before building (publish targets).
    public static func config(root: String) -> (SiteConfig?, [Diagnostic]) {
        switch configBytes(root: root) {
        case .failure(let problems): return (nil, problems.diagnostics)
        case .success(let bytes): return SiteConfigLoader.load(yaml: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// `site.yml`, read only when it is inside the site folder and is clean text.
    static func configBytes(root: String) -> Result<[UInt8], BuildFailure> {
        let path = root + "/" + SiteConfigLoader.fileName
        if let escape = SiteTree(siteRoot: root).escape(path) { return .failure(BuildFailure([escape])) }
        let bytes: [UInt8]
        do {
            bytes = try PosixFile.read(path)
        } catch {
            return .failure(BuildFailure([Diagnostic(SiteConfigLoader.fileName, "cannot read the site configuration: \(error)")]))
        }
        let problems = TextCheck.problems(bytes, path: SiteConfigLoader.fileName)
        return problems.isEmpty ? .success(bytes) : .failure(BuildFailure(problems))
    }

    /// With a `snapshot` of the content folder taken just before (see `InputStamps`), its list and
    /// stamps are used instead of walking again. `renderBodies`: the bodies read are rendered and
    /// parked for the pages (a build; `check` and the publish plan only scan them).
    static func load(root: String, themeDirectory: String? = nil, cache: BuildCache? = nil,
                     snapshot: InputStamps.Snapshot?, renderBodies: Bool = false) async -> (Site?, [Diagnostic]) {
        let configBytes: [UInt8]
        switch Self.configBytes(root: root) {
        case .failure(let problems): return (nil, problems.diagnostics)
        case .success(let bytes): configBytes = bytes
        }
        cache?.useConfig(PosixFile.info(root + "/" + SiteConfigLoader.fileName))
        let (loadedConfig, configProblems) = SiteConfigLoader.load(yaml: String(decoding: configBytes, as: UTF8.self))
        guard let config = loadedConfig else { return (nil, configProblems) }
        var diagnostics = configProblems

        let tree = SiteTree(siteRoot: root, theme: themeDirectory)
        let contentRoot = root + "/content"
        var files: [String] = []
        var linkTargets: [String: String] = [:]
        if let snapshot {
            files = snapshot.contentFiles
        } else if PosixFile.kind(contentRoot) != nil {
            let walked = tree.files(in: contentRoot, publishing: true)
            files = walked.files
            linkTargets = walked.linkTargets
            diagnostics += walked.problems + walked.scripts.map { scriptWarning("content/" + $0) }
        }
        var sources: [(path: String, kind: ItemKind)] = []
        var alertSources: [String] = []
        var recordSources: [String] = []
        var assets: [Asset] = []
        for file in files {
            let path = "content/" + file
            let slash = file.utf8.firstIndex(of: UInt8(ascii: "/"))
            let top = slash.map { String(file[..<$0]) } ?? ""
            let itemKind = slash == nil ? nil : ItemKind(rawValue: top)
            let isAlert = slash != nil && top == AlertLoader.folder
            if file.hasSuffix(".md") {
                if let itemKind {
                    sources.append((path, itemKind))
                } else if isAlert {
                    alertSources.append(path)
                } else {
                    diagnostics.append(Diagnostic(path, "Markdown files belong in content/press/, content/events/, content/pages/ or content/alerts/"))
                }
            } else if isAlert && file.hasSuffix(CAPRecord.suffix) && !file.dropFirst(AlertLoader.folder.count + 1).contains("/") {
                recordSources.append(path)  // Warta's own record, never published
            } else if let ext = Self.markdownLookalike(file) {
                diagnostics.append(Diagnostic(path, "a Markdown file must end in exactly '.md' (this one ends in '\(ext)'): rename it, or it is never built"))
            } else {
                var asset = Asset(source: root + "/" + path, sitePath: file, onlyWhenReferenced: itemKind != nil || isAlert)
                asset.linkTarget = linkTargets[file]
                assets.append(asset)
            }
        }
        let themeStatic = (themeDirectory ?? root + "/site-templates") + "/static"
        if PosixFile.kind(themeStatic) != nil {
            let walked = tree.files(in: themeStatic, publishing: true)
            diagnostics += walked.problems + walked.scripts.map { scriptWarning(tree.display(themeStatic + "/" + $0)) }
            let taken = Set(assets.map(\.sitePath))
            // The site's own files win over the theme's.
            assets += walked.files.filter { !taken.contains($0) }.map { file in
                var asset = Asset(source: themeStatic + "/" + file, sitePath: file, fromTheme: true)
                asset.linkTarget = walked.linkTargets[file]
                return asset
            }
        }

        // With a snapshot's stamps, the files the cache vouches for are found in one look under its
        // lock; only the others are read, on every core.
        let vouched = cache.flatMap { cache in snapshot.map { s in cache.loaded(sources.map { (path: $0.path, stamp: s.stamps[$0.path]) }) } }
        let loader = ItemLoader(config: config, bodies: renderBodies ? BodyStore() : nil)
        let unvouched = sources.indices.filter { vouched?[$0] == nil }.map { sources[$0] }
        let read = await ParallelMap.map(unvouched) { source -> (Item?, [Diagnostic], Int?) in
            let full = root + "/" + source.path
            let stamp = cache == nil ? nil : snapshot?.stamps[source.path] ?? PosixFile.info(full)
            // (Files already looked up all at once were not found there.)
            if vouched == nil, let cache, let stamp, let hit = cache.loaded(source.path, stamp: stamp) {
                return (hit.item, hit.problems, stamp.stampHash)
            }
            if let size = PosixFile.size(full), size > ItemLoader.maxFileSize {
                return (nil, [Diagnostic(source.path, "the file is \(size / 1024) KiB; a content file may be at most \(ItemLoader.maxFileSize >> 20) MiB (images and documents belong in their own files)")], nil)
            }
            do {
                let bytes = try PosixFile.read(full)
                let (item, problems) = loader.load(bytes: bytes, path: source.path, kind: source.kind)
                if let cache, let stamp { cache.store(source.path, .init(stamp: stamp, item: item, problems: problems)) }
                return (item, problems, stamp?.stampHash)
            } catch {
                return (nil, [Diagnostic(source.path, "cannot read: \(error)")], nil)
            }
        }
        var items: [Item] = []
        var stamps: [String: Int] = [:]
        var unread: Set<String> = []
        items.reserveCapacity(sources.count)
        stamps.reserveCapacity(sources.count)
        var next = 0  // in `read`
        for i in sources.indices {
            let (item, problems, stamp): (Item?, [Diagnostic], Int?)
            if let hit = vouched?[i] {
                (item, problems, stamp) = (hit.file.item, hit.file.problems, hit.stampHash)
            } else {
                (item, problems, stamp) = read[next]
                next += 1
            }
            diagnostics += problems
            if let item { items.append(item) } else { unread.insert(sources[i].path) }
            if let stamp { stamps[sources[i].path] = stamp }
        }
        cache?.keepOnly(Set(sources.map(\.path)))
        // After the cache: it keeps items as their files say, and the originals may have changed.
        let (translations, translationProblems) = Translations.resolve(items, config: config, unread: unread)
        diagnostics += translationProblems
        Translations.inherit(&items, links: translations)
        let (alerts, alertProblems) = loadAlerts(alertSources, root: root, config: config)
        diagnostics += alertProblems
        var site = Site(root: root, config: config, items: items, assets: assets.sorted { $0.sitePath < $1.sitePath })
        site.alerts = alerts
        let (records, recordProblems) = loadRecords(recordSources, root: root)
        site.capRecords = records
        diagnostics += recordProblems
        site.stamps = stamps
        site.written = WrittenAddress(config.baseURL)
        site.translations = translations
        return (site, diagnostics)
    }

    public static func load(root: String, themeDirectory: String? = nil, cache: BuildCache? = nil) async -> (Site?, [Diagnostic]) {
        await load(root: root, themeDirectory: themeDirectory, cache: cache, snapshot: nil)
    }

    /// Every notice is read on every build, never from the cache: there are a handful at most, and
    /// each is a few lines.
    static func loadAlerts(_ paths: [String], root: String, config: SiteConfig) -> ([Alert], [Diagnostic]) {
        let loader = AlertLoader(config: config)
        var alerts: [Alert] = []
        var problems: [Diagnostic] = []
        for path in paths {
            if let size = PosixFile.size(root + "/" + path), size > ItemLoader.maxFileSize {
                problems.append(Diagnostic(path, "the file is \(size / 1024) KiB; a content file may be at most \(ItemLoader.maxFileSize >> 20) MiB"))
                continue
            }
            do {
                let (alert, found) = loader.load(bytes: try PosixFile.read(root + "/" + path), path: path)
                problems += found
                if let alert { alerts.append(alert) }
            } catch {
                problems.append(Diagnostic(path, "cannot read: \(error)"))
            }
        }
        return (alerts, problems)
    }

    static func scriptWarning(_ path: String) -> Diagnostic {
        Diagnostic(path, severity: .warning, """
            a server script is never published: a web server could run it instead of sending it. \
            To offer it for download, put it in a .zip; else delete it
            """)
    }

    /// The CAP records (see `CAPRecord`), read on every build like the notices.
    static func loadRecords(_ paths: [String], root: String) -> ([CAPRecord], [Diagnostic]) {
        var records: [CAPRecord] = []
        var problems: [Diagnostic] = []
        for path in paths {
            do {
                let (record, found) = CAPRecord.read(String(decoding: try PosixFile.read(root + "/" + path), as: UTF8.self), path: path)
                problems += found
                if let record { records.append(record) }
            } catch {
                problems.append(Diagnostic(path, "cannot read: \(error)"))
            }
        }
        return (records, problems)
    }

    /// `.MD`, `.markdown`, `.mdown`…: meant as Markdown, but only `.md` is built.
    static func markdownLookalike(_ file: String) -> String? {
        guard let dot = file.lastIndex(of: "."), !file[dot...].contains("/") else { return nil }
        let ext = String(file[dot...])
        return [".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt"].contains(ext.lowercased()) && ext != ".md" ? ext : nil
    }
}
