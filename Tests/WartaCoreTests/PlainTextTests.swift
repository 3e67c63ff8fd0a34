import CCMark
import PropertyBased
import Testing
@testable import WartaCore

#if canImport(Glibc)
import Glibc
#endif

/// A release's plain text (`index.txt`), written by `PlainWriter` in one walk, is the text the
/// walk it replaced gave (`PlainTextReference`), for documents built from every kind of block and
/// inline, nested.
@Suite struct PlainTextTests {
    static let blocks = [
        "Paragraf biasa dengan *miring*, **tebal** dan `kode`.", "Baris satu  \nbaris dua\\\nbaris tiga", "# Judul", "## Sub *judul*",
        "> Kutipan wali kota.", "> Satu\n>\n> Dua", "> - kutip daftar\n> - lagi", "- satu\n- dua", "- satu\n\n- dua",
        "1. pertama\n2. kedua", "3. tiga\n\n   lanjutan\n4. empat", "- luar\n  - dalam\n  - dalam dua\n- luar dua", "-\n- kosong di atas",
        "- > kutip dalam daftar\n  > baris", "```\nkode\n\nbaris\n```", "    indentasi kode\n\n    lagi", "***", "<div>html</div>",
        "Teks <b>inline</b> html.", "[tautan](https://contoh.go.id/a) dan [lain](/lampiran/a.pdf)", "<https://kota.go.id/>",
        "[oss.go.id](https://oss.go.id)", "![gambar](/g.png) dan [![logo](/l.png)](https://x.id)", "[label\\\npecah](https://x.id/p)",
        "Rp 12,4 miliar &amp; 5 &lt; 6", "", "- [tautan](#bagian)\n- [surel](mailto:a@b.id)", "> ```\n> kode kutip\n> ```",
        "1. satu\n\n   > kutip\n\n2. dua", "Kalimat \"kutip\" -- dan... selesai.",
    ]

    @Test func theWriterGivesTheTextTheOldWalkGave() async {
        await propertyCheck(count: 1_500, input: Gen.element(of: Self.blocks).array(of: 1...6), Gen.element(of: ["\n\n", "\n", "\n\n\n"]).array(of: 1...5)) { parts, gaps in
            var markdown = ""
            for (n, part) in parts.enumerated() { markdown += (part ?? "") + (gaps[n % gaps.count] ?? "\n\n") }
            let expected = Self.parsed(markdown) { PlainTextReference.plainDocument($0, tables: [:]) }
            let actual = Self.parsed(markdown) { Markdown.plainDocument($0, tables: [:]) }
            #expect(Self.text(actual) == Self.text(expected), "\(markdown.debugDescription)")
        }
    }

    @Test func tableCellsAndLeadInsAreReadAsBefore() async {
        await propertyCheck(count: 500, input: Gen.element(of: Self.blocks).array(of: 1...3)) { parts in
            let text = parts.compactMap { $0 }.joined(separator: "\n")
            #expect(Self.text(Markdown.inlinePlain(text)) == Self.text(PlainTextReference.inlinePlain(text)), "\(text.debugDescription)")
            #expect(Markdown.paragraphPlain(text).map(Self.text) == PlainTextReference.paragraphPlain(text).map(Self.text), "\(text.debugDescription)")
            #expect(Markdown.paragraphPlain(text).map(\.isEmpty) == PlainTextReference.paragraphPlain(text).map(\.isEmpty), "\(text.debugDescription)")
        }
    }

    private static func parsed(_ markdown: String, _ read: (OpaquePointer) -> PlainText) -> PlainText {
        markdown.withCString { c in
            let doc = cmark_parse_document(c, strlen(c), Markdown.options)!
            defer { cmark_node_free(doc) }
            return read(doc)
        }
    }

    /// The text with each link shown, so links count as much as the words.
    private static func text(_ plain: PlainText) -> String { text(plain.pieces) }

    private static func text(_ pieces: [PlainText.Piece]) -> String {
        PlainText(pieces: pieces).text { "<\($0)>" }
    }
}
