/// Files published as they are: attachments, images and the theme's static files (only those whose
/// items are public; see `Visibility.publicAssets`).
enum Assets {
    static func outputs(_ c: PageContext) -> [Output] {
        c.catalog.assets.map { asset in
            let own = !asset.fromTheme
            return Output(file: asset.sitePath,
                          claim: OutputPlan.Producer(description: "the file '\(asset.sitePath)'", path: own ? "content/" + asset.sitePath : nil, location: nil),
                          sitemap: nil,
                          inputs: { prints in PosixFile.info(asset.source).map { prints.combine([$0.stampHash], "asset " + asset.sitePath) } },
                          make: { _ in .copy(from: asset.source) })
        }
    }
}
