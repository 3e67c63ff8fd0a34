import ArgumentParser
import Foundation
import Logging
import WartaCore
import WartaPublish

struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",  // named, not derived from the type at every start
        abstract: "Build the public site from scratch, check it, and send it with rsync.",
        discussion: """
        Publishes to TARGET from site.yml's 'publish' block (default: its default target), or to \
        --to DESTINATION. The site is built fresh (never a --drafts/--future preview) as of the real \
        clock (WARTA_NOW is ignored here; --now, with --dry-run only, names an earlier instant) and checked \
        (internal links, feeds) before anything is sent; rsync compares checksums, so only changed \
        files travel, and switches the target over at the end. Old files are deleted only at a \
        destination prepared with --init, and never more than 10 % of the site (or 50 files) \
        without --allow-deletes. One publish at a time per destination: a second one exits at \
        once naming the first (or waits, with --wait). Every publish is logged in .warta/publish.log; \
        a new CAP message of an emergency notice is recorded in content/alerts/<slug>.cap.yml.
        """
    )

    @Argument(help: "A target named in site.yml.")
    var target: String?

    @Option(name: .long, help: ArgumentHelp("A one-off destination instead of a named target.", valueName: "destination"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("The site folder (with site.yml).", valueName: "dir"))
    var site: String = "."

    @Option(name: .long, help: ArgumentHelp(
        "With --dry-run: build as if it were this earlier instant (a publish uses the system clock; WARTA_NOW is ignored).",
        valueName: "instant"))
    var now: String?

    @Flag(name: .long, help: "Show what would be added, changed and deleted; change nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Allow more deletions than the safety limit.")
    var allowDeletes = false

    @Flag(name: .long, help: "Publish only when the built site differs from the last publish to this destination.")
    var ifDue = false

    @Flag(name: .long, help: "Mark the destination as Warta's (a .warta-target file), so publish may manage it.")
    var `init` = false

    @Flag(name: .long, help: "With --init: mark a destination that already holds files (they will be replaced).")
    var force = false

    @Flag(name: .long, help: "When another publish to this destination is running, wait for it (default: exit at once with status 1).")
    var wait = false

    func validate() throws {
        if target != nil && to != nil { throw ValidationError("name a target or give --to, not both") }
        if let now, ZonedInstant.parse(now) == nil { throw ValidationError("--now must be a date-time with an offset, e.g. 2023-02-21T09:00:00+08:00") }
        // Sent, a site of an earlier instant brings back withdrawn texts and expired notices.
        if now != nil && !dryRun {
            throw ValidationError("--now is for a look with --dry-run only: a publish sends the site as of the real clock (an earlier one would bring back what has expired or been withdrawn since)")
        }
    }

    func run() async throws {
        TerminalLogHandler.bootstrap
        let logger = Logger(label: "warta.publish")
        // publish never reads WARTA_NOW: a value left in a cron environment must not lift embargoes
        // early. A set value, valid or not, is reported and the publish goes on by the real clock:
        // it cannot change what is built, while refusing would stop the timer that lifts embargoes
        // and takes expired notices down until someone read the cron log.
        if let text = EnvironmentClock.text {
            let problem = ZonedInstant.parse(text) == nil ? " is not a valid date-time, and" : ""
            logger.warning("WARTA_NOW ('\(text)')\(problem) is ignored by publish: it builds as of \(now == nil ? "the real clock" : "--now")")
        }
        // The real clock, read once: the build clock of a publish and the time of its log line.
        let real = Now.system.now()
        let instant = now.flatMap(ZonedInstant.parse) ?? real
        var request = Publisher.Request(siteRoot: site, now: instant)
        request.target = target
        request.destination = to
        request.dryRun = dryRun
        request.allowDeletes = allowDeletes
        request.ifDue = ifDue
        request.initialize = self.`init`
        request.force = force
        request.wait = wait
        request.pagefind = SearchStep.pagefind
        do {
            let publisher = try Publisher(clock: .fixed(real)) { logger.info("\($0)") }
            let outcome = try await StopSignals.during { () async throws(Publisher.Failure) in try await publisher.publish(request) }
            if outcome.skipped { return }
            let s = outcome.summary
            let verb = dryRun ? "would send" : "sent"
            print("\(outcome.target.name) (\(outcome.target.destination)): \(verb) \(s.added.count) new, \(s.changed.count) changed, \(s.deleted.count) deleted of \(outcome.files) files")
            for (label, paths) in [("new", s.added), ("changed", s.changed), ("deleted", s.deleted)] where !paths.isEmpty {
                print("  \(label): \(paths.prefix(5).joined(separator: ", "))\(paths.count > 5 ? ", … (\(paths.count - 5) more)" : "")")
            }
        } catch {
            let failure: Publisher.Failure = error
            Report.problems(failure.diagnostics, root: site)
            logger.error("\(failure.message)")
            throw ExitCode.failure
        }
    }
}

struct Schedule: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",  // named, not derived from the type at every start
        abstract: "List every coming change to the public site (an embargo lifts, a notice expires or is withdrawn, an event starts or ends, an emergency alert shows or expires), and the drafts.",
        discussion: """
        Each line: the instant, the change, the item's title and its file; the next one first. Files an \
        embargo holds back follow it ("with …"). Nothing is left out unless --limit says so, and then a \
        last line counts the rest. Drafts are listed apart: no clock publishes them. Nothing due prints \
        'nothing scheduled'. Each change is built in memory as check does: one at which the publish would \
        fail is marked under its line ("! the publish would fail here: …"). --format json prints one \
        object: {"now", "changes": [{"at", "change", "title", "path", "url", "files", "problems"}], \
        "more", "drafts": [{"title", "path", "url"}]}, with change one of embargo_lifts, expires, \
        withdrawn, event_starts, event_ends, alert_shows, alert_expires. Exit status 0, or 1 when the \
        site has errors now (they are printed on standard error, and the listing still follows).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: ArgumentHelp("List only the first N changes, and how many more there are.", valueName: "N"))
    var limit: Int?

    @Option(name: .long, help: ArgumentHelp("text, or json for scripts.", valueName: "format"))
    var format: Format = .text

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more (without it, every change is listed)") }
    }

    func run() async throws {
        let visibility = try options.visibility()
        let prepared: PreparedSite
        do {
            prepared = try await SiteBuilder.prepare(BuildOptions(siteRoot: options.siteRoot, visibility: Visibility(now: visibility.now)))
        } catch {
            // Errors now: they are told, and the listing still says what is due once they are fixed.
            let failure: BuildFailure = error
            Report.problems(failure.diagnostics, root: options.siteRoot)
            let (site, problems) = await SiteLoader.load(root: options.siteRoot)
            guard let site, !problems.contains(where: { $0.severity == .error }) else { throw ExitCode.failure }
            let listing = ScheduleListing(site: site, now: visibility.now, limit: limit)
            print(format == .json ? listing.json : listing.text, terminator: "")
            throw ExitCode.failure
        }
        // Each listed change is built in memory, so the listing marks where the timer would stop.
        let site = prepared.site
        let listed = ScheduleListing(site: site, now: visibility.now, limit: limit)
        let ahead = await LookAhead.problems(prepared, days: ScheduleListing.days(until: listed.changes, from: visibility.now))
        let listing = ScheduleListing(site: site, now: visibility.now, limit: limit, lookingAhead: ahead)
        print(format == .json ? listing.json : listing.text, terminator: "")
        // Problems of the site as it is now (not brought by a change) are told as check tells them.
        Report.problems(ahead.filter { $0.due == nil }.map(\.diagnostic), root: options.siteRoot)
        if ahead.contains(where: { $0.due == nil }) { throw ExitCode.failure }
    }
}
