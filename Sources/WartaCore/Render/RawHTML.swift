import Mustache

/// HTML already made (a body as cmark wrote it), handed to templates as its bytes, to be copied
/// into the page as they are. Only swift-mustache, rendering a theme outside Warta's renderer,
/// makes a String of it. To templates it is a text like any other: shown by `{{{content}}}`,
/// escaped by `{{content}}`, present to `{{#content}}`, and without fields.
struct RawHTML: MustacheCustomRenderable, MustacheParent, Sendable {
    let bytes: [UInt8]

    var renderText: String { String(decoding: bytes, as: UTF8.self) }
    var isNull: Bool { false }
    func child(named name: String) -> Any? { nil }
}
