import Glibc
import Synchronization

/// What keeps the cache honest when builds are killed or its file is damaged: the damage check,
/// the spare (`SpareFolder.swift`) and the files a killed build left half-written.
extension BuildCache {
    /// The one line a build of the site at `siteRoot` shows when it had to ignore a damaged cache.
    func damageWarning(siteRoot: String) -> Diagnostic? {
        guard damaged, let file else { return nil }
        let path = file.hasPrefix(siteRoot + "/") ? String(file.dropFirst(siteRoot.count + 1)) : file
        return Diagnostic(path, severity: .warning, "the build cache was damaged; rebuilt from scratch")
    }

    static func read(_ file: String) -> (State?, damaged: Bool) {
        let bytes: [UInt8]
        do throws(PosixFile.IOError) {
            bytes = try PosixFile.read(file)
        } catch {
            return (nil, error.code != ENOENT)
        }
        do throws(CacheReader.Corrupt) {
            return (try decode(bytes), false)
        } catch {
            return (nil, !writtenByAnotherWarta(bytes))
        }
    }

    /// Where a build kept on disk keeps the site it replaced (`SpareFolder.swift`): beside the
    /// cache's file, which is one per output. Nil in memory (the preview writes in place).
    public var spareFolder: String? { file.map { $0 + ".spare" } }

    /// Where the spare differs from the output, while its folder is the one the last build left.
    func spare() -> [String]? {
        guard let folder = spareFolder, let spare = state.withLock({ $0.spare }), OutputIdentity(output: folder) == spare.identity else { return nil }
        return spare.differing
    }

    /// Records the spare a build left (nil: none).
    func recordSpare(_ differing: [String]?) {
        let spare = differing.flatMap { d in spareFolder.flatMap { OutputIdentity(output: $0) }.map { Spare(identity: $0, differing: d) } }
        state.withLock { s in
            if s.spare != spare {
                s.spare = spare
                s.dirty = true
            }
        }
    }

    /// Cache files a killed build was writing (`PosixFile.replace`'s `name.tmp-<pid>`): tens of
    /// megabytes each at ten thousand items.
    static func removeUnfinished(besides file: String) {
        let folder = file.lastSlashPrefix
        for name in (try? PosixFile.list(folder)) ?? [] {
            guard let dash = name.lastIndex(of: "-"), name[..<dash].hasSuffix(".tmp"), let pid = Int32(name[name.index(after: dash)...]),
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(folder + "/" + name)
        }
    }
}
