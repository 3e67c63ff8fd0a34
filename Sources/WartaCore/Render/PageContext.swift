/// Builds the values templates see. Every key a template may use is set here (to an empty value
/// when absent), so a theme never renders a silently missing field.
struct PageContext: Sendable {
    /// Everything a context holds, in one copy-on-write box: a context is copied for every page
    /// made (in its item's language, by its generator), dozens of references each time.
    private struct Fields: Sendable {
        var catalog: Catalog
        var language: Language
        var dates: DateText
        var labels: [String: String]
        var teasers: [String]
        var summaryHTML: [CardHTML] = []
        var chrome: SharedChrome.Memo?
        let zoneName: String
        var site: SiteValues
        var chromeValues: ChromeValues
        let about: [Language: Markdown.Rendered]
        /// The first paragraph of each `about` text, cut short: a page's description when neither
        /// the page nor the tagline gives one.
        let aboutTeasers: [Language: String]
        let views: [Language: LanguageView]
        let homes: [(code: Language, path: String)]
        let text: InterfaceText
    }

    private var fields: CopyOnWrite<Fields>

    var catalog: Catalog {
        _read { yield fields.value.catalog }
        _modify { yield &fields.value.catalog }
    }
    /// The language pages are written in: the site's, or an item's own (see `speaking`).
    private(set) var language: Language {
        get { fields.value.language }
        set { fields.value.language = newValue }
    }
    private(set) var dates: DateText {
        _read { yield fields.value.dates }
        set { fields.value.dates = newValue }
    }
    private(set) var labels: [String: String] {
        _read { yield fields.value.labels }
        set { fields.value.labels = newValue }
    }
    /// Plain-text teaser of each entry (its summary, or its first paragraph), by entry index.
    var teasers: [String] {
        _read { yield fields.value.teasers }
        _modify { yield &fields.value.teasers }
    }
    /// Each entry's `partials/summary` rendered once per build: an item appears in half a dozen
    /// lists, and re-rendering the same card each time was most of the build's template work.
    var summaryHTML: [CardHTML] {
        _read { yield fields.value.summaryHTML }
        _modify { yield &fields.value.summaryHTML }
    }
    /// The runs of page chrome rendered so far in this rendering of the site (`SharedChrome`);
    /// none outside one.
    var chrome: SharedChrome.Memo? {
        get { fields.value.chrome }
        set { fields.value.chrome = newValue }
    }
    /// The zone's name at build time (`WITA`), asked of Foundation once, not once per page.
    var zoneName: String { fields.value.zoneName }

    /// Site-wide values, the same on every page: made once per build, not once per page.
    private(set) var site: SiteValues {
        _read { yield fields.value.site }
        set { fields.value.site = newValue }
    }
    /// The navigation, feeds, language switch and sharing values of the language's pages.
    private var chromeValues: ChromeValues {
        _read { yield fields.value.chromeValues }
        set { fields.value.chromeValues = newValue }
    }
    /// `site.yml`'s `about`, rendered once per build, by language.
    var about: [Language: Markdown.Rendered] { _read { yield fields.value.about } }

    /// The parts of a context that follow the language of the pages, made once per build for each
    /// of the site's languages.
    private struct LanguageView: Sendable {
        let dates: DateText
        let labels: [String: String]
        let site: SiteValues
        let chromeValues: ChromeValues
    }
    /// Each of the site's languages' view (see `inLanguage`).
    private var views: [Language: LanguageView] { _read { yield fields.value.views } }
    /// Each site language's home page, the default first (one entry on a site of one language).
    var homes: [(code: Language, path: String)] { _read { yield fields.value.homes } }

    /// The interface text of every language (the theme's tables over Warta's own).
    var text: InterfaceText { _read { yield fields.value.text } }

    init(catalog: Catalog, text: InterfaceText = .bundled) {
        let zoneName = Self.zoneName(catalog)
        let language = catalog.config.language
        var views: [Language: LanguageView] = [:]
        let homes = catalog.config.languageCodes.map { ($0, Routes(config: catalog.config, language: $0).home) }
        for code in catalog.config.languageCodes {
            let seen = catalog.inLanguage(code)
            let dates = DateText(language: code, zone: catalog.config.timeZone)
            let labels = text.table(code)
            views[code] = LanguageView(dates: dates, labels: labels,
                                       site: SiteValues(seen.config, routes: seen.routes, year: catalog.now.civil.year, zone: zoneName,
                                                        alerts: AlertValues.make(seen, dates: dates, labels: labels, text: text)),
                                       chromeValues: Self.chromeValues(seen, labels: labels, language: code, homes: homes))
        }
        let own = views[language]!
        let links = WrittenLinks(written: catalog.written.path, serving: catalog.config.baseURL.path)
        let about = catalog.config.release.about.mapValues { text -> Markdown.Rendered in
            let rendered = Markdown.render(text, plainText: true)
            return links.changesNothing ? rendered : Markdown.Rendered(html: links.html(rendered.html), scan: rendered.scan, plain: rendered.plain)
        }
        // Each entry's teaser speaks the language of the lists it is in.
        let teasers = catalog.entries.indices.map { i in
            let view = views[catalog.trees[i]] ?? own
            return Self.teaser(catalog.entries[i], labels: view.labels, dates: view.dates)
        }
        fields = CopyOnWrite(Fields(catalog: catalog, language: language, dates: own.dates, labels: own.labels, teasers: teasers,
                         zoneName: zoneName, site: own.site, chromeValues: own.chromeValues,
                         about: about, aboutTeasers: about.mapValues { Excerpt.make($0.firstParagraph) },
                         views: views, homes: homes,
                         text: text))
    }

    /// `catalog` in the pages' language: its navigation, feed and switch to the other languages.
    private static func chromeValues(_ catalog: Catalog, labels: [String: String], language: Language,
                                     homes: [(code: Language, path: String)]) -> ChromeValues {
        ChromeValues(links: navigation(catalog, labels), feedTitle: "\(catalog.config.title) — \(labels["pressReleases"]!)",
                     feed: catalog.routes.feed, language: language, homes: homes, config: catalog.config)
    }

    private static func navigation(_ catalog: Catalog, _ labels: [String: String]) -> [(title: String, path: String, section: String?)] {
        let r = catalog.routes
        return [
            (labels["home"]!, r.home, "home"), (labels["pressReleases"]!, r.press, "press"), (labels["events"]!, r.events, "events"),
            (labels["departments"]!, r.departments, "departments"), (labels["tags"]!, r.tags, "tags"), (labels["archive"]!, r.archive, "archive"),
            (labels["search"]!, r.search, "search"),
        ] + catalog.menu.map { (catalog.entries[$0].item.title, catalog.entries[$0].path, nil) }
    }

    static func teaser(_ item: Item) -> String { item.summary ?? Excerpt.make(item.content.firstParagraph) }

    /// The same context as the pages of another of the site's languages see it: that language's
    /// lists, settings, routes, interface text and dates.
    func inLanguage(_ other: Language) -> PageContext {
        guard other != catalog.language || other != language, let view = views[other] else { return self }
        var copy = self
        copy.catalog = catalog.inLanguage(other)
        copy.language = other
        copy.dates = view.dates
        copy.labels = view.labels
        copy.site = view.site
        copy.chromeValues = view.chromeValues
        return copy
    }

    /// The same context in another language: an item's page speaks its item's language. In one of
    /// the site's languages, that is the language's whole view; an English item on a site that is
    /// only Indonesian gets its page's interface text and dates in English, among Indonesian pages.
    func speaking(_ language: Language) -> PageContext {
        guard language != self.language else { return self }
        if views[language] != nil { return inLanguage(language) }
        var copy = self
        copy.language = language
        copy.dates = DateText(language: language, zone: config.timeZone)
        copy.labels = text.table(language)
        copy.chromeValues = Self.chromeValues(catalog, labels: copy.labels, language: language, homes: homes)
        return copy
    }

    /// The other languages' versions of entry `index` the public may see, for its page: `hreflang`
    /// alternates (itself, the others and `x-default`) and the language switch. Empty without any.
    func translations(of index: Int) -> (alternates: [[String: Any]], switch: [[String: Any]]) {
        let group = catalog.alternates[index]
        guard !group.isEmpty else { return ([], []) }
        var alternates: [[String: Any]] = group.map { ["hreflang": catalog.trees[$0].rawValue, "url": absolute(catalog.entries[$0].path)] }
        let fallback = group.first { catalog.trees[$0] == config.languageCodes.first } ?? group[0]
        alternates.append(["hreflang": "x-default", "url": absolute(catalog.entries[fallback].path)])
        let switcher: [[String: Any]] = group.filter { $0 != index }.map { i in
            let code = catalog.trees[i]
            return ["code": code.rawValue, "name": code.ownName, "url": link(catalog.entries[i].path)]
        }
        return (alternates, switcher)
    }

    static func zoneName(_ catalog: Catalog) -> String {
        catalog.config.timeZone.abbreviation(for: catalog.config.timeZone.local(catalog.now))
    }

    var config: SiteConfig { catalog.config }
    /// Root-relative links of Markdown as this output serves them (see `WrittenLinks`).
    var writtenLinks: WrittenLinks { WrittenLinks(written: catalog.written.path, serving: config.baseURL.path) }
    var routes: Routes { catalog.routes }
    func link(_ sitePath: String) -> String { config.baseURL.link(sitePath) }
    func absolute(_ sitePath: String) -> String { config.baseURL.absolute(sitePath) }

    /// The whole context of one page: site-wide values, `t` labels and the page's own values.
    func page(path: String, title: String, description: String, section: String?,
              extraFeeds: [(title: String, path: String)] = [], values: [String: Any]) -> [String: Any] {
        sharedPage(path: path, title: title, description: description, section: section, extraFeeds: extraFeeds, values: values).values
    }

    /// `page`, with what the page shares with the others of its language and section
    /// (`SharedChrome`; nil outside a rendering of the site): the keys set here from the language
    /// and section alone, not those `values` set first.
    func sharedPage(path: String, title: String, description: String, section: String?,
                    extraFeeds: [(title: String, path: String)] = [], values: [String: Any]) -> (values: [String: Any], shared: SharedChrome?) {
        var context = values
        var fixed = 0
        let chrome = chromeValues
        context["site"] = site
        context["t"] = labels
        context["nav"] = chrome.navigation(section: section, path: path)
        if extraFeeds.isEmpty {
            context["feeds"] = chrome.feeds
            fixed |= Fixed.feeds
        } else {
            context["feeds"] = chrome.feeds + extraFeeds.map { ["title": $0.title, "url": absolute($0.path)] as [String: Any] }
        }
        context["title"] = title
        context["documentTitle"] = path.isEmpty ? config.title : "\(title) — \(config.title)"
        // The page's own summary, else the tagline, else the about text: else no description at all.
        let teasers = fields.value.aboutTeasers
        let fallback = config.tagline.isEmpty ? teasers[language] ?? teasers[catalog.siteConfig.language] : config.tagline
        context["description"] = Blank.text(description.isEmpty ? fallback : description)
        context["canonical"] = absolute(path)
        context["url"] = link(path)
        context["lang"] = language.rawValue
        context["otherLanguage"] = language != config.language
        // Pages other than items: the home pages are each other's alternates, and every page
        // offers the other languages' home pages.
        if context["alternates"] == nil {
            if path == routes.home && homes.count > 1 {
                context["alternates"] = homes.map { ["hreflang": $0.code.rawValue, "url": absolute($0.path)] } + [["hreflang": "x-default", "url": absolute(homes[0].path)]]
            } else {
                context["alternates"] = [[String: Any]]()
                fixed |= Fixed.alternates
            }
        }
        if context["languages"] == nil {
            // None on a site of one language, whatever an item's own `lang`.
            context["languages"] = chrome.languages
            fixed |= Fixed.languages
        }
        context["hasLanguages"] = !((context["languages"] as? [[String: Any]])?.isEmpty ?? true)
        context["localeAlternates"] = chrome.localeAlternates
        if context["share"] == nil {
            context["share"] = chrome.share
            fixed |= Fixed.share
        }
        if context["preview"] == nil {
            context["preview"] = false
            fixed |= Fixed.preview
        }
        if context["noindex"] == nil {
            context["noindex"] = false
            fixed |= Fixed.noindex
        }
        guard let memo = self.chrome else { return (context, nil) }
        // A section marks its own link in the navigation; a page of none marks the link to itself.
        let key = "\(catalog.language.rawValue) \(language.rawValue) \(section ?? "/" + path)"
        return (context, SharedChrome(key: key, fixed: Self.fixedKeys[fixed], memo: memo))
    }

    /// Keys `sharedPage` may set from the language and section alone, as bits.
    private enum Fixed {
        static let feeds = 1, languages = 2, preview = 4, noindex = 8, share = 16, alternates = 32
    }

    /// The keys a page's values take from its language and section alone, for each set of
    /// `Fixed` bits: `site`, `t`, `nav` and the language's own always.
    private static let fixedKeys: [Set<String>] = (0..<64).map { bits in
        var keys: Set<String> = ["site", "t", "nav", "lang", "otherLanguage", "localeAlternates"]
        if bits & Fixed.feeds != 0 { keys.insert("feeds") }
        if bits & Fixed.languages != 0 { keys.formUnion(["languages", "hasLanguages"]) }
        if bits & Fixed.preview != 0 { keys.insert("preview") }
        if bits & Fixed.noindex != 0 { keys.insert("noindex") }
        if bits & Fixed.share != 0 { keys.insert("share") }
        if bits & Fixed.alternates != 0 { keys.insert("alternates") }
        return keys
    }

    static func contact(_ c: Contact) -> [String: Any] {
        var out: [String: Any] = [:]
        out["name"] = Blank.text(c.name)
        out["role"] = Blank.text(c.role)
        out["address"] = Blank.text(c.address)
        out["phone"] = Blank.text(c.phone)
        out["phoneLink"] = Blank.text(c.phone.map { "tel:" + $0.filter { $0 == "+" || $0.isNumber } })
        out["email"] = Blank.text(c.email)
        return out
    }

    /// What a page says of itself when shared (Open Graph, Twitter cards): `website` unless an
    /// item page says otherwise; an image of its own, else the site's `share_image` (also in
    /// place of an SVG, which link previews do not show).
    func share(type: String = "website", image: Image? = nil, published: ZonedInstant? = nil, modified: ZonedInstant? = nil) -> [String: Any] {
        Self.share(config: config, language: language, type: type, image: image, published: published, modified: modified)
    }

    static func share(config: SiteConfig, language: Language, type: String = "website", image: Image? = nil,
                      published: ZonedInstant? = nil, modified: ZonedInstant? = nil) -> [String: Any] {
        let shown = image.flatMap { $0.isPreviewable ? $0 : nil } ?? config.shareImage
        return [
            "type": type,
            "image": shown.map { mediaURL($0.src, config: config) } ?? false,
            "imageAlt": Blank.text(shown?.alt),
            "card": shown == nil ? "summary" : "summary_large_image",
            "locale": language.locale,
            "publishedTime": published.map(\.iso8601) ?? false,
            "modifiedTime": modified.map(\.iso8601) ?? false,
        ]
    }

    /// An image's address for use outside the page (sharing, structured data): absolute.
    func mediaURL(_ src: String) -> String { Self.mediaURL(src, config: config) }

    static func mediaURL(_ src: String, config: SiteConfig) -> String {
        src.hasPrefix("/") ? config.baseURL.absolute(String(src.dropFirst())) : src
    }

    func time(_ instant: ZonedInstant) -> [String: Any] {
        ["iso": instant.iso8601, "date": dates.date(instant), "dateTime": dates.dateTime(instant)]
    }

    /// What a listing shows of one entry.
    func summary(_ index: Int) -> [String: Any] {
        var out = summary(index, teaser: teasers[index])
        if index < summaryHTML.count { out["html"] = summaryHTML[index].string }
        return out
    }

    func summary(_ index: Int, teaser: String) -> [String: Any] {
        let entry = catalog.entries[index]
        let item = entry.item
        let own = item.language(config)
        var out: [String: Any] = [
            "title": NoBreak.apply(item.title),
            "url": link(entry.path),
            "teaser": NoBreak.apply(teaser),
            "isEvent": item.kind == .event,
            "isRelease": item.kind == .release,
            "headingLevel": 2,
            "lang": own == language ? false : own.rawValue,
        ]
        out["date"] = item.publicationDate.map(time) ?? false
        out["department"] = departmentValue(item.department)
        if let e = entry.event {
            var details = event(e)
            details["repeats"] = Blank.text(item.event?.recurrence.map { dates.recurrence($0) })
            details["calendarURL"] = link(routes.eventCalendar(entry.path))
            out["event"] = details
        } else {
            out["event"] = false
        }
        return out
    }

    func departmentValue(_ slug: String?) -> Any {
        guard let slug, let dept = config.department(slug: slug) else { return false }
        return ["name": dept.name, "slug": dept.slug, "url": link(routes.department(dept.slug))]
    }

    func event(_ e: EventDetails) -> [String: Any] {
        let finished = e.finish <= catalog.now
        let ongoing = !finished && e.start <= catalog.now
        var out: [String: Any] = [
            "when": dates.eventSpan(e),
            "start": time(e.start),
            "end": e.end.map(time) ?? false,
            "allDay": e.allDay,
            "status": e.status.rawValue,
            "statusText": Labels.status(e.status, labels),
            "notScheduled": e.status != .scheduled,
            "past": finished,
            "ongoing": ongoing,
            "organizer": Blank.text(e.organizer),
        ]
        out["previousStart"] = e.previousStart.map(time) ?? false
        if let l = e.location {
            out["location"] = ["name": l.name, "address": Blank.text(l.address), "map": Blank.text(l.map)] as [String: Any]
        } else {
            out["location"] = false
        }
        if let r = e.registration {
            out["registration"] = ["url": Blank.text(r.url), "note": Blank.text(r.note)] as [String: Any]
        } else {
            out["registration"] = false
        }
        return out
    }

    /// A card in a list that sits under a heading of its own (home page sections, the events
    /// page): its title one level lower. Rendered on the spot; these lists are short.
    func nestedSummary(_ index: Int, theme: Theme) -> [String: Any] {
        var values = summary(index, teaser: teasers[index])
        values["headingLevel"] = 3
        values["t"] = labels
        values["site"] = site
        values["html"] = theme.render(Theme.summaryTemplate, values)
        return values
    }

    /// A preview banner's text, or false on a public build.
    func previewBanner(_ mark: Visibility.PreviewMark?) -> Any {
        switch mark {
        case .none: return false
        case .draft: return ["text": labels["draftBanner"]!, "kind": "draft"]
        case .embargoed(let until):
            return ["text": "\(labels["embargoBanner"]!) \(dates.dateTime(until))", "kind": "embargo"]
        }
    }
}
