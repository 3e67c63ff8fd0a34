/// Which item translates which. A translation names its original (`translation_of`, or its file
/// name: `rapat.en.md` beside `rapat.md`); each original has at most one translation per language,
/// in another language than its own. A translation is an item of its own (its own draft,
/// embargo and expiry), but never says more than its original: it inherits the original's draft,
/// the later of the two embargoes (so it cannot break the original's embargo), the earlier
/// expiry, and the earlier of the two withdrawals, hiding the text when either hides it.
enum Translations {
    /// Each valid translation's source path mapped to its original's, and every problem found.
    /// `unread`: the content files that did not load (their own errors say why), so a translation of
    /// one is not reported as the translation of nothing.
    static func resolve(_ items: [Item], config: SiteConfig, unread: Set<String> = []) -> (links: [String: String], problems: [Diagnostic]) {
        // Only translations are looked at, by index: sorting every item of a large site was a
        // measured part of a rebuild.
        let translating = items.indices.filter { items[$0].translationOf != nil }.sorted { items[$0].sourcePath < items[$1].sourcePath }
        guard !translating.isEmpty else { return ([:], []) }
        var byPath: [String: Int] = [:]
        byPath.reserveCapacity(items.count)
        for (i, item) in items.enumerated() { byPath[item.sourcePath] = i }
        var links: [String: String] = [:]
        var problems: [Diagnostic] = []
        var taken: [String: String] = [:]  // original path + language -> first translation's path
        let languages = config.languageCodes
        for i in translating {
            let item = items[i]
            guard let written = item.translationOf else { continue }
            func fail(_ message: String) { problems.append(Diagnostic(item.sourcePath, at: written.location, message)) }
            let language = item.language(config)
            guard languages.contains(language) else {
                fail("this translation is in '\(language.rawValue)', which is not one of the site's languages; add it to 'languages' in site.yml (now: \(languages.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            guard let found = find(written.value, from: item, in: items, byPath: byPath) else {
                if candidates(written.value, from: item).contains(where: unread.contains) { continue }
                fail("'\(written.value)', the original this translates, does not exist; name it by its path (content/press/rapat.md) or its slug")
                continue
            }
            let original = items[found]
            if original.sourcePath == item.sourcePath {
                fail("an item cannot be the translation of itself")
                continue
            }
            if let originalOfOriginal = original.translationOf {
                fail("'\(original.sourcePath)' is itself a translation (of '\(originalOfOriginal.value)'); name the original")
                continue
            }
            if original.kind != item.kind {
                fail("'\(original.sourcePath)' is \(describe(original.kind)), this is \(describe(item.kind)); a translation is of the same kind")
                continue
            }
            if original.language(config) == language {
                fail("'\(original.sourcePath)' is already in '\(language.rawValue)'; give the translation its own language (a file named '…\(language == .id ? "en" : "id").md' or 'lang:')")
                continue
            }
            let key = original.sourcePath + " " + language.rawValue
            if let first = taken[key] {
                fail("'\(first)' already translates '\(original.sourcePath)' into '\(language.rawValue)'; an item has one translation per language")
                continue
            }
            taken[key] = item.sourcePath
            links[item.sourcePath] = original.sourcePath
        }
        return (links, problems)
    }

    /// The original named by `written`: a path from the site folder (`content/press/rapat.md`),
    /// from `content/` (`press/rapat.md`) or from the translation's own folder (`rapat.md`), with
    /// or without `.md`; else an item of the same kind whose slug it is (and that translates nothing).
    private static func find(_ written: String, from item: Item, in items: [Item], byPath: [String: Int]) -> Int? {
        for path in candidates(written, from: item) {
            if let i = byPath[path] { return i }
        }
        var value = written
        while value.hasPrefix("/") { value.removeFirst() }
        let bySlug = items.indices.filter { items[$0].kind == item.kind && items[$0].slug == value && items[$0].translationOf == nil }
        return bySlug.count == 1 ? bySlug[0] : nil
    }

    /// The paths `written` may name, in the order they are tried.
    private static func candidates(_ written: String, from item: Item) -> [String] {
        let folder = item.sourcePath.lastSlashPrefix
        var value = written
        while value.hasPrefix("/") { value.removeFirst() }
        return [value, "content/" + value, folder + "/" + value].flatMap { [$0, $0 + ".md"] }
    }

    private static func describe(_ kind: ItemKind) -> String {
        switch kind {
        case .release: "a press release"
        case .event: "an event"
        case .page: "a page"
        }
    }

    /// A translation is held back as long as its original: a draft original makes it a draft, it
    /// goes public at the later of the two embargoes (or the original's date, when that is later),
    /// expires with it and is withdrawn with it.
    static func inherit(_ items: inout [Item], links: [String: String]) {
        guard !links.isEmpty else { return }
        var byPath: [String: Int] = [:]
        for (i, item) in items.enumerated() { byPath[item.sourcePath] = i }
        for (translation, original) in links {
            guard let t = byPath[translation], let o = byPath[original] else { continue }
            if items[o].draft { items[t].draft = true }
            // Taken down, or no longer valid, in every language at once: a translation's own
            // withdrawal cannot come later than its original's, nor keep a text the original hides.
            if let withdrawal = items[o].withdrawal {
                items[t].withdrawal = items[t].withdrawal.map { own in
                    var w = own.date <= withdrawal.date ? own : withdrawal
                    w.hideBody = own.hideBody || withdrawal.hideBody
                    return w
                } ?? withdrawal
            }
            if let ends = items[o].expires, ends < (items[t].expires ?? ends) || items[t].expires == nil { items[t].expires = ends }
            if let held = items[o].publishedAt, held > (items[t].publishedAt ?? held) || items[t].publishedAt == nil {
                items[t].publishAt = held
            }
        }
    }
}
