/// Names editors give the files they write beside the one being saved: never content, never
/// published, and never a reason to rebuild or a name for the preview's log.
///
/// vim: `.x.md.swp`, `x.md~` and its write test `4913`; emacs: `.#x.md`, `#x.md#`; VS Code and
/// others: `x.md.tmp`; JetBrains: `x.md___jb_tmp___`, `x.md___jb_old___`. The file itself is
/// then written in place or renamed over, which the watcher sees under its own name.
public enum EditorFiles {
    /// Hidden files, editor swap and lock files, backups: never content, never published.
    public static func isLeftover(_ name: String) -> Bool {
        // Bytes, lowercased as ASCII: this runs for every file of the site on every build.
        let lower = name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        guard let first = lower.first, let last = lower.last else { return true }
        if first == UInt8(ascii: ".") || first == UInt8(ascii: "#") || last == UInt8(ascii: "~") { return true }
        // Word's and LibreOffice's lock files (`~$rilis.docx`, `~lock.rilis.odt#`) name the document and who has it open.
        if first == UInt8(ascii: "~"), lower.count > 1, lower[1] == UInt8(ascii: "$") || lower.starts(with: "~lock.".utf8) { return true }
        func has(_ part: String) -> Bool {
            let p = Array(part.utf8)
            guard p.count <= lower.count else { return false }
            return (0...(lower.count - p.count)).contains { lower[$0..<$0 + p.count].elementsEqual(p) }
        }
        func ends(_ suffix: StaticString) -> Bool {
            let s = UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
            return s.count <= lower.count && lower[(lower.count - s.count)...].elementsEqual(s)
        }
        if has(".md.") || has(".markdown.") { return true }  // rilis.md.bak, rilis.md.orig, rilis.md.2023-02-20
        if ends(".bak") || ends(".orig") || ends(".rej") || ends(".swp") || ends(".swo") || ends(".swx") || ends(".tmp") || ends(".temp")
            || ends(".old") || ends(".save") || ends(".sav") || ends(".part") || ends(".partial") || ends(".crdownload")
            || ends(".download") || ends(".filepart") || numberedTemporary(lower)
            || ends("___jb_tmp___") || ends("___jb_old___") || ends(".kate-swp") {
            return true
        }
        return lower.elementsEqual("thumbs.db".utf8) || lower.elementsEqual("desktop.ini".utf8)
    }

    /// `rilis.pdf.tmp.12345`: a temporary copy named with a process id or counter.
    private static func numberedTemporary(_ lower: [UInt8]) -> Bool {
        guard let dot = lower.lastIndex(of: UInt8(ascii: ".")), dot + 1 < lower.count,
              lower[(dot + 1)...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return dot >= 4 && lower[(dot - 4)..<dot].elementsEqual(".tmp".utf8)
    }

    /// Scripts a web server may run instead of sending (`index.php`, `form.cgi`): a site of static
    /// pages has none, and one left in `content/` could run on a server set up for it. Never
    /// published; the build says so, so nobody wonders where the file went.
    public static func isServerScript(_ name: String) -> Bool {
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let ext = String(name[name.index(after: dot)...]).lowercased()
        return ["php", "php3", "php4", "php5", "php7", "php8", "phtml", "phar", "cgi", "asp", "aspx", "jsp", "jspx"].contains(ext)
    }

    /// vim checks that it may write a folder by creating a file named `4913` (then 5036, 5159…
    /// while that exists). Only ever a file: a folder named `2023` is the year's releases.
    public static func isWriteProbe(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
