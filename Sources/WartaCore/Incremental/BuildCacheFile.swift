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
    static let magic = "warta-build-cache 2 " + Fingerprints.version + " "
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
        let clean = s.loaded.filter { $0.value.problems.isEmpty && $0.value.item != nil }.sorted { $0.key < $1.key }
        w.array(clean) { w, entry in
            w.string(entry.key)
            w.info(entry.value.stamp)
            w.item(entry.value.item!)
        }
        w.array(s.cards.sorted { $0.key < $1.key }) { w, card in
            w.string(card.key)
            w.int(card.value.key)
            w.string(card.value.html)
        }
        w.array(s.outputs.sorted { $0.key < $1.key }) { w, output in
            w.string(output.key)
            w.int(output.value)
        }
        w.optional(s.produced.map { $0.sorted() }) { w, produced in w.array(produced) { $0.string($1) } }
        w.optional(s.quiet) { w, q in
            for n in [q.inputs, Int(q.from), Int(q.until), q.items, q.files] { w.int(n) }
        }
        // A checksum last: a damaged file is never half-believed.
        var sum = StableHash()
        sum.combine(w.bytes)
        return w.bytes + withUnsafeBytes(of: UInt64(bitPattern: Int64(sum.finalize)).littleEndian, Array.init)
    }

    static func decode(_ file: [UInt8]) throws(CacheReader.Corrupt) -> State {
        guard file.count > 8 else { throw CacheReader.Corrupt() }
        let bytes = Array(file[..<(file.count - 8)])
        var sum = StableHash()
        sum.combine(bytes)
        let stored = file[(file.count - 8)...].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard stored == UInt64(bitPattern: Int64(sum.finalize)) else { throw CacheReader.Corrupt() }
        var r = CacheReader(bytes)
        guard try r.string() == magic else { throw CacheReader.Corrupt() }
        var s = State()
        s.configStamp = try r.optional { r throws(CacheReader.Corrupt) in try r.info() }
        s.outputIdentity = try r.optional { r throws(CacheReader.Corrupt) in
            OutputIdentity(folderInode: UInt64(truncatingIfNeeded: try r.int()), marker: try r.info())
        }
        let loaded = try r.array { r throws(CacheReader.Corrupt) in
            (try r.string(), try r.info(), try r.item())
        }
        for (path, stamp, item) in loaded { s.loaded[path] = LoadedFile(stamp: stamp, item: item, problems: []) }
        let cards = try r.array { r throws(CacheReader.Corrupt) in (try r.string(), try r.int(), try r.string()) }
        for (path, key, html) in cards { s.cards[path] = Card(key: key, html: html) }
        let outputs = try r.array { r throws(CacheReader.Corrupt) in (try r.string(), try r.int()) }
        s.outputs = Dictionary(outputs, uniquingKeysWith: { a, _ in a })
        s.produced = try r.optional { r throws(CacheReader.Corrupt) in Set(try r.array { r throws(CacheReader.Corrupt) in try r.string() }) }
        s.quiet = try r.optional { r throws(CacheReader.Corrupt) in
            Quiet(inputs: try r.int(), from: Int64(try r.int()), until: Int64(try r.int()), items: try r.int(), files: try r.int())
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
