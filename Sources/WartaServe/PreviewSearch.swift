import Logging
import Synchronization
import WartaCore

/// The preview's search index, made on demand: a rebuild only marks it stale, and the first request
/// for a file of `pagefind/` (the search page loading Pagefind's script) makes it again and waits
/// for it. Saving a file never waits for Pagefind (seconds on a large site), and a preview no one
/// searches never runs it, so no Pagefind outlives a server that is killed mid-rebuild.
final class PreviewSearch: Sendable {
    private struct State {
        var stale = true
        var making: Task<Void, Never>?
    }

    let output: String
    let pagefind: String?
    let logger: Logger
    private let state = Mutex(State())
    private let warned = Atomic<Bool>(false)

    init(output: String, pagefind: String?, logger: Logger) {
        self.output = output
        self.pagefind = pagefind
        self.logger = logger
    }

    /// The pages changed: the index no longer matches them.
    func markStale() {
        state.withLock { $0.stale = true }
    }

    /// Makes the index when it is stale (once for many requests at the same time) and returns when
    /// it is there. Without Pagefind: one warning for the whole session.
    func ensureFresh() async {
        guard let pagefind else {
            if !warned.exchange(true, ordering: .relaxed) { logger.warning("\(SearchIndex.missingAdvice)") }
            return
        }
        let task = state.withLock { s -> Task<Void, Never>? in
            if s.stale {
                s.stale = false
                let previous = s.making
                let output = output, logger = logger
                s.making = Task {
                    await previous?.value
                    if case .failed(let why) = await SearchIndex.make(in: output, pagefind: pagefind) {
                        logger.warning("search index not made: \(why)")
                    }
                }
            }
            return s.making
        }
        await task?.value
    }

    /// Returns once no index is being made (a clean stop removes the folder after it).
    func idle() async {
        await state.withLock { $0.making }?.value
    }
}
