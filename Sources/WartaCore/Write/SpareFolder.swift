import Synchronization

import Glibc

/// The spare: the build swapped out by the last one, kept beside the build cache's file
/// (`.warta/cache/build-….spare/`) instead of being deleted, with the list of the files where it
/// differs from the output (the last build's fresh files and the ones it no longer made). On
/// another file system than the output it cannot be renamed there, and none is kept.
///
/// The next build renames it to its staging folder, makes those few files equal to the output's
/// (hard links) and writes only what it renders anew; unchanged files are already there, as the
/// output's own inodes. Linking all of a 10,000-item site's 25,000 files into a new folder, and
/// deleting the old one, took seconds; this costs what changed. The cache keeps the spare's
/// identity (`BuildCache.Spare`) and hands the list only while the folder is the one it left: a
/// build killed while using it has renamed it away, so it is never half-trusted.
///
/// Files put into the output by hand are not Warta's: a staged build leaves them out (and the spare
/// may bring one back a build later). Files to publish as they are go in the theme's `static/`.
extension OutputWriter {
    /// Where the spare left by `commit` differs from the output; nil when it left none.
    public var spareDifferences: [String]? { spareLeft.withLock { $0 } }

    /// Makes the spare (now the staging folder) equal to the output at the paths where it differs:
    /// removed, then hard-linked from the output where the output has them.
    func bringSpareUpToDate(_ differing: [String]) throws(PosixFile.IOError) {
        for path in differing {
            guard unlink(staging + "/" + path) == 0 || errno == ENOENT || errno == ENOTDIR else {
                throw PosixFile.IOError(path: staging + "/" + path, operation: "remove", code: errno)
            }
        }
        Self.removeEmptyFolders(holding: differing, in: staging)
        for path in differing where PosixFile.kind(output + "/" + path, followLinks: false) == .file {
            try ensureParent(of: path)
            guard link(output + "/" + path, staging + "/" + path) == 0 else {
                throw PosixFile.IOError(path: staging + "/" + path, operation: "link", code: errno)
            }
        }
    }

    /// Puts the output's file (equal to what this build made) at `target` as a hard link. Over the
    /// spare it is there already; a file there that is not it is replaced.
    func linkUnlessSame(_ previous: String, _ target: String) -> Bool {
        guard overSpare else { return link(previous, target) == 0 }
        if let here = PosixFile.info(target), let there = PosixFile.info(previous), here.inode == there.inode { return true }
        unlink(target)
        return link(previous, target) == 0
    }

    /// After the swap, the staging folder holds the previous build: it becomes the spare when a cache
    /// knew what that build made (so where it differs is known), else it is deleted.
    func keepAsSpare(differing: [String], staleIndex: String) {
        let index = staging + "/" + SearchIndex.folder
        guard previouslyProduced != nil, let spare = spareFolder else {
            for folder in [staging, staleIndex] + (spareFolder.map { [$0] } ?? []) { PosixFile.removeTree(folder) }
            return
        }
        // The spare's own index (older than the output's) goes back into it: deleting its files
        // would cost what the spare saves.
        if PosixFile.kind(staleIndex, followLinks: false) != nil && rename(staleIndex, index) != 0 { PosixFile.removeTree(staleIndex) }
        PosixFile.removeTree(spare)  // one the cache no longer knows
        if rename(staging, spare) == 0 {
            spareLeft.withLock { $0 = differing }
        } else {
            PosixFile.removeTree(staging)
        }
    }
}
