/// One HTML page per release, event and plain page.
struct ItemPages {
    let context: PageContext
    let theme: Theme

    /// Each shown item's page. Its URL (and its aliases') is claimed apart, for every item.
    static func outputs(_ c: PageContext) -> [Output] {
        c.catalog.entries.enumerated().map { i, entry in
            let template = Self.template(entry.item.kind)  // captured alone: a closure holding `entry` copies a whole item
            // The page links only the tags that have a page, which other items decide.
            let linkedTags = entry.item.tags.isEmpty ? 0 : StableHash.of(entry.item.tags.filter { c.catalog.hasTagPage(Slug.make($0)) }.joined(separator: "\n"))
            return Output(file: Routes.file(entry.path), claim: nil,
                   sitemap: entry.listed && entry.preview == nil
                       ? Sitemap.URL(path: entry.path, lastModified: entry.lastChange,
                                     alternates: sitemapAlternates(i, c.catalog))
                       : nil,
                   inputs: { $0.combine([$0.items[i], linkedTags], "item", template: template) },
                   make: { s in .bytes(ItemPages(context: s.context, theme: s.theme).render(i, html: s.bodyHTML(i))) }, bodies: [i])
        }
    }

    /// The listed versions of entry `i` in each language, for the sitemap (none when it is alone).
    static func sitemapAlternates(_ i: Int, _ catalog: Catalog) -> [(language: String, path: String)] {
        let listed = catalog.alternates[i].filter { catalog.entries[$0].listed && catalog.entries[$0].preview == nil }
        return listed.count < 2 ? [] : listed.map { (catalog.trees[$0].rawValue, catalog.entries[$0].path) }
    }

    /// The URLs an item takes (its page and its aliases), public or not: an embargo lifting later
    /// must not be able to break the build, so clashes are checked for hidden items too.
    static func claims(_ item: Item, routes: Routes) -> [(file: String, producer: OutputPlan.Producer)] {
        var out = [(Routes.file(routes.item(item)), OutputPlan.Producer(description: "'\(item.sourcePath)'", path: item.sourcePath, location: item.urlLocation))]
        if item.kind == .release {
            out.append((ReleaseText.file(routes.item(item)),
                        OutputPlan.Producer(description: "the text version of '\(item.sourcePath)'", path: item.sourcePath, location: item.urlLocation)))
        }
        for alias in item.aliases {
            out.append((Routes.file(Routes.alias(alias.value)),
                        OutputPlan.Producer(description: "alias '\(alias.value)' of '\(item.sourcePath)'", path: item.sourcePath, location: alias.location)))
        }
        return out
    }

    func render(_ index: Int, html: [UInt8]) -> [UInt8] {
        let entry = context.catalog.entries[index]
        let item = entry.item
        // An item in another language than the site's speaks it on its whole page.
        let c = context.speaking(item.language(context.config))
        let teaser = c.teasers[index]
        let isRelease = item.kind == .release
        var values: [String: Any] = c.summary(index, teaser: teaser)
        // A withdrawal with `hide_body` takes the text and all that carries it off the page, whatever
        // the theme: the notice alone stays.
        let hidden = entry.bodyHidden
        let corrections = hidden ? [] : item.corrections
        values["content"] = hidden ? "" : RawHTML(bytes: html)
        values["author"] = Blank.text(item.author)
        values["updated"] = item.updated.map(c.time) ?? false
        values["corrections"] = corrections.sorted { $0.date < $1.date }.map { ["date": c.time($0.date), "note": $0.note] as [String: Any] }
        values["hasCorrections"] = !corrections.isEmpty
        // A release that names no contact has the site's media contact.
        let contact = hidden ? nil : item.contact ?? (isRelease ? c.config.release.mediaContact : nil)
        values["contact"] = contact.map(PageContext.contact) ?? false
        values["image"] = hidden ? false : item.image.map(image) ?? false
        values["attachments"] = hidden ? [] : item.attachments.map(attachment)
        values["hasAttachments"] = !hidden && !item.attachments.isEmpty
        values["withdrawn"] = entry.withdrawal.map { ["date": c.time($0.date), "reason": $0.reason, "hideBody": $0.hideBody] as [String: Any] } ?? false
        // Only tags with a page: an item out of the lists (expired, withdrawn) may be the last to
        // carry one, and a link to a page that is not built would stop every publish. A text taken
        // down takes its tags with it.
        let tags = hidden ? [] : item.tags.filter { c.catalog.hasTagPage(Slug.make($0)) }
        values["tags"] = tags.map { written -> [String: Any] in
            ["name": c.config.tagName(written), "url": c.link(c.routes.tag(Slug.make(written)))]
        }
        values["hasTags"] = !tags.isEmpty
        values["expired"] = entry.expired
        // A banner, noindex and alternates only when the page has them: without, `page` gives the
        // same values every page shares (`SharedChrome`).
        if entry.preview != nil { values["preview"] = c.previewBanner(entry.preview) }
        if !entry.listed || entry.preview != nil { values["noindex"] = true }
        // Pagefind indexes only the bodies so marked: a listed, published item, never an expired,
        // withdrawn or previewed one (their pages stay, out of search as out of every listing).
        values["searchable"] = entry.listed && entry.preview == nil
        values["summaryText"] = Blank.text(hidden ? nil : item.summary)
        values["breadcrumbs"] = breadcrumbs(item, c)
        // Only translations the public may see: a hidden one is no entry, so no page names it.
        let translations = c.translations(of: index)
        if !translations.alternates.isEmpty { values["alternates"] = translations.alternates }
        // Without a translation, the switch leads to the other languages' home pages (`page`).
        if !translations.switch.isEmpty { values["languages"] = translations.switch }
        let description = c.noticedTeaser(index)
        values["jsonLD"] = Blank.text(StructuredData.json(for: index, context: c, teaser: description))
        values["number"] = Blank.text(isRelease ? item.number : nil)
        values["dateline"] = Blank.text(isRelease && !hidden ? Dateline.text(item, context: c) : nil)
        values["notesToEditors"] = Blank.text(isRelease && !hidden ? item.notesToEditors.map { c.writtenLinks.html(Markdown.render($0).html) } : nil)
        values["about"] = isRelease && !hidden ? about(c) : false
        // Modified: the newest update, correction or withdrawal, as in the structured data.
        let modified = entry.lastChange.flatMap { changed in item.publicationDate.map { changed > $0 } ?? false ? changed : nil }
        values["share"] = c.share(type: isRelease ? "article" : "website", image: hidden ? nil : item.image,
                                  published: isRelease ? item.publicationDate : nil, modified: isRelease ? modified : nil)
        values["whatsapp"] = item.kind == .page ? false : Self.whatsApp(title: item.title, url: c.absolute(entry.path))
        values["textVersion"] = isRelease ? c.link(ReleaseText.file(entry.path)) : false
        let section: String? = switch item.kind {
        case .release: "press"
        case .event: "events"
        case .page: nil
        }
        var feeds: [(title: String, path: String)] = []
        if let slug = item.department, let dept = c.config.department(slug: slug) {
            feeds.append(("\(c.config.title) — \(dept.name)", c.routes.departmentFeed(slug)))
        }
        let page = c.sharedPage(path: entry.path, title: NoBreak.apply(item.title), description: description, section: section,
                                extraFeeds: feeds, values: values)
        return theme.renderBytes(Self.template(item.kind), page.values, shared: page.shared)
    }

    /// A "share to WhatsApp" link that needs no script: WhatsApp's own address with the title and
    /// the page's address as the message.
    static func whatsApp(title: String, url: String) -> String {
        "https://wa.me/?text=" + PercentEncoding.encode(title + "\n" + url)
    }

    /// `site.yml`'s `about`, in the page's language when written in it, else in the site's
    /// (marked with its language).
    private func about(_ c: PageContext) -> Any {
        let language = c.about[c.language] != nil ? c.language : c.config.language
        guard let text = c.about[language] else { return false }
        return ["heading": "\(c.labels["about"]!) \(c.config.title)", "html": text.html,
                "lang": language == c.language ? false : language.rawValue] as [String: Any]
    }

    private func image(_ image: Image) -> [String: Any] {
        ["src": mediaLink(image.src), "alt": image.alt, "caption": Blank.text(image.caption), "credit": Blank.text(image.credit),
         "hasCaption": image.caption != nil || image.credit != nil]
    }

    static func template(_ kind: ItemKind) -> String {
        switch kind {
        case .release: "release"
        case .event: "event"
        case .page: "page"
        }
    }

    private func breadcrumbs(_ item: Item, _ c: PageContext) -> [[String: Any]] {
        var crumbs: [[String: Any]] = [["title": c.labels["home"]!, "url": c.link(c.routes.home)]]
        switch item.kind {
        case .release: crumbs.append(["title": c.labels["pressReleases"]!, "url": c.link(c.routes.press)])
        case .event: crumbs.append(["title": c.labels["events"]!, "url": c.link(c.routes.events)])
        case .page: break
        }
        return crumbs
    }

    /// Media paths starting with `/` are site paths; anything else (a full URL) stays as written.
    private func mediaLink(_ src: String) -> String {
        src.hasPrefix("/") ? context.link(String(src.dropFirst())) : src
    }

    private func attachment(_ a: Attachment) -> [String: Any] {
        let ext = a.file.split(separator: ".").last.map { $0.uppercased() } ?? ""
        let size = context.catalog.assetSources[a.file].flatMap(PosixFile.size) ?? 0
        return ["title": a.title, "url": context.link(a.file), "type": ext, "size": Self.byteCount(size)]
    }

    static func byteCount(_ n: Int) -> String {
        if n < 1024 { return "\(n) B" }
        if n < 1024 * 1024 { return "\((n + 512) / 1024) KB" }
        let tenths = (n * 10 + 524_288) / 1_048_576
        return "\(tenths / 10),\(tenths % 10) MB"
    }
}
