import Foundation
import Glibc
import Testing
import WartaCore
@testable import WartaServe

/// Saving in a real editor writes files beside the one saved: the watcher names only the saved
/// file, however the editor put it in place, and never the editor's own files.
@Suite struct EditorSaveTests {
    /// What vim, emacs, JetBrains IDEs and VS Code-like editors do on disk when saving `a.md`,
    /// each step with bytes of its own so a polling watcher sees every change.
    static func saveLikeEditors(_ folder: String) throws {
        let fm = FileManager.default
        func write(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        // rename(2), as editors do: it replaces the target in one step.
        func move(_ from: String, _ to: String) throws {
            guard rename(folder + "/" + from, folder + "/" + to) == 0 else { throw CocoaError(.fileWriteUnknown) }
        }
        func remove(_ name: String) throws { try fm.removeItem(atPath: folder + "/" + name) }
        let page = { (n: Int) in "---\ntitle: Judul\ndate: 2023-02-10\n---\nIsi \(String(repeating: "x", count: n)).\n" }
        // vim: a probe for write permission, a swap file, the old file kept as a backup.
        try write("4913", "")
        try remove("4913")
        try write(".a.md.swp", "swap")
        try move("a.md", "a.md~")
        try write("a.md", page(1))
        try remove("a.md~")
        try remove(".a.md.swp")
        // emacs: a lock link and an auto-save file.
        try fm.createSymbolicLink(atPath: folder + "/.#a.md", withDestinationPath: "humas@kantor.1234:1700000000")
        try write("#a.md#", page(2))
        try write("a.md", page(3))
        try remove("#a.md#")
        try remove(".#a.md")
        // JetBrains: the new text beside the file, the old one moved aside, then swapped.
        try write("a.md___jb_tmp___", page(4))
        try move("a.md", "a.md___jb_old___")
        try move("a.md___jb_tmp___", "a.md")
        try remove("a.md___jb_old___")
        // Atomic save through a temporary file.
        try write("a.md.tmp", page(5))
        try move("a.md.tmp", "a.md")
    }

    @Test(arguments: [FileWatcher.Mode.inotify, .polling])
    func onlyTheSavedFileIsNamed(mode: FileWatcher.Mode) async throws {
        let root = NSTemporaryDirectory() + "warta-editor-" + UUID().uuidString
        let press = root + "/content/press"
        try FileManager.default.createDirectory(atPath: press, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/site-templates", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("---\ntitle: Judul\ndate: 2023-02-10\n---\nIsi.\n".utf8).write(to: URL(fileURLWithPath: press + "/a.md"))

        let stream = FileWatcher.changes(siteRoot: root, themeDirectory: root + "/site-templates", mode: mode,
                                         pollInterval: .milliseconds(20))
        let collector = Task {
            var seen: [String] = []
            for await path in stream {
                seen.append(path)
                if path == "content/press/b.md" { break }
            }
            return seen
        }
        try await Task.sleep(for: .milliseconds(300))  // the watcher has looked once
        try Self.saveLikeEditors(press)
        try await Task.sleep(for: .milliseconds(100))
        try Data("---\ntitle: B\ndate: 2023-02-10\n---\nIsi.\n".utf8).write(to: URL(fileURLWithPath: press + "/b.md"))
        let timeout = Task {
            try await Task.sleep(for: .seconds(20))
            collector.cancel()
        }
        let seen = await collector.value
        timeout.cancel()
        #expect(seen.last == "content/press/b.md", "the watcher never saw the last save: \(seen)")
        #expect(seen.contains("content/press/a.md"), "the saved file was not noticed: \(seen)")
        #expect(Set(seen).isSubset(of: ["content/press/a.md", "content/press/b.md"]), "\(seen)")
    }

    @Test func editorFilesAreKnownAndContentIsNot() {
        for name in ["4913", "5036", ".a.md.swp", "a.md~", ".#a.md", "#a.md#", "a.md.tmp", "a.md___jb_tmp___", "a.md___jb_old___"] {
            #expect(EditorFiles.isLeftover(name) || EditorFiles.isWriteProbe(name), "\(name)")
        }
        for name in ["a.md", "2023-02-21-rapat.md", "foto.jpg", "laporan-2023.pdf", "site.yml"] {
            #expect(!EditorFiles.isLeftover(name) && !EditorFiles.isWriteProbe(name), "\(name)")
        }
    }
}
