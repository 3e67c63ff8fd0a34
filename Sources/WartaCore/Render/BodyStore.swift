import Synchronization

import Glibc

/// Bodies rendered while their files are loaded, kept out of memory until a page shows them.
///
/// Loading must parse every body anyway (its links and first paragraph are checked before
/// anything is written); rendering its HTML from that same parse, and parking it in an unlinked
/// temporary file, spares every page a second read and parse of its file (cmark's parse was a
/// tenth of a full build). The file is the process's alone (mode 0600, unlinked as soon as made,
/// closed on exec) and goes with the last item that refers to it. Without
/// a temporary folder there is no store, and bodies are read again from their files (`ItemBody`).
final class BodyStore: Sendable {
    /// Where one body waits: its store, and its bytes there.
    struct Entry: Sendable {
        let store: BodyStore
        let offset: Int
        let count: Int
    }

    private let fd: Int32
    private let end = Mutex(0)

    init?(directory: String = BodyStore.temporaryDirectory) {
        // Named only for the moment between mkstemp and unlink.
        var template = Array((directory + "/warta-bodies-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)  // (mkostemp is not visible from Swift here)
        self.fd = fd
    }

    deinit { close(fd) }

    static var temporaryDirectory: String {
        guard let dir = getenv("TMPDIR"), dir.pointee != 0 else { return "/tmp" }
        return String(cString: dir)
    }

    /// Parks a rendered body; nil when the file cannot take it (the page then reads the source).
    func put(html: String, plain: PlainText?) -> Entry? {
        var html = html
        return html.withUTF8 { put(html: $0, plain: plain) }
    }

    /// `put` with the HTML as UTF-8 bytes, straight from cmark.
    func put(html: UnsafeBufferPointer<UInt8>, plain: PlainText?) -> Entry? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(html.count * (plain == nil ? 1 : 2) + 16)
        Self.append(UInt32(html.count), to: &bytes)
        bytes += html
        if let plain {
            bytes.append(1)
            Self.append(UInt32(plain.pieces.count), to: &bytes)
            for piece in plain.pieces {
                switch piece {
                case .text(let text): bytes.append(0); Self.append(text, to: &bytes)
                case .link(let destination): bytes.append(1); Self.append(destination, to: &bytes)
                }
            }
        } else {
            bytes.append(0)
        }
        let offset = end.withLock { end in
            defer { end += bytes.count }
            return end
        }
        let written = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(offset)) }
        guard written == bytes.count else { return nil }
        return Entry(store: self, offset: offset, count: bytes.count)
    }

    /// The body parked at `entry`, or nil if it cannot be read back whole; its plain text only
    /// when `plain` asks for it (a page shows the HTML alone).
    func get(_ entry: Entry, plain wanted: Bool = true) -> (html: [UInt8], plain: PlainText?)? {
        let bytes = [UInt8](unsafeUninitializedCapacity: entry.count) { buffer, count in
            let n = pread(fd, buffer.baseAddress, entry.count, off_t(entry.offset))
            count = n == entry.count ? n : 0
        }
        guard bytes.count == entry.count else { return nil }
        var reader = Reader(bytes: bytes)
        guard let html = reader.raw(), let flag = reader.byte() else { return nil }
        guard flag == 1, wanted else { return (html, nil) }
        guard let count = reader.number() else { return nil }
        var pieces: [PlainText.Piece] = []
        pieces.reserveCapacity(count)
        for _ in 0..<count {
            guard let tag = reader.byte(), let text = reader.string() else { return nil }
            pieces.append(tag == 0 ? .text(text) : .link(text))
        }
        return (html, PlainText(pieces: pieces))
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        append(UInt32(text.utf8.count), to: &bytes)
        bytes += text.utf8
    }

    private static func append(_ n: UInt32, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: n.littleEndian) { bytes += $0 }
    }

    private struct Reader {
        let bytes: [UInt8]
        var at = 0

        mutating func byte() -> UInt8? {
            guard at < bytes.count else { return nil }
            defer { at += 1 }
            return bytes[at]
        }

        mutating func number() -> Int? {
            guard at + 4 <= bytes.count else { return nil }
            defer { at += 4 }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }

        mutating func raw() -> [UInt8]? {
            guard let n = number(), at + n <= bytes.count else { return nil }
            defer { at += n }
            return Array(bytes[at..<at + n])
        }

        mutating func string() -> String? {
            guard let n = number(), at + n <= bytes.count else { return nil }
            defer { at += n }
            return String(decoding: bytes[at..<at + n], as: UTF8.self)
        }
    }
}
