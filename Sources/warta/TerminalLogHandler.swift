import Foundation
import Logging

/// Log lines as a terminal user reads them: `warning: message` on standard error, no timestamps.
struct TerminalLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let prefix = event.level >= .warning ? "\(event.level): " : ""
        FileHandle.standardError.write(Data("\(prefix)\(event.message)\n".utf8))
    }

    static let bootstrap: Void = LoggingSystem.bootstrap { _ in TerminalLogHandler() }
}
