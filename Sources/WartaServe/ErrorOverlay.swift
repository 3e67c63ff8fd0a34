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

    /// After a good build with warnings (raw HTML left out, for instance): a small box at the foot of
    /// every page, which does not hide it.
    static func warnings(_ diagnostics: [Diagnostic], root: String) -> String {
        let items = diagnostics.sorted().map { "<li><code>\(HTMLEscape.escape($0.formatted(relativeTo: root)))</code></li>" }.joined(separator: "\n")
        return """
        <div id="warta-warnings" role="status" style="position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:40vh;overflow:auto;background:#3d2f00;color:#fff;font:14px/1.5 ui-monospace,monospace;padding:.75rem 1rem">
        <strong style="font-family:system-ui,sans-serif;color:#ffe08a">Warta: \(diagnostics.count) warning\(diagnostics.count == 1 ? "" : "s") (the site is built; these never block it)</strong>
        <ul style="margin:.25rem 0 0;padding-left:1.2rem">
        \(items)
        </ul>
        </div>
        """
    }
}
