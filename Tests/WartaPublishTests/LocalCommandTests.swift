import Foundation
import Synchronization
import Testing
import WartaCore
import WartaTestSupport
@testable import WartaPublish

/// Options in site.yml that make this machine run a program (ssh's ProxyCommand, rsync's --rsh)
/// are refused at their line unless the target says `allow_commands: true`, and said at each publish then.
extension PublishTests {
    @Test func optionsThatRunLocalCommandsAreFoundInEverySpelling() {
        let ssh: [[String]] = [
            ["-o", "ProxyCommand=nc %h %p"], ["-oProxyCommand=nc %h %p"], ["-o", "proxycommand nc %h %p"], ["-o ProxyCommand=x"],
            ["-vo", "LocalCommand=touch /tmp/x"], ["-voPermitLocalCommand=yes"], ["-o", "KnownHostsCommand=/bin/x"],
            ["-F", "/home/humas/situs/content/ssh.conf"], ["-qFconfig"], ["-o", "Include /tmp/x"], ["-I", "/tmp/lib.so"],
            ["-o", "PKCS11Provider=/tmp/lib.so"], ["-o", "StrictHostKeyChecking=yes", "-o", "ProxyCommand=x"],
        ]
        for words in ssh { #expect(LocalCommands.ssh(words).count == 1, "\(words)") }
        let harmlessSsh: [[String]] = [
            ["-o", "StrictHostKeyChecking=yes"], ["-p", "2222"], ["-C"], ["-o", "ServerAliveInterval=30"], ["-J", "bastion"],
            ["-i", "/home/humas/.ssh/-F"], ["-o", "UserKnownHostsFile=/home/humas/.ssh/known_hosts"],
        ]
        for words in harmlessSsh { #expect(LocalCommands.ssh(words).isEmpty, "\(words)") }
        let rsync: [[String]] = [
            ["--rsh=ssh -o ProxyCommand=x"], ["--rsh", "sh -c reboot"], ["-e", "sh"], ["-essh"], ["-avessh"], ["-ave", "ssh"],
            ["--rsync-path=sudo rsync"], ["--rsync-path", "x"], ["--bwlimit=40", "-ze", "x"],
        ]
        for words in rsync { #expect(LocalCommands.rsync(words).count == 1, "\(words)") }
        let harmlessRsync: [[String]] = [["--bwlimit=40"], ["-z"], ["-v", "--exclude=*.e"], ["-T/tmp/e"], ["--chmod=Fg+r"], ["--exclude", "*.tmp"]]
        for words in harmlessRsync { #expect(LocalCommands.rsync(words).isEmpty, "\(words)") }
    }

    /// The sample with one target to `folder` whose lines are `lines` (after `destination`).
    func siteWithTarget(_ folder: String, _ lines: String) throws -> String {
        let site = try Self.sampleCopy()
        let config = try String(contentsOfFile: site + "/site.yml", encoding: .utf8)
        try (String(config[..<(config.range(of: "\npublish:")?.lowerBound ?? config.endIndex)]) + """

        publish:
          targets:
            lokal:
              destination: \(folder)
        \(lines)
        """).write(toFile: site + "/site.yml", atomically: true, encoding: .utf8)
        return site
    }

    @Test func optionsThatRunLocalCommandsAreRefusedAtTheirLine() async throws {
        let target = Self.emptyFolder()
        let site = try siteWithTarget(target, """
              ssh_options: ["-o", "StrictHostKeyChecking=yes"]
              rsync_options:
                - --bwlimit=4000
                - --rsh=sh -c 'touch /tmp/pwned'
        """)
        let lines = try String(contentsOfFile: site + "/site.yml", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("--rsh=") }) + 1
        let (config, problems) = SiteLoader.config(root: site)
        #expect(config == nil)
        let problem = try #require(problems.first { $0.message.contains("--rsh=") }, "\(problems)")
        #expect(problem.line == line && problem.column == 11, "\(problem)")
        #expect(problem.message.contains("allow_commands: true") && problem.message.contains("target 'lokal'"), "\(problem.message)")
        #expect(problems.count == 1, "\(problems)")
        var request = Publisher.Request(siteRoot: site, now: Self.now)
        request.target = "lokal"
        request.initialize = true
        await #expect(throws: Publisher.Failure.self) { try await Self.publisher().publish(request) }
        #expect(snapshot(target).isEmpty)
    }

    @Test func allowedCommandsAreSaidAtEveryPublish() async throws {
        let target = Self.emptyFolder()
        // A folder target never uses the remote shell, so the option is harmless here, but it is allowed only by saying so.
        let site = try siteWithTarget(target, """
              rsync_options: ["--rsh=ssh -p 2222"]
              allow_commands: true
        """)
        let said = Mutex<[String]>([])
        let publisher = try Self.publisher { line in said.withLock { $0.append(line) } }
        var request = Publisher.Request(siteRoot: site, now: Self.now)
        request.target = "lokal"
        request.initialize = true
        _ = try await publisher.publish(request)
        request.initialize = false
        _ = try await publisher.publish(request)
        let warnings = said.withLock { $0 }.filter { $0.contains("runs commands on this machine") }
        #expect(warnings.count == 2, "\(said.withLock { $0 })")
        #expect(warnings.allSatisfy { $0.contains("--rsh=ssh -p 2222") && $0.contains("'lokal'") })
        #expect(FileManager.default.fileExists(atPath: target + "/index.html"))
    }
}
