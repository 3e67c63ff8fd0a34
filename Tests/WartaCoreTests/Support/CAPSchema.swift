import Foundation
import Testing

/// The OASIS CAP 1.2 schema (`Tests/Fixtures/cap/CAP-v1.2.xsd`), applied by libxml2's validator
/// (`xmllint --schema`, Debian's `libxml2-utils`, which `make test-deps` installs): a real,
/// independent judge of every CAP message a build writes.
enum CAPSchema {
    static var path: String { TestSite.repositoryRoot + "/Tests/Fixtures/cap/CAP-v1.2.xsd" }

    /// What the validator says of the files, or nil when every one is valid.
    static func problems(_ files: [String]) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint", "--noout", "--nonet", "--schema", path] + files
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : text
    }

    /// Every CAP message of a built site (`alerts/*.xml`), checked; records an issue for each problem.
    static func expectValid(_ output: String, count: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = output + "/alerts"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".xml") }.sorted().map { folder + "/" + $0 }
        #expect(files.count == count, "\(files)", sourceLocation: sourceLocation)
        guard !files.isEmpty else { return }
        let said = try problems(files)
        #expect(said == nil, "\(said ?? "")", sourceLocation: sourceLocation)
    }
}
