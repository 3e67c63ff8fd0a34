import Crypto
import WartaCore

/// A fingerprint of a whole build (every file's path and bytes): equal hashes, nothing to publish.
public enum SiteHash {
    public static func of(output: String) throws -> String {
        var hasher = SHA256()
        for file in try PosixFile.walk(output) {
            let bytes = try PosixFile.read(output + "/" + file)
            hasher.update(data: Array(file.utf8) + [0] + Array("\(bytes.count)".utf8) + [0])
            hasher.update(data: bytes)
        }
        return hasher.finalize().map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
