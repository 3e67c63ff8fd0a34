import Foundation
import Glibc

/// The order a publish sends the built site in, so that a publish stopped at any moment never
/// serves a link to a file that is not there yet. rsync's `--delay-updates` puts a run's files in
/// place one by one at its end, so a single run stopped then could serve a new list page whose
/// release is not in place. Three runs instead:
/// 1. `files`: everything nothing waits for: attachments, images, styles, the search index's
///    pieces, and the items' own pages (a release's or an event's folder, `…/2023/02/slug/`).
/// 2. `pages`: the documents that link to those: list pages, home pages, tag and department pages,
///    the site's other pages, feeds, calendars, the sitemap, robots.txt, redirects, the search
///    index's entry file.
/// 3. Deletions, last: a page that linked to a removed file has been replaced by then.
enum TransferOrder {
    enum Pass: Sendable, Equatable {
        case files, pages
    }

    /// Documents that name other files: outside an item's folder, they go in the second pass.
    static let linking: Set<String> = ["html", "htm", "xml", "ics", "json", "map", "txt", "webmanifest"]

    static func pass(of path: String) -> Pass {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let name = parts.last, let dot = name.lastIndex(of: "."),
              linking.contains(name[name.index(after: dot)...].lowercased()) else { return .files }
        return isInItemFolder(parts) ? .files : .pages
    }

    /// `…/YYYY/MM/slug/file`: a dated item's folder (releases and events, in any language's tree).
    /// A month's list (`agenda/2023/02/index.html`) has no slug level and is not one.
    static func isInItemFolder(_ parts: [Substring]) -> Bool {
        guard parts.count >= 4 else { return false }
        let year = parts[parts.count - 4], month = parts[parts.count - 3]
        return year.count == 4 && year.allSatisfy(\.isASCII) && year.allSatisfy(\.isNumber)
            && month.count == 2 && month.allSatisfy(\.isASCII) && month.allSatisfy(\.isNumber)
    }

    /// Writes the two passes' file lists for the built site in `output` into `folder`, NUL-separated
    /// (rsync's `--files-from` with `--from0` reads each name as it is). Returns their paths, in order.
    static func writeLists(output: String, into folder: String) throws -> [String] {
        var files: [UInt8] = [], pages: [UInt8] = []
        // Every entry but folders (rsync makes those a file needs), hidden ones included: rsync sent
        // the whole folder before, and a `.well-known/` of the theme's must still go.
        for path in try FileManager.default.subpathsOfDirectory(atPath: output).sorted() {
            var info = stat()
            guard lstat(output + "/" + path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { continue }
            if pass(of: path) == .files { files += Array(path.utf8) + [0] } else { pages += Array(path.utf8) + [0] }
        }
        var lists: [String] = []
        for (name, bytes) in [("files", files), ("pages", pages)] where !bytes.isEmpty {
            let list = folder + "/pass-" + name
            try Data(bytes).write(to: URL(fileURLWithPath: list))
            lists.append(list)
        }
        return lists
    }
}
