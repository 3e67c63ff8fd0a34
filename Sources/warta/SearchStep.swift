import Foundation
import Logging
import WartaCore

/// Where the command line finds Pagefind, and the search index step of `build`.
enum SearchStep {
    /// `WARTA_PAGEFIND` (the Makefile points it at the one it installed), else `pagefind` on PATH.
    static var pagefind: String? {
        let env = ProcessInfo.processInfo.environment
        return SearchIndex.locate(explicit: env["WARTA_PAGEFIND"], searchPath: env["PATH"])
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
