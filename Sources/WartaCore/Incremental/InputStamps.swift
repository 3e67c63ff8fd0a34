/// One number for the state of every file a build reads: `site.yml`, everything under `content/`
/// and the theme, each by its path and stamp (size, inode, modification and change times: see
/// `PosixFile.Info`). Taken before a build reads anything, so a file saved during the build shows
/// as changed next time.
enum InputStamps {
    /// The digest, and what the walk found under `content/`: the loader reads the same list and
    /// stamps instead of walking and asking for each file's stamp a second time.
    struct Snapshot: Sendable {
        let digest: Int
        /// Files under `content/`, relative to it, as `SiteTree.files` lists them.
        let contentFiles: [String]
        /// Stamps by site-relative path (`content/press/a.md`).
        let stamps: [String: PosixFile.Info]
    }

    /// Nil when something must be reported (a link out of the site): only a real build does that.
    static func take(_ options: BuildOptions) -> Snapshot? {
        let tree = SiteTree(siteRoot: options.siteRoot, theme: options.themeDirectory)
        var h = StableHash()
        h.combine(PosixFile.info(options.siteRoot + "/" + SiteConfigLoader.fileName)?.stampHash ?? 0)
        var contentFiles: [String] = []
        var stamps: [String: PosixFile.Info] = [:]
        for (n, folder) in [options.siteRoot + "/content", options.themeDirectory].enumerated() {
            let walked = tree.files(in: folder, publishing: n == 0)
            // The loader's own walk warns, and keeps where each link leads.
            guard walked.problems.isEmpty, walked.scripts.isEmpty, walked.linkTargets.isEmpty else { return nil }
            h.combine(folder)
            if n == 0 {
                contentFiles = walked.files
                stamps.reserveCapacity(walked.files.count)
            }
            for file in walked.files {
                let info = PosixFile.info(folder + "/" + file)
                h.combine(file)
                h.combine(info?.stampHash ?? 0)
                if n == 0, let info { stamps["content/" + file] = info }
            }
        }
        return Snapshot(digest: h.finalize, contentFiles: contentFiles, stamps: stamps)
    }
}
