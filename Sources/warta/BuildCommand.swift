import ArgumentParser
import Foundation
import Logging
import WartaCore
import WartaPublish
import WartaServe

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",  // named, not derived from the type at every start
        abstract: "Build the site into public/ (or --output).",
        discussion: """
        Every content error is found before anything is written, so the previous output stays as it \
        was. The new site is written beside the old one and swapped in at once: a build that is \
        stopped, killed or runs out of disk leaves the previous site whole. Files whose bytes did not \
        change are the old files (hard links) and keep their dates. With the build cache (.warta/cache/), \
        only outputs whose inputs changed are made again, a build with nothing to do writes nothing, \
        and the site it replaced is kept with the cache (hard links) so that the next build writes \
        only what changed. One build of a site runs at a time: a second one waits. \
        A build that sends a new CAP message for an emergency notice (an Update or a Cancel, at the \
        site's own address, never a --drafts/--future preview) records it in \
        content/alerts/<slug>.cap.yml: commit that file with the site.
        """
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Output folder (default: public/ in the site folder; required with --drafts or --future, and outside public/).",
        valueName: "dir"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Use this public address instead of site.yml's base_url.", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Print how long each stage of the build took.")
    var timings = false

    @Flag(name: .long, help: "Ignore the build cache in .warta/cache/: read every file and make every output again, then swap the new site in whole.")
    var noCache = false

    func validate() throws {
        if let baseURL, BaseURL(baseURL) == nil { throw ValidationError("--base-url must be an http(s) address") }
        // A preview left in public/ is one manual rsync or web server away from publishing drafts
        // and embargoed releases.
        if options.drafts || options.future, PublicFolder.contains(output ?? options.siteRoot + "/public", siteRoot: options.siteRoot) {
            throw ValidationError("""
                --drafts and --future build a preview, which is never written into the site's public/ folder \
                (what gets published); give --output with a folder elsewhere, e.g. --output /tmp/preview
                """)
        }
        if options.drafts || options.future, let output, let place = PreviewOutput.publishedPlace(output, siteRoot: options.siteRoot) {
            throw ValidationError("""
                --drafts and --future build a preview, which is never written into \(place), where the next \
                build or publish would take it; give --output with a folder outside the site, e.g. --output /tmp/preview
                """)
        }
    }

    func run() async throws {
        TerminalLogHandler.bootstrap
        let logger = Logger(label: "warta.build")
        var buildOptions = BuildOptions(siteRoot: options.siteRoot, output: output, visibility: try options.visibility(),
                                        baseURL: baseURL.flatMap(BaseURL.init))
        // Held to the end, search index included: the next build of this site reads what this one leaves.
        let lock: BuildLock?
        do {
            lock = try await BuildLock.acquire(siteRoot: options.siteRoot) { holder in
                let who = holder.map { "process \($0)" } ?? "another process"
                FileHandle.standardError.write(Data("another build of this site is running (\(who)); waiting for it to finish\n".utf8))
            }
        } catch {
            Report.problems(error.diagnostics, root: options.siteRoot)
            throw ExitCode.failure
        }
        defer { lock?.release() }
        let started = ContinuousClock.now  // the time a build took, not the time it waited
        if !noCache { buildOptions.cache = BuildCache.persistentWithStamps(for: buildOptions) }
        // The process ends after the build: the site and its cache are left for the system to take back.
        buildOptions.endsTheProcess = true
        // A public build at the site's own address records the CAP messages it sends (a preview never).
        buildOptions.recordsCAP = !(options.drafts || options.future) && baseURL == nil
        if let cache = buildOptions.cache { ProcessEnd.keep(cache) }
        let cacheRead = ContinuousClock.now - started
        do {
            var report = try await SiteBuilder.build(buildOptions)
            if !noCache { report.timings.insert(("read the build cache and look at the inputs", cacheRead), at: 0) }
            Report.problems(report.warnings, root: options.siteRoot)
            let elapsed = ContinuousClock.now - started
            let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            print("built \(report.items) items into \(report.files) files (\(report.written) written, \(report.unchanged) unchanged) in \(ms) ms -> \(buildOptions.output)")
            await SearchStep.index(buildOptions.output, report: report, logger: logger)
            if timings {
                print("  memory allocator: \(Allocator.name)")
                for (stage, duration) in report.timings { print("  \(stage): \(duration.formatted(.units(allowed: [.milliseconds])))") }
            }
            if buildOptions.visibility.isPreview {
                logger.warning("preview build (drafts or embargoed items included): do not publish this output")
            }
        } catch {
            let failure: BuildFailure = error
            Report.problems(failure.diagnostics, root: options.siteRoot)
            throw ExitCode.failure
        }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",  // named, not derived from the type at every start
        abstract: "Check the site's content and templates without writing anything.",
        discussion: """
        Reports everything a build or publish would refuse (errors) and likely mistakes (warnings), \
        each as path:line:column in the Markdown or YAML source. The public site is also built in \
        memory at every change of the coming \(LookAhead.days) days (see warta schedule): a problem \
        that a coming change would bring is an error now, told with its instant. Exit status 1 when there is an error; \
        warnings never fail. --format json prints one array on standard output instead: \
        [{"path", "line", "column", "severity", "message"}], severity one of error, warning.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: ArgumentHelp("text, or json for CI and editors.", valueName: "format"))
    var format: Format = .text

    func run() async throws {
        let buildOptions = BuildOptions(siteRoot: options.siteRoot, visibility: try options.visibility())
        var diagnostics: [Diagnostic]
        var summary: String?
        do {
            let prepared = try await SiteBuilder.prepare(buildOptions)
            diagnostics = prepared.warnings
            // The public site, built in memory now and at every coming change: what would stop a
            // publish then is an error now (a preview is never published: it is not looked at).
            let ahead = buildOptions.visibility.isPreview ? [] : await LookAhead.problems(prepared)
            diagnostics += ahead.map(\.diagnostic)
            if ahead.isEmpty { summary = "ok: \(prepared.site.items.count) files, \(prepared.catalog.entries.count) public" }
        } catch {
            let failure: BuildFailure = error
            diagnostics = failure.diagnostics
        }
        if format == .json {
            print(DiagnosticJSON.text(diagnostics), terminator: "")
        } else {
            Report.problems(diagnostics, root: options.siteRoot)
            if let summary { print(summary) }
        }
        if summary == nil { throw ExitCode.failure }
    }
}
