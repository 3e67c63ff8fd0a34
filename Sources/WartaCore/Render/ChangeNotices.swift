/// The words that tell readers an item changed after it went out (a withdrawal, a correction), in
/// the site language: the same sentence leads the feed item, the calendar entry and the page's
/// description, so a subscriber reads what a visitor reads.
extension PageContext {
    /// `Dicabut pada Senin, 20 Februari 2023 pukul 15.00 WITA. Alasan: …`
    func withdrawalText(_ w: Withdrawal) -> String { Self.withdrawalText(w, labels: labels, dates: dates) }

    static func withdrawalText(_ w: Withdrawal, labels: [String: String], dates: DateText) -> String {
        let stop = w.reason.last.map { ".!?".contains($0) } ?? true ? "" : "."
        return "\(labels["withdrawnOn"]!) \(dates.dateTime(w.date)). \(labels["reason"]!): \(w.reason)\(stop)"
    }

    /// An entry's teaser, led by its withdrawal when it has one: for page descriptions, structured
    /// data, feed descriptions and calendars.
    func noticedTeaser(_ i: Int) -> String {
        let entry = catalog.entries[i]
        guard let w = entry.withdrawal, !w.hideBody else { return teasers[i] }
        return withdrawalText(w) + " " + teasers[i]
    }

    /// `Ralat (Kamis, 16 Februari 2023 pukul 14.00 WITA): …`
    func correctionText(_ c: Correction) -> String {
        "\(labels["correction"]!) (\(dates.dateTime(c.date))): \(c.note)"
    }

    /// HTML paragraphs that open a feed item's content: the withdrawal, then the corrections, newest
    /// first (none when a withdrawal hides the text).
    func changeNotesHTML(_ entry: Catalog.Entry) -> String {
        let e = HTMLEscape.escape
        var out = ""
        if let w = entry.withdrawal {
            out += "<p><strong>\(e(labels["withdrawnOn"]!)) \(e(dates.dateTime(w.date))).</strong> \(e(labels["reason"]!)): \(e(w.reason))</p>\n"
        }
        guard !entry.bodyHidden else { return out }
        for c in entry.item.corrections.sorted(by: { $0.date > $1.date }) {
            out += "<p><strong>\(e(labels["correction"]!)) (\(e(dates.dateTime(c.date)))):</strong> \(e(c.note))</p>\n"
        }
        return out
    }

    /// What lists, feeds and calendars say of an entry in a line: its summary, or for a text taken
    /// down, the withdrawal alone.
    static func teaser(_ entry: Catalog.Entry, labels: [String: String], dates: DateText) -> String {
        if let w = entry.withdrawal, w.hideBody { return withdrawalText(w, labels: labels, dates: dates) }
        return teaser(entry.item)
    }
}

extension PageContext {
    /// "Siaran pers", "Agenda", "Halaman": what kind of item a line of a record names.
    func kindLabel(_ kind: ItemKind) -> String {
        switch kind {
        case .release: labels["kindRelease"]!
        case .event: labels["kindEvent"]!
        case .page: labels["kindPage"]!
        }
    }
}
