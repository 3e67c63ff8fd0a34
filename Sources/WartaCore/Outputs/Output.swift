/// One file a build writes, declared by the generator that makes it: where it goes, who claims its
/// URL (for clash reports), whether the sitemap lists it, what it is made from, and how it is made.
/// The URL plan, the renderer, the cache and the sitemap all read these declarations; nothing else
/// lists outputs.
struct Output: Sendable {
    enum Content: Sendable {
        case text(String)
        /// A page as the template renderer wrote it (not made a `String` only to be written).
        case bytes([UInt8])
        /// A file published as it is.
        case copy(from: String)
    }

    let file: String
    /// Who claims the URL; nil for an item's own page and aliases, which are claimed for every
    /// item, shown or not (see `ItemPages.claims`).
    let claim: OutputPlan.Producer?
    /// Listed in the sitemap, with its last change.
    var sitemap: Sitemap.URL?
    /// What the output is made from, as one number: equal numbers, equal bytes. Nil: cheap enough
    /// to make every time (the writer still keeps unchanged bytes).
    var inputs: @Sendable (Fingerprints) -> Int?
    var make: @Sendable (RenderSession) -> Content
    /// Entries whose rendered Markdown body this output shows (an item page, a feed).
    var bodies: [Int] = []
    /// The output shows those bodies as plain text too (a release's `index.txt`).
    var plainBodies = false

    /// A generated page or file, claimed under `description`.
    static func generated(_ file: String, _ description: String, sitemap: String? = nil,
                          inputs: @escaping @Sendable (Fingerprints) -> Int?,
                          make: @escaping @Sendable (RenderSession) -> Content) -> Output {
        Output(file: file, claim: OutputPlan.Producer(description: description, path: nil, location: nil),
               sitemap: sitemap.map { Sitemap.URL(path: $0, lastModified: nil) }, inputs: inputs, make: make, bodies: [])
    }
}

/// What every output is made with: the page context (cards included), the theme, the sitemap list.
struct RenderSession: Sendable {
    /// Held once and shared by every output's session: a session is copied for each output made,
    /// and copying a context copies dozens of references (1 % of a full build).
    private final class Common: Sendable {
        let context: PageContext
        let theme: Theme
        let sitemap: [Sitemap.URL]

        init(context: PageContext, theme: Theme, sitemap: [Sitemap.URL]) {
            self.context = context
            self.theme = theme
            self.sitemap = sitemap
        }
    }
    private let common: Common
    var context: PageContext { _read { yield common.context } }
    var theme: Theme { _read { yield common.theme } }
    var sitemap: [Sitemap.URL] { _read { yield common.sitemap } }
    /// The bodies the output being made shows (its `bodies`), rendered for it alone.
    var bodies: [Int: ItemBody.Shown] = [:]

    init(context: PageContext, theme: Theme, sitemap: [Sitemap.URL]) {
        common = Common(context: context, theme: theme, sitemap: sitemap)
    }

    /// An entry's rendered Markdown body; the output must have named the entry in its `bodies`.
    func html(_ i: Int) -> [UInt8] { body(i)?.html ?? [] }

    /// A release's body as readers get it: the dateline opening its first paragraph.
    func bodyHTML(_ i: Int) -> [UInt8] {
        let item = context.catalog.entries[i].item
        guard item.kind == .release, let dateline = Dateline.text(item, context: context) else { return html(i) }
        return Dateline.insert(dateline, into: html(i))
    }

    /// A release's body as plain text (nil for other kinds).
    func plain(_ i: Int) -> PlainText? { body(i)?.plain }

    private func body(_ i: Int) -> ItemBody.Shown? {
        assert(bodies[i] != nil, "an output shows the body of entry \(i) without naming it in its bodies")
        return bodies[i]
    }

    /// This session with the bodies of `entries` rendered from their files.
    func reading(_ entries: [Int], plainText: Bool, root: String) throws(PosixFile.IOError) -> RenderSession {
        guard !entries.isEmpty else { return self }
        var s = self
        let links = context.writtenLinks
        for i in entries where s.bodies[i] == nil {
            let body = try ItemBody.render(context.catalog.entries[i].item, root: root, plainText: plainText)
            s.bodies[i] = links.changesNothing ? body : ItemBody.Shown(html: links.html(body.html), plain: body.plain)
        }
        return s
    }
}

/// Every kind of output, in one list: a new kind is one generator file and one line here.
enum OutputRegistry {
    static func outputs(_ c: PageContext) -> [Output] {
        var all = pages(c)
        // Another language's tree (`en/`) is made by the same generators seeing the site in that
        // language: each pass keeps the files in its own tree, the default pass everything else.
        let others = c.config.languageCodes.dropFirst().map { c.inLanguage($0) }
        if !others.isEmpty {
            let prefixes = others.map(\.routes.prefix)
            all = all.filter { output in !prefixes.contains { output.file.hasPrefix($0) } }
            for other in others {
                all += pages(other).filter { $0.file.hasPrefix(other.routes.prefix) }.map { $0.inLanguage(other.language) }
            }
        }
        all += Sitemap.outputs(c, listing: all)
        all += Robots.outputs(c)
        return all
    }

    /// Every output but the two that list the others, each generator on a core of its own.
    private static func pages(_ c: PageContext) -> [Output] {
        let generators: [@Sendable (PageContext) -> [Output]] = [
            ItemPages.outputs, Redirects.outputs, SectionPages.outputs, Listings.outputs, MonthCalendar.outputs,
            RSSFeed.outputs, ICalendar.outputs, WithdrawalList.outputs, CorrectionList.outputs, CAPFeed.outputs,
            Assets.outputs, ReleaseText.outputs,
        ]
        return ParallelMap.all(generators.map { make in { make(c) } }).flatMap { $0 }
    }
}

extension Output {
    /// The same output made with the context of another language's pages (its fingerprint says so).
    func inLanguage(_ language: Language) -> Output {
        let inputs = self.inputs, make = self.make
        var copy = self  // everything else as declared (bodies, sitemap, claim…)
        copy.inputs = { p in inputs(p).map { p.combine([$0, StableHash.of(language.rawValue)], "language") } }
        copy.make = { s in make(s.inLanguage(language)) }
        return copy
    }
}

extension RenderSession {
    func inLanguage(_ language: Language) -> RenderSession {
        var copy = RenderSession(context: context.inLanguage(language), theme: theme, sitemap: sitemap)
        copy.bodies = bodies
        return copy
    }
}
