import WartaCore
import WartaPublish
import WartaServe

/// Where a preview (`build --drafts/--future`) must never be written: into what a later build reads
/// (`content/`, `site-templates/`), the site folder itself, or a local folder `site.yml` publishes
/// to. From there the next build or publish would send drafts and embargoed releases with their
/// files. `public/` is refused before this, with its own message.
enum PreviewOutput {
    /// A description of the place `output` is in, or nil when it is elsewhere.
    static func publishedPlace(_ output: String, siteRoot: String) -> String? {
        if PublicFolder.isInside(siteRoot, folder: output) { return "the site folder or a folder around it" }
        for input in ["content", "site-templates"] where PublicFolder.isInside(output, folder: siteRoot + "/" + input) {
            return "the site's \(input)/ folder"
        }
        // A site.yml with errors names no destination; the build reports those errors itself.
        let (config, _) = SiteLoader.config(root: siteRoot)
        for target in config?.publish.targets ?? [] {
            let destination = Destination(target.destination)
            guard destination.kind == .local, !destination.path.isEmpty else { continue }
            // rsync reads a relative folder from where it runs; a publish may run from the site folder.
            let folders = destination.path.hasPrefix("/") ? [destination.path] : [destination.path, siteRoot + "/" + destination.path]
            for folder in folders where PublicFolder.isInside(output, folder: folder) {
                return "the folder of the publish target '\(target.name)' (\(destination.path))"
            }
        }
        return nil
    }
}
