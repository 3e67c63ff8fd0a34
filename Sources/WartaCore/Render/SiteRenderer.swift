import Synchronization

import Glibc

/// Where rendered outputs go: the output folder (`OutputWriter`), or memory (`LookAhead`).
protocol OutputSink: Sendable {
    /// Keeps the file the previous build wrote, unchanged; false when there is none to keep.
    func keep(_ relativePath: String) -> Bool
    func write(_ relativePath: String, _ text: String) throws(PosixFile.IOError)
    func write(_ relativePath: String, bytes: [UInt8]) throws(PosixFile.IOError)
    func copy(from source: String, to relativePath: String) throws(PosixFile.IOError)
    /// The build makes the same list of files as the one before it (read only with a cache).
    var sameFilesAsBefore: Bool { get }
    /// Every file written or kept (read only with a cache).
    var produced: Set<String> { get }
}

extension OutputWriter: OutputSink {}

/// Render and write stage: every output the registry declares, made on all cores and written as
/// it is made (nothing waits in memory for a final write). Order of work never shows in the output.
enum SiteRenderer {
    /// `prints` are the fingerprints of `prepared` (made by the caller, who keeps them). With
    /// `redoCards`, the context already holds every other entry's card. Returns the number of
    /// files and every entry's card.
    static func all(_ prepared: PreparedSite, writer: some OutputSink, cache: BuildCache? = nil, prints: Fingerprints? = nil,
                    redoCards: [Int]? = nil) async throws(PosixFile.IOError) -> (files: Int, cards: [CardHTML]) {
        let prints = cache == nil ? nil : prints ?? Fingerprints(site: prepared.site, catalog: prepared.catalog, theme: prepared.theme)
        let catalog = prepared.catalog, theme = prepared.theme

        // 1. Each listed item's card, made once for all the lists it appears in.
        var context = prepared.context
        let cardContext = context
        @Sendable func card(_ i: Int) -> CardHTML {
            guard catalog.entries[i].listed else { return CardHTML("") }
            // In the language of the lists it is in.
            let c = cardContext.inLanguage(catalog.trees[i])
            var values = c.summary(i)
            values["t"] = c.labels
            values["site"] = c.site
            return CardHTML(theme.render(Theme.summaryTemplate, values))
        }
        func key(_ p: Fingerprints, _ i: Int) -> Int { p.combine([p.items[i]], "card", template: Theme.summaryTemplate) }
        if let redoCards, context.summaryHTML.count == catalog.entries.count {
            for i in redoCards { context.summaryHTML[i] = card(i) }
            if let cache, let prints {
                cache.update(cards: redoCards.map { (catalog.entries[$0].item.sourcePath, key(prints, $0), context.summaryHTML[$0]) })
            }
        } else {
            let cardKeys = prints.map { p in catalog.entries.indices.map { key(p, $0) } }
            context.summaryHTML = await ParallelMap.map(Array(catalog.entries.indices)) { i in
                if let cache, let cardKeys, catalog.entries[i].listed, let hit = cache.card(catalog.entries[i].item.sourcePath, key: cardKeys[i]) { return hit }
                return card(i)
            }
            if let cache, let cardKeys {
                cache.store(cards: catalog.entries.indices.map { (catalog.entries[$0].item.sourcePath, cardKeys[$0], context.summaryHTML[$0]) })
            }
        }

        // 2. Every output; one whose inputs are unchanged keeps its file.
        // By index: an output is a dozen references, and copying each was a measured cost.
        let outputs = prepared.outputs
        let kept = await ParallelMap.map(Array(outputs.indices)) { i -> (keep: Bool, print: Int?) in
            let print = prints.flatMap { outputs[i].inputs($0) }
            guard let cache, let print, cache.output(outputs[i].file) == print else { return (false, print) }
            return (writer.keep(outputs[i].file), print)
        }
        let todo = outputs.indices.filter { !kept[$0].keep }
        // Each output reads the bodies it shows as it is made, and lets them go with it. Outputs that
        // show one same body (a release's page and its text version) are made together, so the body
        // is read and rendered once.
        context.chrome = SharedChrome.Memo()
        let session = RenderSession(context: context, theme: theme, sitemap: outputs.compactMap(\.sitemap)), root = prepared.site.root
        var units: [[Int]] = []
        var unitOfBody: [Int: Int] = [:]
        for i in todo {
            guard outputs[i].bodies.count == 1 else {
                units.append([i])
                continue
            }
            if let u = unitOfBody[outputs[i].bodies[0]] {
                units[u].append(i)
            } else {
                unitOfBody[outputs[i].bodies[0]] = units.count
                units.append([i])
            }
        }
        let errors = await ParallelMap.map(units) { unit -> PosixFile.IOError? in
            do throws(PosixFile.IOError) {
                // A unit of several outputs shares its one body; a unit of one may show many (a feed).
                let s = try session.reading(outputs[unit[0]].bodies, plainText: unit.contains { outputs[$0].plainBodies }, root: root)
                for i in unit {
                    switch outputs[i].make(s) {
                    case .text(let text): try writer.write(outputs[i].file, text)
                    case .bytes(let bytes): try writer.write(outputs[i].file, bytes: bytes)
                    case .copy(let source): try writer.copy(from: source, to: outputs[i].file)
                    }
                }
            } catch {
                return error
            }
            return nil
        }
        if let failure = errors.compactMap({ $0 }).first { throw failure }
        if let cache {
            let rendered = Set(todo.map { outputs[$0].file })
            if writer.sameFilesAsBefore {
                cache.finish(updating: todo.map { (outputs[$0].file, kept[$0].print) }, rendered: rendered)
            } else {
                var prints: [String: Int] = [:]
                for (i, result) in kept.enumerated() { if let print = result.print { prints[outputs[i].file] = print } }
                cache.finish(outputs: prints, rendered: rendered, produced: writer.produced)
            }
        }
        return (prepared.outputs.count, context.summaryHTML)
    }
}
