/// What each output is made from, as one number. Two builds that give an output the same
/// fingerprint give it the same bytes, so the second may keep the first one's file. Each output
/// declares its own inputs (`Output.inputs`) from these parts.
struct Fingerprints: Sendable {
    /// Inputs every page shares: Warta itself, site.yml, the templates, the build flags, the navigation,
    /// the emergency notices in force.
    let global: Int
    /// Per entry: its file, its place in the site (listed, expired, withdrawn, preview) and its event state.
    var items: [Int]
    /// Per template: its text and the partials and layouts it uses.
    let templates: [String: Int]

    /// Changes whenever Warta's output for the same input may change: part of every fingerprint.
    static let version = "warta-4"

    init(site: Site, catalog: Catalog, theme: Theme) {
        let global = Self.global(site: site, catalog: catalog, text: theme.text)
        self.global = global
        templates = theme.fingerprints
        items = catalog.entries.indices.map { Self.item($0, global: global, site: site, catalog: catalog) }
    }

    /// The inputs every page shares, as one number.
    static func global(site: Site, catalog: Catalog, text: InterfaceText) -> Int {
        var g = StableHash()
        g.combine(Self.version)
        g.combine(text.fingerprint)  // the theme's translation tables
        g.combine(PosixFile.info(site.root + "/" + SiteConfigLoader.fileName)?.stampHash ?? 0)
        g.combine(catalog.config.baseURL.origin)
        g.combine(catalog.config.baseURL.path)
        g.combine(catalog.visibility.includeDrafts)
        g.combine(catalog.visibility.includeFuture)
        g.combine(catalog.now.civil.year)  // `site.year`
        g.combine(PageContext.zoneName(catalog))  // `site.zone`: WIB, or a summer-time name
        for i in catalog.menu {
            g.combine(catalog.entries[i].path)
            g.combine(catalog.entries[i].item.title)
        }
        // The notices in force: their banner is on every page, so they are part of every output.
        for active in catalog.alerts {
            g.combine(active.alert.sourcePath)
            g.combine(active.alert.fingerprint)
            g.combine(active.preview == nil ? 0 : active.preview == .draft ? 1 : 2)
            g.combine(active.cap.message.identifier)  // an Update, with the file as it was when its record was written
        }
        for cancelled in catalog.capCancels { g.combine(cancelled.current.message.identifier) }
        return g.finalize
    }

    /// One entry's part: its file, its place in the site (listed, expired, withdrawn, preview) and its event state.
    static func item(_ i: Int, global: Int, site: Site, catalog: Catalog) -> Int {
        let entry = catalog.entries[i]
        var h = StableHash()
        h.combine(global)
        h.combine(entry.item.sourcePath)
        h.combine(site.stamps[entry.item.sourcePath] ?? 0)
        // A translation takes its original's draft, embargo, expiry and withdrawal (`Translations.inherit`).
        if let original = site.translations[entry.item.sourcePath] { h.combine(site.stamps[original] ?? 0) }
        h.combine(entry.listed)
        h.combine(entry.expired)
        h.combine(entry.withdrawal != nil)  // the clock passing a withdrawal's date, with the file unchanged
        h.combine(entry.item.corrections.count)  // or a correction's
        h.combine(entry.preview == nil ? 0 : entry.preview == .draft ? 1 : 2)
        if let event = entry.event {
            h.combine(event.finish <= catalog.now)
            h.combine(event.start <= catalog.now)
            h.combine(Int(event.start.seconds))  // a repeating event's current occurrence
        }
        // Its page links to its translations the public may see: one going public, or moving, changes it.
        for j in catalog.alternates[i] where j != i {
            h.combine(catalog.entries[j].path)
            h.combine(catalog.entries[j].preview == nil ? 0 : 1)
        }
        for attachment in entry.item.attachments {
            h.combine(catalog.assetSources[attachment.file].flatMap(PosixFile.info)?.stampHash ?? 0)
        }
        return h.finalize
    }

    /// What an output rendered with `template` (and so with its partials and layout) is made from.
    func combine(_ parts: some Sequence<Int>, _ label: String, template: String) -> Int {
        combine([templates[template] ?? 0] + Array(parts), label)
    }

    func combine(_ parts: some Sequence<Int>, _ label: String) -> Int {
        var h = StableHash()
        h.combine(global)
        h.combine(label)
        for p in parts { h.combine(p) }
        return h.finalize
    }
}
