import Foundation
import WartaCore

/// The `--rsh` value that carries a target's ssh settings. rsync splits this string itself, with no
/// shell: on spaces, honouring single and double quotes, a doubled quote standing for itself. Each
/// word is therefore single-quoted, so a key path with a space stays one word and no setting can
/// break out of its word to become another option.
enum RemoteShell {
    /// nil when the target sets nothing for ssh (then rsync's own default, or RSYNC_RSH, applies).
    static func command(for target: PublishTarget) -> String? {
        guard target.sshPort != nil || target.sshIdentity != nil || !target.sshOptions.isEmpty else { return nil }
        var words = ["ssh"]
        if let port = target.sshPort { words += ["-p", "\(port)"] }
        if let identity = target.sshIdentity { words += ["-i", identity] }
        words += target.sshOptions
        return words.map(quoted).joined(separator: " ")
    }

    /// One word for rsync's splitter: `'…'`, with each `'` inside written twice.
    static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
