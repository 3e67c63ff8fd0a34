/// What each output is made from, as one number. Two builds that give an output the same
/// fingerprint give it the same bytes, so the second may keep the first one's file.
struct Fingerprints: Sendable {
    /// Inputs every page shares: site.yml, the templates, the build flags, the navigation.
    let global: Int
    /// Per entry: its file, its place in the site (listed, preview) and its event state.
    let items: [Int]

    init(site: Site, catalog: Catalog, theme: Theme) {
        var g = Hasher()
        g.combine(theme.fingerprint)
        g.combine(PosixFile.info(site.root + "/" + SiteConfigLoader.fileName)?.stampHash)
        g.combine(catalog.config.baseURL.origin)
        g.combine(catalog.config.baseURL.path)
        g.combine(catalog.visibility.includeDrafts)
        g.combine(catalog.visibility.includeFuture)
        g.combine(catalog.now.civil.year)  // `site.year`
        for i in catalog.menu {
            g.combine(catalog.entries[i].path)
            g.combine(catalog.entries[i].item.title)
        }
        let global = g.finalize()
        self.global = global
        let now = catalog.now
        items = catalog.entries.map { entry in
            var h = Hasher()
            h.combine(global)
            h.combine(entry.item.sourcePath)
            h.combine(site.stamps[entry.item.sourcePath])
            h.combine(entry.listed)
            h.combine(entry.preview == nil ? 0 : entry.preview == .draft ? 1 : 2)
            if let event = entry.event {
                h.combine(event.finish <= now)
                h.combine(event.start <= now)
                h.combine(event.start.seconds)  // a repeating event's current occurrence
            }
            for attachment in entry.item.attachments {
                h.combine(catalog.assetSources[attachment.file].flatMap(PosixFile.info)?.stampHash)
            }
            return h.finalize()
        }
    }

    func combine(_ parts: some Sequence<Int>, _ label: String) -> Int {
        var h = Hasher()
        h.combine(global)
        h.combine(label)
        for p in parts { h.combine(p) }
        return h.finalize()
    }

    /// Nil for outputs cheap enough to render every time (the writer still keeps unchanged bytes).
    func job(_ job: SiteRenderer.Job, _ c: PageContext, listings: Listings) -> Int? {
        let cat = c.catalog
        switch job {
        case .list(let list, let n):
            let per = c.config.perPage
            let slice = list.entries.dropFirst((n - 1) * per).prefix(per)
            return combine([n, listings.pageCount(list), list.title.hashValue] + slice.map { items[$0] }, "list " + list.base)
        case .home:
            let releases = cat.releases.prefix(c.config.home.releases).map { items[$0] }
            let events = cat.upcomingEvents.prefix(c.config.home.events).map { items[$0] }
            return combine(releases + [0] + events, "home")
        case .events:
            return combine(cat.upcomingEvents.map { items[$0] } + [0] + cat.pastEvents.prefix(c.config.perPage).map { items[$0] }, "events")
        case .terms(let kind):
            let counts = cat.departments.map(\.entries.count) + cat.tags.flatMap { [$0.name.hashValue, $0.entries.count] }
                + cat.years.flatMap { [$0.year, $0.entries.count] }
            return combine(counts, "terms " + kind)
        case .feed(let spec):
            return combine(spec.entries.map { items[$0] }, "feed " + spec.path + spec.title)
        case .month(let m, let all):
            let calendar = MonthCalendar(context: c, theme: nil)
            let today = c.config.timeZone.local(cat.now).civil
            let days = calendar.days(m).sorted { $0.key < $1.key }.flatMap { [$0.key] + $0.value.map { items[$0] } }
            return combine([m.year, m.month, all.contains(m.previous) ? 1 : 0, all.contains(m.next) ? 1 : 0,
                            today.year == m.year && today.month == m.month ? today.day : 0] + days, "month")
        case .calendar(let spec):
            return combine(spec.entries.map { items[$0] }, "calendar " + spec.path + spec.name)
        case .notFound:
            return combine([], "404")
        case .asset(let asset):
            return PosixFile.info(asset.source).map { combine([$0.stampHash], "asset " + asset.sitePath) }
        case .sitemap, .robots, .redirect:
            return nil
        }
    }
}
