import CWartaSys
import Synchronization

import Glibc

/// Writes a build into a staging folder beside the output, then swaps it in with one atomic rename.
///
/// A file whose bytes equal the previous build's is hard-linked from it instead of written, so it
/// keeps its mtime and inode (rsync and browsers see no change). Until `commit`, the previous
/// output is untouched; `abandon` leaves it exactly as it was.
///
/// With a cache that knows the output, the build swapped out is kept as the *spare* (see
/// `SpareFolder.swift`) and becomes the next build's staging folder: brought up to date with the
/// output by the few files that differ, so a build that changes little costs little, while a
/// build killed at any moment still leaves the previous site whole.
public final class OutputWriter: Sendable {
    public enum Mode: Sendable {
        /// Build beside the output and swap it in at the end: a reader never sees a half-built site,
        /// and a build killed at any moment leaves the previous one whole. `warta build`, with or
        /// without its cache.
        case staged
        /// Update the output folder file by file (each file replaced atomically by rename) and delete
        /// what is no longer made: for the preview server, where a rebuild must cost only what changed.
        case inPlace
    }

    public let output: String
    public let mode: Mode
    /// Where files are written: the staging folder, or the output itself in place.
    let staging: String
    /// The staging folder is the spare, brought up to date with the output: a file equal to the
    /// output's is already there, as the same inode.
    let overSpare: Bool
    /// Where the spare is kept (`SpareFolder.swift`); nil when this build keeps none.
    let spareFolder: String?
    /// Fresh files of this build (written, not linked): where the output will differ from the spare.
    let writtenPaths = Mutex<[String]>([])
    /// Set by `commit`: where the spare it left differs from the output; nil when it left none.
    let spareLeft = Mutex<[String]?>(nil)
    /// Marks a folder as Warta's own output, so a mistyped `--output` never replaces a user's folder.
    public static let marker = ".warta-output"
    /// Marks a preview build (drafts or embargoed items included): no publish sends a folder that
    /// has it, and no walk of the site's inputs reads one.
    public static let previewMarker = ".warta-preview"

    private let createdDirectories = Mutex<Set<String>>([])
    private let writtenCount = Atomic<Int>(0)
    private let keptCount = Atomic<Int>(0)
    private let producedPaths = Mutex<Set<String>>([])
    /// What the previous build produced, when a cache vouches that the output folder holds it
    /// (in place: what is in the folder now).
    let previouslyProduced: Set<String>?

    public struct Report: Sendable {
        public let written: Int
        public let unchanged: Int
    }

    /// This build makes exactly the files the previous one made (a quick rebuild of edited bodies,
    /// most cached builds): nothing can be stale, and in place a kept file needs no check.
    public let sameFilesAsBefore: Bool

    /// `spareFolder`: where the build it replaces is kept (on the output's file system); `spare`:
    /// where the spare there differs from the output, when a cache vouches for both
    /// (`previouslyProduced` then says what the output holds). `preview`: the output is marked as one.
    public init(output: String, mode: Mode = .staged, previouslyProduced: Set<String>? = nil, sameFilesAsBefore: Bool = false,
                spareFolder: String? = nil, spare: [String]? = nil, preview: Bool = false) throws(BuildFailure) {
        self.previouslyProduced = previouslyProduced
        self.sameFilesAsBefore = sameFilesAsBefore && previouslyProduced != nil
        let output = Self.normalized(output)
        self.output = output
        self.mode = mode
        let staging = mode == .staged ? "\(output).staging-\(getpid())" : output
        self.staging = staging
        self.spareFolder = mode == .staged ? spareFolder : nil
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
        overSpare = mode == .staged && spare != nil && previouslyProduced != nil && PosixFile.kind(output) == .directory
            && spareFolder.map { rename($0, staging) == 0 } == true
        do throws(PosixFile.IOError) {
            if overSpare, let spare { try bringSpareUpToDate(spare) }
            try PosixFile.makeDirectories(staging)
            // Each staged build has a marker of its own: the cache tells the output from the spare by it.
            if mode == .staged { unlink(staging + "/" + Self.marker) }
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
            PosixFile.removeTree(staging)
            throw BuildFailure([Diagnostic(output, "cannot create the staging folder: \(error)")])
        }
    }

    static func normalized(_ output: String) -> String {
        var output = output
        while output.count > 1 && output.hasSuffix("/") { output.removeLast() }
        return output
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
           old.withUnsafeBufferPointer({ Self.sameBytes($0, bytes) }), mode == .inPlace || linkUnlessSame(previous, target) {
            keptCount.add(1, ordering: .relaxed)
            return
        }
        if mode == .staged { writtenPaths.withLock { $0.append(relativePath) } }
        if mode == .inPlace || overSpare {
            let temporary = target + ".warta-tmp"
            unlink(temporary)
            do throws(PosixFile.IOError) {
                try PosixFile.create(temporary, UnsafeRawBufferPointer(bytes))
            } catch {
                unlink(temporary)  // half a file (a full disk): never left in the output
                throw error
            }
            guard rename(temporary, target) == 0 else {
                let code = errno
                unlink(temporary)
                throw PosixFile.IOError(path: target, operation: "replace", code: code)
            }
        } else {
            try PosixFile.create(target, UnsafeRawBufferPointer(bytes))
        }
        writtenCount.add(1, ordering: .relaxed)
    }

    /// The same bytes, compared by memcmp: a generic element-by-element compare of every page
    /// against the file it replaces was 6 % of a full build.
    static func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let x = a.baseAddress, let y = b.baseAddress else { return a.count == 0 }
        return memcmp(x, y, a.count) == 0
    }

    /// Keeps the previous build's file unchanged without rendering it again. False when there is
    /// none, and the caller must render it. Staged, the file is hard-linked into the new build (the
    /// link fails when it is missing: no need to look first).
    public func keep(_ relativePath: String) -> Bool {
        switch mode {
        case .inPlace:
            if sameFilesAsBefore {
                keptCount.add(1, ordering: .relaxed)
                return true
            }
            if let previouslyProduced {
                guard previouslyProduced.contains(relativePath) else { return false }
            } else {
                guard PosixFile.kind(output + "/" + relativePath) == .file else { return false }
            }
        case .staged where overSpare:
            // The spare was brought up to date with the output: the file is there already.
            guard sameFilesAsBefore || previouslyProduced?.contains(relativePath) == true else { return false }
        case .staged:
            guard (try? ensureParent(of: relativePath)) != nil,
                  link(output + "/" + relativePath, staging + "/" + relativePath) == 0 else { return false }
        }
        if !sameFilesAsBefore { producedPaths.withLock { _ = $0.insert(relativePath) } }
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

    func ensureParent(of relativePath: String) throws(PosixFile.IOError) {
        let parent = relativePath.lastSlashPrefix
        guard !parent.isEmpty else { return }
        if createdDirectories.withLock({ $0.contains(parent) }) { return }
        try PosixFile.makeDirectories(staging + "/" + parent)
        createdDirectories.withLock { _ = $0.insert(parent) }
    }

    /// Puts the staged build in place of the output in one step; the old one is kept as the spare
    /// (or removed when no cache will know it).
    public func commit() throws(BuildFailure) -> Report {
        let report = Report(written: writtenCount.load(ordering: .relaxed), unchanged: keptCount.load(ordering: .relaxed))
        let removed = sameFilesAsBefore ? [] : removeStale(in: mode == .inPlace || overSpare ? staging : nil)
        if mode == .inPlace { return report }
        if PosixFile.kind(output) == nil {
            guard rename(staging, output) == 0 else { throw failure("cannot move the new build into place") }
            if let spareFolder { PosixFile.removeTree(spareFolder) }  // of an output since deleted
            return report
        }
        // Pagefind's index is made after the build, over its pages: it goes with them (remade when
        // a page changed), moved whole from the swapped-out build after the swap. The spare's index
        // is older: set aside until the swap is done, never shown.
        let index = "/" + SearchIndex.folder, staleIndex = "\(output).index-\(getpid())"
        if overSpare && PosixFile.kind(staging + index, followLinks: false) != nil && rename(staging + index, staleIndex) != 0 {
            PosixFile.removeTree(staging + index)
        }
        if warta_exchange_paths(staging, output) != 0 {
            // No atomic exchange on this file system: two renames, the old output set aside first.
            let aside = "\(output).old-\(getpid())"
            guard rename(output, aside) == 0 else { throw failure("cannot set the previous build aside") }
            guard rename(staging, output) == 0 else {
                rename(aside, output)
                throw failure("cannot move the new build into place")
            }
            if PosixFile.kind(aside + index) == .directory { rename(aside + index, output + index) }
            for folder in [aside, staleIndex] + (spareFolder.map { [$0] } ?? []) { PosixFile.removeTree(folder) }
            return report
        }
        // The staging folder now holds the previous build.
        if PosixFile.kind(staging + index) == .directory && PosixFile.kind(output + index, followLinks: false) == nil {
            rename(staging + index, output + index)
        }
        keepAsSpare(differing: writtenPaths.withLock { $0 } + removed, staleIndex: staleIndex)
        return report
    }

    /// Staging and set-aside folders (and search indexes) of builds that were killed before they
    /// finished, named with their process id: removed by the next build, unless that process still runs.
    static func removeLeftovers(of output: String) {
        let parent = output.lastSlashPrefix.isEmpty ? "." : output.lastSlashPrefix
        let base = output.split(separator: "/").last.map(String.init) ?? output
        guard let names = try? PosixFile.list(parent) else { return }
        for name in names where name.hasPrefix(base + ".") {
            let rest = name.dropFirst(base.count + 1)
            guard let dash = rest.lastIndex(of: "-"), ["staging", "old", "index"].contains(rest[..<dash]),
                  let pid = Int32(rest[rest.index(after: dash)...]), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno != ESRCH { continue }
            PosixFile.removeTree(parent + "/" + name)
        }
    }

    /// Drops the staged files; the previous output stays as it was.
    public func abandon() {
        if mode == .staged {
            PosixFile.removeTree(staging)
            PosixFile.removeTree("\(output).index-\(getpid())")
            Self.removeLeftovers(of: output)
        }
    }

    /// The files the previous build made and this one did not. In `folder` (in place, or the spare)
    /// they are deleted, then the folders they leave empty.
    private func removeStale(in folder: String?) -> [String] {
        guard let folder else { return previouslyProduced.map { Array($0.subtracting(produced)) } ?? [] }
        let now = produced.union([Self.marker, Self.previewMarker])
        let before = previouslyProduced ?? Set((try? PosixFile.walk(folder)) ?? [])
        var stale: [String] = []
        // The search index is Pagefind's, made after the build over the pages it finds: never stale here.
        for path in before where !now.contains(path) && !path.hasPrefix(SearchIndex.folder + "/") && !path.hasPrefix(SearchIndex.folder + ".new-") {
            unlink(folder + "/" + path)
            stale.append(path)
        }
        Self.removeEmptyFolders(holding: stale, in: folder)
        return stale
    }

    /// Deepest first, so a folder emptied by its children goes too; rmdir leaves non-empty ones.
    static func removeEmptyFolders(holding paths: [String], in root: String) {
        var folders = Set<String>()
        for path in paths {
            var folder = path.lastSlashPrefix
            while !folder.isEmpty && folders.insert(folder).inserted { folder = folder.lastSlashPrefix }
        }
        for folder in folders.sorted(by: { $0.count > $1.count }) { rmdir(root + "/" + folder) }
    }

    private func failure(_ message: String) -> BuildFailure {
        let reason = String(cString: strerror(errno))
        abandon()
        return BuildFailure([Diagnostic(output, "\(message): \(reason)")])
    }
}
