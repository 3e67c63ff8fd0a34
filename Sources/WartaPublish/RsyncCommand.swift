import WartaCore

/// Every rsync command Warta runs against a target is built here, so that the checks before a
/// publish reach the same endpoint, with the same ssh and rsync options, as the transfer itself.
public enum RsyncCommand {
    public enum Purpose: Sendable, Equatable {
        /// Does the destination hold the marker?
        case markerCheck
        /// Does the destination hold a search index (its entry file)?
        case searchIndexCheck
        /// What the destination holds (`--init` refuses a folder that is not empty).
        case listing
        /// Send `folder`, which holds only the marker (`--init`).
        case placeMarker(folder: String)
        /// What sending the built site in `folder` would do, deletions included, changing nothing.
        case dryRun(folder: String)
        /// Send the files of the built site in `folder` that `list` names (NUL-separated), deleting
        /// nothing: one pass of `TransferOrder`.
        case transfer(folder: String, list: String)
        /// Delete what the built site in `folder` no longer has, sending nothing: the last pass.
        case deletions(folder: String)
    }

    public static func arguments(_ purpose: Purpose, target: PublishTarget, destination: Destination) -> [String] {
        var args: [String]
        var operands: [String]
        switch purpose {
        case .markerCheck:
            args = ["--list-only"]
            operands = [destination.folder + Rsync.marker]
        case .searchIndexCheck:
            args = ["--list-only"]
            operands = [destination.folder + SearchIndex.folder + "/" + SearchIndex.entryFile]
        case .listing:
            args = ["--list-only"]
            operands = [destination.folder]
        case .placeMarker(let folder):
            args = ["--recursive", "--mkpath"]
            operands = [asFolder(folder), destination.folder]
        case .dryRun(let folder):
            args = sync + ["--delete-after", "--dry-run"]
            operands = [asFolder(folder), destination.folder]
        case .transfer(let folder, let list):
            args = sync + ["--files-from=" + list, "--from0"]
            operands = [asFolder(folder), destination.folder]
        case .deletions(let folder):
            // Only what exists on both sides is compared, and it is left alone: nothing travels.
            args = ["--recursive", "--links", "--itemize-changes", "--delete", "--existing", "--ignore-existing"] + kept
            operands = [asFolder(folder), destination.folder]
        }
        // Only an ssh destination takes --rsh: with a daemon address it would mean "daemon over ssh".
        if destination.kind == .ssh, let shell = RemoteShell.command(for: target) { args += ["--rsh", shell] }
        args += target.rsyncOptions
        // After `--` nothing is an option, whatever a path starts with.
        return args + ["--"] + operands
    }

    /// Checksums decide what changed. No `--times`: the build is fresh, so every file has a new
    /// date, and copying dates would re-date every file on the target (new ETag and Last-Modified,
    /// every cache refetching the site); without it an unchanged file keeps its date and a changed
    /// one gets the time it was written. `--delay-updates` puts a pass's files in place together at
    /// its end; the passes and their order are `TransferOrder`'s.
    static let sync = ["--recursive", "--links", "--checksum", "--itemize-changes", "--delay-updates"] + kept

    /// Never sent and never deleted: the writer's marker and rsync's own folder of delayed files;
    /// and a stalled connection ends the run.
    static let kept = ["--exclude=/.warta-output", "--exclude=.~tmp~/", "--timeout=120"]

    private static func asFolder(_ path: String) -> String { path.hasSuffix("/") ? path : path + "/" }
}
