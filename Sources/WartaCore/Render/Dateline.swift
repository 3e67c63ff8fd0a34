/// The dateline that opens an official release, as wire services write it: the city in capitals,
/// the date in the release's language, a dash ("WIRAMAYA, 17 Februari 2023 –"). The city is the
/// release's own `city`, else `site.yml`'s; with neither, a release has no dateline.
enum Dateline {
    static func city(_ item: Item, config: SiteConfig) -> String? {
        (item.city ?? config.release.city).map { $0.uppercased() }
    }

    static func text(_ item: Item, context c: PageContext) -> String? {
        guard let city = city(item, config: c.config), let date = item.publicationDate else { return nil }
        return "\(city), \(DateText(language: item.language(c.config), zone: c.config.timeZone).date(date)) –"
    }

    /// Into the body's first paragraph when it opens with one (as printed), else as a paragraph of
    /// its own before it (a body that opens with a heading or a table).
    static func insert(_ dateline: String, into html: [UInt8]) -> [UInt8] {
        let mark = "<span class=\"dateline\">\(HTMLEscape.escape(dateline))</span>"
        if opensWithParagraph(html) { return Array("<p>\(mark) ".utf8) + html.dropFirst(3) }
        return Array("<p class=\"dateline\">\(mark)</p>\n".utf8) + html
    }

    /// The body's HTML opens with a plain paragraph, which the dateline then opens.
    static func opensWithParagraph(_ html: [UInt8]) -> Bool { html.starts(with: [0x3C, 0x70, 0x3E]) }  // <p>

    /// The same for plain text: on the first paragraph's line, or a line of its own.
    static func insert(_ dateline: String, into text: PlainText, opensWithParagraph: Bool) -> PlainText {
        PlainText(pieces: [.text(dateline + (opensWithParagraph ? " " : "\n\n"))] + text.pieces)
    }

    /// A dateline written by hand at the start of the text ("**WIRAMAYA** – …"), which would be
    /// shown twice now that the page adds one: a warning that says to remove it.
    static func writtenByHand(_ item: Item, config: SiteConfig, body: @autoclosure () -> String, bodyLine: Int) -> Diagnostic? {
        guard let city = city(item, config: config), !city.isEmpty else { return nil }
        let first = item.content.firstParagraph
        guard first.hasPrefix(city) else { return nil }
        let rest = first.dropFirst(city.count)
        guard let next = rest.first, next == "," || next == " " || next == "–" || next == "—" || next == "-",
              let dash = rest.prefix(60).firstIndex(where: { $0 == "–" || $0 == "—" || $0 == "-" }) else { return nil }
        let written = String(first[..<dash]).trimmingWhitespace + " " + String(rest[dash])
        let offset = body().split(separator: "\n", omittingEmptySubsequences: false).firstIndex { !$0.trimmingWhitespace.isEmpty } ?? 0
        let source = item.city == nil ? "site.yml's 'city'" : "'city'"
        return Diagnostic(item.sourcePath, line: bodyLine + offset, column: 1, severity: .warning, """
        the text opens with a dateline written by hand ('\(written)'); the page adds one from \(source), \
        so remove it here
        """)
    }
}
