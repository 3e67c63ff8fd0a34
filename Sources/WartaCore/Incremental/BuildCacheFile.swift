/// The build cache's file: a header that must match this Warta exactly, then the parsed files
/// (without their HTML), the cards, and every output's fingerprint.
extension BuildCache {
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
    static let magic = "warta-build-cache 4 " + Fingerprints.version + " "
        + String(PosixFile.info("/proc/self/exe")?.stampHash ?? 0, radix: 16)

    static func encode(_ s: State) -> [UInt8] {
        var w = CacheWriter()
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
        let loaded = s.loaded, cards = s.cards
        w.blocks(clean) { w, path in
            let entry = loaded[path]!
            w.string(path)
            w.info(entry.stamp)
            w.item(entry.item!)
        }
        w.blocks(cards.keys.sorted()) { w, path in
            let card = cards[path]!
            w.string(path)
            w.int(card.key)
            w.string(card.html)
        }
        w.array(s.outputs.keys.sorted()) { w, file in
            w.string(file)
            w.int(s.outputs[file]!)
        }
        w.optional(s.produced.map { $0.sorted() }) { w, produced in w.array(produced) { $0.string($1) } }
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
        let loaded = try r.blocks { r throws(CacheReader.Corrupt) in
            (try r.string(), try r.info(), try r.item())
        }
        s.loaded.reserveCapacity(loaded.count)
        for (path, stamp, item) in loaded { s.loaded[path] = LoadedFile(stamp: stamp, item: item, problems: []) }
        let cards = try r.blocks { r throws(CacheReader.Corrupt) in (try r.string(), try r.int(), try r.string()) }
        s.cards.reserveCapacity(cards.count)
        for (path, key, html) in cards { s.cards[path] = Card(key: key, html: html) }
        let outputs = try r.array { r throws(CacheReader.Corrupt) in (try r.string(), try r.int()) }
        s.outputs.reserveCapacity(outputs.count)
        for (file, print) in outputs { s.outputs[file] = print }
        s.produced = try r.optional { r throws(CacheReader.Corrupt) in Set(try r.array { r throws(CacheReader.Corrupt) in try r.string() }) }
        s.quiet = try r.optional { r throws(CacheReader.Corrupt) in
            Quiet(inputs: try r.int(), from: Int64(try r.int()), until: Int64(try r.int()), items: try r.int(), files: try r.int(),
                  warnings: try r.array { r throws(CacheReader.Corrupt) in
                      Diagnostic(try r.string(), line: try r.int(), column: try r.int(), severity: .warning, try r.string())
                  })
        }
        guard r.atEnd else { throw CacheReader.Corrupt() }
        return s
    }
}

extension CacheWriter {
    mutating func info(_ i: PosixFile.Info) {
        int(i.kind == .file ? 0 : i.kind == .directory ? 1 : 2)
        int(i.size)
        int(Int(truncatingIfNeeded: i.inode))
        int(i.modifiedSeconds)
        int(i.modifiedNanoseconds)
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
                              modifiedSeconds: try int(), modifiedNanoseconds: try int())
    }
}
