/// Every link and image in a body that points into the site must land on something the build
/// writes: a page, an alias, a published file. Checked on the Markdown (at the link's line) so
/// `check`, `build` and the preview report it where it was written; `publish` checks the built
/// HTML again as a second line of defence.
///
/// One set of known paths, then one look-up per reading of each link: O(links).
enum LinkCheck {
    /// `shown`: the source paths of the items the public sees (the catalog's entries).
    static func check(site: Site, catalog: Catalog, outputs: [Output], shown publicItems: Set<String>) -> [Diagnostic] {
        var known = Set<String>()
        known.reserveCapacity(outputs.count + site.assets.count)
        for output in outputs { insert(output.file, into: &known) }
        // Every file, published now or not: a file is published with the first public item that
        // names it (see `FileReferences`), so one named only by hidden items goes public with them.
        for asset in site.assets { known.insert(asset.sitePath) }
        // Pages of items the public may not see (yet): a link to one would be a 404 for readers.
        var hidden: [String: Item] = [:]
        for item in site.items where !publicItems.contains(item.sourcePath) {
            for (file, _) in ItemPages.claims(item, routes: catalog.routes) {
                let page = file.hasSuffix("index.html") ? String(file.dropLast("/index.html".count)) : file
                if !known.contains(page) { hidden[page] = item }
            }
        }
        let basePath = site.writtenBasePath
        var out: [Diagnostic] = []
        for item in site.items where !item.content.links.isEmpty {
            let isPublic = publicItems.contains(item.sourcePath)
            let pageFolder = catalog.routes.item(item)
            let sourceFolder = String(item.sourcePath.dropFirst("content/".count)).lastSlashPrefix
            for link in item.content.links {
                guard let target = FileReferences.target(of: link.destination) else { continue }
                // Two readings at most, as in `FileReferences`; nil climbs above the root: nothing there.
                let first: String?, second: String?
                if target.hasPrefix("/") {
                    first = rooted(target)
                    second = basePath != "/" && target.hasPrefix(basePath) ? rooted(String(target.dropFirst(basePath.count - 1))) : nil
                } else {
                    first = FileReferences.normalised(pageFolder + target)
                    second = FileReferences.normalised(sourceFolder + "/" + target)
                }
                if first.map(known.contains) ?? false || second.map(known.contains) ?? false { continue }
                let what = link.isImage ? "image" : "link"
                let line = item.bodyLine + link.line - 1
                if let other = first.flatMap({ hidden[$0] }) ?? second.flatMap({ hidden[$0] }) {
                    // A hidden item may link to another one: they may go public together.
                    guard isPublic else { continue }
                    out.append(Diagnostic(item.sourcePath, line: line, column: link.column, """
                    \(what) to \(link.destination) leads to '\(other.sourcePath)', which readers cannot see yet \
                    (\(hiddenReason(other, catalog: catalog))); it would be a broken link on the published page
                    """))
                    continue
                }
                out.append(Diagnostic(item.sourcePath, line: line, column: link.column,
                                      "\(what) to \(link.destination) leads to no \(link.isImage ? "file" : "page") of the site"))
            }
        }
        return out
    }

    /// `x/index.html` is reached as `x/`, `x/index.html` and `x` (the form `normalised` gives).
    private static func insert(_ file: String, into known: inout Set<String>) {
        known.insert(file)
        if file == "index.html" { known.insert("") }
        if file.hasSuffix("/index.html") { known.insert(String(file.dropLast("/index.html".count))) }
    }

    /// The site path of `/x/y/`; "" for the root itself.
    private static func rooted(_ target: String) -> String? {
        let path = String(target.drop { $0 == "/" })
        return path.isEmpty ? "" : FileReferences.normalised(path)
    }

    private static func hiddenReason(_ item: Item, catalog: Catalog) -> String {
        if item.draft { return "it is a draft" }
        if let at = item.publishAt, at > catalog.now { return "embargoed until \(at)" }
        if let expires = item.expires, expires <= catalog.now { return "it expired on \(expires)" }
        return "it is not public"
    }
}
