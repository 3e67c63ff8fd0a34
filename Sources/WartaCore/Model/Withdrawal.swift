/// A published item taken back (pencabutan): from `date` on, its page stays at its URL under a
/// notice with the date and the reason, it leaves every list, count, sitemap and month view, and
/// feeds and calendars that carry it say it was withdrawn. Before `date` nothing changes.
public struct Withdrawal: Sendable {
    public var date: ZonedInstant
    public var reason: String
    /// For legal cases: the text (and its summary, image, attachments and corrections) is removed,
    /// only the notice stays, and the URL goes on the list of pages to answer with 410 Gone.
    public var hideBody = false
}
