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
}
