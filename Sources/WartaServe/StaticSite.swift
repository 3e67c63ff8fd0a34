import Foundation
import Hummingbird
import WartaCore

/// Answers requests from the built folder: the right content type, `index.html` for folders, a
/// redirect to add the trailing slash, the site's own 404 page, ETags with 304 answers, and the
/// live-reload script (plus the error overlay after a failed build) added to HTML on the way out.
struct StaticSite: Sendable {
    let folder: SafePath
    let coordinator: RebuildCoordinator
    let siteRoot: String
    var search: PreviewSearch?

    func respond(_ request: Request) async -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        let rawPath = request.uri.path
        if rawPath.hasPrefix("/" + SearchIndex.folder + "/"), let search { await search.ensureFresh() }
        switch folder.resolve(rawPath) {
        case .badRequest:
            return Response(status: .badRequest, body: .init(byteBuffer: ByteBuffer(string: "Bad request\n")))
        case .directory(let withSlash):
            var location = withSlash
            if let query = request.uri.query { location += "?" + query }
            return Response(status: .movedPermanently, headers: [.location: location])
        case .notFound:
            if let page = await file(folder.root + "/404.html", status: .notFound, request: request) { return page }
            // No site yet (the very first build failed): still show the errors, and reload once fixed.
            let state = coordinator.state
            let body = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Warta preview</title></head><body>"
                + (state.errors.isEmpty ? "<p>Not found.</p>" : ErrorOverlay.html(state.errors, root: siteRoot)) + LiveReload.script + "</body></html>"
            return Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
                            body: .init(byteBuffer: ByteBuffer(string: body)))
        case .file(let path):
            return await file(path, status: .ok, request: request)
                ?? Response(status: .notFound, body: .init(byteBuffer: ByteBuffer(string: "Not found\n")))
        }
    }

    private func file(_ path: String, status: HTTPResponse.Status, request: Request) async -> Response? {
        guard let info = PosixFile.info(path) else { return nil }
        let contentType = ContentTypes.forPath(path)
        let isHTML = contentType.hasPrefix("text/html")
        let state = coordinator.state
        // The served bytes of a page depend on the build state too (the overlay), so its tag does.
        var tag = "\"\(info.inode)-\(info.size)-\(info.modifiedSeconds).\(info.modifiedNanoseconds)"
        if isHTML { tag += "-g\(state.generation)" }
        tag += "\""
        var headers: HTTPFields = [.contentType: contentType, .eTag: tag, .cacheControl: "no-cache"]
        if status == .ok, let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == tag }) {
            return Response(status: .notModified, headers: headers)
        }
        guard var bytes = try? PosixFile.read(path) else { return nil }
        if isHTML {
            var extra = LiveReload.script
            if !state.errors.isEmpty {
                extra = ErrorOverlay.html(state.errors, root: siteRoot) + extra
            } else if let warnings = state.lastReport?.warnings, !warnings.isEmpty {
                extra = ErrorOverlay.warnings(count: warnings.count) + extra
            }
            bytes = Self.inject(extra, into: bytes)
        }
        headers[.contentLength] = "\(bytes.count)"
        if request.method == .head { return Response(status: status, headers: headers) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Inserts `html` before the last `</body>` (or at the end when there is none).
    static func inject(_ html: String, into page: [UInt8]) -> [UInt8] {
        let marker = Array("</body>".utf8)
        var i = page.count - marker.count
        while i >= 0 {
            if page[i] == UInt8(ascii: "<"), page[i..<i + marker.count].elementsEqual(marker) {
                return Array(page[..<i]) + Array(html.utf8) + Array(page[i...])
            }
            i -= 1
        }
        return page + Array(html.utf8)
    }
}
