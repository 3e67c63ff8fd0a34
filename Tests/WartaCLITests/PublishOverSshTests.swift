import Foundation
import Testing
import WartaTestSupport

/// `warta publish` to an ssh destination, through a stand-in `ssh` first on PATH that writes down
/// what it was given and runs the remote rsync here, as sshd would on the server.
extension CLITests {
    /// A folder holding the stand-in `ssh`; each call appends its arguments, one a line, then `--end--`.
    func recordingSsh(log: String) throws -> String {
        let bin = NSTemporaryDirectory() + "warta-fake-ssh-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try """
        #!/bin/sh
        for word in "$@"; do printf '%s\\n' "$word" >> '\(log)'; done
        echo --end-- >> '\(log)'
        # The remote command starts at the word before --server; a login shell would run it.
        while [ $# -gt 1 ] && [ "$2" != "--server" ]; do shift; done
        [ "$2" = "--server" ] || exit 255
        exec sh -c "$*"
        """.write(toFile: bin + "/ssh", atomically: true, encoding: .utf8)
        chmod(bin + "/ssh", 0o755)
        return bin
    }

    /// The arguments of each recorded ssh call.
    func sshCalls(_ log: String) throws -> [[String]] {
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return lines.split(separator: "--end--").map(Array.init).filter { !$0.isEmpty && $0 != [""] }
    }

    @Test func everyRsyncCommandReachesSshWithTheTargetsOptions() throws {
        let site = try temporarySite()
        let work = NSTemporaryDirectory() + "warta-ssh-" + UUID().uuidString
        let target = work + "/situs"
        let log = work + "/ssh-argv.log"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let bin = try recordingSsh(log: log)
        let rsync = try #require(["/usr/bin/rsync", "/bin/rsync", "/usr/local/bin/rsync"].first { FileManager.default.isExecutableFile(atPath: $0) })
        // A key path with a space and a quote, and a try at slipping an option in after it.
        let identity = work + "/kunci o'brien/id_ed25519 -oProxyCommand=false"
        try (try String(contentsOfFile: site + "/site.yml", encoding: .utf8) + """
        publish:
          targets:
            kantor:
              destination: "tester@[::1]:\(target)/"
              ssh_port: 2222
              ssh_identity: "\(identity)"
              ssh_options: ["-o", "SetEnv=WARTA=satu dua"]
              rsync_options: ["--rsync-path=\(rsync)"]
              allow_commands: true

        """).write(toFile: site + "/site.yml", atomically: true, encoding: .utf8)
        let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")

        let initialized = try warta(["publish", "kantor", "--init", "--site", site], environment: ["PATH": path])
        #expect(initialized.status == 0, "\(initialized.stderr)")
        let published = try warta(["publish", "kantor", "--site", site], environment: ["PATH": path])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(published.stderr.contains("runs commands on this machine at every publish (allow_commands: true in site.yml): --rsync-path="), "\(published.stderr)")
        #expect(FileManager.default.fileExists(atPath: target + "/siaran-pers/2023/02/baik/index.html"))

        // --init: the listing, the marker; publish: the marker check, the dry run, the transfer's
        // three passes (files and item pages, the pages linking to them, deletions).
        let calls = try sshCalls(log)
        #expect(calls.count == 7)
        let expected = ["-p", "2222", "-i", identity, "-o", "SetEnv=WARTA=satu dua", "-l", "tester", "::1", rsync, "--server"]
        for (n, call) in calls.enumerated() {
            #expect(Array(call.prefix(expected.count)) == expected, "ssh call \(n + 1): \(call)")
            #expect(!call.contains("-oProxyCommand=false"), "ssh call \(n + 1): \(call)")
        }
    }
}
