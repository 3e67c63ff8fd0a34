import Dispatch
import Foundation
import WartaPublish

/// SIGINT (Ctrl-C), SIGTERM (systemd stopping the timer's run) and SIGHUP during a publish: passed
/// on to the rsync that runs, and the publish ends when rsync has, with its lock held until then
/// and its build folder removed. With no rsync running there is nothing to wait for: warta ends at
/// once (the next publish removes the build folder). SIGKILL is the kernel's: `RunningChildren`.
enum StopSignals {
    /// Installs the handlers for the rest of `body`.
    static func during<T, E: Error>(_ body: () async throws(E) -> T) async throws(E) -> T {
        let sources = [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if !RunningChildren.stop(number) { exit(128 + number) }
            }
            source.resume()
            return source
        }
        defer { for source in sources { source.cancel() } }
        return try await body()
    }
}
