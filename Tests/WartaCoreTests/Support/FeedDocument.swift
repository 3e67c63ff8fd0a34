import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small, independent RSS reader for tests: a real XML parser (fails on malformed XML) that
/// collects the channel's and each item's child elements by name.
final class FeedDocument: NSObject, XMLParserDelegate {
    struct ParseError: Error { let message: String }

    private(set) var channel: [String: String] = [:]
    private(set) var items: [[String: String]] = []
    private(set) var selfLink: String?
    private(set) var rootName: String?
    private var stack: [String] = []
    private var text = ""
    private var current: [String: String]?

    init(_ data: Data, root: String = "rss") throws {
        super.init()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.delegate = self
        guard parser.parse() else {
            throw ParseError(message: parser.parserError.map { "\($0)" } ?? "XML error at line \(parser.lineNumber)")
        }
        guard rootName == root else { throw ParseError(message: "root element is \(rootName ?? "none"), not \(root)") }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if rootName == nil { rootName = name }
        stack.append(name)
        text = ""
        if name == "item" { current = [:] }
        if name == "atom:link", attributes["rel"] == "self" { selfLink = attributes["href"] }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
        if name == "item", let item = current {
            items.append(item)
            current = nil
        } else if current != nil {
            if current?[name] == nil { current?[name] = text }
        } else if stack.last == "channel" {
            channel[name] = text
        }
        text = ""
    }

    /// `Tue, 21 Feb 2023 09:00:00 +0800` to seconds since 1970.
    static func parseRFC822(_ text: String) -> Int {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return Int(f.date(from: text)?.timeIntervalSince1970 ?? -1)
    }
}
