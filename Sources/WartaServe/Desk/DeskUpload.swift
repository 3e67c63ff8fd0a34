import Glibc
import HTTPTypes
import Hummingbird
import WartaCore

/// An image or an attachment sent by the desk's script (the raw file as the body of a PUT), put
/// where it waits for its item (`PendingUploads`): streamed to a hidden temporary file beside its
/// place (never held whole in memory), refused past the size limit or when its first bytes are not
/// what its name says, then given a name folded to a slug that no file has yet, waiting or in
/// `content/` (never over another file).
enum DeskUpload {
    enum Role: String, Sendable {
        case image, attachment
    }

    struct Refusal: Error {
        let status: HTTPResponse.Status
        let message: String
    }

    /// Allowed extensions for each role, and how each kind of file begins.
    static let imageTypes: Set<String> = ["jpg", "jpeg", "png", "webp", "gif"]
    static let attachmentTypes: Set<String> = imageTypes.union(["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "ppt"])

    static func magicMatches(_ ext: String, _ head: [UInt8]) -> Bool {
        func starts(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + bytes.count && Array(head[offset..<offset + bytes.count]) == bytes
        }
        switch ext {
        case "pdf": return starts(Array("%PDF-".utf8))
        case "png": return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case "jpg", "jpeg": return starts([0xFF, 0xD8, 0xFF])
        case "gif": return starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8))
        case "webp": return starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8)
        // Office Open XML and OpenDocument files are zip archives.
        case "docx", "xlsx", "pptx", "odt", "ods", "odp": return starts([0x50, 0x4B, 0x03, 0x04])
        // The older Office formats are OLE compound files.
        case "doc", "xls", "ppt": return starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        default: return false
        }
    }

    /// Where each role's files go under `content/` (the sample's `gambar/` and `lampiran/`; an
    /// English site's `images/` and `files/`).
    static func folder(_ role: Role, language: Language) -> String {
        switch (role, language) {
        case (.image, .en): "images"
        case (.image, _): "gambar"
        case (.attachment, .en): "files"
        case (.attachment, _): "lampiran"
        }
    }

    /// Receives the body of `request` as the file `name`; returns the address it will have on the
    /// site once an item that names it is saved (`/lampiran/x.pdf`).
    static func receive(_ request: Request, root: String, role: Role, name: String, limit: Int,
                        language: Language) async throws(Refusal) -> String {
        let en = language == .en
        let base = name.split(separator: "/").last.map(String.init) ?? ""
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else {
            throw Refusal(status: .unsupportedMediaType, message: en ? "The file name has no extension." : "Nama berkas tidak berekstensi.")
        }
        let ext = base[base.index(after: dot)...].lowercased()
        let allowed = role == .image ? imageTypes : attachmentTypes
        guard allowed.contains(ext) else {
            let list = allowed.sorted().joined(separator: ", ")
            throw Refusal(status: .unsupportedMediaType, message: en ? "Files of type .\(ext) are not accepted here (accepted: \(list))."
                                                                      : "Berkas .\(ext) tidak diterima di sini (yang diterima: \(list)).")
        }
        let tooLarge = Refusal(status: .contentTooLarge, message: en ? "The file is larger than \(limit >> 20) MB."
                                                                     : "Berkas lebih besar dari \(limit >> 20) MB.")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw tooLarge }

        let folderName = folder(role, language: language)
        // Waits outside content/ until an item that names it is saved (see `PendingUploads`).
        let folder = try PendingUploads.make(root: root, name: folderName)
        var generator = SystemRandomNumberGenerator()
        let temporary = folder + "/.desk-upload-\(UInt64.random(in: 0...UInt64.max, using: &generator)).part"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Refusal(status: .internalServerError, message: "cannot create a temporary file in .warta/uploads/\(folderName)") }
        defer { unlink(temporary) }
        var head: [UInt8] = []
        var total = 0
        var failure: Refusal?
        do {
            for try await buffer in request.body {
                total += buffer.readableBytes
                if total > limit { failure = tooLarge; break }
                let written = buffer.withUnsafeReadableBytes { raw -> Bool in
                    if head.count < 16 { head += raw.prefix(16 - head.count) }
                    var done = 0
                    while done < raw.count {
                        let n = write(fd, raw.baseAddress! + done, raw.count - done)
                        if n < 0 { if errno == EINTR { continue }; return false }
                        done += n
                    }
                    return true
                }
                if !written { failure = Refusal(status: .internalServerError, message: "cannot write the file (disk full?)"); break }
            }
        } catch {
            failure = Refusal(status: .badRequest, message: "the upload was interrupted")
        }
        close(fd)
        if let failure { throw failure }
        guard total > 0 else { throw Refusal(status: .badRequest, message: en ? "The file is empty." : "Berkas kosong.") }
        guard magicMatches(ext, head) else {
            throw Refusal(status: .unsupportedMediaType, message: en ? "The file's contents are not a .\(ext) file."
                                                                     : "Isi berkas bukan berkas .\(ext) yang sah.")
        }
        var slug = Slug.make(String(base[..<dot]))
        if slug.count > 60 { slug = String(slug.prefix(60)) }
        if slug.isEmpty { slug = en ? "file" : "berkas" }
        let cleanExt = ext == "jpeg" ? "jpg" : ext
        for n in 1...1000 {
            let final = slug + (n == 1 ? "" : "-\(n)") + "." + cleanExt
            // The name must be free where the file will go as well as where it waits.
            if PosixFile.kind(root + "/content/" + folderName + "/" + final, followLinks: false) != nil { continue }
            // link(2) never replaces an existing file: a taken name fails with EEXIST.
            if link(temporary, folder + "/" + final) == 0 { return "/" + folderName + "/" + final }
            if errno != EEXIST { break }
        }
        throw Refusal(status: .internalServerError, message: "cannot name the file in .warta/uploads/\(folderName)")
    }
}
