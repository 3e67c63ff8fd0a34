import Yams

/// What was published of one emergency notice as CAP messages, oldest first: the memory that makes
/// a changed notice go out as an `Update` of the message before and one ended early as a `Cancel`.
///
/// It is kept in the site folder, beside the notices, as `content/alerts/<slug>.cap.yml`, so a
/// build stays reproducible from the site folder alone (a clean clone makes the same messages) and
/// the record outlives the notice's own file (a notice deleted while in force is cancelled from it).
/// `warta build` and `warta publish` write it when they publish a new message; the office commits it
/// with the site and never edits it. A preview, `check` and `schedule` read it and write nothing.
public struct CAPRecord: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case alert = "Alert", update = "Update", cancel = "Cancel"
    }

    /// One message as published: enough to reference it (`sender,identifier,sent`), to know whether
    /// the notice has changed since (`digest`), and to write its `Cancel` once the notice is gone.
    public struct Message: Sendable, Equatable {
        public var kind: Kind
        public var identifier: String
        public var sent: ZonedInstant
        /// The notice's end as this message announced it: a `Cancel` keeps the one it cancels.
        public var expires: ZonedInstant
        /// `CAPHistory.digest` of what the message said.
        public var digest: String
        public var headline: String
        public var event: String
        public var category: String
        public var area: String
    }

    /// The notice's slug: the record's file name, and the CAP file it speaks for (`/alerts/<slug>.xml`).
    public var slug: String
    public var messages: [Message]

    public static let suffix = ".cap.yml"

    /// `content/alerts/<slug>.cap.yml`.
    public static func path(slug: String) -> String { "content/\(AlertLoader.folder)/\(slug)\(suffix)" }

    public var path: String { Self.path(slug: slug) }

    /// The file's text: YAML, each text a JSON string (valid YAML), times with their offset.
    public var yaml: String {
        var out = """
        # Warta's record of the CAP messages published for the emergency notice '\(slug)': a changed notice
        # goes out as an Update of the last one, a notice ended early as a Cancel. Written by `warta build`
        # and `warta publish`; keep it with the site (commit it) and do not edit it.
        messages:

        """
        for m in messages {
            out += "  - type: \(m.kind.rawValue)\n"
            for (key, value) in [("identifier", m.identifier), ("sent", m.sent.iso8601), ("expires", m.expires.iso8601), ("digest", m.digest),
                                 ("headline", m.headline), ("event", m.event), ("category", m.category), ("area", m.area)] {
                var quoted: [UInt8] = []
                JSONText.quote(value, into: &quoted)
                out += "    \(key): \(String(decoding: quoted, as: UTF8.self))\n"
            }
        }
        return out
    }

    /// Reads a record file; every problem is reported at its place.
    static func read(_ text: String, path: String) -> (CAPRecord?, [Diagnostic]) {
        var r = YAMLReader(path: path, firstLine: 1, zone: nil)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let slug = String(name.dropLast(suffix.count))
        guard let top = r.document(text, what: "the CAP record") else { return (nil, r.diagnostics) }
        r.rejectUnknown(top, allowed: ["messages"], in: "a CAP record")
        var messages: [Message] = []
        if let list = top.first(where: { $0.key == "messages" })?.node {
            if case .sequence(let sequence) = list {
                for node in sequence {
                    guard let fields = r.mapping(node, what: "a message") else { continue }
                    if let message = Self.message(fields, &r) { messages.append(message) }
                }
            } else {
                r.error(list, "'messages' must be a list")
            }
        }
        if messages.isEmpty && r.diagnostics.isEmpty { r.error(at: nil, "the CAP record holds no message") }
        return (r.diagnostics.isEmpty ? CAPRecord(slug: slug, messages: messages) : nil, r.diagnostics)
    }

    private static func message(_ fields: [YAMLReader.Field], _ r: inout YAMLReader) -> Message? {
        let keys = ["type", "identifier", "sent", "expires", "digest", "headline", "event", "category", "area"]
        r.rejectUnknown(fields, allowed: keys, in: "a CAP record's message")
        var text: [String: String] = [:]
        for field in fields where keys.contains(field.key) { text[field.key] = r.string(field.node, field.key) }
        func instant(_ key: String) -> ZonedInstant? {
            guard let value = text[key] else { return nil }
            guard let instant = ZonedInstant.parse(value) else {
                if let node = fields.first(where: { $0.key == key })?.node { r.error(node, "'\(key)' is not a date and time with its offset: '\(value)'") }
                return nil
            }
            return instant
        }
        let sent = instant("sent"), expires = instant("expires")
        guard let type = text["type"], let identifier = text["identifier"], let digest = text["digest"], let sent, let expires else {
            let missing = keys.prefix(5).filter { text[$0] == nil }
            if !missing.isEmpty, let first = fields.first { r.error(first.node, "a message of the CAP record lacks \(missing.joined(separator: ", "))") }
            return nil
        }
        guard let kind = Kind(rawValue: type) else {
            if let node = fields.first(where: { $0.key == "type" })?.node { r.error(node, "unknown message type '\(type)'; Alert, Update or Cancel") }
            return nil
        }
        return Message(kind: kind, identifier: identifier, sent: sent, expires: expires, digest: digest, headline: text["headline"] ?? "",
                       event: text["event"] ?? "", category: text["category"] ?? "Other", area: text["area"] ?? "")
    }
}
