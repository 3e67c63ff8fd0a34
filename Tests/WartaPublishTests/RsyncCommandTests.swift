import Testing
import WartaCore
@testable import WartaPublish

/// Every rsync command for a target, built by the one function that builds them all.
@Suite struct RsyncCommandTests {
    static let purposes: [RsyncCommand.Purpose] = [
        .markerCheck, .searchIndexCheck, .listing, .placeMarker(folder: "/tmp/penanda"), .dryRun(folder: "/tmp/situs"),
        .transfer(folder: "/tmp/situs", list: "/tmp/daftar"), .deletions(folder: "/tmp/situs"),
    ]

    static var target: PublishTarget {
        var target = PublishTarget(name: "kantor", destination: "deploy@web:/var/www/warta")
        target.sshPort = 2222
        target.sshIdentity = "/home/humas/kunci saya/id"
        target.sshOptions = ["-o", "StrictHostKeyChecking=yes"]
        target.rsyncOptions = ["--bwlimit=2000"]
        return target
    }

    @Test func everyRsyncCommandCarriesTheTargetsSshAndRsyncOptions() throws {
        let target = Self.target
        for purpose in Self.purposes {
            let args = RsyncCommand.arguments(purpose, target: target, destination: Destination(target.destination))
            let rsh = try #require(args.firstIndex(of: "--rsh"), "\(purpose)")
            #expect(args[rsh + 1] == "'ssh' '-p' '2222' '-i' '/home/humas/kunci saya/id' '-o' 'StrictHostKeyChecking=yes'", "\(purpose)")
            #expect(args.contains("--bwlimit=2000"), "\(purpose)")
        }
    }

    @Test func everyRsyncCommandEndsItsOptionsBeforeItsPaths() throws {
        let target = Self.target
        for purpose in Self.purposes {
            let args = RsyncCommand.arguments(purpose, target: target, destination: Destination(target.destination))
            let dashes = try #require(args.firstIndex(of: "--"), "\(purpose)")
            let operands = Array(args[(dashes + 1)...])
            #expect(operands.last?.hasPrefix("deploy@web:/var/www/warta/") == true, "\(purpose)")
            #expect(operands.count == ([.markerCheck, .searchIndexCheck, .listing].contains(purpose) ? 1 : 2), "\(purpose)")
        }
    }

    @Test func aQuoteInAnSshSettingStaysInsideItsWord() {
        #expect(RemoteShell.quoted("kunci o'brien") == "'kunci o''brien'")
        #expect(RemoteShell.quoted("a\"b") == "'a\"b'")
    }
}
