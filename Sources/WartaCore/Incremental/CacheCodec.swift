import Dispatch
import Synchronization

/// A compact binary form for what the build cache keeps on disk. Written by hand: ten thousand
/// items must be read back in a few milliseconds, which no generic coder does.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    mutating func int(_ n: Int) {
        // Zig-zag, then 7 bits a byte: small numbers (most of them) take one byte.
        var v = UInt64(bitPattern: Int64(n) << 1 ^ Int64(n) >> 63)
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

    /// Bytes written as `string` writes a string's.
    mutating func bytes(_ b: ArraySlice<UInt8>) {
        int(b.count)
        bytes.append(contentsOf: b)
    }

    mutating func string(_ s: String) {
        var copy = s
        copy.withUTF8 { buf in
            int(buf.count)
            bytes.append(contentsOf: buf)
        }
    }

    mutating func optional<T>(_ value: T?, _ write: (inout CacheWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func array<T>(_ values: [T], _ write: (inout CacheWriter, T) -> Void) {
        int(values.count)
        for v in values { write(&self, v) }
    }
}

struct CacheReader {
    struct Corrupt: Error {}

    let bytes: [UInt8]
    var position: Int
    /// Where this reader's part of `bytes` ends: readers of the blocks share the file's bytes
    /// instead of each copying its part (the file is tens of megabytes).
    let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        position = start
        self.end = end ?? bytes.count
    }

    var atEnd: Bool { position >= end }

    mutating func int() throws(Corrupt) -> Int {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end, shift < 64 else { throw Corrupt() }
            let b = bytes[position]
            position += 1
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1))
    }

    mutating func bool() throws(Corrupt) -> Bool {
        guard position < end else { throw Corrupt() }
        position += 1
        return bytes[position - 1] != 0
    }

    /// What `string()` reads, left as the file's bytes.
    mutating func stringBytes() throws(Corrupt) -> ArraySlice<UInt8> {
        let count = try int()
        guard count >= 0, position + count <= end else { throw Corrupt() }
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func string() throws(Corrupt) -> String {
        let count = try int()
        guard count >= 0, position + count <= end else { throw Corrupt() }
        defer { position += count }
        return String(decoding: bytes[position..<position + count], as: UTF8.self)
    }

    mutating func optional<T>(_ read: (inout CacheReader) throws(Corrupt) -> T) throws(Corrupt) -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout CacheReader) throws(Corrupt) -> T) throws(Corrupt) -> [T] {
        let count = try int()
        guard count >= 0, count <= end - position else { throw Corrupt() }
        var out: [T] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try read(&self)) }
        return out
    }
}

/// The large sections of the cache (items, cards) are written and read as blocks: each is
/// prefixed with its length, so a reader can hand each to its own thread, and a block whose
/// entries did not change since the file was read is written back as it was (`CacheBlock`).
extension CacheWriter {
    /// Fixed, not one per core: the same file on every machine, and after an edit only a
    /// sixteenth of a section is encoded again.
    static let blockCount = 16

    /// `reuse`: the bytes block `n` (holding `values`) had in the file read, when still good.
    mutating func blocks<T: Sendable>(_ values: [T], reuse: @Sendable (Int, ArraySlice<T>) -> ArraySlice<UInt8>? = { _, _ in nil },
                                      _ write: @escaping @Sendable (inout CacheWriter, T) -> Void) {
        let size = max(1, (values.count + Self.blockCount - 1) / Self.blockCount)
        let starts = Array(stride(from: 0, to: values.count, by: size))
        let written = Mutex<[Int: [UInt8]]>([:])
        DispatchQueue.concurrentPerform(iterations: starts.count) { n in
            let slice = values[starts[n]..<min(starts[n] + size, values.count)]
            let bytes: [UInt8]
            if let kept = reuse(n, slice) {
                bytes = Array(kept)
            } else {
                var w = CacheWriter()
                w.array(Array(slice), write)
                bytes = w.bytes
            }
            written.withLock { $0[n] = bytes }
        }
        let parts = written.withLock { $0 }
        bytes.reserveCapacity(bytes.count + parts.values.reduce(0) { $0 + $1.count + 10 } + 10)
        int(starts.count)
        for n in starts.indices {
            int(parts[n]!.count)
            bytes.append(contentsOf: parts[n]!)
        }
    }
}

/// Where one block of a section lay in the file read, and the keys of its entries.
struct CacheBlock: Sendable {
    let keys: [String]
    let range: Range<Int>
}

extension CacheReader {
    mutating func blocks<T: Sendable>(_ read: @escaping @Sendable (inout CacheReader) throws(Corrupt) -> T) throws(Corrupt) -> [T] {
        try blocksWithRanges(read).values.flatMap { $0 }
    }

    /// Each block's values apart, with where the block lies in `bytes`.
    mutating func blocksWithRanges<T: Sendable>(_ read: @escaping @Sendable (inout CacheReader) throws(Corrupt) -> T)
        throws(Corrupt) -> (values: [[T]], ranges: [Range<Int>]) {
        let count = try int()
        guard count >= 0, count <= 64 else { throw Corrupt() }
        var slices: [Range<Int>] = []
        for _ in 0..<count {
            let length = try int()
            guard length >= 0, length <= end - position else { throw Corrupt() }
            slices.append(position..<position + length)
            position += length
        }
        let decoded = Mutex<[Int: Result<[T], Corrupt>]>([:])
        let blocks = slices, file = bytes
        DispatchQueue.concurrentPerform(iterations: blocks.count) { n in
            var r = CacheReader(file, from: blocks[n].lowerBound, to: blocks[n].upperBound)
            let result = Result { () throws(Corrupt) -> [T] in
                let values = try r.array(read)
                guard r.atEnd else { throw Corrupt() }
                return values
            }
            decoded.withLock { $0[n] = result }
        }
        let parts = decoded.withLock { $0 }
        var out: [[T]] = []
        for n in slices.indices { out.append(try parts[n]!.get()) }
        return (out, slices)
    }
}
