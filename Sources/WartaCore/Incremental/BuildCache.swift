import Synchronization

/// What one build leaves for the next in the same process (the preview server): parsed files by
/// their stamp, rendered items and the input fingerprint of every output. With it, a rebuild
/// parses only changed files and renders only the outputs whose inputs changed; everything else
/// is kept as it is. A fingerprint covers all a file's inputs, so the result equals a full build.
public final class BuildCache: Sendable {
    struct LoadedFile: Sendable {
        let stamp: PosixFile.Info
        let item: Item?
        let problems: [Diagnostic]
    }

    struct Card: Sendable {
        let key: Int
        let html: String
    }

    struct State: Sendable {
        var configStamp: PosixFile.Info?
        var loaded: [String: LoadedFile] = [:]
        var cards: [String: Card] = [:]
        var outputs: [String: Int] = [:]
        /// Every file the last build wrote or kept, for removing what the next one no longer makes.
        var produced: Set<String>?
        /// Outputs rendered (not kept) by the last build: what an incremental rebuild really did.
        var rendered: Set<String> = []
    }

    let state = Mutex(State())

    public init() {}

    /// Outputs the last build rendered anew (for tests and the rebuild log).
    public var lastRendered: Set<String> { state.withLock { $0.rendered } }

    func loaded(_ path: String, stamp: PosixFile.Info) -> LoadedFile? {
        state.withLock { s in s.loaded[path].flatMap { $0.stamp == stamp ? $0 : nil } }
    }

    func store(_ path: String, _ file: LoadedFile) { state.withLock { $0.loaded[path] = file } }

    /// Forgets parsed files when `site.yml` changed: departments and the zone shape every item.
    func useConfig(_ stamp: PosixFile.Info?) {
        state.withLock { s in
            if s.configStamp != stamp {
                s.loaded = [:]
                s.configStamp = stamp
            }
        }
    }

    /// An item's card for lists, when it was made from the same inputs.
    func card(_ path: String, key: Int) -> String? {
        state.withLock { s in s.cards[path].flatMap { $0.key == key ? $0.html : nil } }
    }

    func store(cards: [(path: String, key: Int, html: String)]) {
        state.withLock { s in
            for card in cards { s.cards[card.path] = Card(key: card.key, html: card.html) }
        }
    }

    func output(_ path: String) -> Int? { state.withLock { $0.outputs[path] } }

    /// Records a finished build: what each output was made from, and which were rendered.
    func finish(outputs: [String: Int], rendered: Set<String>, produced: Set<String>) {
        state.withLock { s in
            s.outputs = outputs
            s.rendered = rendered
            s.produced = produced
        }
    }

    func previousProduced() -> Set<String>? { state.withLock { $0.produced } }

    /// After a failed write the output may not match the fingerprints: start over.
    func invalidateOutputs() {
        state.withLock { s in
            s.outputs = [:]
            s.cards = [:]
            s.produced = nil
        }
    }
}
