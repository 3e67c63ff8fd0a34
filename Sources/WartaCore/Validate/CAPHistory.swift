/// Which CAP message each notice stands for at the build clock, from the notices and their records
/// (`CAPRecord`), as CAP 1.2 asks of a sender (3.2.1, `msgType`, `references`):
///
/// - a notice first published is an `Alert`, identified by its instant of issue;
/// - a notice whose text, severity, area, expiry or CAP fields changed since its last message is an
///   `Update`: a new identifier and `sent` (the build clock), `references` naming every earlier one;
/// - a notice ended early (no longer in force before the end its last message announced: deleted,
///   made a draft, or its `expires` moved into the past) is followed by a `Cancel` that references
///   them all, kept in `/alerts.xml` until that announced end.
///
/// Decided once per build, in the catalog, like every other question the clock answers.
public enum CAPHistory {
    /// The message a notice (or a cancelled one) stands for now, with the ones it replaces.
    public struct Current: Sendable {
        public let message: CAPRecord.Message
        public let earlier: [CAPRecord.Message]
        /// Not in its record yet: a build that records (`BuildOptions.recordsCAP`) writes it.
        public let isNew: Bool

        /// The record with this message last.
        func record(slug: String) -> CAPRecord { CAPRecord(slug: slug, messages: earlier + [message]) }
    }

    /// A notice no longer in force before its announced end, and its `Cancel`.
    public struct Cancelled: Sendable {
        public let slug: String
        public let current: Current
    }

    /// A hash of what a message says of the notice: a changed one is an Update.
    static func digest(_ alert: Alert) -> String {
        var h = StableHash()
        for part in [alert.title, alert.severity.rawValue, alert.area, alert.event, alert.category, alert.urgency, alert.certainty,
                     alert.expires.iso8601, alert.issued.iso8601, alert.text] {
            h.combine(part)
            h.combine(UInt8(0))
        }
        if let t = alert.translation {
            for part in [t.language.rawValue, t.title, t.area, t.event, t.text] {
                h.combine(part)
                h.combine(UInt8(0))
            }
        }
        return String(UInt64(bitPattern: Int64(h.finalize)), radix: 16)
    }

    /// A record's chain is open while its last message is no Cancel and the end it announced is ahead.
    static func isOpen(_ record: CAPRecord, now: ZonedInstant) -> Bool {
        guard let last = record.messages.last else { return false }
        return last.kind != .cancel && last.expires > now
    }

    /// The message of a notice in force. `recorded`: its record, when the notice is public (a
    /// preview's draft or embargoed notice is always a first `Alert`, and never recorded).
    static func current(_ alert: Alert, recorded whole: CAPRecord?, now: ZonedInstant, base: BaseURL, zone: SiteTimeZone) -> Current {
        let digest = digest(alert)
        let recorded = whole.map { asOf($0, now) }, complete = whole.map { asOf($0, now) == $0 } ?? true
        func message(_ kind: CAPRecord.Kind, identifier: String, sent: ZonedInstant) -> CAPRecord.Message {
            CAPRecord.Message(kind: kind, identifier: identifier, sent: zone.local(sent), expires: zone.local(alert.expires), digest: digest,
                              headline: alert.title, event: alert.event, category: alert.category, area: alert.area)
        }
        guard let record = recorded, isOpen(record, now: now), let last = record.messages.last else {
            // A first message; a notice that comes back after a closed chain gets an identifier of
            // its own even when its instant of issue is unchanged.
            var identifier = CAPFeed.identifier(alert, base: base)
            if recorded?.messages.contains(where: { $0.identifier == identifier }) == true {
                identifier = unique(stamped(now, slug: alert.slug, base: base), in: recorded?.messages ?? [])
            }
            return Current(message: message(.alert, identifier: identifier, sent: alert.issued), earlier: [], isNew: complete)
        }
        if last.digest == digest { return Current(message: last, earlier: Array(record.messages.dropLast()), isNew: false) }
        let identifier = unique(stamped(now, slug: alert.slug, base: base), in: record.messages)
        return Current(message: message(.update, identifier: identifier, sent: now), earlier: record.messages, isNew: complete)
    }

    /// The record as it stood at `now`: the messages sent by then. A build whose clock is behind
    /// its record (`--now` in the past) shows what was out then, and records nothing (`isNew` false).
    static func asOf(_ record: CAPRecord, _ now: ZonedInstant) -> CAPRecord {
        guard record.messages.contains(where: { $0.sent > now }) else { return record }
        return CAPRecord(slug: record.slug, messages: record.messages.filter { $0.sent <= now })
    }

    /// Each record whose notice is not in force (as `shown` slugs say) before the end its last
    /// message announced: its Cancel, new or recorded, until that end.
    static func cancels(_ records: [CAPRecord], shown: Set<String>, now: ZonedInstant, base: BaseURL, zone: SiteTimeZone) -> [Cancelled] {
        records.compactMap { whole in
            let record = asOf(whole, now)
            guard !shown.contains(record.slug), let last = record.messages.last, last.expires > now else { return nil }
            if last.kind == .cancel {
                return Cancelled(slug: record.slug, current: Current(message: last, earlier: Array(record.messages.dropLast()), isNew: false))
            }
            var cancel = last
            cancel.kind = .cancel
            cancel.identifier = unique(stamped(now, slug: record.slug, base: base), in: record.messages)
            cancel.sent = zone.local(now)
            return Cancelled(slug: record.slug, current: Current(message: cancel, earlier: record.messages, isNew: record == whole))
        }.sorted { $0.slug < $1.slug }
    }

    /// `host.alert.<UTC stamp>.<slug>`, as a first message's, for the instant given.
    static func stamped(_ instant: ZonedInstant, slug: String, base: BaseURL) -> String {
        let c = instant.at(offset: 0).civil
        return "\(CAPFeed.host(base)).alert.\(c.year)\(pad2(c.month))\(pad2(c.day))\(pad2(c.hour))\(pad2(c.minute))\(pad2(c.second)).\(slug)"
    }

    /// The identifier, or the same with `.2`, `.3`… when the chain has it already (two messages in
    /// one second).
    static func unique(_ identifier: String, in messages: [CAPRecord.Message]) -> String {
        let taken = Set(messages.map(\.identifier))
        guard taken.contains(identifier) else { return identifier }
        var n = 2
        while taken.contains("\(identifier).\(n)") { n += 1 }
        return "\(identifier).\(n)"
    }
}
