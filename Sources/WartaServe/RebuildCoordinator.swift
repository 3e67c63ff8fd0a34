import Logging
import Synchronization
import WartaCore

/// Runs rebuilds one at a time: changes that arrive while a build runs are gathered and built
/// together once it is done. A failed build leaves the previous good output in place and keeps
/// its errors for the overlay.
///
/// Builds run on `BuildExecutor`'s threads, and the state requests need is read under a lock, not
/// through an actor: a slow or stuck build (a huge site, a hostile file) never delays an answer.
public final class RebuildCoordinator: Sendable {
    public struct State: Sendable {
        /// Increases with every finished build, good or bad (part of every ETag of an HTML page).
        public var generation = 0
        /// Errors of the last build; empty when it succeeded.
        public var errors: [Diagnostic] = []
        public var lastReport: BuildReport?
    }

    private struct Queue {
        var pending: Set<String> = []
        /// Callers of `rebuild` waiting for a build that includes their changes.
        var waiters: [CheckedContinuation<Void, Never>] = []
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
        var running = false
        var closed = false
    }

    private enum Step {
        case build(Set<String>, satisfies: [CheckedContinuation<Void, Never>])
        case stop(idle: [CheckedContinuation<Void, Never>])
    }

    let makeOptions: @Sendable () -> BuildOptions
    let reload: LiveReload
    let logger: Logger
    /// Called after each good build that changed the folder (the preview's search index).
    let afterBuild: @Sendable (BuildReport) -> Void
    private let queue = Mutex(Queue())
    private let published = Mutex(State())

    init(makeOptions: @escaping @Sendable () -> BuildOptions, reload: LiveReload, logger: Logger,
         afterBuild: @escaping @Sendable (BuildReport) -> Void = { _ in }) {
        self.makeOptions = makeOptions
        self.afterBuild = afterBuild
        self.reload = reload
        self.logger = logger
    }

    /// The outcome of the last finished build.
    public var state: State { published.withLock { $0 } }

    /// Asks for a build of these changes and returns at once (the file watcher's call: it must
    /// stay free to stop while a build is stuck).
    public func request(changed paths: Set<String>) {
        enqueue(paths, waiter: nil)
    }

    /// Asks for a build and returns once a build that includes these changes has finished.
    public func rebuild(changed paths: Set<String>) async {
        await withCheckedContinuation { enqueue(paths, waiter: $0) }
    }

    /// Returns once no build is running.
    public func idle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let busy = queue.withLock { queue in
                if queue.running { queue.idleWaiters.append(continuation) }
                return queue.running
            }
            if !busy { continuation.resume() }
        }
    }

    /// No build starts after this. One under way is not interrupted (nothing can interrupt a
    /// blocked read); `idle()` tells when it is over.
    public func close() {
        let waiting = queue.withLock { queue in
            queue.closed = true
            queue.pending = []
            defer { queue.waiters = [] }
            return queue.waiters
        }
        for waiter in waiting { waiter.resume() }
    }

    private func enqueue(_ paths: Set<String>, waiter: CheckedContinuation<Void, Never>?) {
        enum Next { case nothing, start, refused }
        let next = queue.withLock { queue -> Next in
            if queue.closed { return .refused }
            queue.pending.formUnion(paths)
            if let waiter { queue.waiters.append(waiter) }
            if queue.running { return .nothing }
            queue.running = true
            return .start
        }
        switch next {
        case .nothing: break
        case .refused: waiter?.resume()
        case .start: Task(executorPreference: BuildExecutor.shared) { await self.drain() }
        }
    }

    private func drain() async {
        while true {
            let step = queue.withLock { queue -> Step in
                if queue.closed || (queue.pending.isEmpty && queue.waiters.isEmpty) {
                    queue.running = false
                    defer { queue.idleWaiters = [] }
                    return .stop(idle: queue.idleWaiters)
                }
                defer { queue.pending = []; queue.waiters = [] }
                return .build(queue.pending, satisfies: queue.waiters)
            }
            switch step {
            case .build(let changed, let satisfied):
                await buildOnce(changed)
                for waiter in satisfied { waiter.resume() }
            case .stop(let idle):
                for waiter in idle { waiter.resume() }
                return
            }
        }
    }

    private func buildOnce(_ changed: Set<String>) async {
        let clock = ContinuousClock()
        let started = clock.now
        var options = makeOptions()
        // The watcher's list lets a rebuild of edited bodies skip the rest (`BodyEdit`).
        options.changedPaths = changed.isEmpty ? nil : changed
        let what = changed.isEmpty ? "initial build" : Self.describe(changed)
        do {
            let report = try await SiteBuilder.build(options)
            let ms = (clock.now - started).milliseconds
            let hadErrors = published.withLock { state in
                defer {
                    state.generation += 1
                    state.errors = []
                    state.lastReport = report
                }
                return !state.errors.isEmpty
            }
            let rendered = options.cache.map { " (\($0.lastRendered.count) of \(report.files) rendered\(report.bodiesOnly ? ", only edited text read" : ""))" } ?? ""
            logger.info("rebuilt (\(what)): \(report.written) files changed\(rendered) in \(ms) ms")
            // A few lines after each save, not thousands: `warta check` lists them all.
            let warnings = report.warnings.sorted()
            for d in warnings.prefix(Self.warningsLogged) { log(d, root: options.siteRoot) }
            if warnings.count > Self.warningsLogged {
                logger.warning("... and \(warnings.count - Self.warningsLogged) more warnings (warta check lists them all)")
            }
            let cssOnly = !changed.isEmpty && changed.allSatisfy { $0.hasSuffix(".css") } && !hadErrors
            reload.broadcast(cssOnly ? .css : .reload)
            afterBuild(report)
        } catch {
            let diagnostics = error.diagnostics
            published.withLock { state in
                state.generation += 1
                state.errors = diagnostics
            }
            let ms = (clock.now - started).milliseconds
            logger.error("build failed (\(what)) in \(ms) ms; still serving the last good build:")
            for d in diagnostics { log(d, root: options.siteRoot) }
            reload.broadcast(.reload)
        }
    }

    /// Log metadata that marks a line as a located diagnostic: it already reads
    /// `path:line:column: error: message`, so a terminal shows it as it is, with no level before it.
    public static let diagnosticMetadataKey = "warta-diagnostic"

    static let warningsLogged = 10

    private func log(_ d: Diagnostic, root: String) {
        logger.log(level: d.severity == .error ? .error : .warning, "\(d.formatted(relativeTo: root))",
                   metadata: [Self.diagnosticMetadataKey: "\(d.severity.rawValue)"])
    }

    static func describe(_ paths: Set<String>) -> String {
        let sorted = paths.sorted()
        return sorted.count <= 3 ? sorted.joined(separator: ", ") : "\(sorted.prefix(3).joined(separator: ", ")) and \(sorted.count - 3) more"
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
