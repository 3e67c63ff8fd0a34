/// What a build needs to know. The clock is an input, never read inside the library.
public struct BuildOptions: Sendable {
    /// The site folder (holding `site.yml`, `content/`, `site-templates/`).
    public var siteRoot: String
    /// Where the site is written; defaults to `public/` in the site folder.
    public var output: String
    /// The theme folder; defaults to `site-templates/` in the site folder.
    public var themeDirectory: String
    public var visibility: Visibility
    /// Overrides `base_url` (a preview server or a publish target with its own address).
    public var baseURL: BaseURL?
    /// Carried from one build to the next by the preview server: only what changed is redone.
    public var cache: BuildCache?
    public var writerMode: OutputWriter.Mode = .staged
    /// Site-relative paths of the files saved since the last build, when a watcher knows them
    /// (the preview server); nil when unknown. Only a hint: a build with it equals one without.
    public var changedPaths: Set<String>?
    /// The process ends when the build does (`warta build`): what the build made is kept to the
    /// end (`ProcessEnd`), not freed on the way out. Never for a server that builds again.
    public var endsTheProcess = false
    /// A build that publishes (`warta build`, `warta publish`; never a preview or a check): it
    /// writes the record of each new CAP message (`CAPRecord`), so the next build knows it was sent.
    public var recordsCAP = false

    public init(siteRoot: String, output: String? = nil, themeDirectory: String? = nil, visibility: Visibility, baseURL: BaseURL? = nil) {
        self.siteRoot = siteRoot
        self.output = output ?? siteRoot + "/public"
        self.themeDirectory = themeDirectory ?? siteRoot + "/site-templates"
        self.visibility = visibility
        self.baseURL = baseURL
    }
}

public struct BuildReport: Sendable {
    public var items: Int
    public var files: Int
    public var written: Int
    public var unchanged: Int
    public var warnings: [Diagnostic]
    /// Only edited bodies were read again (see `BodyEdit`).
    public var bodiesOnly = false
    /// How long each stage took, in order: for `--timings` and benchmarks.
    public var timings: [(stage: String, duration: Duration)] = []
}

/// The build, as named stages: load -> validate -> render and write -> swap into place.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions) async throws(BuildFailure) -> BuildReport {
        let clock = ContinuousClock()
        var mark = clock.now
        var timings: [(stage: String, duration: Duration)] = []
        func lap(_ stage: String) {
            let now = clock.now
            timings.append((stage, now - mark))
            mark = now
        }
        // With a cache on disk: the same files, inside the stretch in which the clock changes nothing,
        // and the output folder as it was left give the same site. Nothing to do.
        let prefetched = options.cache?.takePrefetchedStamps()
        let snapshot = options.cache?.file == nil ? nil : prefetched ?? InputStamps.take(options)
        let inputs = snapshot?.digest
        if let cache = options.cache, let inputs, let quiet = cache.quietBuild(inputs: inputs, now: options.visibility.now, output: options.output) {
            lap("nothing to do")
            return BuildReport(items: quiet.items, files: quiet.files, written: 0, unchanged: quiet.files, warnings: quiet.warnings, timings: timings)
        }
        if snapshot != nil && prefetched == nil { lap("look at the inputs") }
        var prepared: PreparedSite
        let prints: Fingerprints?
        let quick = BodyEdit.apply(options)
        if let quick {
            prepared = quick.last.prepared
            prints = quick.last.prints
            lap("read the edited bodies")
        } else {
            options.cache?.remember(nil)
            prepared = try await prepare(options, snapshot: snapshot, renderBodies: true, lap: lap)
            prints = options.cache.map { _ in Fingerprints(site: prepared.site, catalog: prepared.catalog, theme: prepared.theme) }
            lap("fingerprints")
        }
        let mode = options.writerMode
        // A cache kept on disk may be trusted with the output only while the folder is the one it
        // describes: then unchanged files are hard-linked into the staged build without a look.
        // Staged, a build killed at any moment leaves the previous site whole and the cache true of it.
        if let cache = options.cache, cache.file != nil, !cache.trusts(output: options.output) { cache.forgetOutputs() }
        // A quick rebuild makes the same list of files as the build before it; so does most of any
        // other (an edit, a template): then nothing can be left over, and only the outputs rendered
        // can have new fingerprints.
        let previous = options.cache?.previousProduced()
        let sameFiles = quick != nil || previous.map { p in p.count == prepared.outputs.count && prepared.outputs.allSatisfy { p.contains($0.file) } } ?? false
        let writer = try OutputWriter(output: options.output, mode: mode, previouslyProduced: previous, sameFilesAsBefore: sameFiles,
                                      spareFolder: options.cache?.spareFolder, spare: options.cache?.spare(),
                                      preview: options.visibility.isPreview)
        do {
            let (files, cards) = try await SiteRenderer.all(prepared, writer: writer, cache: options.cache, prints: prints, redoCards: quick?.edited)
            lap("render and write")
            let written = try writer.commit()
            options.cache?.recordSpare(writer.spareDifferences)
            if options.recordsCAP && !options.visibility.isPreview { try recordCAP(prepared.catalog, root: options.siteRoot) }
            if let cache = options.cache, cache.file != nil {
                // The warnings are kept with it, so a build with nothing to do shows them all the same.
                let now = prepared.catalog.now
                cache.recordQuiet(inputs.map { inputs in
                    BuildCache.Quiet(inputs: inputs, from: now.seconds, until: prepared.catalog.visibility.nextChange(prepared.site).seconds,
                                     items: prepared.catalog.entries.count, files: files, warnings: prepared.warnings.sorted())
                })
            }
            lap("swap into place")
            if let cache = options.cache, cache.file == nil, let prints {
                prepared.context.summaryHTML = cards
                if var last = quick?.last {
                    last.prepared = prepared
                    cache.remember(last)
                } else {
                    cache.remember(BodyEdit.LastBuild(prepared, prints: prints, options: options))
                }
            }
            options.cache?.save(output: options.output)
            if options.cache?.file != nil { lap("save the cache") }
            if options.endsTheProcess { ProcessEnd.keep(prepared) }
            return BuildReport(items: prepared.catalog.entries.count, files: files, written: written.written, unchanged: written.unchanged,
                               warnings: prepared.warnings + [options.cache?.damageWarning(siteRoot: options.siteRoot)].compactMap { $0 }, bodiesOnly: quick != nil, timings: timings)
        } catch let failure as BuildFailure {
            writer.abandon()
            options.cache?.invalidateOutputs()
            throw failure
        } catch {
            writer.abandon()
            options.cache?.invalidateOutputs()
            throw BuildFailure([Diagnostic(options.output, "cannot write the site: \(error)")])
        }
    }

    /// Everything a build with these options would write, as one number, found without rendering
    /// or writing: each output's fingerprint (the few made every time are made and hashed). Equal
    /// plans give equal sites, so `publish --if-due` can tell in a moment that nothing is due.
    public static func plan(_ options: BuildOptions) async throws(BuildFailure) -> String {
        let prepared = try await prepare(options)
        let prints = Fingerprints(site: prepared.site, catalog: prepared.catalog, theme: prepared.theme)
        let session = RenderSession(context: prepared.context, theme: prepared.theme, sitemap: prepared.outputs.compactMap(\.sitemap))
        var h = StableHash()
        h.combine(BuildCache.magic)  // a new Warta may render the same files differently: publish it
        for output in prepared.outputs.sorted(by: { $0.file < $1.file }) {
            h.combine(output.file)
            if let print = output.inputs(prints) {
                h.combine(print)
            } else {
                switch output.make(session) {
                case .text(let text): h.combine(text)
                case .bytes(let bytes): h.combine(bytes)
                case .copy: break
                }
            }
        }
        return String(UInt64(bitPattern: Int64(h.finalize)), radix: 16)
    }

    /// Load and validate only (`warta check`, and the first half of every build): the site, what
    /// the public may see of it, and every output it will have, checked for clashes.
    public static func prepare(_ options: BuildOptions) async throws(BuildFailure) -> PreparedSite {
        try await prepare(options, snapshot: nil)
    }

    /// `lap` is told as each part ends (`--timings`).
    static func prepare(_ options: BuildOptions, snapshot: InputStamps.Snapshot?, renderBodies: Bool = false,
                        lap: (String) -> Void = { _ in }) async throws(BuildFailure) -> PreparedSite {
        let (loaded, loadProblems) = await SiteLoader.load(root: options.siteRoot, themeDirectory: options.themeDirectory,
                                                           cache: options.cache, snapshot: snapshot, renderBodies: renderBodies)
        let (theme, themeProblems) = Theme.load(directory: options.themeDirectory, siteRoot: options.siteRoot)
        lap("load")
        // A link out of the theme's static folder is seen by both readers: report it once.
        var problems = Array(Set(loadProblems + themeProblems))
        guard var site = loaded else { throw BuildFailure(problems) }
        if let baseURL = options.baseURL { site.config.baseURL = baseURL }
        // URL clashes and missing files are checked even when some files failed to load, so one
        // run reports everything that is wrong.
        let catalog = Catalog(site: site, visibility: options.visibility)
        let context = PageContext(catalog: catalog, text: theme?.text ?? .bundled)
        let outputs = OutputRegistry.outputs(context)
        lap("catalog and outputs")
        problems += checks(site, catalog, outputs)
        lap("checks")
        guard let theme, !problems.contains(where: { $0.severity == .error }) else { throw BuildFailure(problems) }
        return PreparedSite(site: site, theme: theme, context: context, outputs: outputs, warnings: problems)
    }
}

extension SiteBuilder {
    /// Writes the record of each notice whose CAP message is new, once the site holding it is in
    /// place. A record that cannot be written is an error: the next build would send the message
    /// again, under another identifier.
    static func recordCAP(_ catalog: Catalog, root: String) throws(BuildFailure) {
        var problems: [Diagnostic] = []
        for record in catalog.capRecordsToWrite {
            do {
                try PosixFile.replace(root + "/" + record.path, Array(record.yaml.utf8))
            } catch {
                problems.append(Diagnostic(record.path, "cannot record the CAP message just published (\(error)); the site is built, but the next build would send it again"))
            }
        }
        if !problems.isEmpty { throw BuildFailure(problems) }
    }

    /// The checks of a loaded site with its catalog and outputs: URL clashes and missing files,
    /// links that lead nowhere, likely mistakes. A build and the desk's save both run these, so
    /// the desk never writes what a build would refuse.
    static func checks(_ site: Site, _ catalog: Catalog, _ outputs: [Output]) -> [Diagnostic] {
        let shown = Set(catalog.entries.map(\.item.sourcePath))
        // Independent of each other: side by side.
        let work: [@Sendable () -> [Diagnostic]] = [
            { OutputPlan.check(site: site, catalog: catalog, outputs: outputs) },
            { LinkCheck.check(site: site, catalog: catalog, outputs: outputs, shown: shown) },
            { ContentWarnings.check(site: site, routes: catalog.routes, now: catalog.now) { shown.contains($0.sourcePath) } },
        ]
        return ParallelMap.all(work).flatMap { $0 }
    }
}

/// A loaded, checked site ready to render: what `prepare` hands to the renderer.
public struct PreparedSite: Sendable {
    public internal(set) var site: Site
    /// The catalog is kept once, in the context: a second copy would make every change to it copy
    /// all entries (see `BodyEdit`).
    public var catalog: Catalog { context.catalog }
    let theme: Theme
    var context: PageContext
    let outputs: [Output]
    public internal(set) var warnings: [Diagnostic]
}
