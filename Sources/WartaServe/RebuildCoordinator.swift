import Logging
import WartaCore

/// Runs rebuilds one at a time: a change that arrives while a build runs waits for it, and all
/// changes that arrived meanwhile are built together once it is done. A failed build leaves the
/// previous good output in place and keeps its errors for the overlay.
public actor RebuildCoordinator {
    public struct State: Sendable {
        /// Increases with every finished build, good or bad (part of every ETag of an HTML page).
        public var generation = 0
        /// Errors of the last build; empty when it succeeded.
        public var errors: [Diagnostic] = []
        public var lastReport: BuildReport?
    }

    let makeOptions: @Sendable () -> BuildOptions
    let reload: LiveReload
    let logger: Logger
    private(set) public var state = State()
    private var running = false
    private var pending: Set<String> = []
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(makeOptions: @escaping @Sendable () -> BuildOptions, reload: LiveReload, logger: Logger) {
        self.makeOptions = makeOptions
        self.reload = reload
        self.logger = logger
    }

    /// Builds now, or after the running build when one is under way. Returns when a build that
    /// includes these changes has finished.
    public func rebuild(changed paths: Set<String>) async {
        pending.formUnion(paths)
        if running {
            await withCheckedContinuation { waiters.append($0) }
            return
        }
        running = true
        while !pending.isEmpty || state.generation == 0 {
            let batch = pending
            pending = []
            await buildOnce(batch)
            let done = waiters
            waiters = []
            // Those who waited while this build ran get their answer once the build that
            // includes their change is done: the next loop turn, or now if nothing is pending.
            if pending.isEmpty { done.forEach { $0.resume() } } else { waiters = done }
        }
        running = false
    }

    private func buildOnce(_ changed: Set<String>) async {
        let clock = ContinuousClock()
        let started = clock.now
        let options = makeOptions()
        let what = changed.isEmpty ? "initial build" : Self.describe(changed)
        do {
            let report = try await SiteBuilder.build(options)
            let ms = (clock.now - started).milliseconds
            state.generation += 1
            let hadErrors = !state.errors.isEmpty
            state.errors = []
            state.lastReport = report
            let rendered = options.cache.map { " (\($0.lastRendered.count) of \(report.files) rendered)" } ?? ""
            logger.info("rebuilt (\(what)): \(report.written) files changed\(rendered) in \(ms) ms")
            let cssOnly = !changed.isEmpty && changed.allSatisfy { $0.hasSuffix(".css") } && !hadErrors
            reload.broadcast(cssOnly ? .css : .reload)
        } catch {
            state.generation += 1
            state.errors = error.diagnostics
            let ms = (clock.now - started).milliseconds
            logger.error("build failed (\(what)) in \(ms) ms; still serving the last good build:")
            for d in error.diagnostics { logger.error("\(d.formatted(relativeTo: options.siteRoot))") }
            reload.broadcast(.reload)
        }
    }

    static func describe(_ paths: Set<String>) -> String {
        let sorted = paths.sorted()
        return sorted.count <= 3 ? sorted.joined(separator: ", ") : "\(sorted.prefix(3).joined(separator: ", ")) and \(sorted.count - 3) more"
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
