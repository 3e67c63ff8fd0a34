import Synchronization
import Foundation
import WartaCore

/// `warta publish`: a clean public build, checked, then sent with rsync, safe by default.
public struct Publisher: Sendable {
    public struct Request: Sendable {
        public var siteRoot: String
        /// A target from site.yml (nil: the default one).
        public var target: String?
        /// A one-off destination instead of a named target (`--to`).
        public var destination: String?
        /// The instant to build as of: the real time (the publisher's clock). An earlier one is for
        /// a dry run only: sent, it would bring back what has expired or been withdrawn since.
        public var now: ZonedInstant
        public var dryRun = false
        public var allowDeletes = false
        /// Publish only when the built site differs from the last publish to that destination.
        public var ifDue = false
        /// Create the marker that lets Warta manage the destination, and nothing else.
        public var initialize = false
        /// With `initialize`: also mark a destination that already holds files.
        public var force = false
        /// When another publish to the destination runs: wait for it instead of stopping at once.
        public var wait = false
        /// The Pagefind program that makes the search index (nil: published without one, said once).
        public var pagefind: String?

        public init(siteRoot: String, now: ZonedInstant) {
            self.siteRoot = siteRoot
            self.now = now
        }
    }

    public struct Outcome: Sendable {
        public var target: PublishTarget
        public var summary = Rsync.Summary(lines: [])
        public var siteHash = ""
        /// What the build was made from (`SiteBuilder.plan`), logged for the next `--if-due`.
        public var plan = ""
        /// True when nothing was sent: `--if-due` found no change, or `--init` only placed the marker.
        public var skipped = false
        public var files = 0
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let message: String
        public let diagnostics: [Diagnostic]
        public init(_ message: String, diagnostics: [Diagnostic] = []) {
            self.message = message
            self.diagnostics = diagnostics
        }
        public var description: String { ([message] + diagnostics.map(\.description)).joined(separator: "\n") }
    }

    let rsync: String
    let runner = ProcessRunner()
    /// The real time: the system clock, or the instant the command line read it at (the clock is
    /// read once per run); tests give a fixed one.
    let clock: SiteClock
    let say: @Sendable (String) -> Void

    public init(rsync: String? = nil, clock: SiteClock,
                say: @escaping @Sendable (String) -> Void = { _ in }) throws(Failure) {
        guard let path = rsync ?? ProcessRunner.find("rsync") else {
            throw Failure("rsync is not installed (Debian/Ubuntu: apt-get install rsync)")
        }
        self.rsync = path
        self.clock = clock
        self.say = say
    }

    public func publish(_ request: Request) async throws(Failure) -> Outcome {
        let (config, problems) = SiteLoader.config(root: request.siteRoot)
        guard let config else { throw Failure("site.yml has errors", diagnostics: problems) }
        // The real time of this run (for the log and the lock; what is built follows request.now).
        let started = config.timeZone.local(clock.now())
        if request.now > started {
            throw Failure("""
            refusing to build as of \(request.now.iso8601), later than the real clock (\(started.iso8601)): \
            embargoed items would go public early. --now may only name an earlier instant.
            """)
        }
        if request.now.seconds != started.seconds && !request.dryRun {
            throw Failure("""
            refusing to publish the site as of \(request.now.iso8601), earlier than the real clock (\(started.iso8601)): \
            it would bring back what has expired or been withdrawn since. An earlier --now is for \
            `warta build` and `warta publish --dry-run`; a publish sends the site as of the real clock.
            """)
        }
        for leftover in WorkFolder.removeLeftovers() { say("removed \(leftover), left by a publish that was killed") }
        let target = try resolveTarget(request, config)
        if target.allowCommands, !target.localCommands.isEmpty {
            say("warning: target '\(target.name)' runs commands on this machine at every publish (allow_commands: true in site.yml): \(target.localCommands.joined(separator: " "))")
        }
        let destination = Destination(target.destination)
        if let danger = destination.danger(siteRoot: request.siteRoot) { throw Failure("refusing to publish to \(destination): \(danger)") }
        if destination.kind != .ssh, target.sshPort != nil || target.sshIdentity != nil || !target.sshOptions.isEmpty {
            throw Failure("target '\(target.name)' sets ssh_port, ssh_identity or ssh_options, but \(destination) is not reached over ssh")
        }
        let say = self.say
        let lock = try await PublishLock.acquire(siteRoot: request.siteRoot, destination: destination, started: started,
                                                 wait: request.wait) { holder in
            say("another publish to \(destination) is running (\(holder)); waiting for it to finish")
        }
        defer { lock.release() }
        do {
            try PublishLog(siteRoot: request.siteRoot).checkWritable()
        } catch {
            throw Failure("cannot write the publish log; nothing was built or sent: \(error)")
        }
        let endpoint = Endpoint(target: target, destination: destination)

        if request.initialize {
            try await initialize(endpoint, force: request.force)
            return Outcome(target: target, skipped: true)
        }
        return try await send(request, endpoint, config: config, started: started)
    }

    /// Where a target's rsync commands go: every one of them is built by `RsyncCommand` from the
    /// same target and destination, so the checks reach the endpoint the transfer reaches.
    struct Endpoint {
        let target: PublishTarget
        let destination: Destination
        func arguments(_ purpose: RsyncCommand.Purpose) -> [String] {
            RsyncCommand.arguments(purpose, target: target, destination: destination)
        }
    }

    private func send(_ request: Request, _ endpoint: Endpoint, config: SiteConfig, started: ZonedInstant) async throws(Failure) -> Outcome {
        let (target, destination) = (endpoint.target, endpoint.destination)
        var outcome = Outcome(target: target)
        // A fresh public build: never a preview, never an old folder.
        let work = WorkFolder.path("publish")
        defer { PosixFile.removeTree(work) }
        let output = work + "/site"
        let base = target.baseURL ?? config.baseURL
        var options = BuildOptions(siteRoot: request.siteRoot, output: output, visibility: Visibility(now: request.now))
        options.baseURL = base
        // The CAP messages sent at the site's own address are recorded (`CAPRecord`); a mirror with
        // an address of its own sends the same notices under its host, unrecorded.
        options.recordsCAP = base == config.baseURL
        let log = PublishLog(siteRoot: request.siteRoot)
        // Without Pagefind the site would go out without its index, deleting the one there: the
        // search of a live site would find nothing because a program went missing. Stop first.
        if request.pagefind == nil, try await holds(endpoint, .searchIndexCheck, SearchIndex.entryFile) {
            throw Failure("""
            Pagefind is not found, and \(destination) has a search index from an earlier publish, which this \
            publish would delete (the site's search would find nothing); nothing was built or sent. \
            \(SearchIndex.installAdvice).
            """)
        }
        // Nothing due: the plan of this build equals the last published one, so the clean build would
        // give the same site. Told without building (the cache only spares reading unchanged files).
        var planOptions = options
        planOptions.cache = BuildCache(file: request.siteRoot + "/.warta/cache/publish-plan")
        do {
            outcome.plan = try await SiteBuilder.plan(planOptions)
        } catch {
            throw Failure(Self.contentRefusal(error.diagnostics), diagnostics: error.diagnostics)
        }
        planOptions.cache?.save(output: output)
        if request.ifDue, let last = log.lastSuccess(destination: destination.raw), !last.plan.isEmpty, last.plan == outcome.plan {
            say("nothing changed since the last publish to \(destination) at \(last.time.iso8601); nothing built or sent")
            outcome.skipped = true
            return outcome
        }
        let report: BuildReport
        do {
            report = try await SiteBuilder.build(options)
        } catch {
            throw Failure(Self.contentRefusal(error.diagnostics), diagnostics: error.diagnostics)
        }
        outcome.files = report.files
        var unmade: [String] = []
        switch await SearchIndex.make(in: output, pagefind: request.pagefind) {
        case .indexed: break
        case .missing:
            say("warning: \(SearchIndex.missingAdvice)")
            unmade.append(SearchIndex.folder + "/")
        case .failed(let why):
            throw Failure("the search index could not be made; nothing was uploaded: \(why)")
        }
        let checks = SiteChecks.run(output: output, base: base, unmade: unmade)
        if !checks.isEmpty { throw Failure(Self.builtSiteRefusal(checks), diagnostics: checks) }

        do {
            outcome.siteHash = try SiteHash.of(output: output)
        } catch {
            throw Failure("cannot read the built site in \(output): \(error)")
        }
        if request.ifDue, let last = log.lastSuccess(destination: destination.raw), last.siteHash == outcome.siteHash {
            say("nothing changed since the last publish to \(destination) at \(last.time.iso8601); nothing sent")
            outcome.skipped = true
            return outcome
        }
        guard try await hasMarker(endpoint) else {
            throw Failure("""
            \(destination) has no \(Rsync.marker): Warta deletes old files where it publishes, so it only publishes \
            to a folder set aside for it. If this is the right place, run: warta publish \(request.destination != nil ? "--to \(destination.raw)" : target.name) --init
            """)
        }
        // Never a preview, whatever built the folder.
        if PosixFile.kind(output + "/" + OutputWriter.previewMarker) != nil {
            throw Failure("\(output) is a preview build (drafts or embargoed items included) and is never published")
        }
        // The marker travels with the site, so deleting what is no longer built never deletes it.
        do {
            try Data("Published by warta.\n".utf8).write(to: URL(fileURLWithPath: output + "/" + Rsync.marker))
        } catch {
            throw Failure("cannot add \(Rsync.marker) to the built site: \(error)")
        }

        let clock = ContinuousClock.now
        let preview = try await run(endpoint.arguments(.dryRun(folder: output)), progress: false)
        guard preview.status == 0 else { throw rsyncFailure(preview) }
        let planned = Rsync.Summary(lines: preview.output)
        let cap = max(report.files / 10, 50)
        if planned.deleted.count > cap && !request.allowDeletes {
            throw Failure("""
            this publish would delete \(planned.deleted.count) files at \(destination) (the limit is \(cap)): \
            \(planned.deleted.prefix(5).joined(separator: ", "))\(planned.deleted.count > 5 ? ", …" : ""). \
            If that is intended, run again with --allow-deletes.
            """)
        }
        outcome.summary = planned
        if request.dryRun {
            record(entry(request, target, outcome, started: started, clock: clock, zone: config.timeZone, status: 0), in: log)
            return outcome
        }

        // In dependency order (`TransferOrder`): the files and item pages, then the pages that link
        // to them, then deletions; a publish stopped between or inside passes serves no broken link.
        let lists: [String]
        do {
            lists = try TransferOrder.writeLists(output: output, into: work)
        } catch {
            throw Failure("cannot list the built site in \(output): \(error)")
        }
        var lines: [String] = []
        for pass in lists.map({ RsyncCommand.Purpose.transfer(folder: output, list: $0) }) + [.deletions(folder: output)] {
            var result = try await run(endpoint.arguments(pass), progress: true)
            if Rsync.isNetworkFailure(result.status) {
                say("rsync: \(Rsync.meaning(result.status)); trying once more")
                result = try await run(endpoint.arguments(pass), progress: true)
            }
            lines += result.output
            guard result.status == 0 else {
                outcome.summary = Rsync.Summary(lines: lines)
                record(entry(request, target, outcome, started: started, clock: clock, zone: config.timeZone, status: result.status), in: log)
                throw rsyncFailure(result)
            }
        }
        outcome.summary = Rsync.Summary(lines: lines)
        record(entry(request, target, outcome, started: started, clock: clock, zone: config.timeZone, status: 0), in: log)
        return outcome
    }

    private func resolveTarget(_ request: Request, _ config: SiteConfig) throws(Failure) -> PublishTarget {
        if let destination = request.destination { return PublishTarget(name: "one-off", destination: destination) }
        if let target = config.publish.target(named: request.target) { return target }
        let known = config.publish.targets.map(\.name)
        if let name = request.target {
            throw Failure("no publish target named '\(name)' in site.yml; it lists: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
        }
        throw Failure("site.yml names no publish target: add a 'publish' block with 'targets', or use --to DESTINATION")
    }

    func run(_ arguments: [String], progress: Bool) async throws(Failure) -> ProcessRunner.Result {
        let say = self.say
        do {
            let counter = ProgressCounter()
            return try await runner.run(rsync, arguments) { line in
                guard progress, let n = counter.tick(line) else { return }
                say("  … \(n) files sent")
            }
        } catch let stopped as RunningChildren.Stopped {
            throw Failure("the publish was \(stopped) before rsync could start; \(Self.runAgain)")
        } catch {
            throw Failure("cannot run rsync: \(error)")
        }
    }

    func rsyncFailure(_ result: ProcessRunner.Result) -> Failure {
        let detail = result.errors.split(separator: "\n").prefix(3).joined(separator: "; ")
        if let signal = RunningChildren.stopped {
            return Failure("the publish was \(RunningChildren.Stopped(signal: signal)) while rsync ran, and rsync has ended; \(Self.runAgain)")
        }
        if result.signalled { return Failure("rsync was stopped before it finished; \(Self.runAgain)") }
        return Failure("rsync failed: \(Rsync.meaning(result.status)) (exit \(result.status))\(detail.isEmpty ? "" : ": " + detail)")
    }

    /// A publish stopped by what is written in the site, said for the press officer who reads
    /// the timer's mail: what happened, that the site online is as it was, and what to do.
    static func contentRefusal(_ problems: [Diagnostic]) -> String {
        let errors = problems.filter { $0.severity == .error }.count
        return """
        nothing was published: \(errors) problem\(errors == 1 ? "" : "s") in the site's files must be fixed first \
        (listed above, each with its file, line and column; `warta check` lists them too). The site online \
        stays as it was; the next publish sends the changes once the files are fixed
        """
    }

    /// A publish stopped by the built site's own checks (a page linking to a file that is not there).
    static func builtSiteRefusal(_ problems: [Diagnostic]) -> String {
        """
        nothing was published: the built site has \(problems.count) broken link\(problems.count == 1 ? "" : "s") or file\(problems.count == 1 ? "" : "s") \
        (listed above, in the built pages). The site online stays as it was; run `warta check`, which names \
        the file to change
        """
    }

    static let runAgain = """
    the target still serves a whole site: the previous one, with at most new files that no page links to yet, \
    or new pages whose files are all there. Run the publish again to finish.
    """

    /// A log that cannot be written does not undo a publish that happened; it is said, not hidden.
    private func record(_ entry: PublishLog.Entry, in log: PublishLog) {
        do {
            try log.append(entry)
        } catch {
            say("warning: cannot write \(log.path): \(error)")
        }
    }

    private func entry(_ request: Request, _ target: PublishTarget, _ outcome: Outcome, started: ZonedInstant,
                       clock: ContinuousClock.Instant, zone: SiteTimeZone, status: Int32) -> PublishLog.Entry {
        let elapsed = ContinuousClock.now - clock
        var entry = PublishLog.Entry(time: started, target: target.name, destination: target.destination, siteHash: outcome.siteHash,
                                added: outcome.summary.added.count, changed: outcome.summary.changed.count,
                                deleted: outcome.summary.deleted.count,
                                milliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
                                rsyncStatus: status, dryRun: request.dryRun, buildClock: zone.local(request.now))
        entry.plan = outcome.plan
        return entry
    }
}

/// Condensed progress: one line per 500 files rsync reports.
final class ProgressCounter: Sendable {
    private let count = Mutex(0)
    func tick(_ line: String) -> Int? {
        guard line.count > 12, line.dropFirst().hasPrefix("f") else { return nil }
        return count.withLock { n in
            n += 1
            return n % 500 == 0 ? n : nil
        }
    }
}
