import WartaCore

/// What rsync's itemized output says and what its exit codes mean (the commands: `RsyncCommand`).
public enum Rsync {
    /// The marker a destination must hold before Warta deletes anything there (`warta publish --init`).
    public static let marker = ".warta-target"

    /// Counts of what a run did (or, dry, would do), from `--itemize-changes` lines.
    public struct Summary: Sendable, Equatable {
        public var added: [String] = []
        public var changed: [String] = []
        public var deleted: [String] = []

        public init(lines: [String]) {
            for line in lines {
                if line.hasPrefix("*deleting") {
                    let path = line.dropFirst("*deleting".count).trimmingWhitespace
                    if !path.hasSuffix("/") { deleted.append(path) }
                    continue
                }
                let bytes = Array(line.utf8)
                guard bytes.count > 12, bytes[1] == UInt8(ascii: "f"), [UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "c")].contains(bytes[0]) else { continue }
                let path = String(decoding: bytes[12...], as: UTF8.self)
                if path == Rsync.marker { continue }
                if bytes[2...10].allSatisfy({ $0 == UInt8(ascii: "+") }) { added.append(path) } else { changed.append(path) }
            }
        }
    }

    /// What an exit status means, in words a press officer can act on.
    public static func meaning(_ status: Int32) -> String {
        switch status {
        case 0: "success"
        case 1: "syntax or usage error (check the target's options in site.yml)"
        case 2: "protocol incompatibility between the two rsync versions"
        case 3: "errors selecting input or output files or folders"
        case 5: "could not start talking to the server (network or server problem)"
        case 10: "network connection broke (socket I/O error)"
        case 11: "file I/O error (disk full or permission denied on one side)"
        case 12: "the data stream broke (often the connection dropped)"
        case 20: "rsync was interrupted"
        case 23: "some files could not be transferred (permissions?)"
        case 24: "some source files vanished during the transfer"
        case 25: "deletions stopped at the limit"
        case 30: "timed out sending or receiving data"
        case 35: "timed out waiting for the server"
        case 255: "ssh failed (host unreachable, key refused or host key unknown)"
        default: "rsync failed with status \(status)"
        }
    }

    /// Statuses worth one more try: the network, not the content.
    public static func isNetworkFailure(_ status: Int32) -> Bool {
        [5, 10, 12, 30, 35, 255].contains(status)
    }
}
