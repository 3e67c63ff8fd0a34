/// A 64-bit FNV-1a hash that is the same in every process and on every run: fingerprints are kept
/// on disk between builds, where Swift's `Hasher` (seeded anew per process) would never match.
public struct StableHash: Sendable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        for b in bytes {
            value ^= UInt64(b)
            value &*= 0x0000_0100_0000_01b3
        }
    }

    public mutating func combine(_ text: String) {
        var copy = text
        copy.withUTF8 { combine($0) }
        combine(0xFF as UInt8)  // ends the string, so "ab"+"c" differs from "a"+"bc"
    }

    public mutating func combine(_ n: Int) {
        withUnsafeBytes(of: UInt64(bitPattern: Int64(n)).littleEndian) { combine($0) }
    }

    public mutating func combine(_ flag: Bool) { combine(flag ? 1 : 0) }

    public mutating func combine(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01b3
    }

    public var finalize: Int { Int(bitPattern: UInt(value)) }

    public static func of(_ text: String) -> Int {
        var h = StableHash()
        h.combine(text)
        return h.finalize
    }
}
