import Glibc
import HTTPTypes
import Hummingbird
import WartaCore

/// Uploads that no saved item names yet wait in `.warta/uploads/` (mode 0700), outside `content/`
/// and so outside every build and publish: a file sent for a text that is never saved, that a check
/// refuses, or that is embargoed must not go public by itself. A successful save moves the files its
/// item names into `content/`, where their links point; from then on they follow their item like
/// any other file (`Visibility.publicAssets`).
enum PendingUploads {
    /// The folders uploads go to under `content/` (and here): `gambar`, `lampiran`, `images`, `files`.
    static let folders: Set<String> = Language.allCases.reduce(into: []) { out, language in
        out.insert(DeskUpload.folder(.image, language: language))
        out.insert(DeskUpload.folder(.attachment, language: language))
    }

    static func folder(root: String) -> String { root + "/.warta/uploads" }

    /// `.warta/uploads/<name>`, made when missing and refused when it leads out of the site folder.
    static func make(root: String, name: String) throws(DeskUpload.Refusal) -> String {
        guard let realRoot = PosixFile.realPath(root) else {
            throw DeskUpload.Refusal(status: .internalServerError, message: "the site folder cannot be read")
        }
        let uploads = folder(root: root)
        do {
            try PosixFile.makeDirectories(uploads + "/" + name)
        } catch {
            throw DeskUpload.Refusal(status: .internalServerError, message: "cannot make .warta/uploads/\(name): \(error)")
        }
        // Text and files no one has saved yet: readable by whoever started the server alone.
        chmod(uploads, 0o700)
        guard PosixFile.realPath(uploads + "/" + name) == realRoot + "/.warta/uploads/" + name else {
            throw DeskUpload.Refusal(status: .forbidden, message: ".warta/uploads/\(name) leads outside the site folder")
        }
        return uploads + "/" + name
    }

    /// Every waiting file, as an asset at the address its link names (`lampiran/x.pdf`): a save's
    /// check finds the files the text names.
    static func all(root: String) -> [Asset] {
        var out: [Asset] = []
        for name in folders.sorted() {
            let folder = folder(root: root) + "/" + name
            guard PosixFile.kind(folder, followLinks: false) == .directory, let files = try? PosixFile.walk(folder) else { continue }
            for file in files where !file.contains("/") {
                out.append(Asset(source: folder + "/" + file, sitePath: name + "/" + file))
            }
        }
        return out
    }

    /// The waiting file at the site path `path` (`/lampiran/x.pdf`), when there is one.
    static func file(root: String, path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].isEmpty, folders.contains(String(parts[1])), !parts[2].hasPrefix("."), !parts[2].isEmpty else { return nil }
        let full = folder(root: root) + "/" + parts[1] + "/" + parts[2]
        return PosixFile.kind(full, followLinks: false) == .file ? full : nil
    }

    /// Moves the waiting files among `named` (site paths) into `content/`, never over a file there.
    /// Returns the site paths moved, and a line for each that could not be.
    static func adopt(_ named: Set<String>, root: String) -> (moved: [String], failed: [String]) {
        var moved: [String] = [], failed: [String] = []
        guard let realRoot = PosixFile.realPath(root), PosixFile.realPath(root + "/content") == realRoot + "/content" else {
            return ([], named.isEmpty ? [] : ["content/ leads outside the site folder"])
        }
        for asset in all(root: root) where named.contains(asset.sitePath) {
            let folder = asset.sitePath.lastSlashPrefix
            let target = root + "/content/" + asset.sitePath
            do { try PosixFile.makeDirectories(root + "/content/" + folder) } catch {
                failed.append("cannot make content/\(folder): \(error)")
                continue
            }
            guard PosixFile.realPath(root + "/content/" + folder) == realRoot + "/content/" + folder else {
                failed.append("content/\(folder) leads outside content/")
                continue
            }
            // link(2) never replaces a file: a name taken meanwhile keeps the upload waiting.
            guard link(asset.source, target) == 0 else {
                failed.append("cannot move \(asset.sitePath) into content/: \(String(cString: strerror(errno)))")
                continue
            }
            unlink(asset.source)
            moved.append(asset.sitePath)
        }
        return (moved, failed)
    }

    /// A waiting file for the desk's own live preview (its images), shown only to the key holder.
    static func response(root: String, path: String) -> Response? {
        guard let full = file(root: root, path: path), let bytes = try? PosixFile.read(full) else { return nil }
        return Response(status: .ok, headers: [.contentType: ContentTypes.forPath(full), .cacheControl: "no-store",
                                               .contentLength: "\(bytes.count)"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
