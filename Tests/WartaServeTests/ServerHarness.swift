import Foundation
import Logging
import Testing
import WartaCore
import WartaTestSupport
@testable import WartaServe

/// The real preview server, started in-process on a free port, spoken to over HTTP, and always
/// stopped (its task cancelled and awaited) and cleaned up (every folder the test made) at the end.
struct Running {
    let server: PreviewServer
    let task: Task<Void, any Error>
    let http: RawHTTP
    let output: String
    /// The links with the key that the server printed (the desk's, the private preview's).
    let links: [String]
    /// The same server without the cookie the link sets: what another account on the machine sees.
    var stranger: RawHTTP {
        var bare = http
        bare.cookie = nil
        return bare
    }

    /// Cancels the server and waits until it has stopped.
    func stop() async {
        task.cancel()
        do {
            try await task.value
        } catch is CancellationError {
        } catch {
            Issue.record("the server ended with \(error)")
        }
    }

    /// Waits until `path` serves a body for which `condition` holds. The wait ends as soon as it
    /// does; the long limit is for a busy machine, where a debug build of the sample once took
    /// more than 10 s after a fix.
    func eventually(_ path: String, timeout: Duration = .seconds(30), _ condition: (RawHTTP.Response) -> Bool) async throws -> RawHTTP.Response {
        let deadline = ContinuousClock.now + timeout
        var last = try await http.fetch(path)
        while !condition(last) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            last = try await http.fetch(path)
        }
        return last
    }
}

struct ServerDidNotStart: Error, CustomStringConvertible {
    let description: String
}

enum ServerHarness {
    struct Settings {
        var mode: FileWatcher.Mode = .inotify
        var drafts = false
        var host = "127.0.0.1"
        /// Where the test's client connects (the listening address, or loopback for a wildcard).
        var connectTo = "127.0.0.1"
        /// nil: the server makes its own private temporary folder.
        var output: ((String) -> String)? = { $0 + "-preview/site" }
        var uploadLimit = Desk.defaultUploadLimit
        var future = false
        /// Open the link with the key the server prints, as its user does, and keep the cookie it sets.
        var openLink = true
    }

    /// The links holding the key that the server printed, in the order printed.
    static func printedLinks(_ log: KeptLog) -> [String] {
        log.all.compactMap { line -> String? in
            guard let start = line.range(of: "http://"), line.contains("?\(AccessKey.parameter)=") else { return nil }
            return String(line[start.lowerBound...].prefix { $0 != " " })
        }
    }

    /// Opens `link` (its path and query, on the server `http` speaks to); returns the cookie it set.
    static func open(_ link: String, with http: RawHTTP) async throws -> String {
        let afterScheme = link.dropFirst("http://".count)
        let path = String(afterScheme[(afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex)...])
        let answer = try await http.fetch(path)
        guard answer.status == 303, let cookie = answer.headers["set-cookie"]?.split(separator: ";").first else {
            throw ServerDidNotStart(description: "opening \(link) answered \(answer.status) \(answer.headers)")
        }
        return String(cookie)
    }

    /// Starts a server on `root`; throws when it stops before listening.
    static func start(_ root: String, _ settings: Settings = Settings()) async throws -> Running {
        var options = PreviewServer.Options(siteRoot: root, clock: .fixed(ZonedInstant.parse("2023-02-21T09:00:00+08:00")!))
        options.host = settings.host
        options.port = 0
        options.watchMode = settings.mode
        options.includeDrafts = settings.drafts
        options.output = settings.output?(root)
        options.uploadLimit = settings.uploadLimit
        options.includeFuture = settings.future
        let log = KeptLog()
        let server = PreviewServer(options: options, logger: Logger(label: "test", factory: { _ in log }))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await server.run(handleSignals: false) { continuation.yield($0) }
        }
        var port: Int?
        for await p in ports {
            port = p
            break
        }
        guard let port else {
            let failure: any Error
            do {
                try await task.value
                failure = ServerDidNotStart(description: "the server returned before listening")
            } catch {
                failure = error
            }
            throw failure
        }
        var http = RawHTTP(port: port, address: settings.connectTo)
        let links = printedLinks(log)
        if settings.openLink, let link = links.first {
            do { http.cookie = try await open(link, with: http) } catch {
                task.cancel()
                _ = await task.result
                throw error
            }
        }
        return Running(server: server, task: task, http: http, output: server.output, links: links)
    }

    /// Runs `body` with a running server, then stops it and waits for any build still under way,
    /// whether `body` succeeded or threw.
    static func withServer<T>(_ root: String, _ settings: Settings = Settings(),
                              _ body: (Running) async throws -> T) async throws -> T {
        let running = try await start(root, settings)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(running))
        } catch {
            result = .failure(error)
        }
        await running.stop()
        await running.server.coordinator.idle()
        return try result.get()
    }
}

/// A private copy of the sample site, removed at the end with every sibling the test made from its
/// name (`<copy>-preview`, `<copy>-secret.txt`, …).
enum SampleCopy {
    static func with<T>(_ body: (String) async throws -> T) async throws -> T {
        let root = try SampleSite.copy(prefix: "warta-serve-")
        defer { remove(root) }
        return try await body(root)
    }

    static func remove(_ root: String) {
        let parent = root.lastSlashPrefix
        let name = String(root.dropFirst(parent.count + 1))
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(name) {
            PosixFile.removeTree(parent + "/" + entry)
        }
    }
}
