/// Every file a build will write, with what writes it; checked before anything is rendered so that
/// two things claiming one URL is an error with both places named, never a silent overwrite.
struct OutputPlan {
    struct Producer: Sendable {
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

    /// A file where another output needs a folder: an alias `/lampiran/surat.pdf` is a page at
    /// `lampiran/surat.pdf/index.html`, which the file `lampiran/surat.pdf` leaves no room for.
    /// Every item and file is claimed, public or not, so this fails now rather than when an
    /// embargo lifts. Reported where the folder is asked for, else where the file comes from.
    func filesInTheWayOfFolders() -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (file, producer) in files {
            var folder = Substring(file)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard let holder = files[String(folder)] else { continue }
                let page = "/" + (file.hasSuffix("index.html") ? String(file.dropLast("index.html".count)) : file)
                if let path = producer.path {
                    found.append(Diagnostic(path, at: producer.location, """
                        \(producer.description) maps to \(page), inside /\(folder), which is \(holder.description); \
                        choose another address
                        """))
                } else {
                    found.append(Diagnostic(holder.path ?? "site.yml", at: holder.location,
                                            "\(holder.description) is at /\(folder), where \(producer.description) needs a folder (\(page))"))
                }
            }
        }
        return found.sorted { $0.description < $1.description }
    }

    /// Checks every item of the site (visible or not, so an embargo lifting later cannot break the
    /// build) and every output the registry declares.
    static func check(site: Site, catalog: Catalog, outputs: [Output]) -> [Diagnostic] {
        var plan = OutputPlan()
        plan.files.reserveCapacity(site.items.count * 2 + outputs.count + site.assets.count)
        var diagnostics: [Diagnostic] = []
        // Each item borrowed where it lies, not copied out (a copy retains every field).
        func visit(_ item: borrowing Item) {
            for (file, producer) in ItemPages.claims(item, routes: catalog.routes) { plan.claim(file, producer) }
            for attachment in item.attachments where catalog.assetSources[attachment.file] == nil {
                diagnostics.append(Diagnostic(item.sourcePath, at: attachment.location, "attachment not found: content/\(attachment.file)"))
            }
            if let image = item.image, image.src.hasPrefix("/"), catalog.assetSources[String(image.src.dropFirst())] == nil {
                diagnostics.append(Diagnostic(item.sourcePath, at: image.location, "image not found: content\(image.src)"))
            }
        }
        for i in site.items.indices { visit(site.items[i]) }
        for alert in site.alerts {
            let (file, producer) = CAPFeed.claim(alert, routes: catalog.routes)
            plan.claim(file, producer)
        }
        // A notice deleted before its end is cancelled at its address, from its record.
        let slugs = Set(site.alerts.map(\.slug))
        for record in site.capRecords where !slugs.contains(record.slug) {
            plan.claim(catalog.routes.alertMessage(record.slug), Producer(description: "the CAP record '\(record.path)'", path: record.path, location: nil))
        }
        if let logo = site.config.logo, logo.src.hasPrefix("/"), catalog.assetSources[String(logo.src.dropFirst())] == nil {
            diagnostics.append(Diagnostic(SiteConfigLoader.fileName, at: logo.location, "logo not found: content\(logo.src) (nor in the theme's static/)"))
        }
        if let share = site.config.shareImage, share.src.hasPrefix("/"), catalog.assetSources[String(share.src.dropFirst())] == nil {
            diagnostics.append(Diagnostic(SiteConfigLoader.fileName, at: share.location, "share image not found: content\(share.src)"))
        }
        for output in outputs {
            if let producer = output.claim { plan.claim(output.file, producer) }
        }
        // A file of the site that is not public now still takes its URL: it may become public later.
        let published = Set(catalog.assets.map(\.sitePath))
        for asset in site.assets where !published.contains(asset.sitePath) {
            plan.claim(asset.sitePath, Producer(description: "the file '\(asset.sitePath)'", path: asset.fromTheme ? nil : "content/" + asset.sitePath, location: nil))
        }
        diagnostics += plan.filesInTheWayOfFolders()
        // Pagefind writes its index there after the build, replacing the whole folder.
        for (file, producer) in plan.files where file.hasPrefix(SearchIndex.folder + "/") {
            diagnostics.append(Diagnostic(producer.path ?? "site.yml", at: producer.location,
                                          "\(producer.description) maps to /\(file), but /\(SearchIndex.folder)/ is reserved for the search index"))
        }
        for asset in site.assets where asset.sitePath == OutputWriter.marker {
            diagnostics.append(Diagnostic("content/" + asset.sitePath, "this file name is reserved by Warta"))
        }
        return diagnostics + plan.diagnostics
    }
}
