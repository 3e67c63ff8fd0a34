import Synchronization

/// Render and write stage: every output the registry declares, made on all cores and written as
/// it is made (nothing waits in memory for a final write). Order of work never shows in the output.
enum SiteRenderer {
    static func all(_ prepared: PreparedSite, writer: OutputWriter, cache: BuildCache? = nil) async throws(PosixFile.IOError) -> Int {
        let prints = cache.map { _ in Fingerprints(site: prepared.site, catalog: prepared.catalog, theme: prepared.theme) }
        let catalog = prepared.catalog, theme = prepared.theme
        let rendered = Mutex<Set<String>>([])

        // 1. Each listed item's card, made once for all the lists it appears in.
        var context = prepared.context
        let cardContext = context
        let cardKeys = prints.map { p in catalog.entries.indices.map { p.combine([p.items[$0]], "card", template: Theme.summaryTemplate) } }
        context.summaryHTML = await ParallelMap.map(Array(catalog.entries.indices)) { i in
            guard catalog.entries[i].listed else { return "" }
            if let cache, let cardKeys, let hit = cache.card(catalog.entries[i].item.sourcePath, key: cardKeys[i]) { return hit }
            var values = cardContext.summary(i)
            values["t"] = cardContext.labels
            values["site"] = cardContext.site
            return theme.render(Theme.summaryTemplate, values)
        }
        if let cache, let cardKeys {
            cache.store(cards: catalog.entries.indices.map { (catalog.entries[$0].item.sourcePath, cardKeys[$0], context.summaryHTML[$0]) })
        }

        // 2. Every output; one whose inputs are unchanged keeps its file.
        let session = RenderSession(context: context, theme: theme, sitemap: prepared.outputs.compactMap(\.sitemap))
        let results = await ParallelMap.map(prepared.outputs) { output -> (print: Int?, error: PosixFile.IOError?) in
            let print = prints.flatMap { output.inputs($0) }
            if let cache, let print, cache.output(output.file) == print, writer.keep(output.file) { return (print, nil) }
            do throws(PosixFile.IOError) {
                switch output.make(session) {
                case .text(let text): try writer.write(output.file, text)
                case .copy(let source): try writer.copy(from: source, to: output.file)
                }
            } catch {
                return (print, error)
            }
            if cache != nil { rendered.withLock { _ = $0.insert(output.file) } }
            return (print, nil)
        }
        if let failure = results.compactMap(\.error).first { throw failure }
        if let cache {
            var outputs: [String: Int] = [:]
            for (output, result) in zip(prepared.outputs, results) { if let print = result.print { outputs[output.file] = print } }
            cache.finish(outputs: outputs, rendered: rendered.withLock { $0 }, produced: writer.produced)
        }
        return prepared.outputs.count
    }
}
