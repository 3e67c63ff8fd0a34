import AsyncAlgorithms
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle
import WartaCore

/// `warta serve`: builds the site into a private folder, serves it, rebuilds on every save and
/// tells open pages to reload. The public output (`public/`) is never touched. Only requests
/// addressed to this server's own names are answered (see `HostCheck`).
public struct PreviewServer: Sendable {
    public struct Options: Sendable {
        public var siteRoot: String
        public var themeDirectory: String
        public var host = "127.0.0.1"
        public var port = 8080
        public var includeDrafts = false
        public var includeFuture = false
        /// Read at every rebuild: the system's clock lifts embargoes on time; a fixed one (`--now`) never moves.
        public var clock: SiteClock
        public var watchMode: FileWatcher.Mode = .inotify
        /// Where the preview is built (never inside the site's public/); nil: a fresh private
        /// temporary folder (see `PreviewFolder`), removed at shutdown.
        public var output: String?
        /// The Pagefind program (nil: none; the preview has no search index, said once).
        public var pagefind: String?
        /// The writing desk's largest upload, in bytes.
        public var uploadLimit = Desk.defaultUploadLimit

        public init(siteRoot: String, themeDirectory: String? = nil, clock: SiteClock) {
            self.siteRoot = siteRoot
            self.clock = clock
            self.themeDirectory = themeDirectory ?? siteRoot + "/site-templates"
        }
    }

    public let options: Options
    public let coordinator: RebuildCoordinator
    let reload = LiveReload()
    /// Where the preview is built: `options.output`, or `site` inside `privateFolder`.
    let output: String
    /// The folder made for this server alone (mode 0700), removed at shutdown; nil with `options.output`.
    let privateFolder: String?
    let logger: Logger
    let search: PreviewSearch
    /// The secret that opens the desk and a preview of drafts or embargoed items (see `AccessKey`).
    let key = AccessKey()

    public init(options: Options, logger: Logger = Logger(label: "warta.serve")) {
        self.options = options
        self.logger = logger
        privateFolder = options.output == nil ? PreviewFolder.newPath() : nil
        output = privateFolder.map { $0 + "/site" } ?? options.output ?? ""
        let base = BaseURL("http://\(options.host.contains(":") ? "[\(options.host)]" : options.host):\(options.port)/")
        let opts = options
        let out = output
        let cache = BuildCache()
        let search = PreviewSearch(output: out, pagefind: options.pagefind, logger: logger)
        self.search = search
        coordinator = RebuildCoordinator(makeOptions: {
            var build = BuildOptions(siteRoot: opts.siteRoot, output: out, themeDirectory: opts.themeDirectory,
                                     visibility: Visibility(now: opts.clock.now(), includeDrafts: opts.includeDrafts,
                                                            includeFuture: opts.includeFuture),
                                     baseURL: base)
            // Rebuilds in place, redoing only what changed: the preview folder is ours alone.
            build.cache = cache
            build.writerMode = .inPlace
            return build
        }, reload: reload, logger: logger, afterBuild: { report in
            if report.written > 0 { search.markStale() }
        })
    }

    /// Builds, then serves until cancelled or until SIGINT/SIGTERM. `onRunning` gets the bound port.
    public func run(handleSignals: Bool = true, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        for path in PreviewFolder.removeStale() {
            logger.info("removed \(path), left by a preview server that was stopped abruptly")
        }
        if let privateFolder {
            try PreviewFolder.create(privateFolder)
        } else if PublicFolder.contains(output, siteRoot: options.siteRoot) {
            throw BuildFailure([Diagnostic(output, "a preview is never built into the site's public/ folder (what gets published)")])
        }
        defer {
            // No build starts after this; one that is stuck is not waited for.
            coordinator.close()
            if let privateFolder { PosixFile.removeTree(privateFolder) }
        }
        // The folder exists even when the first build fails, so the errors can be shown at once.
        try PosixFile.makeDirectories(output)
        await coordinator.rebuild(changed: [])
        guard let folder = SafePath(root: output) else {
            throw BuildFailure([Diagnostic(output, "the preview folder could not be created")])
        }
        let site = StaticSite(folder: folder, coordinator: coordinator, siteRoot: options.siteRoot, search: search)
        let reload = self.reload
        let hosts = HostCheck(listeningOn: options.host)
        let desk = makeDesk()
        let siteRoot = options.siteRoot
        let coordinator = self.coordinator
        let showsHidden = options.includeDrafts || options.includeFuture
        // Only when there is something to guard: the desk, or a preview that shows what is held back.
        let key = desk != nil || showsHidden ? self.key : nil
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            // Before anything else: a request for a foreign name gets neither a page nor the event stream.
            if let refusal = Self.refusal(hosts.verdict(request.hostValues)) { return refusal }
            let isDesk = request.uri.path.hasPrefix(String(Desk.prefix.dropLast()))
            if let key, let answer = key.answer(request, port: hosts.boundPort, guarded: showsHidden || isDesk) { return answer }
            if request.uri.path == LiveReload.eventsPath { return Self.events(reload) }
            if request.uri.path == ErrorOverlay.warningsPath { return Self.warnings(coordinator.state, root: siteRoot) }
            if isDesk {
                return await desk?.respond(request) ?? Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                                                                 body: .init(byteBuffer: ByteBuffer(string: "The writing desk is off: the preview listens on a network address.\n")))
            }
            // An upload that waits for its item, for the desk's live preview: to the desk's user alone.
            if desk != nil, request.method == .get, let key, key.presentsKey(request, port: hosts.boundPort),
               let pending = PendingUploads.response(root: siteRoot, path: request.uri.path) {
                return pending
            }
            return await site.respond(request)
        }
        let watcher = WatchService(options: options, coordinator: coordinator)
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "warta"),
            services: [watcher],
            onServerRunning: { [logger, options] channel in
                let port = channel.localAddress?.port ?? 0
                hosts.listening(onPort: port)
                if let key, desk != nil {
                    logger.info("writing desk at \(key.link(host: options.host, port: port, path: Desk.prefix)) (this link holds the key: only you may open it)")
                }
                if let key, showsHidden {
                    logger.info("this preview shows \(options.includeDrafts ? "drafts" : "")\(options.includeDrafts && options.includeFuture ? " and " : "")\(options.includeFuture ? "embargoed items" : ""), so it opens only through \(key.link(host: options.host, port: port, path: "/"))\(desk != nil ? " (or the desk's link)" : "")")
                }
                await onRunning(port)
            },
            logger: Logger(label: "warta.http", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        if handleSignals { try await app.runService() } else { try await app.run() }
        // Pagefind writing into the folder as it is removed would leave half of it behind.
        await search.idle()
    }

    /// The writing desk writes files: it is offered only to this machine, on a loopback address.
    func makeDesk() -> Desk? {
        guard HostCheck.Name(options.host)?.isLoopback == true else {
            logger.info("the writing desk is off: --host \(options.host) is not a loopback address, and the desk writes files (use --host 127.0.0.1 to write in the browser)")
            return nil
        }
        return Desk(siteRoot: options.siteRoot, themeDirectory: options.themeDirectory, clock: options.clock.now,
                    uploadLimit: options.uploadLimit, coordinator: coordinator, logger: logger)
    }

    static func refusal(_ verdict: HostCheck.Verdict) -> Response? {
        let (status, text): (HTTPResponse.Status, String)
        switch verdict {
        case .allowed: return nil
        case .badRequest: (status, text) = (.badRequest, "Bad request: exactly one Host header is required.\n")
        case .misdirected:
            (status, text) = (.init(code: 421, reasonPhrase: "Misdirected Request"),
                              "Misdirected request: this preview answers only to its own address and localhost.\n")
        }
        return Response(status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Every warning of the last good build, on a page of its own (pages carry only their count).
    static func warnings(_ state: RebuildCoordinator.State, root: String) -> Response {
        let page = ErrorOverlay.warningsPage(state.lastReport?.warnings ?? [], root: root)
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// The Server-Sent Events stream a page listens on.
    static func events(_ reload: LiveReload) -> Response {
        let stream = reload.subscribe()
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "retry: 1000\n: connected\n\n"))
                for await change in stream.cancelOnGracefulShutdown() {
                    try await writer.write(ByteBuffer(string: "event: \(change.rawValue)\ndata: \(change.rawValue)\n\n"))
                }
                try await writer.finish(nil)
            }
        )
    }
}

/// Feeds saved files to the coordinator. Bursts (an editor writing a temporary file, then
/// renaming it) arrive within milliseconds and are gathered into one rebuild.
struct WatchService: Service {
    let options: PreviewServer.Options
    let coordinator: RebuildCoordinator

    func run() async throws {
        let changes = FileWatcher.changes(siteRoot: options.siteRoot, themeDirectory: options.themeDirectory, mode: options.watchMode)
        for await batch in changes.chunked(by: .repeating(every: .milliseconds(20))).cancelOnGracefulShutdown() {
            // Handed over, not awaited: the watcher stays free to stop while a build is stuck.
            coordinator.request(changed: Set(batch))
        }
    }
}

extension Request {
    /// Every `Host` the request carried: HTTP/1's first one arrives as the authority, any
    /// further ones stay among the headers.
    var hostValues: [String] {
        (head.authority.map { [$0] } ?? []) + headers[values: HTTPField.Name("Host")!]
    }
}
