import WartaCore

/// When the last rebuild failed, every served page carries this box with the errors, while the
/// previous good site stays underneath. It goes away with the next good build.
enum ErrorOverlay {
    static func html(_ diagnostics: [Diagnostic], root: String) -> String {
        let items = diagnostics.map { "<li><code>\(HTMLEscape.escape($0.formatted(relativeTo: root)))</code></li>" }.joined(separator: "\n")
        return """
        <div id="warta-error-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,0,0,.92);color:#fff;font:15px/1.5 ui-monospace,monospace;padding:2rem">
        <h2 style="margin:0 0 1rem;font:bold 20px/1.3 system-ui,sans-serif;color:#ffb4b4">Warta: the last change broke the build (\(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s"))</h2>
        <p style="margin:0 0 1rem;font-family:system-ui,sans-serif">The page below is the last good build. Fix the files and save: this page reloads by itself.</p>
        <ul style="margin:0;padding-left:1.2rem">
        \(items)
        </ul>
        </div>
        """
    }

    /// Where every warning of the last good build is listed (`warnings` links to it).
    static let warningsPath = "/.warta/warnings"

    /// After a good build with warnings (raw HTML left out, for instance): a small box at the foot of
    /// every page, which does not hide it. Only the count and a link: a big site's thousands of
    /// warnings in every page would make each one megabytes and the preview slow.
    static func warnings(count: Int) -> String {
        """
        <div id="warta-warnings" role="status" style="position:fixed;left:0;right:0;bottom:0;z-index:2147483647;background:#3d2f00;color:#fff;font:14px/1.5 system-ui,sans-serif;padding:.5rem 1rem">
        <strong style="color:#ffe08a">Warta: \(count) warning\(count == 1 ? "" : "s")</strong> (the site is built; these never block it): \
        <a href="\(warningsPath)" style="color:#ffe08a">see the list</a>
        </div>
        """
    }

    /// The page that lists them all, sorted, reloaded after each build like any page.
    static func warningsPage(_ diagnostics: [Diagnostic], root: String) -> String {
        let items = diagnostics.sorted().map { "<li><code>\(HTMLEscape.escape($0.formatted(relativeTo: root)))</code></li>" }.joined(separator: "\n")
        let heading = diagnostics.isEmpty ? "Warta: no warnings" : "Warta: \(diagnostics.count) warning\(diagnostics.count == 1 ? "" : "s")"
        return """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(heading)</title></head><body style="font:15px/1.5 system-ui,sans-serif;margin:2rem">
        <main><h1>\(heading)</h1>
        <p>From the last good build of the preview. They never block a build; <code>warta check</code> lists them too.</p>
        <ul style="font-family:ui-monospace,monospace">
        \(items)
        </ul></main>\(LiveReload.script)</body></html>

        """
    }
}
