import Yams

/// `withdrawn: {date, reason, hide_body}` in front matter.
enum WithdrawalReader {
    /// The withdrawal and where its date is written (where a date before publication is reported).
    static func read(_ node: Node, _ r: inout YAMLReader) -> (Withdrawal, SourceLocation?)? {
        guard case .mapping = node else {
            r.error(node, """
            'withdrawn' must be a mapping of 'field: value' lines, indented under it, e.g.
            withdrawn:
              date: 2023-02-22 10:00
              reason: The schedule was changed; see the new release.
            """)
            return nil
        }
        guard let fields = r.mapping(node, what: "'withdrawn'") else { return nil }
        r.rejectUnknown(fields, allowed: FieldTable["withdrawn"].partNames, in: "'withdrawn'")
        let dateField = fields.first { $0.key == "date" }
        let date = dateField.flatMap { r.instant($0.node, "date") }
        let reason = fields.first { $0.key == "reason" }.flatMap { r.string($0.node, "reason") }
        let hideBody = fields.first { $0.key == "hide_body" }.flatMap { r.bool($0.node, "hide_body") } ?? false
        guard let date, let reason else {
            if dateField == nil || !fields.contains(where: { $0.key == "reason" }) {
                r.error(node, "'withdrawn' needs 'date' (when it was withdrawn) and 'reason' (shown to readers)")
            }
            return nil
        }
        return (Withdrawal(date: date, reason: reason, hideBody: hideBody), dateField.flatMap { r.location($0.node) })
    }
}
