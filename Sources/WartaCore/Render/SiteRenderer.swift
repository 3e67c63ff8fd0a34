/// Render and write stage: every output file, rendered on all cores and written as it is made
/// (nothing waits in memory for a final write). Order of work never shows in the output.
enum SiteRenderer {
    static func all(site: Site, catalog: Catalog, theme: Theme, writer: OutputWriter) async throws -> Int {
        // 1. Item pages. Each returns its teaser, and its HTML only when a feed needs it.
        let bare = PageContext(catalog: catalog, teasers: [])
        var inFeeds = Set<Int>()
        for spec in RSSFeed.specs(bare) { inFeeds.formUnion(spec.entries) }
        let feedSet = inFeeds
        let pages = ItemPages(context: bare, theme: theme)
        let itemResults = await ParallelMap.map(Array(catalog.entries.indices)) { i -> Result<(String, String?), PosixFile.IOError> in
            let entry = catalog.entries[i]
            let md = Markdown.render(entry.item.body)
            let teaser = entry.item.summary ?? Excerpt.make(md.firstParagraph)
            do throws(PosixFile.IOError) {
                try writer.write(Routes.file(entry.path), pages.render(i, html: md.html, teaser: teaser))
            } catch {
                return .failure(error)
            }
            return .success((teaser, feedSet.contains(i) ? md.html : nil))
        }
        var teasers: [String] = []
        var feedHTML: [Int: String] = [:]
        for (i, result) in itemResults.enumerated() {
            let (teaser, html) = try result.get()
            teasers.append(teaser)
            if let html { feedHTML[i] = html }
        }

        // 2. Everything that lists items or stands alone.
        var context = PageContext(catalog: catalog, teasers: teasers)
        let cardContext = context
        context.summaryHTML = await ParallelMap.map(Array(catalog.entries.indices)) { i in
            guard catalog.entries[i].listed else { return "" }
            var values = cardContext.summary(i)
            values["t"] = cardContext.labels
            values["site"] = cardContext.site
            return theme.render(Theme.summaryTemplate, values)
        }
        let jobs = Job.all(context)
        let html = feedHTML
        let pageContext = context
        let results = await ParallelMap.map(jobs) { job -> PosixFile.IOError? in
            do throws(PosixFile.IOError) {
                try job.run(context: pageContext, theme: theme, feedHTML: html, writer: writer)
                return nil
            } catch {
                return error
            }
        }
        if let failure = results.compactMap({ $0 }).first { throw failure }
        return catalog.entries.count + jobs.count
    }

    enum Job: Sendable {
        case list(Listings.List, page: Int)
        case home, events, notFound, sitemap, robots
        case terms(String)
        case feed(RSSFeed.Spec)
        case redirect(entry: Int, alias: String)
        case asset(Asset)

        static func all(_ c: PageContext) -> [Job] {
            let listings = Listings(context: c, theme: nil)
            var jobs: [Job] = [.home, .events, .notFound, .sitemap, .robots, .terms("departments"), .terms("tags"), .terms("archive")]
            for list in Listings.all(c) {
                for n in 1...listings.pageCount(list) { jobs.append(.list(list, page: n)) }
            }
            jobs += RSSFeed.specs(c).map { .feed($0) }
            for (i, entry) in c.catalog.entries.enumerated() {
                jobs += entry.item.aliases.map { .redirect(entry: i, alias: $0.value) }
            }
            jobs += c.catalog.assets.map { .asset($0) }
            return jobs
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
            case .sitemap:
                var lists = [c.routes.home, c.routes.events, c.routes.departments, c.routes.tags, c.routes.archive]
                let listings = Listings(context: c, theme: theme)
                for list in Listings.all(c) {
                    lists += (1...listings.pageCount(list)).map { c.routes.paged(list.base, $0) }
                }
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
