/// Likely mistakes that do not stop a build: a date a year or more from the build clock (a typo in
/// the year; see `check` for which), one slug used in two months (two URLs that differ only by the month), and two items
/// with the same title. Every item counts, hidden or not: it may go public later.
enum ContentWarnings {
    static let year: Int64 = 365 * 86_400

    /// A date a year ahead is a typo. A year back is an archive, which must not warn on every build:
    /// only an item not yet public (a draft, an embargo) or one whose file name says another year
    /// (`2023-02-21-rapat.md` dated 2022) is new text with a likely typo.
    static func check(site: Site, routes: Routes, now: ZonedInstant, isPublic: (Item) -> Bool) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // Indices, not items: copying 10,000 items into the tables was most of this check's time.
        var bySlug: [String: Int] = [:]
        var byTitle: [String: Int] = [:]
        let items = site.items
        // In path order, so the first of two is always the same one and is the one named.
        // Each item borrowed where it lies, not copied out (a copy retains every field).
        func visit(_ item: borrowing Item, _ index: Int) {
            let date = item.kind == .event ? item.event?.start : item.date
            if let date, abs(date.seconds - now.seconds) >= year, date > now || !isPublic(item) || namedForAnotherYear(item, date) {
                let field = item.kind == .event ? "start" : "date"
                out.append(Diagnostic(item.sourcePath, at: item.dateLocation, severity: .warning, """
                '\(field)' (\(date)) is a year or more \(date < now ? "before" : "after") the build clock (\(now)); \
                check the year
                """))
            }
            if item.kind != .page {
                let key = "\(site.config.tree(of: item).rawValue)/\(item.kind)/\(item.slug)"  // a translation may keep its original's slug
                // The same month is one URL: a clash, reported as an error by `OutputPlan`.
                if let first = bySlug[key], routes.item(items[first]) != routes.item(item) {
                    out.append(Diagnostic(item.sourcePath, at: item.urlLocation, severity: .warning, """
                    the slug '\(item.slug)' is used by '\(items[first].sourcePath)' in another month too; readers \
                    find two pages under one name: give this one its own slug
                    """))
                } else if bySlug[key] == nil {
                    bySlug[key] = index
                }
            }
            let title = item.title.lowercased()
            if !title.isEmpty {
                if let first = byTitle[title] {
                    out.append(Diagnostic(item.sourcePath, at: item.titleLocation, severity: .warning,
                                          "'\(items[first].sourcePath)' has the same title; readers cannot tell the two apart in listings"))
                } else {
                    byTitle[title] = index
                }
            }
        }
        for index in items.indices.sorted(by: { items[$0].sourcePath < items[$1].sourcePath }) { visit(items[index], index) }
        return out
    }

    private static func namedForAnotherYear(_ item: Item, _ date: ZonedInstant) -> Bool {
        let name = item.sourcePath.utf8.split(separator: UInt8(ascii: "/")).last ?? []
        let year = name.prefix(4)
        guard year.count == 4, year.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), name.dropFirst(4).first == UInt8(ascii: "-") else { return false }
        return Int(String(decoding: year, as: UTF8.self)) != date.civil.year
    }
}
