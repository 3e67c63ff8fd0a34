/// An emergency notice from `content/alerts/`: a flood watch, a road closure. Not an `Item`: it has
/// no page, no listing, no tags; it shows as a banner on every page, opens the home page and the
/// main feed, and is written as a CAP 1.2 message, from its publication until it expires, and
/// never after (an expired item keeps its page; an expired notice leaves no trace).
public struct Alert: Sendable {
    public enum Severity: String, Sendable, CaseIterable {
        case info, warning, danger

        /// CAP `severity`: a notice to know about is Minor, one to act on Moderate, a danger to
        /// life or property Severe. Extreme ("extraordinary threat") is left to the national
        /// warning services: a city's notice never claims it.
        public var cap: String {
            switch self {
            case .info: "Minor"
            case .warning: "Moderate"
            case .danger: "Severe"
            }
        }

        /// Most severe first: the order notices are shown in.
        var rank: Int {
            switch self {
            case .danger: 0
            case .warning: 1
            case .info: 2
            }
        }
    }

    /// The same notice in the site's second language (`en:` on an Indonesian site, `id:` on an
    /// English one): a second `info` block in the CAP message, and a paragraph on the home page.
    public struct Translation: Sendable {
        public var language: Language
        public var title: String
        public var area: String
        public var event: String
        public var content: Markdown.Rendered
        /// The text without markup, for the CAP `description`.
        public var text: String
    }

    /// Path relative to the site folder.
    public var sourcePath: String
    /// From the file name (`2023-02-21-banjir.md` -> `banjir`) or `slug:`: names the CAP file
    /// (`/alerts/banjir.xml`) and the notice's anchor on the home page.
    public var slug: String
    public var title: String
    public var severity: Severity
    public var area: String
    /// CAP `event`: what kind of event it is ("Banjir", "Penutupan jalan"); default the title.
    public var event: String
    /// CAP vocabularies, checked when read; defaults say honestly that nothing more is known.
    public var category = "Other"
    public var urgency = "Unknown"
    public var certainty = "Unknown"
    public var date: ZonedInstant?
    public var publishAt: ZonedInstant?
    public var expires: ZonedInstant
    public var draft = false
    public var content: Markdown.Rendered
    /// The body without markup, for the CAP `description`.
    public var text: String
    public var translation: Translation?
    /// Every link and image of the body and of the translation's text, at its line and column in
    /// the file: what the link check reads, and the files the notice brings with it.
    public var links: [Markdown.Link] = []
    /// A hash of the file's bytes: the banner is on every page, so every page's fingerprint holds it.
    public var fingerprint: Int

    /// Its id on the home page, where it is read in full: `peringatan-banjir` / `alert-banjir`.
    public func anchor(in language: Language) -> String { (language == .id ? "peringatan-" : "alert-") + slug }

    /// The notice as the pages of `language` show it: led by its translation when that is in
    /// `language`, the site's own text (in `siteLanguage`) becoming the translation. Else as it is.
    public func speaking(_ language: Language, siteLanguage: Language) -> Alert {
        guard language != siteLanguage, let t = translation, t.language == language else { return self }
        var swapped = self
        swapped.title = t.title
        swapped.area = t.area
        swapped.event = t.event
        swapped.content = t.content
        swapped.text = t.text
        swapped.translation = Translation(language: siteLanguage, title: title, area: area, event: event, content: content, text: text)
        return swapped
    }

    /// When it went public: its embargo if it has one, else its date (CAP `sent`, the feed's date).
    /// The loader refuses a notice with neither, so `expires` is never the answer.
    public var issued: ZonedInstant { publishAt ?? date ?? expires }

    /// The CAP five allowed values of `urgency` and `certainty`, and the twelve categories.
    static let urgencies = ["Immediate", "Expected", "Future", "Past", "Unknown"]
    static let certainties = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"]
    static let categories = ["Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other"]
}
