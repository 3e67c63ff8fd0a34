import ArgumentParser
import Foundation
import WartaCore

/// Options every command that reads a site shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site folder (with site.yml).", valueName: "dir"))
    var site: String = "."

    @Option(name: .long, help: ArgumentHelp(
        "Build as if it were this instant, e.g. 2023-02-21T09:00:00+08:00 (default: $WARTA_NOW, else the system clock).",
        valueName: "instant"))
    var now: String?

    @Flag(name: .long, help: "Preview: include drafts, each page marked DRAFT. Never for publishing.")
    var drafts = false

    @Flag(name: .long, help: "Preview: include embargoed items (publish_at in the future), each page marked EMBARGOED.")
    var future = false

    func validate() throws {
        if let now, Clock.parse(now) == nil {
            throw ValidationError("--now must be a date-time with an offset, e.g. 2023-02-21T09:00:00+08:00")
        }
    }

    var siteRoot: String {
        var root = site
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        return root
    }

    func visibility() throws -> Visibility {
        let env = ProcessInfo.processInfo.environment["WARTA_NOW"].flatMap { $0.isEmpty ? nil : $0 }
        let instant: ZonedInstant
        if let text = now ?? env {
            guard let parsed = Clock.parse(text) else {
                throw ValidationError("WARTA_NOW must be a date-time with an offset, e.g. 2023-02-21T09:00:00+08:00")
            }
            instant = parsed
        } else {
            instant = Clock.system()
        }
        return Visibility(now: instant, includeDrafts: drafts, includeFuture: future)
    }
}

/// Prints diagnostics the way compilers do, on standard error.
enum Report {
    static func problems(_ diagnostics: [Diagnostic], root: String) {
        for d in diagnostics.sorted() {
            FileHandle.standardError.write(Data((d.formatted(relativeTo: root) + "\n").utf8))
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        if errors > 0 {
            FileHandle.standardError.write(Data("\(errors) error\(errors == 1 ? "" : "s"); nothing was written.\n".utf8))
        }
    }
}
