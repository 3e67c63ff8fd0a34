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
    public enum Mode: Sendable {
        /// Build beside the output and swap it in at the end: a reader never sees a half-built site.
        case staged
        /// Update the output folder file by file (each file replaced atomically by rename) and delete
        /// what is no longer made: for the preview server, where a rebuild must cost only what changed.
        case inPlace
    }

    public let output: String
    public let mode: Mode
    /// Where files are written: the staging folder, or the output itself in place.
    let staging: String
    /// Marks a folder as Warta's own output, so a mistyped `--output` never replaces a user's folder.
    public static let marker = ".warta-output"
    /// Marks a preview build (drafts or embargoed items included): no publish sends a folder that
    /// has it, and no walk of the site's inputs reads one.
    public static let previewMarker = ".warta-preview"

    private let createdDirectories = Mutex<Set<String>>([])
    private let writtenCount = Atomic<Int>(0)
    private let keptCount = Atomic<Int>(0)
    private let producedPaths = Mutex<Set<String>>([])
    /// What the previous build in this process produced (in place: what is in the folder now).
    private let previouslyProduced: Set<String>?

    public struct Report: Sendable {
        public let written: Int
        public let unchanged: Int
    }

    /// In place, and this build makes exactly the files the previous one made (a quick rebuild of
    /// edited bodies): a kept file needs no check, and nothing can be stale.
    public let sameFilesAsBefore: Bool

    public init(output: String, mode: Mode = .staged, previouslyProduced: Set<String>? = nil, sameFilesAsBefore: Bool = false,
                preview: Bool = false) throws(BuildFailure) {
        self.previouslyProduced = previouslyProduced
        self.sameFilesAsBefore = sameFilesAsBefore && mode == .inPlace && previouslyProduced != nil
        var output = output
        while output.count > 1 && output.hasSuffix("/") { output.removeLast() }
        self.output = output
        self.mode = mode
        self.staging = mode == .staged ? "\(output).staging-\(getpid())" : output
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
        if mode == .staged {
            PosixFile.removeTree(staging)
            Self.removeLeftovers(of: output)
        }
        do throws(PosixFile.IOError) {
            try PosixFile.makeDirectories(staging)
            if PosixFile.kind(staging + "/" + Self.marker) == nil {
                try Array("Written by warta build.\n".utf8).withUnsafeBytes { buf in
                    Result { () throws(PosixFile.IOError) in try PosixFile.create(staging + "/" + Self.marker, buf) }
                }.get()
            }
            if !preview {
                unlink(staging + "/" + Self.previewMarker)  // in place, over an earlier preview
            } else if PosixFile.kind(staging + "/" + Self.previewMarker) == nil {
                try Array("A preview build (drafts or embargoed items included): never publish this folder.\n".utf8).withUnsafeBytes { buf in
                    Result { () throws(PosixFile.IOError) in try PosixFile.create(staging + "/" + Self.previewMarker, buf) }
                }.get()
            }
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

    public func write(_ relativePath: String, bytes: [UInt8]) throws(PosixFile.IOError) {
        try bytes.withUnsafeBufferPointer { buf in
            Result { () throws(PosixFile.IOError) in try self.write(relativePath, bytes: buf) }
        }.get()
    }

    public func write(_ relativePath: String, bytes: UnsafeBufferPointer<UInt8>) throws(PosixFile.IOError) {
        let target = staging + "/" + relativePath
        if !sameFilesAsBefore { producedPaths.withLock { _ = $0.insert(relativePath) } }
        try ensureParent(of: relativePath)
        let previous = output + "/" + relativePath
        if PosixFile.size(previous) == bytes.count, let old = try? PosixFile.read(previous),
           old.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }), mode == .inPlace || link(previous, target) == 0 {
            keptCount.add(1, ordering: .relaxed)
            return
        }
        if mode == .inPlace {
            let temporary = target + ".warta-tmp"
            unlink(temporary)
            try PosixFile.create(temporary, UnsafeRawBufferPointer(bytes))
            guard rename(temporary, target) == 0 else { throw PosixFile.IOError(path: target, operation: "replace", code: errno) }
        } else {
            try PosixFile.create(target, UnsafeRawBufferPointer(bytes))
        }
        writtenCount.add(1, ordering: .relaxed)
    }

    /// Keeps the previous build's file unchanged without rendering it again. False when there is
    /// none, and the caller must render it.
    public func keep(_ relativePath: String) -> Bool {
        if sameFilesAsBefore {
            keptCount.add(1, ordering: .relaxed)
            return true
        }
        let previous = output + "/" + relativePath
        if mode == .inPlace, let previouslyProduced {
            guard previouslyProduced.contains(relativePath) else { return false }
        } else {
            guard PosixFile.kind(previous) == .file else { return false }
        }
        if mode == .staged {
            guard (try? ensureParent(of: relativePath)) != nil, link(previous, staging + "/" + relativePath) == 0 else { return false }
        }
        producedPaths.withLock { _ = $0.insert(relativePath) }
        keptCount.add(1, ordering: .relaxed)
        return true
    }

    /// Every file this build wrote or kept.
    public var produced: Set<String> { sameFilesAsBefore ? previouslyProduced ?? [] : producedPaths.withLock { $0 } }

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
        if mode == .inPlace {
            if !sameFilesAsBefore { removeStale(previouslyProduced: previouslyProduced) }
            return report
        }
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

    /// Staging and set-aside folders of builds that were killed before they finished (named with
    /// their process id): removed by the next build, unless that process still runs.
    static func removeLeftovers(of output: String) {
        let parent = output.lastSlashPrefix.isEmpty ? "." : output.lastSlashPrefix
        let base = output.split(separator: "/").last.map(String.init) ?? output
        guard let names = try? PosixFile.list(parent) else { return }
        for name in names where name.hasPrefix(base + ".") {
            let rest = name.dropFirst(base.count + 1)
            guard let dash = rest.lastIndex(of: "-"), ["staging", "old"].contains(rest[..<dash]),
                  let pid = Int32(rest[rest.index(after: dash)...]), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno != ESRCH { continue }
            PosixFile.removeTree(parent + "/" + name)
        }
    }

    /// Drops the staged files; the previous output stays as it was.
    public func abandon() {
        if mode == .staged {
            PosixFile.removeTree(staging)
            Self.removeLeftovers(of: output)
        }
    }

    /// In place: deletes files the previous build made and this one did not, then empty folders.
    private func removeStale(previouslyProduced: Set<String>?) {
        let now = produced.union([Self.marker, Self.previewMarker])
        let before = previouslyProduced ?? Set((try? PosixFile.walk(output)) ?? [])
        var folders = Set<String>()
        // The search index is Pagefind's, made after the build over the pages it finds: never stale here.
        for path in before where !now.contains(path) && !path.hasPrefix(SearchIndex.folder + "/") && !path.hasPrefix(SearchIndex.folder + ".new-") {
            unlink(output + "/" + path)
            var folder = path.lastSlashPrefix
            while !folder.isEmpty {
                folders.insert(folder)
                folder = folder.lastSlashPrefix
            }
        }
        // Deepest first, so a folder emptied by its children goes too; rmdir leaves non-empty ones.
        for folder in folders.sorted(by: { $0.count > $1.count }) { rmdir(output + "/" + folder) }
    }

    private func failure(_ message: String) -> BuildFailure {
        let reason = String(cString: strerror(errno))
        abandon()
        return BuildFailure([Diagnostic(output, "\(message): \(reason)")])
    }
}
