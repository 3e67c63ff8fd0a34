import Glibc

/// An item's body, as an output shows it: parked by the build's load (`BodyStore`), or else
/// rendered again from its file, since items keep only what their body holds (`Markdown.Scan`)
/// and a site's bodies are never all in memory at once.
///
/// A file read again must still be the file that was loaded: the same front matter (its digest)
/// and a body with the same first paragraph and links, which the checks, the listings and the
/// files published were decided from. A file edited during the build fails it; the next build
/// (the preview's watcher starts one) reads it anew.
enum ItemBody {
    /// A body as outputs show it: its HTML as cmark wrote it, never made a String on the way to a
    /// page (decoding every body only to copy it out again was 1 % of a full build).
    struct Shown: Sendable {
        let html: [UInt8]
        var plain: PlainText?

        init(html: [UInt8], plain: PlainText?) {
            self.html = html
            self.plain = plain
        }

        init(_ rendered: Markdown.Rendered) { self.init(html: Array(rendered.html.utf8), plain: rendered.plain) }
    }

    /// `plainText`: the text version too (a release's `index.txt`); a page needs only the HTML.
    static func render(_ item: Item, root: String, plainText: Bool = true) throws(PosixFile.IOError) -> Shown {
        let wantsPlain = plainText && item.kind == .release
        if let stored = item.storedBody, let body = stored.store.get(stored, plain: wantsPlain), body.plain != nil || !wantsPlain {
            return Shown(html: body.html, plain: wantsPlain ? body.plain : nil)
        }
        let path = root + "/" + item.sourcePath
        let bytes = try PosixFile.read(path)
        guard case .success(let front) = FrontMatter.split(bytes, path: item.sourcePath), front.digest == item.frontMatterDigest else {
            throw changed(path)
        }
        let body = Markdown.render(front.body, plainText: wantsPlain)
        guard body.links == item.content.links, body.firstParagraph == item.content.firstParagraph else { throw changed(path) }
        return Shown(body)
    }

    private static func changed(_ path: String) -> PosixFile.IOError {
        PosixFile.IOError(path: path, operation: "read again (it changed during the build; build again)", code: EAGAIN)
    }
}
