/// One number for the state of every file a build reads: `site.yml`, everything under `content/`
/// and the theme, each by its path and stamp (size, inode, date). Taken before a build reads
/// anything, so a file saved during the build shows as changed next time.
enum InputStamps {
    /// Nil when something must be reported (a link out of the site): only a real build does that.
    static func digest(_ options: BuildOptions) -> Int? {
        let tree = SiteTree(siteRoot: options.siteRoot, theme: options.themeDirectory)
        var h = StableHash()
        h.combine(PosixFile.info(options.siteRoot + "/" + SiteConfigLoader.fileName)?.stampHash ?? 0)
        for folder in [options.siteRoot + "/content", options.themeDirectory] {
            let walked = tree.files(in: folder)
            guard walked.problems.isEmpty else { return nil }
            h.combine(folder)
            for file in walked.files {
                h.combine(file)
                h.combine(PosixFile.info(folder + "/" + file)?.stampHash ?? 0)
            }
        }
        return h.finalize
    }
}
