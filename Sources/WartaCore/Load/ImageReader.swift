import Yams

/// An image block, as in an item's `image` and `site.yml`'s `share_image`: a file under `content/`
/// or an http(s) address, with the description readers who cannot see it need.
enum ImageReader {
    /// `path` is the file the block is written in: a relative `src` is read from its folder.
    static func read(_ node: Node, _ what: String, path: String, captions: Bool, _ r: inout YAMLReader) -> Image? {
        guard let fields = r.mapping(node, what: "'\(what)'") else { return nil }
        r.rejectUnknown(fields, allowed: captions ? FieldTable["image"].partNames : ["src", "alt"], in: "'\(what)'")
        func text(_ key: String) -> String? {
            fields.first { $0.key == key && !YAMLReader.isNull($0.node) }.flatMap { r.string($0.node, key) }
        }
        let src = text("src"), alt = text("alt")
        guard let src, let alt else {
            r.error(node, "'\(what)' needs 'src' and 'alt' (a description for readers who cannot see it)")
            return nil
        }
        var resolved = src
        if !WebLink.isSafe(src) {
            guard let sitePath = ItemLoader.sitePath(src, from: path) else {
                r.error(node, "image '\(src)' must be a file under content/ or an http(s) address")
                return nil
            }
            resolved = "/" + sitePath
        }
        return Image(src: resolved, alt: alt, caption: text("caption"), credit: text("credit"),
                     location: fields.first { $0.key == "src" }.flatMap { r.location($0.node) })
    }
}
