/// Load stage: reads `site.yml`, every file under `content/` and the theme's static files into a
/// `Site` value, collecting every problem found on the way.
public enum SiteLoader {
    /// Only `site.yml`: for commands that need the settings before building (publish targets).
    public static func config(root: String) -> (SiteConfig?, [Diagnostic]) {
        guard let bytes = try? PosixFile.read(root + "/" + SiteConfigLoader.fileName) else {
            return (nil, [Diagnostic(SiteConfigLoader.fileName, "cannot read the site configuration")])
        }
        if let bad = UTF8Check.firstInvalid(bytes) {
            return (nil, [Diagnostic(SiteConfigLoader.fileName, at: bad, "invalid UTF-8: save the file as UTF-8 text")])
        }
        return SiteConfigLoader.load(yaml: String(decoding: bytes, as: UTF8.self))
    }

    public static func load(root: String, themeDirectory: String? = nil, cache: BuildCache? = nil) async -> (Site?, [Diagnostic]) {
        let configBytes: [UInt8]
        do {
            configBytes = try PosixFile.read(root + "/" + SiteConfigLoader.fileName)
        } catch {
            return (nil, [Diagnostic(SiteConfigLoader.fileName, "cannot read the site configuration: \(error)")])
        }
        if let bad = UTF8Check.firstInvalid(configBytes) {
            return (nil, [Diagnostic(SiteConfigLoader.fileName, at: bad, "invalid UTF-8: save the file as UTF-8 text")])
        }
        cache?.useConfig(PosixFile.info(root + "/" + SiteConfigLoader.fileName))
        let (loadedConfig, configProblems) = SiteConfigLoader.load(yaml: String(decoding: configBytes, as: UTF8.self))
        guard let config = loadedConfig else { return (nil, configProblems) }
        var diagnostics = configProblems

        let contentRoot = root + "/content"
        let files: [String]
        do {
            files = try PosixFile.kind(contentRoot) == .directory ? PosixFile.walk(contentRoot) : []
        } catch {
            return (nil, [Diagnostic("content", "cannot read the content folder: \(error)")])
        }
        var sources: [(path: String, kind: ItemKind)] = []
        var assets: [Asset] = []
        for file in files {
            let path = "content/" + file
            if file.hasSuffix(".md") {
                let top = file.split(separator: "/").first.map(String.init) ?? ""
                if let kind = ItemKind(rawValue: top), file.contains("/") {
                    sources.append((path, kind))
                } else {
                    diagnostics.append(Diagnostic(path, "Markdown files belong in content/press/, content/events/ or content/pages/"))
                }
            } else {
                assets.append(Asset(source: root + "/" + path, sitePath: file))
            }
        }
        let themeStatic = (themeDirectory ?? root + "/site-templates") + "/static"
        if PosixFile.kind(themeStatic) == .directory, let themeFiles = try? PosixFile.walk(themeStatic) {
            let taken = Set(assets.map(\.sitePath))
            // The site's own files win over the theme's.
            assets += themeFiles.filter { !taken.contains($0) }.map { Asset(source: themeStatic + "/" + $0, sitePath: $0) }
        }

        let loader = ItemLoader(config: config)
        let results = await ParallelMap.map(sources) { source -> (Item?, [Diagnostic], Int?) in
            let full = root + "/" + source.path
            let stamp = cache == nil ? nil : PosixFile.info(full)
            if let cache, let stamp, let hit = cache.loaded(source.path, stamp: stamp) { return (hit.item, hit.problems, stamp.stampHash) }
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
        items.reserveCapacity(results.count)
        for (i, (item, problems, stamp)) in results.enumerated() {
            diagnostics += problems
            if let item { items.append(item) }
            if let stamp { stamps[sources[i].path] = stamp }
        }
        var site = Site(root: root, config: config, items: items, assets: assets.sorted { $0.sitePath < $1.sitePath })
        site.stamps = stamps
        return (site, diagnostics)
    }
}
