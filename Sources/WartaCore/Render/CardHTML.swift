/// An entry's rendered card, as a list shows it. A card read from the build cache stays the
/// cache file's bytes until a list that is rendered asks for it: after an edit, a few lists are
/// made again, and turning all ten thousand cards into strings first was most of reading the cache.
struct CardHTML: Sendable {
    private let text: String?
    private let bytes: ArraySlice<UInt8>

    init(_ text: String) {
        self.text = text
        bytes = []
    }

    init(bytes: ArraySlice<UInt8>) {
        text = nil
        self.bytes = bytes
    }

    var string: String { text ?? String(decoding: bytes, as: UTF8.self) }

    /// The bytes the cache writes, without making a string of the file's own.
    func write(to w: inout CacheWriter) {
        if let text { w.string(text) } else { w.bytes(bytes) }
    }
}
