/// `index.txt` beside each release's page: the release as plain text (number, title, dateline and
/// text, end mark, corrections, notes to editors, the "about" text, media contact, address), ready
/// to paste into a messaging group. Made for shown releases only, so it follows its page in and out of public view;
/// not in the sitemap (the page is the document). It starts with a byte order mark: a web server that
/// sends `.txt` without a charset would otherwise have browsers show the dashes and quotes garbled.
enum ReleaseText {
    static func file(_ pagePath: String) -> String { pagePath + "index.txt" }

    static func outputs(_ c: PageContext) -> [Output] {
        c.catalog.entries.enumerated().compactMap { i, entry in
            guard entry.item.kind == .release else { return nil }
            // Claimed with the page, for every release (see `ItemPages.claims`).
            return Output(file: file(entry.path), claim: nil, sitemap: nil,
                          inputs: { $0.combine([$0.items[i]], "text") },
                          make: { s in .text(text(i, s)) }, bodies: [i], plainBodies: true)
        }
    }

    static func text(_ i: Int, _ s: RenderSession) -> String {
        let entry = s.context.catalog.entries[i], item = entry.item
        let c = s.context.speaking(item.language(s.context.config))
        let t = c.labels
        let pageURL = c.absolute(entry.path)
        let links = c.writtenLinks
        func resolve(_ destination: String) -> String? { link(destination, page: pageURL, origin: c.config.baseURL.origin, links: links) }

        var blocks: [String] = []
        if let banner = c.previewBanner(entry.preview) as? [String: String], let text = banner["text"] { blocks.append("[\(text)]") }
        // A withdrawal leads, so the text is never passed on as current; with `hide_body` the text,
        // its corrections and notes stay out, as on the page.
        if let w = entry.withdrawal { blocks.append("[\(t["withdrawnNotice"]!). \(c.withdrawalText(w))]") }
        if entry.expired { blocks.append("[\(t["expiredNotice"]!)]") }
        blocks.append(t["pressRelease"]!.uppercased() + (item.number.map { "\n\(t["number"]!): \($0)" } ?? ""))
        blocks.append(item.title)
        if !entry.bodyHidden {
            var body = s.plain(i) ?? PlainText(pieces: [])
            if let dateline = Dateline.text(item, context: c) {
                body = Dateline.insert(dateline, into: body, opensWithParagraph: Dateline.opensWithParagraph(s.html(i)))
            }
            blocks.append(body.text(resolve: resolve))
            blocks.append(t["endMark"]!)
            for correction in item.corrections.sorted(by: { $0.date < $1.date }) { blocks.append(c.correctionText(correction)) }
            if let notes = item.notesToEditors, let plain = Markdown.render(notes, plainText: true).plain {
                blocks.append(t["notesToEditors"]! + ":\n" + plain.text(resolve: resolve))
            }
        }
        // A text taken down keeps its title and the notice alone.
        if !entry.bodyHidden, let about = c.about[c.language] ?? c.about[c.config.language], let plain = about.plain {
            blocks.append("\(t["about"]!) \(c.config.title):\n" + plain.text(resolve: resolve))
        }
        if !entry.bodyHidden, let contact = item.contact ?? c.config.release.mediaContact {
            let lines = [contact.name, contact.role, contact.address, contact.phone, contact.email].compactMap { $0 }
            if !lines.isEmpty { blocks.append(t["mediaContact"]! + ":\n" + lines.joined(separator: "\n")) }
        }
        blocks.append(pageURL)
        return "\u{FEFF}" + blocks.filter { !$0.isEmpty }.joined(separator: "\n\n") + "\n"
    }

    /// A link's target as a reader of the text can open it: absolute, `mailto:` as the bare
    /// address, links within the page left out.
    static func link(_ destination: String, page: String, origin: String, links: WrittenLinks) -> String? {
        if destination.isEmpty || destination.hasPrefix("#") { return nil }
        if destination.hasPrefix("mailto:") { return String(destination.dropFirst("mailto:".count)) }
        if destination.hasPrefix("//") { return (origin.hasPrefix("https:") ? "https:" : "http:") + destination }
        if destination.hasPrefix("/") { return origin + links.link(destination) }
        if let colon = destination.firstIndex(of: ":"), !destination[..<colon].contains("/") { return destination }
        return page + destination
    }
}
