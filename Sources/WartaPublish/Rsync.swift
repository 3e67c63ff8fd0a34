import WartaCore

/// The rsync invocation: the argument array, what its itemized output says, what its exit codes mean.
public enum Rsync {
    /// The marker a destination must hold before Warta deletes anything there (`warta publish --init`).
    public static let marker = ".warta-target"

    /// Arguments to send `source` (a folder) to `destination`. Checksums decide what changed. No
    /// `--times`: the build is fresh, so every file has a new date, and copying dates would re-date
    /// every file on the target (new ETag and Last-Modified, every cache refetching the site);
    /// without it an unchanged file keeps its date and a changed one gets the time it was written.
    /// `--delay-updates` and `--delete-after` switch the target over at the end of the run.
    public static func arguments(source: String, destination: Destination, target: PublishTarget?, dryRun: Bool) -> [String] {
        var args = ["--recursive", "--links", "--checksum", "--itemize-changes", "--delete-after", "--delay-updates",
                    "--exclude=/.warta-output", "--exclude=.~tmp~/", "--timeout=120"]
        if dryRun { args.append("--dry-run") }
        if let target { args += remoteShell(target, destination) + target.rsyncOptions }
        args += [source.hasSuffix("/") ? source : source + "/", destination.folder]
        return args
    }

    /// `--rsh "ssh -p 2222 -i key …"` when the target sets ssh options.
    static func remoteShell(_ target: PublishTarget, _ destination: Destination) -> [String] {
        guard destination.kind == .ssh, target.sshPort != nil || target.sshIdentity != nil || !target.sshOptions.isEmpty else { return [] }
        var ssh = ["ssh"]
        if let port = target.sshPort { ssh += ["-p", "\(port)"] }
        if let identity = target.sshIdentity { ssh += ["-i", identity] }
        return ["--rsh", (ssh + target.sshOptions).joined(separator: " ")]
    }

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
