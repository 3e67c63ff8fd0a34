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
        if let now, ZonedInstant.parse(now) == nil {
            throw ValidationError("--now must be a date-time with an offset, e.g. 2023-02-21T09:00:00+08:00")
        }
        // Checked even beside --now: a broken value left in the environment is a mistake to show.
        _ = try EnvironmentClock.instant()
    }

    var siteRoot: String {
        var root = site
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        return root
    }

    /// The command's clock (see `Now`).
    func clock() throws -> SiteClock { try Now.clock(now) }

    func visibility() throws -> Visibility {
        Visibility(now: try clock().now(), includeDrafts: drafts, includeFuture: future)
    }
}

/// Where "now" comes from, decided here for every command and passed down as a `SiteClock`: no
/// library reads the system clock.
enum Now {
    /// The system's clock, read at each call: the one place Warta reads it.
    static let system = SiteClock { ZonedInstant(seconds: Int64(Date().timeIntervalSince1970), offset: 0) }

    /// build, check, schedule, new and serve: `--now`, else `WARTA_NOW`, else the system's clock (a
    /// server reads it at every rebuild). publish has rules of its own (see `Publish.run`).
    static func clock(_ now: String?) throws -> SiteClock {
        if let now {
            guard let instant = ZonedInstant.parse(now) else {
                throw ValidationError("--now must be a date-time with an offset, e.g. 2023-02-21T09:00:00+08:00")
            }
            return .fixed(instant)
        }
        return try EnvironmentClock.instant().map(SiteClock.fixed) ?? system
    }
}

/// `WARTA_NOW`, the clock a build, check, preview or schedule uses when `--now` is not given.
enum EnvironmentClock {
    /// The value, or nil when unset or empty.
    static var text: String? {
        ProcessInfo.processInfo.environment["WARTA_NOW"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The instant it names. A value that names none is an error, never skipped: the site would be
    /// built by another clock than the one meant.
    static func instant() throws -> ZonedInstant? {
        guard let text else { return nil }
        guard let instant = ZonedInstant.parse(text) else {
            throw ValidationError("WARTA_NOW ('\(text)') must be a date-time with an offset, e.g. 2023-02-21T09:00:00+08:00; fix or unset it")
        }
        return instant
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
