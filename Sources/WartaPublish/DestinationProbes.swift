import Foundation
import WartaCore

/// What a publish asks the destination before it sends anything: is it Warta's (the marker), does
/// it hold a search index, how much does it hold; and `--init`, which places the marker.
extension Publisher {
    func initialize(_ endpoint: Endpoint, force: Bool) async throws(Failure) {
        let destination = endpoint.destination
        let existing = try await entries(endpoint)
        if existing > 0 && !force {
            throw Failure("""
            \(destination) is not empty (\(existing) entries). The first publish would delete everything there \
            that the site does not contain. If this folder is meant for the site, run again with --init --force.
            """)
        }
        try await placeMarker(endpoint)
    }

    func hasMarker(_ endpoint: Endpoint) async throws(Failure) -> Bool {
        try await holds(endpoint, .markerCheck, Rsync.marker)
    }

    /// True when the destination has the file a check lists (`name`); false when rsync finds none.
    func holds(_ endpoint: Endpoint, _ check: RsyncCommand.Purpose, _ name: String) async throws(Failure) -> Bool {
        let result = try await run(endpoint.arguments(check), progress: false)
        if result.status == 0 { return result.output.contains { $0.hasSuffix(name) } }
        if Rsync.isNetworkFailure(result.status) || result.status == 5 { throw rsyncFailure(result) }
        return false
    }

    /// How many files and folders a destination holds (0 when it does not exist yet).
    func entries(_ endpoint: Endpoint) async throws(Failure) -> Int {
        let result = try await run(endpoint.arguments(.listing), progress: false)
        if Rsync.isNetworkFailure(result.status) { throw rsyncFailure(result) }
        guard result.status == 0 else { return 0 }
        return result.output.filter { !$0.hasSuffix(" .") }.count
    }

    func placeMarker(_ endpoint: Endpoint) async throws(Failure) {
        let folder = WorkFolder.path("marker")
        defer { PosixFile.removeTree(folder) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data("Published by warta.\n".utf8).write(to: URL(fileURLWithPath: folder + "/" + Rsync.marker))
        } catch {
            throw Failure("cannot prepare the marker in \(folder): \(error)")
        }
        let result = try await run(endpoint.arguments(.placeMarker(folder: folder)), progress: false)
        guard result.status == 0 else { throw rsyncFailure(result) }
        say("\(endpoint.destination) is ready: warta publish will manage it from now on")
    }
}
