import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import WartaCore

/// GitHub-style pipe tables, built on cmark's document tree.
@Suite struct PipeTableTests {
    /// Cells of each row of the first table, as text, after parsing the HTML as XML.
    final class TableReader: NSObject, XMLParserDelegate {
        var rows: [[String]] = []
        var headers: [[String: String]] = []
        var cellAttributes: [[String: String]] = []
        var inCell = false
        var text = ""
        var wrapper: [String: String]?

        init(_ html: String) throws {
            super.init()
            let parser = XMLParser(data: Data("<root>\(html)</root>".utf8))
            parser.delegate = self
            guard parser.parse() else { throw CocoaError(.coderReadCorrupt) }
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "div": wrapper = attributes
            case "tr": rows.append([])
            case "th", "td":
                inCell = true
                text = ""
                if name == "th" { headers.append(attributes) } else { cellAttributes.append(attributes) }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { if inCell { text += string } }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "th" || name == "td" {
                rows[rows.count - 1].append(text)
                inCell = false
            }
        }
    }

    @Test func aPipeTableBecomesAnAccessibleScrollingTable() throws {
        let md = """
        Penutupan jalan saat pawai:

        | Ruas jalan | Mulai | Selesai | Catatan |
        |:-----------|:-----:|--------:|---------|
        | Jl. Merdeka | 06.00 | 12.00 | **ditutup total** |
        | Jl. Sudirman \\| Jl. Ahmad Yani | 07.00 | 11.30 | [peta](/lampiran/peta.pdf), `a\\|b` |
        | Jl. Pramuka | 07.30 |
        | Jl. Diponegoro | 08.00 | 10.00 | satu | kolom lebih |
        """
        let out = Markdown.render(md)
        #expect(out.html.contains("<p>Penutupan jalan saat pawai:</p>"))
        let table = try TableReader(out.html)
        #expect(table.wrapper?["class"] == "table-scroll" && table.wrapper?["tabindex"] == "0")
        #expect(table.rows.first == ["Ruas jalan", "Mulai", "Selesai", "Catatan"])
        #expect(table.headers.allSatisfy { $0["scope"] == "col" })
        #expect(table.headers.map { $0["style"] ?? "" } == ["text-align: left", "text-align: center", "text-align: right", ""])
        #expect(table.rows.count == 5)
        #expect(table.rows[2] == ["Jl. Sudirman | Jl. Ahmad Yani", "07.00", "11.30", "peta, a|b"])
        #expect(table.rows[3] == ["Jl. Pramuka", "07.30", "", ""])  // a short row is padded
        #expect(table.rows[4] == ["Jl. Diponegoro", "08.00", "10.00", "satu"])  // a long one is cut
        // As in GFM, a pipe inside a code span is escaped too.
        #expect(out.html.contains("<strong>ditutup total</strong>") && out.html.contains("<code>a|b</code>"))
        #expect(out.links.map { $0.destination } == ["/lampiran/peta.pdf"])
    }

    /// The table's rows as text, and the tags its HTML opens before it, outermost first.
    static func tableIn(_ html: String) throws -> (rows: [[String]], openers: [String]) {
        let start = try #require(html.range(of: "<div class=\"table-scroll\""), "no table in \(html)")
        var open: [String] = []
        for tag in HTMLPage.matches(#"</?(blockquote|ul|ol|li)>|<(ol|li) [^>]*>"#, in: String(html[..<start.lowerBound])) {
            let name = String(tag.dropFirst(tag.hasPrefix("</") ? 2 : 1).prefix { $0.isLetter })
            if tag.hasPrefix("</") { open.removeLast() } else { open.append(name) }
        }
        return (try TableReader(String(html[start.lowerBound...].prefix { _ in true })).rows, open)
    }

    @Test func tablesStandWhereverAParagraphCan() throws {
        let cases: [(markdown: String, openers: [String])] = [
            ("> Harga per kilogram:\n>\n> | Bahan | Harga |\n> |:--|--:|\n> | Beras | Rp 12.000 |\n>| Gula \\| pasir | Rp 15.500 |\n", ["blockquote"]),
            ("- Pasar Lama:\n\n  | Bahan | Harga |\n  |:--|--:|\n  | Beras | Rp 12.000 |\n  | Gula \\| pasir | Rp 15.500 |\n- Pasar Baru\n", ["ul", "li"]),
            ("1. | Bahan | Harga |\n   |:--|--:|\n   | Beras | Rp 12.000 |\n   | Gula \\| pasir | Rp 15.500 |\n", ["ol", "li"]),
            ("> - Pasar:\n>\n>   Bahan | Harga\n>   :-- | --:\n>   Beras | Rp 12.000\n>   Gula \\| pasir | Rp 15.500\n", ["blockquote", "ul", "li"]),
            ("- > | Bahan | Harga |\n  > |:--|--:|\n  > | Beras | Rp 12.000 |\n  > | Gula \\| pasir | Rp 15.500 |\n", ["ul", "li", "blockquote"]),
        ]
        for (markdown, openers) in cases {
            let out = Markdown.render(markdown, plainText: true)
            let found = try Self.tableIn(out.html)
            // Amounts keep their unit on one line (`NoBreak`), wherever the table stands.
            #expect(found.rows == [["Bahan", "Harga"], ["Beras", "Rp\u{A0}12.000"], ["Gula | pasir", "Rp\u{A0}15.500"]], "\(markdown)")
            #expect(found.openers == openers, "\(markdown)\n\(out.html)")
            #expect(!out.html.contains("|:--") && !out.html.contains(":-- |"), "\(out.html)")
            #expect(try TableReader(out.html.replacingOccurrences(of: "<br />", with: "")).headers.map { $0["style"] ?? "" } == ["text-align: left", "text-align: right"])
            // The text version reads the table as rows, too.
            let text = try #require(out.plain).text { $0 }
            #expect(text.contains("Beras | Rp 12.000") && text.contains("Gula | pasir | Rp 15.500") && !text.contains("--"), "\(text)")
        }
    }

    /// A narrow phone wraps cells: an amount and its unit stay on one line there ("Rp" never ends a
    /// line with "450.000" on the next); dates and times in cells keep their spaces.
    @Test func amountsAndUnitsInCellsStayOnOneLine() throws {
        let md = "| Barang | Ukuran | Harga |\n|---|---|--:|\n| Spanduk 17 Agustus | 1,5 × 2 m | **Rp 450.000** |\n"
        let table = try TableReader(Markdown.render(md).html)
        #expect(table.rows[1] == ["Spanduk 17 Agustus", "1,5\u{A0}×\u{A0}2\u{A0}m", "Rp\u{A0}450.000"])
    }

    @Test func cellsAreSafeAndInlineOnly() throws {
        let md = "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(2)) |\n| # judul | - butir |\n"
        let out = Markdown.render(md)
        #expect(!out.html.contains("<script") && !out.html.contains("javascript:"))
        let table = try TableReader(out.html)
        #expect(table.rows[2] == ["# judul", "- butir"])
    }

    @Test func whatIsNotATableStaysAsItWas() {
        // The delimiter row must have as many cells as the header.
        let mismatch = Markdown.render("| a | b |\n|---|\n| 1 | 2 |\n")
        #expect(!mismatch.html.contains("<table") && mismatch.html.contains("<p>| a | b |"))
        // Pipes in running text, a thematic break; a quote's `>` is no cell.
        #expect(!Markdown.render("Harga naik | turun.\n\n---\n").html.contains("<table"))
        #expect(!Markdown.render("> Harga naik | turun.\n> Lalu --- turun lagi.\n").html.contains("<table"))
        #expect(Markdown.render("a | b\n--- | ---\n1 | 2\n").html.contains("<table>"))  // outer pipes are optional
    }
}

@Suite struct SampleTableTests {
    @Test func theSamplePriceReleaseShowsItsTableOnThePageAndInTheFeed() async throws {
        let output = temporaryFolder() + "/public"
        try await SiteBuilder.build(TestSite.options(root: TestSite.repositoryRoot, output: output))
        let page = try String(contentsOfFile: output + "/siaran-pers/2023/02/pemantauan-harga-bahan-pokok/index.html", encoding: .utf8)
        #expect(page.contains("<div class=\"table-scroll\" tabindex=\"0\">\n<table>\n<thead>"))
        #expect(page.contains("<th scope=\"col\" style=\"text-align: right\">Harga rata-rata</th>"))
        #expect(page.contains("<td style=\"text-align: right\">Rp\u{A0}48.000</td>"))
        let feed = try FeedDocument(try Data(contentsOf: URL(fileURLWithPath: output + "/feed.xml")))
        let item = try #require(feed.items.first { $0["link"]?.contains("pemantauan-harga-bahan-pokok") == true })
        #expect(item["content:encoded"]?.contains("<td style=\"text-align: left\">Cabai rawit</td>") == true)
    }
}
