import Foundation
import Logging
import WartaCore

/// Where the command line finds Pagefind, and the search index step of `build`.
enum SearchStep {
    /// The one `make install` put beside this executable (found from its real path, so a symlink
    /// to it works), else `WARTA_PAGEFIND` (the Makefile points it at .build/venv's), else PATH.
    static var pagefind: String? {
        let env = ProcessInfo.processInfo.environment
        let bundled = PosixFile.realPath("/proc/self/exe").map { SearchIndex.bundled(besideExecutable: $0) }
        return SearchIndex.locate(bundled: bundled, explicit: env["WARTA_PAGEFIND"], searchPath: env["PATH"])
    }

    /// Indexes a fresh build; a build that wrote nothing keeps the index it has. No Pagefind: one
    /// warning, and the build goes on.
    static func index(_ output: String, report: BuildReport, logger: Logger) async {
        guard report.written > 0 || !SearchIndex.exists(in: output) else { return }
        switch await SearchIndex.make(in: output, pagefind: pagefind) {
        case .indexed(let pages): print("search index: \(pages) pages -> \(output)/\(SearchIndex.folder)/")
        case .missing: logger.warning("\(SearchIndex.missingAdvice)")
        case .failed(let why): logger.warning("search index not made: \(why)")
        }
    }
}
