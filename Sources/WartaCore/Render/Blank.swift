import Mustache

/// An absent text for templates: renders as nothing and counts as false in `{{#section}}`.
/// An empty String would not: swift-mustache treats any string, even "", as present.
struct Blank: MustacheCustomRenderable, Sendable {
    var renderText: String { "" }
    var isNull: Bool { true }

    /// The text when there is some, else a blank.
    static func text(_ value: String?) -> Any {
        guard let value, !value.isEmpty else { return Blank() }
        return value
    }
}
