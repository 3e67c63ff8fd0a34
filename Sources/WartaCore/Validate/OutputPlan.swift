/// Every file a build will write, with what writes it; checked before anything is rendered so that
/// two things claiming one URL is an error with both places named, never a silent overwrite.
struct OutputPlan {
    struct Producer {
        let description: String
        let path: String?
        let location: SourceLocation?
    }

    private(set) var files: [String: Producer] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    mutating func claim(_ file: String, _ producer: Producer) {
        guard let first = files[file] else {
            files[file] = producer
            return
        }
        let url = "/" + (file.hasSuffix("index.html") ? String(file.dropLast("index.html".count)) : file)
        if let path = producer.path {
            diagnostics.append(Diagnostic(path, at: producer.location, "\(producer.description) maps to \(url), which \(first.description) already uses"))
        }
        if let path = first.path {
            diagnostics.append(Diagnostic(path, at: first.location, "\(first.description) maps to \(url), which \(producer.description) also uses"))
        }
        if producer.path == nil && first.path == nil {
            diagnostics.append(Diagnostic("site.yml", "\(producer.description) and \(first.description) both map to \(url); rename a section in site.yml"))
        }
    }

    /// Checks every item of the site (visible or not, so an embargo lifting later cannot break the
    /// build) and every generated page.
    static func check(site: Site, catalog: Catalog, lists: [(base: String, pages: Int)], feeds: [String]) -> [Diagnostic] {
        var plan = OutputPlan()
        let routes = catalog.routes
        var diagnostics: [Diagnostic] = []
        for item in site.items {
            plan.claim(Routes.file(routes.item(item)), Producer(description: "'\(item.sourcePath)'", path: item.sourcePath, location: item.urlLocation))
            for alias in item.aliases {
                plan.claim(Routes.file(Routes.alias(alias.value)),
                           Producer(description: "alias '\(alias.value)' of '\(item.sourcePath)'", path: item.sourcePath, location: alias.location))
            }
            for attachment in item.attachments where catalog.assetSources[attachment.file] == nil {
                diagnostics.append(Diagnostic(item.sourcePath, at: attachment.location, "attachment not found: content/\(attachment.file)"))
            }
            if let image = item.image, image.src.hasPrefix("/"), catalog.assetSources[String(image.src.dropFirst())] == nil {
                diagnostics.append(Diagnostic(item.sourcePath, at: image.location, "image not found: content\(image.src)"))
            }
        }
        func generated(_ file: String, _ what: String) {
            plan.claim(file, Producer(description: what, path: nil, location: nil))
        }
        generated(Routes.file(routes.home), "the home page")
        generated(Routes.file(routes.events), "the events page")
        for (path, what) in [(routes.departments, "departments"), (routes.tags, "tags"), (routes.archive, "archive")] {
            generated(Routes.file(path), "the \(what) index")
        }
        for (base, pages) in lists {
            for n in 1...pages { generated(Routes.file(routes.paged(base, n)), "the list /\(routes.paged(base, n))") }
        }
        for feed in feeds { generated(feed, "the feed /\(feed)") }
        generated(routes.sitemap, "the sitemap")
        generated(routes.robots, "robots.txt")
        generated(routes.notFound, "the 404 page")
        for asset in site.assets {
            let own = asset.source.hasPrefix(site.root + "/content/")
            let producer = Producer(description: "the file '\(asset.sitePath)'", path: own ? "content/" + asset.sitePath : nil, location: nil)
            if asset.sitePath == OutputWriter.marker {
                diagnostics.append(Diagnostic("content/" + asset.sitePath, "this file name is reserved by Warta"))
            }
            plan.claim(asset.sitePath, producer)
        }
        return diagnostics + plan.diagnostics
    }
}
