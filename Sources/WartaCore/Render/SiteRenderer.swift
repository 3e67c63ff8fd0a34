import Synchronization

/// Render and write stage: every output file, rendered on all cores and written as it is made
/// (nothing waits in memory for a final write). Order of work never shows in the output.
enum SiteRenderer {
    static func all(site: Site, catalog: Catalog, theme: Theme, writer: OutputWriter, cache: BuildCache? = nil) async throws -> Int {
        let prints = cache.map { _ in Fingerprints(site: site, catalog: catalog, theme: theme) }
        let rendered = Mutex<Set<String>>([])

        // 1. Item pages. Each returns its teaser, its card for lists (once the teasers are known),
        //    and its HTML only when a feed needs it. An unchanged item keeps last build's page.
        let bare = PageContext(catalog: catalog, teasers: [])
        var inFeeds = Set<Int>()
        for spec in RSSFeed.specs(bare) { inFeeds.formUnion(spec.entries) }
        let feedSet = inFeeds
        let pages = ItemPages(context: bare, theme: theme)
        let itemResults = await ParallelMap.map(Array(catalog.entries.indices)) { i -> Result<ItemResult, PosixFile.IOError> in
            let entry = catalog.entries[i]
            let file = Routes.file(entry.path)
            if let cache, let prints, let hit = cache.item(entry.item.sourcePath, fingerprint: prints.items[i]),
               hit.html != nil || !feedSet.contains(i), writer.keep(file) {
                return .success(ItemResult(teaser: hit.teaser, html: hit.html, card: hit.card))
            }
            let md = entry.item.content
            let teaser = entry.item.summary ?? Excerpt.make(md.firstParagraph)
            do throws(PosixFile.IOError) {
                try writer.write(file, pages.render(i, html: md.html, teaser: teaser))
            } catch {
                return .failure(error)
            }
            if cache != nil { rendered.withLock { _ = $0.insert(file) } }
            return .success(ItemResult(teaser: teaser, html: feedSet.contains(i) ? md.html : nil, card: nil))
        }
        var teasers: [String] = []
        var feedHTML: [Int: String] = [:]
        var results: [ItemResult] = []
        for (i, result) in itemResults.enumerated() {
            let r = try result.get()
            results.append(r)
            teasers.append(r.teaser)
            if let html = r.html { feedHTML[i] = html }
        }

        // 2. Each listed item's card, rendered once for all the lists it appears in.
        var context = PageContext(catalog: catalog, teasers: teasers)
        let cardContext = context
        let known = results
        context.summaryHTML = await ParallelMap.map(Array(catalog.entries.indices)) { i in
            guard catalog.entries[i].listed else { return "" }
            if let card = known[i].card { return card }
            var values = cardContext.summary(i)
            values["t"] = cardContext.labels
            values["site"] = cardContext.site
            return theme.render(Theme.summaryTemplate, values)
        }
        if let cache, let prints {
            for (i, entry) in catalog.entries.enumerated() {
                cache.store(item: entry.item.sourcePath, .init(fingerprint: prints.items[i], teaser: teasers[i], html: feedHTML[i],
                                                              card: context.summaryHTML[i]))
            }
        }

        // 3. Everything that lists items or stands alone; unchanged inputs keep their file.
        let jobs = Job.all(context)
        let html = feedHTML
        let pageContext = context
        let listings = Listings(context: context, theme: theme)
        let jobResults = await ParallelMap.map(jobs) { job -> (String, Int?, PosixFile.IOError?) in
            let path = job.outputPath(pageContext)
            let print = prints?.job(job, pageContext, listings: listings)
            if let cache, let print, cache.output(path) == print, writer.keep(path) { return (path, print, nil) }
            do throws(PosixFile.IOError) {
                try job.run(context: pageContext, theme: theme, feedHTML: html, writer: writer)
                if cache != nil { rendered.withLock { _ = $0.insert(path) } }
                return (path, print, nil)
            } catch {
                return (path, print, error)
            }
        }
        if let failure = jobResults.compactMap({ $0.2 }).first { throw failure }
        if let cache, let prints {
            var outputs: [String: Int] = [:]
            for (i, entry) in catalog.entries.enumerated() { outputs[Routes.file(entry.path)] = prints.items[i] }
            for (path, print, _) in jobResults { if let print { outputs[path] = print } }
            cache.finish(outputs: outputs, rendered: rendered.withLock { $0 }, produced: writer.produced)
        }
        return catalog.entries.count + jobs.count
    }

    struct ItemResult: Sendable {
        let teaser: String
        let html: String?
        let card: String?
    }

    enum Job: Sendable {
        case list(Listings.List, page: Int)
        case home, events, notFound, sitemap, robots
        case terms(String)
        case feed(RSSFeed.Spec)
        case calendar(ICalendar.Spec)
        case month(MonthCalendar.Month, all: [MonthCalendar.Month])
        case redirect(entry: Int, alias: String)
        case asset(Asset)

        static func all(_ c: PageContext) -> [Job] {
            let listings = Listings(context: c, theme: nil)
            var jobs: [Job] = [.home, .events, .notFound, .sitemap, .robots, .terms("departments"), .terms("tags"), .terms("archive")]
            for list in Listings.all(c) {
                for n in 1...listings.pageCount(list) { jobs.append(.list(list, page: n)) }
            }
            jobs += RSSFeed.specs(c).map { .feed($0) }
            jobs += ICalendar.specs(c).map { .calendar($0) }
            let months = MonthCalendar.months(c)
            jobs += months.map { .month($0, all: months) }
            for (i, entry) in c.catalog.entries.enumerated() {
                jobs += entry.item.aliases.map { .redirect(entry: i, alias: $0.value) }
            }
            jobs += c.catalog.assets.map { .asset($0) }
            return jobs
        }

        /// The file this job writes.
        func outputPath(_ c: PageContext) -> String {
            switch self {
            case .list(let list, let n): Routes.file(c.routes.paged(list.base, n))
            case .home: Routes.file(c.routes.home)
            case .events: Routes.file(c.routes.events)
            case .notFound: c.routes.notFound
            case .sitemap: c.routes.sitemap
            case .robots: c.routes.robots
            case .terms(let kind):
                Routes.file(kind == "departments" ? c.routes.departments : kind == "tags" ? c.routes.tags : c.routes.archive)
            case .feed(let spec): spec.path
            case .calendar(let spec): spec.path
            case .month(let m, _): Routes.file(c.routes.month(year: m.year, month: m.month))
            case .redirect(_, let alias): Routes.file(Routes.alias(alias))
            case .asset(let asset): asset.sitePath
            }
        }

        func run(context c: PageContext, theme: Theme, feedHTML: [Int: String], writer: OutputWriter) throws(PosixFile.IOError) {
            let sections = SectionPages(context: c, theme: theme)
            switch self {
            case .list(let list, let n):
                let page = Listings(context: c, theme: theme).render(list, page: n)
                try writer.write(Routes.file(page.path), page.html)
            case .home: try writer.write(Routes.file(c.routes.home), sections.home())
            case .events: try writer.write(Routes.file(c.routes.events), sections.events())
            case .notFound: try writer.write(c.routes.notFound, sections.notFound())
            case .terms(let kind):
                let page = sections.terms(kind: kind)
                try writer.write(Routes.file(page.path), page.html)
            case .feed(let spec): try writer.write(spec.path, RSSFeed(context: c).xml(spec, html: feedHTML))
            case .calendar(let spec): try writer.write(spec.path, ICalendar(context: c).text(spec))
            case .month(let m, let all):
                try writer.write(Routes.file(c.routes.month(year: m.year, month: m.month)), MonthCalendar(context: c, theme: theme).render(m, all: all))
            case .sitemap:
                var lists = [c.routes.home, c.routes.events, c.routes.departments, c.routes.tags, c.routes.archive]
                let listings = Listings(context: c, theme: theme)
                for list in Listings.all(c) {
                    lists += (1...listings.pageCount(list)).map { c.routes.paged(list.base, $0) }
                }
                lists += MonthCalendar.months(c).map { c.routes.month(year: $0.year, month: $0.month) }
                try writer.write(c.routes.sitemap, Sitemap.xml(Sitemap.urls(c.catalog, listPaths: lists), base: c.config.baseURL))
            case .robots: try writer.write(c.routes.robots, Robots.text(sitemap: c.absolute(c.routes.sitemap)))
            case .redirect(let i, let alias):
                let entry = c.catalog.entries[i]
                try writer.write(Routes.file(Routes.alias(alias)),
                                 Redirects.page(to: c.absolute(entry.path), language: c.config.language, title: entry.item.title))
            case .asset(let asset): try writer.copy(from: asset.source, to: asset.sitePath)
            }
        }
    }
}
