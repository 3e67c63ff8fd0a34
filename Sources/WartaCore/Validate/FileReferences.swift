/// The files under `content/` an item brings with it: its image, its attachments, and every link or
/// image in its body that lands on a file of the site. Read for every item, public or not, because
/// a file that only hidden items name must stay hidden with them.
enum FileReferences {
    /// Site paths (`lampiran/jadwal.pdf`) the item names. A body link may be written relative to the
    /// page's URL or to the Markdown file's folder; both readings count, so a hidden item's file can
    /// never slip out through the reading that was not checked.
    static func of(_ item: Item, routes: Routes, written: WrittenAddress) -> Set<String> {
        var found = Set<String>(item.attachments.map(\.file))
        if let image = item.image, image.src.hasPrefix("/") { found.insert(String(image.src.dropFirst())) }
        // Links in the notes to editors and an event's registration bring their files as the body's do.
        let links = item.content.links + item.notesLinks + (item.registrationLink.map { [$0] } ?? [])
        guard !links.isEmpty else { return found }
        return found.union(linked(links, pageFolder: routes.item(item), sourcePath: item.sourcePath, written: written))
    }

    /// What an emergency notice's text links to: it is read on the home page.
    static func of(_ alert: Alert, written: WrittenAddress) -> Set<String> {
        alert.links.isEmpty ? [] : linked(alert.links, pageFolder: "", sourcePath: alert.sourcePath, written: written)
    }

    private static func linked(_ links: [Markdown.Link], pageFolder: String, sourcePath: String, written: WrittenAddress) -> Set<String> {
        var found = Set<String>()
        let sourceFolder = String(sourcePath.dropFirst("content/".count)).lastSlashPrefix
        let basePath = written.path
        for link in links {
            guard let target = target(of: link.destination, written: written) else { continue }
            if target.hasPrefix("/") {
                // The site path it is written out to (`WrittenLinks`).
                if let path = normalised(String(WrittenLinks.sitePath(target[...], written: basePath))) { found.insert(path) }
            } else {
                for folder in [pageFolder, sourceFolder + "/"] {
                    if let path = normalised(folder + target) { found.insert(path) }
                }
            }
        }
        return found
    }

    /// The path part of a link to this site, percent-decoded; nil for other sites, `mailto:` and
    /// links within the page. A link written in full to the site's own address (`written`) is a
    /// link into the site: its path is given, as if written from the root.
    /// Read as bytes: every byte looked for is ASCII, and this runs for every link of every item.
    static func target(of destination: String, written: WrittenAddress) -> String? {
        let all = destination.utf8
        let text = all[..<(all.firstIndex { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") } ?? all.endIndex)]
        if let own = written.ownPath(text) { return percentDecoded(own) }
        if text.isEmpty || text.starts(with: "//".utf8) { return nil }
        if let colon = text.firstIndex(of: UInt8(ascii: ":")), !text[..<colon].contains(UInt8(ascii: "/")) { return nil }  // a scheme
        return percentDecoded(String(decoding: text, as: UTF8.self))
    }

    /// `a/./b/../c` -> `a/c`; nil when it climbs above the site root.
    static func normalised(_ path: String) -> String? {
        if isPlain(path) { return path }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if parts.popLast() == nil { return nil }
            default: parts.append(part)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// No empty, `.` or `..` part and no slash at either end: already normal (most links are).
    private static func isPlain(_ path: String) -> Bool {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var previous = slash
        for byte in path.utf8 {
            if previous == slash && (byte == slash || byte == dot) { return false }
            previous = byte
        }
        return previous != slash
    }

    static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        return String(decoding: PercentEncoding.decode(text.utf8) ?? [], as: UTF8.self)
    }
}

extension Item {
    /// An event's registration address as a link written at its line in the front matter.
    var registrationLink: Markdown.Link? {
        guard let registration = event?.registration, let url = registration.url else { return nil }
        let at = registration.urlLocation
        return Markdown.Link(destination: url, isImage: false, line: at?.line ?? 1, column: at?.column ?? 1)
    }
}
