import Foundation
import Synchronization
import WartaCore

/// Reports changed files under a site's inputs as a stream of paths (relative to the site root).
/// Linux inotify where it works, polling file dates otherwise; neither spins.
public enum FileWatcher {
    public enum Mode: Sendable { case inotify, polling }

    /// Watches `site.yml`, `content/` and the theme folder. The stream ends when the task consuming it is cancelled.
    public static func changes(siteRoot: String, themeDirectory: String, mode: Mode = .inotify,
                               pollInterval: Duration = .milliseconds(250)) -> AsyncStream<String> {
        let roots = [siteRoot + "/content", themeDirectory]
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .unbounded)
        let stopBox = StopFlag()
        let relative: @Sendable (String) -> String = { path in
            path.hasPrefix(siteRoot + "/") ? String(path.dropFirst(siteRoot.count + 1)) : path
        }
        let emit: @Sendable (String) -> Void = { continuation.yield(relative($0)) }
        continuation.onTermination = { _ in stopBox.set() }
        if mode == .inotify, let watcher = Inotify(roots: roots, extraFiles: [siteRoot + "/site.yml"]) {
            let thread = Thread { watcher.run(stop: stopBox, emit: emit) }
            thread.name = "warta-inotify"
            thread.start()
        } else {
            let files = roots + [siteRoot + "/site.yml"]
            Task.detached {
                var seen = snapshot(files)
                while !stopBox.isSet {
                    try? await Task.sleep(for: pollInterval)
                    let now = snapshot(files)
                    for (path, stamp) in now where seen[path] != stamp && !isEditorFile(path) { emit(path) }
                    for path in seen.keys where now[path] == nil && !isEditorFile(path) { emit(path) }
                    seen = now
                }
            }
        }
        return stream
    }

    /// Modification stamps of every file below the given paths.
    static func snapshot(_ paths: [String]) -> [String: Stamp] {
        var out: [String: Stamp] = [:]
        for path in paths {
            switch PosixFile.kind(path) {
            case .directory:
                for file in (try? PosixFile.walk(path)) ?? [] { out[path + "/" + file] = PosixFile.info(path + "/" + file) }
            case .file: out[path] = PosixFile.info(path)
            default: continue
            }
        }
        return out
    }

    typealias Stamp = PosixFile.Info

    /// A file an editor writes beside the one being saved (the polling walk lists files only).
    static func isEditorFile(_ path: String) -> Bool {
        let name = String(path.split(separator: "/").last ?? "")
        return EditorFiles.isLeftover(name) || EditorFiles.isWriteProbe(name)
    }
}

/// A stop signal shared with the watcher thread.
final class StopFlag: Sendable {
    private let stop = Atomic<Bool>(false)
    func set() { stop.store(true, ordering: .relaxed) }
    var isSet: Bool { stop.load(ordering: .relaxed) }
}
