import Foundation
import Testing
@testable import WartaCore

/// Where warta finds Pagefind: beside itself (`make install`), then WARTA_PAGEFIND, then PATH.
@Suite struct PagefindLocationTests {
    @Test func theInstalledPagefindComesBeforeTheEnvironment() throws {
        let prefix = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let program = { (path: String) throws in
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: path, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755]))
        }
        let bundled = SearchIndex.bundled(besideExecutable: prefix + "/bin/warta")
        #expect(bundled == prefix + "/lib/warta/pagefind")
        let explicit = prefix + "/lain/pagefind", onPath = prefix + "/jalur"
        try program(explicit)
        try program(onPath + "/pagefind")
        // Nothing installed beside warta: the environment decides, as before.
        #expect(SearchIndex.locate(bundled: bundled, explicit: explicit, searchPath: onPath) == explicit)
        #expect(SearchIndex.locate(bundled: bundled, explicit: nil, searchPath: onPath) == onPath + "/pagefind")
        try program(bundled)
        #expect(SearchIndex.locate(bundled: bundled, explicit: explicit, searchPath: onPath) == bundled)
        #expect(SearchIndex.locate(bundled: bundled, explicit: nil, searchPath: "/nirgends") == bundled)
    }
}
