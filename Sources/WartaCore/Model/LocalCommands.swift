/// The words of a target's `ssh_options` and `rsync_options` that make this machine run a command
/// of site.yml's choosing at every publish (ssh's `ProxyCommand`, rsync's `--rsh`, ...). A site.yml
/// is edited by more people than the account that runs the timer, so a target must say
/// `allow_commands: true` to use them. Each list is read as its program reads it (getopt's
/// bundled short options, a value in the same word or the next), so no spelling slips through.
public enum LocalCommands {
    /// ssh settings (`-o Key=value`, `-oKey value`) that run or load a local program.
    static let sshKeywords: Set<String> = [
        "proxycommand", "localcommand", "permitlocalcommand", "knownhostscommand", "include",
        "pkcs11provider", "securitykeyprovider",
    ]
    /// ssh's short options that take a value (its getopt string), and those whose value is itself
    /// a command source: `-F` (a config file, which may say ProxyCommand) and `-I` (a PKCS#11 library).
    static let sshWithValue = Set("bceilmopBDEFIJLOPQRSwW")
    static let sshRefused = Set("FI")
    /// rsync's short options that take a value; `-e` is the remote shell, a command.
    static let rsyncWithValue = Set("BefTM@")
    static let rsyncRefused: Set<String> = ["--rsh", "--rsync-path"]

    /// Indices of the `ssh_options` words that run a local command, with why.
    public static func ssh(_ words: [String]) -> [(index: Int, why: String)] {
        var found: [(Int, String)] = []
        var i = 0
        while i < words.count {
            let word = words[i]
            defer { i += 1 }
            guard word.hasPrefix("-"), !word.hasPrefix("--"), word.count > 1 else { continue }
            var letters = word.dropFirst()
            while let letter = letters.first {
                letters = letters.dropFirst()
                guard sshWithValue.contains(letter) else { continue }
                var value = String(letters)
                if value.isEmpty, i + 1 < words.count {
                    i += 1
                    value = words[i]
                }
                if sshRefused.contains(letter) {
                    found.append((i, "ssh's -\(letter) reads a \(letter == "F" ? "configuration file, which may run commands" : "library into ssh")"))
                } else if letter == "o", let keyword = keyword(value), sshKeywords.contains(keyword.lowercased()) {
                    found.append((i, "ssh's \(keyword) runs or loads a program on this machine"))
                }
                break
            }
        }
        return found
    }

    /// Indices of the `rsync_options` words that run a local command, with why.
    public static func rsync(_ words: [String]) -> [(index: Int, why: String)] {
        var found: [(Int, String)] = []
        for (i, word) in words.enumerated() {
            if word.hasPrefix("--") {
                let name = String(word.prefix { $0 != "=" })
                if rsyncRefused.contains(name) { found.append((i, "rsync's \(name) names a command that rsync runs")) }
                continue
            }
            guard word.hasPrefix("-"), word.count > 1 else { continue }
            // Bundled letters up to the first that takes a value (the rest of the word is that value).
            for letter in word.dropFirst() {
                if letter == "e" { found.append((i, "rsync's -e (--rsh) names a command that rsync runs")) }
                if rsyncWithValue.contains(letter) { break }
            }
        }
        return found
    }

    /// `Key` of `Key=value` or `Key value` (ssh's own config syntax), leading blanks skipped.
    private static func keyword(_ setting: String) -> String? {
        let trimmed = setting.drop { $0 == " " || $0 == "\t" }
        let key = trimmed.prefix { $0 != "=" && $0 != " " && $0 != "\t" }
        return key.isEmpty ? nil : String(key)
    }
}

extension PublishTarget {
    /// The options of this target that run a command on this machine (allowed by `allow_commands`).
    public var localCommands: [String] {
        LocalCommands.ssh(sshOptions).map { sshOptions[$0.index] } + LocalCommands.rsync(rsyncOptions).map { rsyncOptions[$0.index] }
    }
}
