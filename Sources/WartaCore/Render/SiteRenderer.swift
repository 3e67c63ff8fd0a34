import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Render and write stage: every output the registry declares, made on all cores and written as
/// it is made (nothing waits in memory for a final write). Order of work never shows in the output.
enum SiteRenderer {
    /// `prints` are the fingerprints of `prepared` (made by the caller, who keeps them): required with a cache.
    static func all(_ prepared: PreparedSite, writer: OutputWriter, cache: BuildCache? = nil, prints: Fingerprints? = nil) async throws(PosixFile.IOError) -> Int {
        let prints = cache == nil ? nil : prints ?? Fingerprints(site: prepared.site, catalog: prepared.catalog, theme: prepared.theme)
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
        let outputs = prepared.outputs
        let kept = await ParallelMap.map(outputs) { output -> (keep: Bool, print: Int?) in
            let print = prints.flatMap { output.inputs($0) }
            guard let cache, let print, cache.output(output.file) == print else { return (false, print) }
            return (writer.keep(output.file), print)
        }
        var session = RenderSession(context: context, theme: theme, sitemap: outputs.compactMap(\.sitemap))
        session.reloaded = try await reloadBodies(prepared, needed: zip(outputs, kept).filter { !$0.1.keep }.flatMap(\.0.bodies))
        let finalSession = session
        let results = await ParallelMap.map(Array(zip(outputs, kept))) { output, kept -> (print: Int?, error: PosixFile.IOError?) in
            if kept.keep { return (kept.print, nil) }
            do throws(PosixFile.IOError) {
                switch output.make(finalSession) {
                case .text(let text): try writer.write(output.file, text)
                case .copy(let source): try writer.copy(from: source, to: output.file)
                }
            } catch {
                return (kept.print, error)
            }
            if cache != nil { rendered.withLock { _ = $0.insert(output.file) } }
            return (kept.print, nil)
        }
        if let failure = results.compactMap(\.error).first { throw failure }
        if let cache {
            var outputs: [String: Int] = [:]
            for (output, result) in zip(prepared.outputs, results) { if let print = result.print { outputs[output.file] = print } }
            cache.finish(outputs: outputs, rendered: rendered.withLock { $0 }, produced: writer.produced)
        }
        return prepared.outputs.count
    }

    /// Items read back from the build cache carry no body; the few whose body an output about to
    /// be made shows are read again (the same loader, so the same HTML as a full build).
    static func reloadBodies(_ prepared: PreparedSite, needed: [Int]) async throws(PosixFile.IOError) -> [Int: String] {
        let entries = prepared.catalog.entries
        let pending = Array(Set(needed.filter { entries[$0].item.bodyPending })).sorted()
        guard !pending.isEmpty else { return [:] }
        let loader = ItemLoader(config: prepared.site.config)
        let root = prepared.site.root
        let bodies = await ParallelMap.map(pending) { i -> Result<String, PosixFile.IOError> in
            let item = entries[i].item
            let path = root + "/" + item.sourcePath
            do throws(PosixFile.IOError) {
                // A file changed since it was checked cannot be trusted to match its cached fields.
                guard let reread = loader.load(bytes: try PosixFile.read(path), path: item.sourcePath, kind: item.kind).0 else {
                    throw PosixFile.IOError(path: path, operation: "read again (it changed during the build)", code: EAGAIN)
                }
                return .success(reread.content.html)
            } catch {
                return .failure(error)
            }
        }
        var out: [Int: String] = [:]
        for (i, body) in zip(pending, bodies) { out[i] = try body.get() }
        return out
    }
}
