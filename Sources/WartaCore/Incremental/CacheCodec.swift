/// A compact binary form for what the build cache keeps on disk. Written by hand: ten thousand
/// items must be read back in a few milliseconds, which no generic coder does.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

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
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }

    mutating func int() throws(Corrupt) -> Int {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { throw Corrupt() }
            let b = bytes[position]
            position += 1
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1))
    }

    mutating func bool() throws(Corrupt) -> Bool {
        guard position < bytes.count else { throw Corrupt() }
        position += 1
        return bytes[position - 1] != 0
    }

    mutating func string() throws(Corrupt) -> String {
        let count = try int()
        guard count >= 0, position + count <= bytes.count else { throw Corrupt() }
        defer { position += count }
        return String(decoding: bytes[position..<position + count], as: UTF8.self)
    }

    mutating func optional<T>(_ read: (inout CacheReader) throws(Corrupt) -> T) throws(Corrupt) -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout CacheReader) throws(Corrupt) -> T) throws(Corrupt) -> [T] {
        let count = try int()
        guard count >= 0, count <= bytes.count - position else { throw Corrupt() }
        var out: [T] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(try read(&self)) }
        return out
    }
}
