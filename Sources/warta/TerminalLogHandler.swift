import Foundation
import Logging
import WartaServe

/// Log lines as a terminal user reads them: `warning: message` on standard error, no timestamps.
struct TerminalLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        // A diagnostic names its own severity after its location (`path:3:7: error: …`): a
        // second "error: " before it would hide the path from editors and read twice.
        let located = event.metadata?[RebuildCoordinator.diagnosticMetadataKey] != nil
        let prefix = event.level >= .warning && !located ? "\(event.level): " : ""
        FileHandle.standardError.write(Data("\(prefix)\(event.message)\n".utf8))
    }

    static let bootstrap: Void = LoggingSystem.bootstrap { _ in TerminalLogHandler() }
}
