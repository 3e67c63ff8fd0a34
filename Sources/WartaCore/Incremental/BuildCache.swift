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
        let html: CardHTML
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
        /// The output folder as the last build left it: a folder that is not the same any more
        /// (replaced, or its marker rewritten) is rebuilt whole.
        var outputIdentity: OutputIdentity?
        /// The previous output, kept beside it by the last build (`SpareFolder.swift`).
        var spare: Spare?
        /// Something worth saving changed since the cache was read.
        var dirty = false
        /// When the next build may do nothing at all (see `Quiet`).
        var quiet: Quiet?
        /// The file as read, for writing back the blocks none of whose entries changed since.
        var read: ReadFile?
        /// Parsed files and cards stored since the file was read (a removal shows in the keys).
        var changedFiles: Set<String> = []
        var changedCards: Set<String> = []
    }

    struct ReadFile: Sendable {
        let bytes: [UInt8]
        /// The outputs' and produced files' paths, sorted as written.
        let outputs: [String]
        let produced: [String]?
        let files: [CacheBlock]
        let cards: [CacheBlock]
    }

    /// What a finished build leaves for a build that has nothing to do: the stamps of every file it
    /// read, and the stretch of time in which the clock changes nothing (`Visibility.nextChange`).
    /// A later build with the same stamps inside that stretch would make the same bytes, so it
    /// stops at once.
    struct Quiet: Sendable, Equatable {
        let inputs: Int
        let from: Int64
        let until: Int64
        let items: Int
        let files: Int
        /// The last build's warnings, shown again by a build that does nothing.
        let warnings: [Diagnostic]
    }

    struct Spare: Sendable, Equatable {
        let identity: OutputIdentity
        /// Where it differs from the output.
        let differing: [String]
    }

    struct OutputIdentity: Sendable, Equatable {
        let folderInode: UInt64
        let marker: PosixFile.Info

        init?(output: String) {
            guard let folder = PosixFile.info(output), folder.kind == .directory,
                  let marker = PosixFile.info(output + "/" + OutputWriter.marker) else { return nil }
            folderInode = folder.inode
            self.marker = marker
        }

        init(folderInode: UInt64, marker: PosixFile.Info) {
            self.folderInode = folderInode
            self.marker = marker
        }
    }

    let state = Mutex(State())
    /// The preview's last good build, whole (never saved to disk): see `BodyEdit`.
    private let last = Mutex<BodyEdit.LastBuild?>(nil)
    /// Where the cache is kept between runs; nil for the preview server's in-memory cache.
    public let file: String?
    /// The inputs' stamps, taken while the cache was read (`persistentWithStamps`): for the
    /// first build only.
    let prefetched = Mutex<InputStamps.Snapshot?>(nil)

    func takePrefetchedStamps() -> InputStamps.Snapshot? {
        prefetched.withLock { taken in
            defer { taken = nil }
            return taken
        }
    }

    /// An in-memory cache, for one process (the preview server).
    public init() {
        file = nil
        damaged = false
    }

    /// The cache kept at `file` between runs (`.warta/cache/…`), read now when it is there and
    /// was written by this version of Warta; anything unreadable is ignored and rebuilt.
    public init(file: String) {
        self.file = file
        let (read, damaged) = Self.read(file)
        self.damaged = damaged
        if let read { state.withLock { $0 = read } }
    }

    /// The file was there but could not be believed (its checksum, its shape, or reading it
    /// failed): the build starts from nothing, and says so (`damageWarning`). A file written by
    /// another version of Warta is not damaged, only of no use.
    public let damaged: Bool


    /// The last build, which the cache no longer holds: the caller changes it and gives it back.
    func takeLastBuild() -> BodyEdit.LastBuild? {
        last.withLock { kept in
            defer { kept = nil }
            return kept
        }
    }

    func remember(_ build: BodyEdit.LastBuild?) { last.withLock { $0 = build } }

    /// Outputs the last build rendered anew (for tests and the rebuild log).
    public var lastRendered: Set<String> { state.withLock { $0.rendered } }

    func loaded(_ path: String, stamp: PosixFile.Info) -> LoadedFile? {
        state.withLock { s in s.loaded[path].flatMap { $0.stamp == stamp ? $0 : nil } }
    }

    /// `loaded(_:stamp:)` for many files in one look (nil where there is no stamp or no match).
    func loaded(_ files: [(path: String, stamp: PosixFile.Info?)]) -> [(file: LoadedFile, stampHash: Int)?] {
        state.withLock { s in
            files.map { f in
                guard let stamp = f.stamp, let file = s.loaded[f.path], file.stamp == stamp else { return nil }
                return (file, stamp.stampHash)
            }
        }
    }

    func store(_ path: String, _ file: LoadedFile) {
        state.withLock { s in
            s.loaded[path] = file
            s.changedFiles.insert(path)
            s.dirty = true
        }
    }

    /// Drops parsed files that are no longer there.
    func keepOnly(_ paths: Set<String>) {
        state.withLock { s in
            let gone = s.loaded.keys.filter { !paths.contains($0) }
            for path in gone { s.loaded[path] = nil }
            if !gone.isEmpty { s.dirty = true }
        }
    }

    /// Forgets parsed files when `site.yml` changed: departments and the zone shape every item.
    func useConfig(_ stamp: PosixFile.Info?) {
        state.withLock { s in
            if s.configStamp != stamp {
                s.loaded = [:]
                s.configStamp = stamp
                s.dirty = true
            }
        }
    }

    /// An item's card for lists, when it was made from the same inputs.
    func card(_ path: String, key: Int) -> CardHTML? {
        state.withLock { s in s.cards[path].flatMap { $0.key == key ? $0.html : nil } }
    }

    /// Replaces a few cards, leaving the others as they are.
    func update(cards: [(path: String, key: Int, html: CardHTML)]) {
        state.withLock { s in
            for card in cards where s.cards[card.path]?.key != card.key {
                s.cards[card.path] = Card(key: card.key, html: card.html)
                s.changedCards.insert(card.path)
                s.dirty = true
            }
        }
    }

    func store(cards: [(path: String, key: Int, html: CardHTML)]) {
        state.withLock { s in
            var fresh: [String: Card] = [:]
            for card in cards {
                if s.cards[card.path]?.key != card.key {
                    s.changedCards.insert(card.path)
                    s.dirty = true
                }
                fresh[card.path] = Card(key: card.key, html: card.html)
            }
            if fresh.count != s.cards.count { s.dirty = true }
            s.cards = fresh
        }
    }

    func output(_ path: String) -> Int? { state.withLock { $0.outputs[path] } }

    /// Records a finished build: what each output was made from, and which were rendered.
    func finish(outputs: [String: Int], rendered: Set<String>, produced: Set<String>) {
        state.withLock { s in
            if s.outputs != outputs || s.produced != produced { s.dirty = true }
            s.outputs = outputs
            s.rendered = rendered
            s.produced = produced
        }
    }

    /// Records a build that made the same files as the one before: only the outputs it rendered
    /// may have new fingerprints.
    func finish(updating prints: [(file: String, print: Int?)], rendered: Set<String>) {
        state.withLock { s in
            for (file, print) in prints where s.outputs[file] != print {
                s.outputs[file] = print
                s.dirty = true
            }
            s.rendered = rendered
        }
    }

    /// The last build's figures when a build with these input stamps at `now` has nothing to do.
    func quietBuild(inputs: Int, now: ZonedInstant, output: String) -> Quiet? {
        guard let quiet = state.withLock({ $0.quiet }), quiet.inputs == inputs, quiet.from <= now.seconds, now.seconds < quiet.until,
              trusts(output: output) else { return nil }
        return quiet
    }

    func recordQuiet(_ quiet: Quiet?) {
        state.withLock { s in
            if s.quiet != quiet {
                s.quiet = quiet
                s.dirty = true
            }
        }
    }

    /// The output folder is not the one the cache describes: its files must all be made again.
    func forgetOutputs() {
        remember(nil)
        state.withLock { s in
            s.outputs = [:]
            s.produced = nil
            s.outputIdentity = nil
            s.spare = nil
        }
    }


    /// Whether the output folder is still the one the cache describes: only then may a build keep
    /// its files without looking at them.
    func trusts(output: String) -> Bool {
        guard let identity = OutputIdentity(output: output) else { return false }
        return state.withLock { $0.outputIdentity == identity && $0.produced != nil }
    }

    /// Records the output folder as this build left it, and writes the cache when anything in it
    /// changed (a build that changed nothing writes no file).
    public func save(output: String) {
        let identity = OutputIdentity(output: output)
        let (bytes, changed): ([UInt8]?, Bool) = state.withLock { s in
            if s.outputIdentity != identity {
                s.outputIdentity = identity
                s.dirty = true
            }
            guard s.dirty, file != nil else { return (nil, false) }
            s.dirty = false
            let bytes = Self.encode(s)
            // What was read is not the file any more.
            s.read = nil
            s.changedFiles = []
            s.changedCards = []
            return (bytes, true)
        }
        guard changed, let bytes, let file else { return }
        do throws(PosixFile.IOError) {
            try PosixFile.makeDirectories(file.lastSlashPrefix)
            try PosixFile.replace(file, bytes)
            Self.removeUnfinished(besides: file)
        } catch {
            // A cache that cannot be written only costs the next build time: never an error.
            PosixFile.removeTree(file)
        }
    }


    func previousProduced() -> Set<String>? { state.withLock { $0.produced } }

    /// After a failed write the output may not match the fingerprints: start over.
    func invalidateOutputs() {
        remember(nil)
        state.withLock { s in
            s.outputs = [:]
            s.cards = [:]
            s.produced = nil
            s.outputIdentity = nil
            s.spare = nil
            s.quiet = nil
        }
        if let file { PosixFile.removeTree(file) }
    }
}
