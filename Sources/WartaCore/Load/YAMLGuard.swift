// libyaml's event parser, the one Yams composes from. Yams does not export its events, so the guard
// reads them from the same C module; only this file imports it.
internal import CYaml

/// Refuses, before Yams composes a tree, what could make reading front matter or `site.yml` slow
/// or crash: more than 1 MiB, nesting deeper than 64, and anchors or aliases. An alias can stand
/// for a tree that doubles at every level (a "billion laughs"); used as a mapping key it is hashed
/// whole by the composer's duplicate check, which never ends. Content never needs them.
///
/// The guard reads the parser's own events, not the text: whatever the scanner makes of quotes,
/// comments or block scalars, an alias is an event here exactly when it is one for the composer.
/// One pass over the events is linear in the text, which the size cap bounds.
enum YAMLGuard {
    static let maxBytes = 1 << 20
    static let maxDepth = 64

    struct Refusal {
        let line: Int
        let column: Int
        let message: String
    }

    static func refusal(_ yaml: String) -> Refusal? {
        var bytes = Array(yaml.utf8)
        if bytes.count > maxBytes {
            return Refusal(line: 1, column: 1, message: "the YAML is \(bytes.count / 1024) KiB; the limit is \(maxBytes / 1024) KiB")
        }
        // Most front matter has no '&' or '*' and nests a few levels: then no event can be refused,
        // and the second parse (libyaml's events, a measurable part of a build) is skipped.
        guard mayNeedEvents(bytes) else { return nil }
        return bytes.withUnsafeMutableBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return walk(&parser)
        }
    }

    /// Reads every event; nil when the YAML holds nothing to refuse, or a syntax error comes first
    /// (the composer reports that one, with advice).
    private static func walk(_ parser: inout yaml_parser_t) -> Refusal? {
        var depth = 0
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            let mark = event.start_mark
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_ALIAS_EVENT:
                return anchorRefusal(mark, "*")
            case YAML_SCALAR_EVENT where event.data.scalar.anchor != nil:
                return anchorRefusal(mark, "&")
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let anchored = event.type == YAML_SEQUENCE_START_EVENT
                    ? event.data.sequence_start.anchor != nil : event.data.mapping_start.anchor != nil
                if anchored { return anchorRefusal(mark, "&") }
                depth += 1
                if depth > maxDepth {
                    return Refusal(line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: "the YAML nests deeper than \(maxDepth) levels")
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                depth -= 1
            default:
                break
            }
        }
    }

    /// Whether the text could hold an anchor, an alias or nesting past `maxDepth`: an '&' or a
    /// '*', as many brackets as levels, or a line indented as deep (each level of block nesting
    /// takes a column at least, and a sequence entry's '- ' counts as one).
    static func mayNeedEvents(_ bytes: [UInt8]) -> Bool {
        var brackets = 0, indent = 0, atLineStart = true
        for b in bytes {
            switch b {
            case UInt8(ascii: "&"), UInt8(ascii: "*"): return true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                brackets += 1
                if brackets >= maxDepth / 2 { return true }
            case UInt8(ascii: "\n"):
                atLineStart = true
                indent = 0
                continue
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "\t") where atLineStart:
                indent += 1
                if indent >= maxDepth / 2 { return true }
                continue
            default: break
            }
            atLineStart = false
        }
        return false
    }

    private static func anchorRefusal(_ mark: yaml_mark_t, _ sign: Character) -> Refusal {
        Refusal(line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: """
        YAML anchors and aliases ('&name', '*name') are not allowed here; write the value out, \
        or put text that starts with '\(sign)' in quotes
        """)
    }
}
