import CWartaSys
import Dispatch
import Foundation

import Glibc

/// Pagefind's static search index over a built site, in `pagefind/` beside the pages, with its
/// default interface (`pagefind-ui.js`, `.css`) that the theme's search page loads.
///
/// Pagefind reads only the bodies marked `data-pagefind-body` (a listed item's article: see
/// `ItemPages`), so what it indexes is already behind `Visibility`. Its language is the site's,
/// for every page: Pagefind would otherwise make one index per `<html lang>`, and an item written
/// in English on an Indonesian site (`lang: en`) could not be found from the site's search page.
/// A site in several languages (its home page names the others with `hreflang`) gets one index per
/// language instead, each searched from its language's search page. It runs after the writer has put the pages in place, writes a new index beside
/// the old one and swaps it in whole: a reader never meets half an index.
public enum SearchIndex {
    /// The folder in the output; the writer never deletes it as stale (it did not make it).
    public static let folder = "pagefind"

    public enum Outcome: Sendable, Equatable {
        /// Made: the number of pages Pagefind indexed, as it reports it.
        case indexed(pages: Int)
        /// No Pagefind: any earlier index was removed, since it would no longer match the pages.
        case missing
        case failed(String)
    }

    /// The program: the one installed beside warta (`bundled`, PREFIX/lib/warta/pagefind, from
    /// `make install`), else `explicit` (`WARTA_PAGEFIND`), else `pagefind` or `pagefind_extended` on
    /// `searchPath` (the caller's PATH: the library reads no environment). The installed one comes
    /// first so a timer's bare environment (no WARTA_PAGEFIND, a plain PATH) still finds it.
    public static func locate(bundled: String? = nil, explicit: String?, searchPath: String?) -> String? {
        if let bundled, access(bundled, X_OK) == 0 { return bundled }
        // A path given but not there (the Makefile's, before `make search-deps`) counts as none.
        if let explicit, !explicit.isEmpty { return access(explicit, X_OK) == 0 ? explicit : nil }
        for dir in (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            for name in ["pagefind", "pagefind_extended"] where access("\(dir)/\(name)", X_OK) == 0 {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    /// Where `make install` puts Pagefind, for a warta whose real path is `executable`:
    /// PREFIX/bin/warta finds PREFIX/lib/warta/pagefind (relative, so a DESTDIR-staged copy works too).
    public static func bundled(besideExecutable executable: String) -> String {
        let bin = (executable as NSString).deletingLastPathComponent
        return (bin as NSString).deletingLastPathComponent + "/lib/warta/pagefind"
    }

    /// True when the output holds an index (a build that wrote nothing need not make it again).
    public static func exists(in output: String) -> Bool {
        PosixFile.kind(output + "/" + folder + "/" + entryFile) == .file
    }

    /// The one line to print when Pagefind cannot be found.
    public static let missingAdvice = "Pagefind not found: the site is built without its search index, and its search page says search is unavailable. " + installAdvice

    /// Where Pagefind comes from, for a message that says it is missing.
    public static let installAdvice = "`make install` installs it beside warta (PREFIX/lib/warta/pagefind); otherwise set WARTA_PAGEFIND to a Pagefind 1.x program (`make search-deps` makes .build/venv/bin/pagefind in a checkout) or put `pagefind` on PATH"

    /// The file every index has, in `folder`.
    public static let entryFile = "pagefind-entry.json"

    /// Indexes the site in `output`. Runs on a Dispatch thread, never blocking Swift's cooperative pool.
    public static func make(in output: String, pagefind: String?) async -> Outcome {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: makeBlocking(in: output, pagefind: pagefind)) }
        }
    }

    static func makeBlocking(in output: String, pagefind: String?) -> Outcome {
        var output = output
        while output.count > 1 && output.hasSuffix("/") { output.removeLast() }
        let target = output + "/" + folder
        guard let pagefind else {
            PosixFile.removeTree(target)
            return .missing
        }
        let fresh = "\(target).new-\(getpid())"
        PosixFile.removeTree(fresh)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pagefind)
        process.arguments = ["--site", output, "--output-path", fresh, "--glob", "**/*.html", "--quiet"]
            + (forcedLanguage(output).map { ["--force-language", $0] } ?? [])
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            PosixFile.removeTree(target)
            return .failed("cannot run \(pagefind): \(error.localizedDescription)")
        }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, PosixFile.kind(fresh + "/pagefind-entry.json") == .file else {
            PosixFile.removeTree(fresh)
            PosixFile.removeTree(target)
            let said = text.split(separator: "\n").last.map(String.init) ?? "exit status \(process.terminationStatus)"
            return .failed("\(pagefind) failed: \(said)")
        }
        steadyEntry(fresh + "/pagefind-entry.json")
        if PosixFile.kind(target) == nil {
            guard rename(fresh, target) == 0 else { return .failed("cannot move the search index into \(target)") }
        } else if warta_exchange_paths(fresh, target) == 0 {
            PosixFile.removeTree(fresh)
        } else {
            PosixFile.removeTree(target)
            guard rename(fresh, target) == 0 else { return .failed("cannot move the search index into \(target)") }
        }
        return .indexed(pages: pageCount(target))
    }

    /// Pagefind writes its entry file's languages in a random order: with one language per index
    /// (a site in two), every other build would change it, and a publish with nothing new would
    /// send it again with a new date. Written back with its keys sorted, the same index gives the
    /// same bytes. A file it cannot read stays as Pagefind wrote it: the index still works.
    static func steadyEntry(_ path: String) {
        guard let data = FileManager.default.contents(atPath: path),
              let entry = try? JSONSerialization.jsonObject(with: data),
              let sorted = try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys, .withoutEscapingSlashes]),
              sorted != data else { return }
        let staged = path + ".sorted"
        guard FileManager.default.createFile(atPath: staged, contents: sorted), rename(staged, path) == 0 else {
            unlink(staged)
            return
        }
    }

    /// The site's language, as its home page says it (`<html lang="id">`): the one page always in
    /// it. Nil for a site in several languages, whose home page names the others (`hreflang`).
    static func forcedLanguage(_ output: String) -> String? {
        guard let bytes = try? PosixFile.read(output + "/index.html") else { return nil }
        let whole = String(decoding: bytes, as: UTF8.self)
        if let headEnd = whole.range(of: "</head>"), whole[..<headEnd.lowerBound].contains("hreflang=\"") { return nil }
        let head = String(decoding: bytes.prefix(512), as: UTF8.self)
        guard let start = head.range(of: "<html lang=\"")?.upperBound,
              let end = head[start...].firstIndex(of: "\"") else { return nil }
        let code = head[start..<end]
        return !code.isEmpty && code.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) ? String(code) : nil
    }

    /// The pages in the index, from Pagefind's entry file (`"page_count": N` per language).
    static func pageCount(_ index: String) -> Int {
        guard let data = FileManager.default.contents(atPath: index + "/pagefind-entry.json"),
              let entry = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let languages = entry["languages"] as? [String: [String: Any]] else { return 0 }
        return languages.values.compactMap { $0["page_count"] as? Int }.reduce(0, +)
    }
}
