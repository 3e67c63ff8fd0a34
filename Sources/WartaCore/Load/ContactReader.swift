import Yams

/// A contact block, as in `site.yml`'s `contact` and a release's media `contact`.
enum ContactReader {
    static func read(_ node: Node, _ what: String, _ r: inout YAMLReader) -> Contact? {
        guard let fields = r.mapping(node, what: "'\(what)'") else { return nil }
        r.rejectUnknown(fields, allowed: FieldTable["contact"].partNames, in: "'\(what)'")
        var contact = Contact()
        for field in fields where !YAMLReader.isNull(field.node) {
            let text = r.string(field.node, field.key)
            switch field.key {
            case "name": contact.name = text
            case "role": contact.role = text
            case "address": contact.address = text
            case "phone": contact.phone = text
            case "email":
                if let text, !text.contains("@") || text.contains(" ") {
                    r.error(field.node, "'email' does not look like an e-mail address: '\(text)'")
                } else {
                    contact.email = text
                }
            default: break
            }
        }
        return contact
    }
}
