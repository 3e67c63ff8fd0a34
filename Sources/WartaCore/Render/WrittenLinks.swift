/// Root-relative links as writers write them in Markdown (bodies, notices, notes to editors and
/// `site.yml`'s `about`): `/kontak/` is the site path `kontak/`, and so is `/warta/kontak/` on a site
/// whose `base_url` ends in `/warta/`. Written out, each takes the path the site is served at
/// (`base_url`'s, or a preview's or a mirror's), so a site under a sub-path links into itself.
/// The link check reads them the same way (`LinkCheck`, `FileReferences`).
struct WrittenLinks: Sendable {
    /// The path of `base_url` as `site.yml` has it: `/` or `/warta/`.
    let written: String
    /// The path the output is served at.
    let serving: String

    /// A site at the root, served at the root: every link stays as written (and nothing is scanned).
    var changesNothing: Bool { written == "/" && serving == "/" }

    /// The site path of a root-relative link (its query and fragment kept): `/warta/kontak/#a` and
    /// `/kontak/#a` give `kontak/#a` on a site at `/warta/`.
    static func sitePath(_ link: Substring, written: String) -> Substring {
        if written != "/" {
            if link.hasPrefix(written) { return link.dropFirst(written.count) }
            if link == written.dropLast() { return "" }
        }
        return link.drop { $0 == "/" }
    }

    /// `/kontak/` as the site serves it: `/warta/kontak/`.
    func link(_ rootRelative: String) -> String {
        changesNothing ? rootRelative : serving + Self.sitePath(rootRelative[...], written: written)
    }

    /// HTML written by cmark (safe mode: no raw HTML) with every root-relative `href` and `src`
    /// (not `//host`) given the path the site is served at. By bytes; unchanged without any.
    func html(_ bytes: [UInt8]) -> [UInt8] {
        guard !changesNothing else { return bytes }
        var out: [UInt8] = []
        var copied = 0, i = 0
        let n = bytes.count
        while i < n {
            var length = 0
            if bytes[i] == UInt8(ascii: "h"), i + 7 <= n, bytes[i..<i + 7].elementsEqual("href=\"/".utf8) { length = 6 }
            if bytes[i] == UInt8(ascii: "s"), i + 6 <= n, bytes[i..<i + 6].elementsEqual("src=\"/".utf8) { length = 5 }
            guard length > 0, i == 0 || bytes[i - 1] == UInt8(ascii: " "), i + length + 1 < n, bytes[i + length + 1] != UInt8(ascii: "/") else {
                i += 1
                continue
            }
            let start = i + length
            var end = start
            while end < n, bytes[end] != UInt8(ascii: "\"") { end += 1 }
            if out.isEmpty { out.reserveCapacity(n + 64) }
            out += bytes[copied..<start]
            out += link(String(decoding: bytes[start..<end], as: UTF8.self)).utf8
            copied = end
            i = end
        }
        guard copied > 0 else { return bytes }
        out += bytes[copied...]
        return out
    }

    func html(_ text: String) -> String {
        changesNothing ? text : String(decoding: html(Array(text.utf8)), as: UTF8.self)
    }
}
