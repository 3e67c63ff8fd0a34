import ArgumentParser
import Foundation
import Logging
import WartaCore
import WartaServe

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",  // named, not derived from the type at every start
        abstract: "Preview the site at http://127.0.0.1:8080, rebuilt and reloaded on every save.",
        discussion: """
        The preview is built into a private temporary folder (mode 0700, removed when the server \
        stops; one left by a killed server is removed at the next start); public/ is never \
        touched. Pages reload by themselves after each save; when a save breaks the build, the \
        last good site stays and every page shows the errors.

        Only requests addressed to the server itself are answered (the Host header must name the \
        --host address, localhost, 127.x.x.x or [::1], with the server's port if any), so a web \
        page cannot read the preview through DNS rebinding. With --host 0.0.0.0 or ::, the \
        addresses of this machine's network interfaces are accepted too; other names get 421.

        The writing desk, at /.warta/desk/, lists every item with its state and lets you create \
        and edit releases, events and pages in a form, with uploads and a live preview; a save is \
        checked as a build would check it before anything is written under content/. It is \
        offered only on a loopback --host (it writes files), and every change carries a token \
        made for this server's session.

        The desk, and a preview with --drafts or --future, open only for the person who started \
        the server: it prints a link holding a key made at each start; opening it once sets a \
        cookie in that browser. Without it (another account on the same machine, say) they \
        answer 403.
        """
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: "Address to listen on. Anything but loopback exposes unpublished work to the network.")
    var host = "127.0.0.1"

    @Option(name: .shortAndLong, help: "Port to listen on.")
    var port = 8080

    @Option(name: .long, help: "Largest file the writing desk accepts as an upload, in megabytes.")
    var uploadLimit = 20

    @Flag(name: .long, help: "Watch files by polling their dates instead of inotify (for network or container file systems).")
    var poll = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard (1...1024).contains(uploadLimit) else { throw ValidationError("--upload-limit must be from 1 to 1024 (megabytes)") }
    }

    func run() async throws {
        TerminalLogHandler.bootstrap
        let logger = Logger(label: "warta.serve")
        if !["127.0.0.1", "localhost", "::1"].contains(host) {
            logger.warning("listening on \(host): anyone who can reach this machine can see the preview, drafts and embargoed items included")
        }
        var serveOptions = PreviewServer.Options(siteRoot: options.siteRoot, clock: try options.clock())
        serveOptions.host = host
        serveOptions.port = port
        let visibility = try options.visibility()
        serveOptions.includeDrafts = visibility.includeDrafts
        serveOptions.includeFuture = visibility.includeFuture
        serveOptions.uploadLimit = uploadLimit << 20
        serveOptions.watchMode = poll ? .polling : .inotify
        serveOptions.pagefind = SearchStep.pagefind
        let server = PreviewServer(options: serveOptions, logger: logger)
        do {
            try await server.run { port in
                logger.info("serving \(options.siteRoot) at http://\(host == "::1" ? "[::1]" : host):\(port)/ (Ctrl-C to stop)")
            }
            logger.info("stopped")
        } catch {
            if "\(error)".contains("Address already in use") {
                logger.error("port \(port) is already in use; stop the other server or choose another with --port")
                throw ExitCode.failure
            }
            throw error
        }
    }
}
