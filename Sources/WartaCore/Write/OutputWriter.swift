import CWartaSys
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Writes a build into a staging folder beside the output, then swaps it in with one atomic rename.
///
/// A file whose bytes equal the previous build's is hard-linked from it instead of written, so it
/// keeps its mtime and inode (rsync and browsers see no change). Until `commit`, the previous
/// output is untouched; `abandon` leaves it exactly as it was.
public final class OutputWriter: Sendable {
    public let output: String
    let staging: String
    /// Marks a folder as Warta's own output, so a mistyped `--output` never replaces a user's folder.
    public static let marker = ".warta-output"

    private let createdDirectories = Mutex<Set<String>>([])
    private let writtenCount = Atomic<Int>(0)
    private let keptCount = Atomic<Int>(0)

    public struct Report: Sendable {
        public let written: Int
        public let unchanged: Int
    }

    public init(output: String) throws(BuildFailure) {
        var output = output
        while output.count > 1 && output.hasSuffix("/") { output.removeLast() }
        self.output = output
        self.staging = "\(output).staging-\(getpid())"
        switch PosixFile.kind(output) {
        case nil: break
        case .directory:
            let names = (try? PosixFile.list(output)) ?? []
            if !names.isEmpty && !names.contains(Self.marker) {
                throw BuildFailure([Diagnostic(output, "the output folder exists and was not written by Warta; choose another folder or empty it first")])
            }
        default:
            throw BuildFailure([Diagnostic(output, "the output path exists and is not a folder")])
        }
        PosixFile.removeTree(staging)
        do throws(PosixFile.IOError) {
            try PosixFile.makeDirectories(staging)
            try Array("Written by warta build.\n".utf8).withUnsafeBytes { buf in
                Result { () throws(PosixFile.IOError) in try PosixFile.create(staging + "/" + Self.marker, buf) }
            }.get()
        } catch {
            throw BuildFailure([Diagnostic(output, "cannot create the staging folder: \(error)")])
        }
    }

    /// Writes one file at a site-relative path (`siaran-pers/index.html`). Safe to call from many tasks.
    public func write(_ relativePath: String, _ text: String) throws(PosixFile.IOError) {
        var text = text
        try text.withUTF8 { buf in
            Result { () throws(PosixFile.IOError) in try self.write(relativePath, bytes: buf) }
        }.get()
    }

    public func write(_ relativePath: String, bytes: UnsafeBufferPointer<UInt8>) throws(PosixFile.IOError) {
        let target = staging + "/" + relativePath
        try ensureParent(of: relativePath)
        let previous = output + "/" + relativePath
        if PosixFile.size(previous) == bytes.count, let old = try? PosixFile.read(previous),
           old.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }), link(previous, target) == 0 {
            keptCount.add(1, ordering: .relaxed)
            return
        }
        try PosixFile.create(target, UnsafeRawBufferPointer(bytes))
        writtenCount.add(1, ordering: .relaxed)
    }

    /// Copies a file published as it is (an attachment, an image, the stylesheet).
    public func copy(from source: String, to relativePath: String) throws(PosixFile.IOError) {
        let bytes = try PosixFile.read(source)
        try bytes.withUnsafeBufferPointer { buf in
            Result { () throws(PosixFile.IOError) in try self.write(relativePath, bytes: buf) }
        }.get()
    }

    private func ensureParent(of relativePath: String) throws(PosixFile.IOError) {
        let parent = relativePath.lastSlashPrefix
        guard !parent.isEmpty else { return }
        if createdDirectories.withLock({ $0.contains(parent) }) { return }
        try PosixFile.makeDirectories(staging + "/" + parent)
        createdDirectories.withLock { _ = $0.insert(parent) }
    }

    /// Puts the staged build in place of the output in one step and removes the old one.
    public func commit() throws(BuildFailure) -> Report {
        let report = Report(written: writtenCount.load(ordering: .relaxed), unchanged: keptCount.load(ordering: .relaxed))
        if PosixFile.kind(output) == nil {
            guard rename(staging, output) == 0 else { throw failure("cannot move the new build into place") }
            return report
        }
        if warta_exchange_paths(staging, output) != 0 {
            // No atomic exchange on this file system: two renames, the old output set aside first.
            let aside = "\(output).old-\(getpid())"
            guard rename(output, aside) == 0 else { throw failure("cannot set the previous build aside") }
            guard rename(staging, output) == 0 else {
                rename(aside, output)
                throw failure("cannot move the new build into place")
            }
            PosixFile.removeTree(aside)
            return report
        }
        PosixFile.removeTree(staging)  // now holds the previous build
        return report
    }

    /// Drops the staged files; the previous output stays as it was.
    public func abandon() {
        PosixFile.removeTree(staging)
    }

    private func failure(_ message: String) -> BuildFailure {
        let reason = String(cString: strerror(errno))
        abandon()
        return BuildFailure([Diagnostic(output, "\(message): \(reason)")])
    }
}
