import Synchronization

/// `check` looks ahead, so that the scheduled publish never meets a problem nobody was told of: the
/// site is built in memory now and at each instant of the schedule in the coming days (an embargo
/// lifting, a withdrawal taking effect, an event ending…), and every error a build or a publish
/// would meet then is reported now, with the instant and the change that brings it. The pages'
/// links are read as `publish` reads them before it sends anything.
public enum LookAhead {
    /// How far ahead `check` looks.
    public static let days = 30

    /// A problem of the built site: now (`due` nil), or from a coming change on.
    public struct Problem: Sendable {
        public let due: Schedule.Due?
        /// As `check` tells it: with the instant and the change, when there is one.
        public let diagnostic: Diagnostic
        /// The problem alone (what `schedule` prints under the change).
        public let plain: Diagnostic
    }

    /// The problems of the site built now that the checks of the sources do not find (links of
    /// the built pages), then those that only a coming instant brings, each at the first instant
    /// that has it. `prepared` is the site as checked now.
    public static func problems(_ prepared: PreparedSite, days: Int = LookAhead.days) async -> [Problem] {
        let site = prepared.site, now = prepared.catalog.now
        let horizon = now.seconds + Int64(days) * 86_400
        let changes = Schedule.upcoming(site: site, now: now).filter { $0.instant.seconds <= horizon }
        var seen = Set<String>()
        for d in prepared.warnings { seen.insert(key(d)) }
        var out: [Problem] = []
        // One renderer's memory for every instant: a page whose inputs did not change keeps the
        // links read from it before (most pages, at most instants).
        let memory = Memory(base: site.config.baseURL)
        for d in await memory.builtLinkProblems(prepared, blame: nil) where seen.insert(key(d)).inserted {
            out.append(Problem(due: nil, diagnostic: d, plain: d))
        }
        var instants = Set<Int64>()
        for due in changes where instants.insert(due.instant.seconds).inserted {
            let then = Visibility(now: ZonedInstant(seconds: due.instant.seconds, offset: now.offset))
            let catalog = Catalog(site: site, visibility: then)
            let context = PageContext(catalog: catalog, text: prepared.theme.text)
            let outputs = OutputRegistry.outputs(context)
            var found = SiteBuilder.checks(site, catalog, outputs).filter { $0.severity == .error }
            let built = PreparedSite(site: site, theme: prepared.theme, context: context, outputs: outputs, warnings: [])
            found += await memory.builtLinkProblems(built, blame: due, toldAlready: found)
            for d in found where seen.insert(key(d)).inserted {
                out.append(Problem(due: due, diagnostic: d.from(due, zone: site.config.timeZone), plain: d))
            }
        }
        return out
    }

    /// Equal problems at two instants are one problem.
    private static func key(_ d: Diagnostic) -> String { "\(d.path):\(d.line):\(d.column):\(d.message)" }

    /// The sites built so far, as the links of their pages and the fingerprints they were made from.
    private struct Memory {
        let cache = BuildCache()
        let pages: PageLinks

        init(base: BaseURL) { pages = PageLinks(base: base) }

        /// The links of every built page that lead to no file of the build, each told at the item
        /// whose page holds it (else at the item whose change brings it, else at the page).
        /// A link the checks of the sources `toldAlready` (a body's link, at its line) is not told twice.
        func builtLinkProblems(_ prepared: PreparedSite, blame due: Schedule.Due?, toldAlready: [Diagnostic] = []) async -> [Diagnostic] {
            let prints = Fingerprints(site: prepared.site, catalog: prepared.catalog, theme: prepared.theme)
            do {
                _ = try await SiteRenderer.all(prepared, writer: pages, cache: cache, prints: prints)
            } catch {
                return [Diagnostic(due?.path ?? "content", "cannot read a file the site shows: \(error)")]
            }
            let files = prepared.outputs.map(\.file), present = Set(files)
            var owner: [String: String] = [:]
            for entry in prepared.catalog.entries { owner[Routes.file(entry.path)] = entry.item.sourcePath }
            var out: [Diagnostic] = []
            for file in files.sorted() {
                // The search index is made after the build, by Pagefind.
                for link in BuiltLinks.broken(pages.links(of: file), present: present, unmade: [SearchIndex.folder + "/"]) {
                    let page = "/" + (file.hasSuffix("index.html") ? String(file.dropLast("index.html".count)) : file)
                    let message = "the page \(page) links to \(link.value), which leads to no page or file of the site; publish refuses a site with a broken link"
                    if toldAlready.contains(where: { $0.path == owner[file] && $0.message.contains(" to \(link.value) ") }) { continue }
                    if let path = owner[file] {
                        out.append(Diagnostic(path, message))
                    } else if let due {
                        out.append(Diagnostic(due.path, message))
                    } else {
                        out.append(Diagnostic("public/" + file, line: link.line, column: link.column, message))
                    }
                }
            }
            return out
        }
    }
}

extension Schedule.Due {
    /// The change in words: "the withdrawal of 'Judul' takes effect".
    var happening: String {
        switch change {
        case .embargoLifts: "the embargo of '\(title)' lifts"
        case .expires: "'\(title)' expires"
        case .withdrawn: "the withdrawal of '\(title)' takes effect"
        case .correction: "a correction of '\(title)' takes effect"
        case .eventStarts: "'\(title)' starts"
        case .eventEnds: "'\(title)' ends"
        case .alertShows: "the notice '\(title)' shows"
        case .alertExpires: "the notice '\(title)' expires"
        }
    }
}

extension Diagnostic {
    /// The same problem, said to come with `due`: "from 2023-02-18 11:00 WITA, when …: ".
    func from(_ due: Schedule.Due, zone: SiteTimeZone) -> Diagnostic {
        let local = zone.local(due.instant), civil = local.civil
        let when = "\(civil.dateString) \(pad2(civil.hour)):\(pad2(civil.minute)) \(zone.abbreviation(for: local))"
        return Diagnostic(path, line: line, column: column, severity: severity,
                          "from \(when), when \(due.happening): \(message); the scheduled publish would stop then, so fix it now")
    }
}

/// Rendered pages kept as their links only (`LookAhead`): nothing is written.
final class PageLinks: OutputSink {
    let base: BaseURL
    private let found = Mutex<[String: [BuiltLinks.Link]]>([:])

    init(base: BaseURL) { self.base = base }

    /// The links of a page as last made; none for another kind of file.
    func links(of file: String) -> [BuiltLinks.Link] { found.withLock { $0[file] ?? [] } }

    /// A page made from unchanged inputs keeps the links read from it when it was made.
    func keep(_ relativePath: String) -> Bool {
        !relativePath.hasSuffix(".html") || found.withLock { $0[relativePath] != nil }
    }

    func write(_ relativePath: String, _ text: String) { write(relativePath, bytes: Array(text.utf8)) }

    func write(_ relativePath: String, bytes: [UInt8]) {
        guard relativePath.hasSuffix(".html") else { return }
        let links = BuiltLinks.links(in: bytes, base: base)
        found.withLock { $0[relativePath] = links }
    }

    func copy(from source: String, to relativePath: String) {}

    var sameFilesAsBefore: Bool { false }
    var produced: Set<String> { [] }
}
