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
        /// The instant to build as of: the real time, or an earlier one (never a later one).
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
    let say: @Sendable (String) -> Void

    public init(rsync: String? = nil, say: @escaping @Sendable (String) -> Void = { _ in }) throws(Failure) {
        guard let path = rsync ?? ProcessRunner.find("rsync") else {
            throw Failure("rsync is not installed (Debian/Ubuntu: apt-get install rsync)")
        }
        self.rsync = path
        self.say = say
    }

    public func publish(_ request: Request) async throws(Failure) -> Outcome {
        let (config, problems) = SiteLoader.config(root: request.siteRoot)
        guard let config else { throw Failure("site.yml has errors", diagnostics: problems) }
        // The real time of this run (for the log and the lock; what is built follows request.now).
        let started = config.timeZone.local(Clock.system())
        if request.now > started {
            throw Failure("""
            refusing to build as of \(request.now.iso8601), later than the real clock (\(started.iso8601)): \
            embargoed items would go public early. --now may only name an earlier instant.
            """)
        }
        let target = try resolveTarget(request, config)
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

    private func initialize(_ endpoint: Endpoint, force: Bool) async throws(Failure) {
        let destination = endpoint.destination
        let existing = try await entries(endpoint)
        if existing > 0 && !force {
            throw Failure("""
            \(destination) is not empty (\(existing) entries). The first publish would delete everything there \
            that the site does not contain. If this folder is meant for the site, run again with --init --force.
            """)
        }
        try await placeMarker(endpoint)
    }

    private func send(_ request: Request, _ endpoint: Endpoint, config: SiteConfig, started: ZonedInstant) async throws(Failure) -> Outcome {
        let (target, destination) = (endpoint.target, endpoint.destination)
        var outcome = Outcome(target: target)
        // A fresh public build: never a preview, never an old folder.
        let work = NSTemporaryDirectory() + "warta-publish-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { PosixFile.removeTree(work) }
        let output = work + "/site"
        let base = target.baseURL ?? config.baseURL
        var options = BuildOptions(siteRoot: request.siteRoot, output: output, visibility: Visibility(now: request.now))
        options.baseURL = base
        // The CAP messages sent at the site's own address are recorded (`CAPRecord`); a mirror with
        // an address of its own sends the same notices under its host, unrecorded.
        options.recordsCAP = base == config.baseURL
        let log = PublishLog(siteRoot: request.siteRoot)
        // Nothing due: the plan of this build equals the last published one, so the clean build would
        // give the same site. Told without building (the cache only spares reading unchanged files).
        var planOptions = options
        planOptions.cache = BuildCache(file: request.siteRoot + "/.warta/cache/publish-plan")
        do {
            outcome.plan = try await SiteBuilder.plan(planOptions)
        } catch {
            throw Failure("the site has errors; nothing was uploaded", diagnostics: error.diagnostics)
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
            throw Failure("the site has errors; nothing was uploaded", diagnostics: error.diagnostics)
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
        if !checks.isEmpty { throw Failure("the built site failed its checks; nothing was uploaded", diagnostics: checks) }

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

        var result = try await run(endpoint.arguments(.transfer(folder: output)), progress: true)
        if Rsync.isNetworkFailure(result.status) {
            say("rsync: \(Rsync.meaning(result.status)); trying once more")
            result = try await run(endpoint.arguments(.transfer(folder: output)), progress: true)
        }
        outcome.summary = Rsync.Summary(lines: result.output)
        record(entry(request, target, outcome, started: started, clock: clock, zone: config.timeZone, status: result.status), in: log)
        guard result.status == 0 else { throw rsyncFailure(result) }
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

    private func hasMarker(_ endpoint: Endpoint) async throws(Failure) -> Bool {
        let result = try await run(endpoint.arguments(.markerCheck), progress: false)
        if result.status == 0 { return result.output.contains { $0.hasSuffix(Rsync.marker) } }
        if Rsync.isNetworkFailure(result.status) || result.status == 5 { throw rsyncFailure(result) }
        return false
    }

    /// How many files and folders a destination holds (0 when it does not exist yet).
    private func entries(_ endpoint: Endpoint) async throws(Failure) -> Int {
        let result = try await run(endpoint.arguments(.listing), progress: false)
        if Rsync.isNetworkFailure(result.status) { throw rsyncFailure(result) }
        guard result.status == 0 else { return 0 }
        return result.output.filter { !$0.hasSuffix(" .") }.count
    }

    private func placeMarker(_ endpoint: Endpoint) async throws(Failure) {
        let folder = NSTemporaryDirectory() + "warta-marker-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { PosixFile.removeTree(folder) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data("Published by warta.\n".utf8).write(to: URL(fileURLWithPath: folder + "/" + Rsync.marker))
        } catch {
            throw Failure("cannot prepare the marker in \(folder): \(error)")
        }
        let result = try await run(endpoint.arguments(.placeMarker(folder: folder)), progress: false)
        guard result.status == 0 else { throw rsyncFailure(result) }
        say("\(endpoint.destination) is ready: warta publish will manage it from now on")
    }

    private func run(_ arguments: [String], progress: Bool) async throws(Failure) -> ProcessRunner.Result {
        let say = self.say
        do {
            let counter = ProgressCounter()
            return try await runner.run(rsync, arguments) { line in
                guard progress, let n = counter.tick(line) else { return }
                say("  … \(n) files sent")
            }
        } catch {
            throw Failure("cannot run rsync: \(error)")
        }
    }

    private func rsyncFailure(_ result: ProcessRunner.Result) -> Failure {
        let detail = result.errors.split(separator: "\n").prefix(3).joined(separator: "; ")
        if result.signalled { return Failure("rsync was stopped before it finished; the target still has the previous complete site. Run the publish again to finish.") }
        return Failure("rsync failed: \(Rsync.meaning(result.status)) (exit \(result.status))\(detail.isEmpty ? "" : ": " + detail)")
    }

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
