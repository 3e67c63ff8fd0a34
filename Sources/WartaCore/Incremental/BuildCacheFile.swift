import Synchronization

/// The build cache's file: a header that must match this Warta exactly, then the parsed files
/// (without their HTML), the cards, and every output's fingerprint.
extension BuildCache {
    /// `persistent(for:)`, read while the build's inputs are looked at (`InputStamps`), on two
    /// cores: for a build that starts at once, which takes those stamps instead of looking again.
    /// (A file saved between the two is seen by the build after: as if saved during this one.)
    public static func persistentWithStamps(for options: BuildOptions) -> BuildCache {
        let (read, stamps) = ParallelMap.both({ persistent(for: options) }, { InputStamps.take(options) })
        read.prefetched.withLock { $0 = stamps }
        return read
    }

    /// The cache of builds of a site into one output with one set of settings, kept in the site's
    /// `.warta/cache/` (safe to delete: the next build makes everything again).
    public static func persistent(for options: BuildOptions) -> BuildCache {
        var key = StableHash()
        key.combine(PosixFile.realPath(options.output) ?? options.output)
        key.combine(PosixFile.realPath(options.themeDirectory) ?? options.themeDirectory)
        key.combine(options.visibility.includeDrafts)
        key.combine(options.visibility.includeFuture)
        key.combine(options.baseURL.map { $0.origin + $0.path } ?? "")
        let name = String(UInt64(bitPattern: Int64(key.finalize)), radix: 16)
        return BuildCache(file: options.siteRoot + "/.warta/cache/build-" + name)
    }

    /// This Warta exactly: the format, the fingerprint scheme, and the program file itself (its size
    /// and date), so a new build of Warta, which may render differently, never trusts an old cache.
    static let magic = "warta-build-cache 5 " + Fingerprints.version + " "
        + String(PosixFile.info("/proc/self/exe")?.stampHash ?? 0, radix: 16)

    static func encode(_ s: State) -> [UInt8] {
        var w = CacheWriter()
        w.reserve((s.read?.bytes.count ?? 1 << 20) + 1 << 16)  // tens of megabytes: grown once, not doubled
        w.string(magic)
        w.optional(s.configStamp) { $0.info($1) }
        w.optional(s.outputIdentity) { w, id in
            w.int(Int(truncatingIfNeeded: id.folderInode))
            w.info(id.marker)
        }
        // Files with problems are read again next time, so their messages are always current.
        // Keys are sorted, not entries (an entry holds a whole item): the same state, the same file.
        let clean = s.loaded.compactMap { $0.value.problems.isEmpty && $0.value.item != nil ? $0.key : nil }.sorted()
        // By key, looked up as written: a list of (key, entry) pairs was a copy of every item.
        let loaded = s.loaded, cards = s.cards, read = s.read, changedFiles = s.changedFiles, changedCards = s.changedCards
        w.blocks(clean, reuse: { n, keys in read?.bytes(of: n, in: \.files, keys: keys, changed: changedFiles) }) { w, path in
            let entry = loaded[path]!
            w.string(path)
            w.info(entry.stamp)
            w.item(entry.item!)
        }
        w.blocks(cards.keys.sorted(), reuse: { n, keys in read?.bytes(of: n, in: \.cards, keys: keys, changed: changedCards) }) { w, path in
            let card = cards[path]!
            w.string(path)
            w.int(card.key)
            card.html.write(to: &w)
        }
        w.array(Self.sorted(s.outputs.keys, as: s.read?.outputs)) { w, file in
            w.string(file)
            w.int(s.outputs[file]!)
        }
        w.optional(s.produced.map { Self.sorted($0, as: s.read?.produced) }) { w, produced in w.array(produced) { $0.string($1) } }
        w.optional(s.spare) { w, spare in
            w.int(Int(truncatingIfNeeded: spare.identity.folderInode))
            w.info(spare.identity.marker)
            w.array(spare.differing) { $0.string($1) }
        }
        w.optional(s.quiet) { w, q in
            for n in [q.inputs, Int(q.from), Int(q.until), q.items, q.files] { w.int(n) }
            w.array(q.warnings) { w, d in
                w.string(d.path)
                w.int(d.line)
                w.int(d.column)
                w.string(d.message)
            }
        }
        // A checksum last: a damaged file is never half-believed.
        var bytes = w.bytes
        w = CacheWriter()  // the bytes' only owner now, so appending does not copy tens of megabytes
        let sum = checksum(bytes[...])
        withUnsafeBytes(of: sum.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// `keys` in order: the order they were read in (sorted) when they are the same keys, which
    /// is quicker to tell than sorting tens of thousands of paths again.
    private static func sorted(_ keys: some Collection<String>, as read: [String]?) -> [String] {
        guard let read, read.count == keys.count, read.allSatisfy(keys.contains) else { return keys.sorted() }
        return read
    }

    /// A word at a time (the file is tens of megabytes at ten thousand items): catches damage,
    /// not tampering, which nobody gains anything by.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { raw in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(raw.count)
            var i = 0
            while i + 8 <= raw.count {
                h = (h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* 0x0000_0100_0000_01b3
                h ^= h >> 32
                i += 8
            }
            while i < raw.count {
                h = (h ^ UInt64(raw[i])) &* 0x0000_0100_0000_01b3
                i += 1
            }
            return h
        }
    }

    /// A whole file (its checksum holds) with another version's header (`magic`): of no use, not
    /// damaged.
    static func writtenByAnotherWarta(_ file: [UInt8]) -> Bool {
        guard file.count > 8 else { return false }
        let stored = file[(file.count - 8)...].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var r = CacheReader(file, to: file.count - 8)
        guard stored == checksum(file[..<(file.count - 8)]), let header = try? r.string() else { return false }
        return header != magic && header.hasPrefix("warta-build-cache ")
    }

    static func decode(_ file: [UInt8]) throws(CacheReader.Corrupt) -> State {
        guard file.count > 8 else { throw CacheReader.Corrupt() }
        let stored = file[(file.count - 8)...].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard stored == checksum(file[..<(file.count - 8)]) else { throw CacheReader.Corrupt() }
        var r = CacheReader(file, to: file.count - 8)
        guard try r.string() == magic else { throw CacheReader.Corrupt() }
        var s = State()
        s.configStamp = try r.optional { r throws(CacheReader.Corrupt) in try r.info() }
        s.outputIdentity = try r.optional { r throws(CacheReader.Corrupt) in
            OutputIdentity(folderInode: UInt64(truncatingIfNeeded: try r.int()), marker: try r.info())
        }
        let loaded = try r.blocksWithRanges { r throws(CacheReader.Corrupt) in
            (try r.string(), try r.info(), try r.item())
        }
        let cards = try r.blocksWithRanges { r throws(CacheReader.Corrupt) in (try r.string(), try r.int(), CardHTML(bytes: try r.stringBytes())) }
        let outputs = try r.array { r throws(CacheReader.Corrupt) in (try r.string(), try r.int()) }
        let produced = try r.optional { r throws(CacheReader.Corrupt) in try r.array { r throws(CacheReader.Corrupt) in try r.string() } }
        s.spare = try r.optional { r throws(CacheReader.Corrupt) in
            Spare(identity: OutputIdentity(folderInode: UInt64(truncatingIfNeeded: try r.int()), marker: try r.info()),
                  differing: try r.array { r throws(CacheReader.Corrupt) in try r.string() })
        }
        s.quiet = try r.optional { r throws(CacheReader.Corrupt) in
            Quiet(inputs: try r.int(), from: Int64(try r.int()), until: Int64(try r.int()), items: try r.int(), files: try r.int(),
                  warnings: try r.array { r throws(CacheReader.Corrupt) in
                      Diagnostic(try r.string(), line: try r.int(), column: try r.int(), severity: .warning, try r.string())
                  })
        }
        guard r.atEnd else { throw CacheReader.Corrupt() }
        // The tables, made from what was read: the largest on one core, the others on the other.
        let header = s
        let (files, tables) = ParallelMap.both({
            var files: [String: LoadedFile] = [:]
            files.reserveCapacity(loaded.values.reduce(0) { $0 + $1.count })
            for (path, stamp, item) in loaded.values.joined() { files[path] = LoadedFile(stamp: stamp, item: item, problems: []) }
            return files
        }, {
            var tables = header
            tables.cards.reserveCapacity(cards.values.reduce(0) { $0 + $1.count })
            for (path, key, html) in cards.values.joined() { tables.cards[path] = Card(key: key, html: html) }
            tables.outputs.reserveCapacity(outputs.count)
            for (file, print) in outputs { tables.outputs[file] = print }
            tables.produced = produced.map(Set.init)
            tables.read = ReadFile(bytes: file, outputs: outputs.map(\.0), produced: produced,
                                   files: zip(loaded.values, loaded.ranges).map { CacheBlock(keys: $0.map(\.0), range: $1) },
                                   cards: zip(cards.values, cards.ranges).map { CacheBlock(keys: $0.map(\.0), range: $1) })
            return tables
        })
        s = tables
        s.loaded = files
        return s
    }
}

extension BuildCache.ReadFile {
    /// Block `n`'s bytes as read, if it holds the same entries and none of them changed since:
    /// then they are the bytes encoding it again would give.
    func bytes(of n: Int, in section: KeyPath<Self, [CacheBlock]>, keys: ArraySlice<String>, changed: Set<String>) -> ArraySlice<UInt8>? {
        let blocks = self[keyPath: section]
        guard n < blocks.count, blocks[n].keys.elementsEqual(keys), !keys.contains(where: changed.contains) else { return nil }
        return bytes[blocks[n].range]
    }
}

extension CacheWriter {
    mutating func info(_ i: PosixFile.Info) {
        int(i.kind == .file ? 0 : i.kind == .directory ? 1 : 2)
        int(i.size)
        int(Int(truncatingIfNeeded: i.inode))
        int(i.modifiedSeconds)
        int(i.modifiedNanoseconds)
        int(i.changedSeconds)
        int(i.changedNanoseconds)
    }
}

extension CacheReader {
    mutating func info() throws(Corrupt) -> PosixFile.Info {
        let kind: PosixFile.Kind = switch try int() {
        case 0: .file
        case 1: .directory
        default: .other
        }
        return PosixFile.Info(kind: kind, size: try int(), inode: UInt64(truncatingIfNeeded: try int()),
                              modifiedSeconds: try int(), modifiedNanoseconds: try int(),
                              changedSeconds: try int(), changedNanoseconds: try int())
    }
}
