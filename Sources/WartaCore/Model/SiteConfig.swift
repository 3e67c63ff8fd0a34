import Foundation

/// Everything `site.yml` says, checked and with defaults filled in.
public struct SiteConfig: Sendable {
    public var title: String
    public var tagline: String
    public var baseURL: BaseURL
    public var language: Language
    public var timeZone: SiteTimeZone
    public var perPage: Int
    public var departments: [Department]
    public var contact: Contact?
    /// The city's emblem for the header and the letterhead of a printed page: a file under
    /// `content/` or the theme's `static/` (`/gambar/logo.svg`, as a site path) or an http(s) address.
    public var logo: Image?
    public var feed: FeedSettings
    public var sections: SectionNames
    public var home: HomeSettings
    public var publish = PublishSettings()
    /// What an official release is made of besides its own text (see `ReleaseSettings`).
    public var release = ReleaseSettings()
    /// The image shown when a page is shared and has none of its own (`share_image`).
    public var shareImage: Image?
    /// Display names of tags by slug (`tags:`); a tag without one shows as written.
    public var tagNames: [String: String] = [:]
    /// Tag names in other languages than the default, by language (`tags: {slug: {id: …, en: …}}`).
    public var tagTranslations: [Language: [String: String]] = [:]
    /// Every language the site publishes in (`languages`), the default first: `language` is the
    /// first one's. A site with only `language:` has that one.
    public var languages: [SiteLanguage] = []

    /// The site's languages, the default first (just `language` for a site of one).
    public var languageCodes: [Language] { languages.isEmpty ? [language] : languages.map(\.language) }

    /// The tree an item lives in: its own language when the site publishes in it, else the default
    /// (an English item on an Indonesian-only site stays among the Indonesian pages, as it always has).
    public func tree(of item: Item) -> Language {
        guard let own = item.language, own != language, languages.contains(where: { $0.language == own }) else { return language }
        return own
    }

    /// The same settings as the pages of `other` see them: its language, title, tagline and section
    /// names. The default language's view is `self`.
    public func speaking(_ other: Language) -> SiteConfig {
        guard other != language, let settings = languages.first(where: { $0.language == other }) else { return self }
        var copy = self
        copy.language = other
        copy.title = settings.title ?? title
        copy.tagline = settings.tagline ?? tagline
        if let own = settings.contact {
            // What the language's contact leaves out (the address, the phone) is the site's.
            let site = contact ?? Contact()
            copy.contact = Contact(name: own.name ?? site.name, role: own.role ?? site.role, address: own.address ?? site.address,
                                   phone: own.phone ?? site.phone, email: own.email ?? site.email)
        }
        copy.sections = settings.sections
        copy.departments = departments.map { d in
            var named = d
            named.name = d.names[other] ?? d.name
            return named
        }
        copy.tagNames.merge(tagTranslations[other] ?? [:]) { _, translated in translated }
        return copy
    }

    public func department(slug: String) -> Department? { departments.first { $0.slug == slug } }

    /// A tag as readers see it: its name from `site.yml`, else as the item wrote it.
    public func tagName(_ written: String) -> String { tagNames[Slug.make(written)] ?? written }
}

/// One entry of `languages:`: a language the site publishes in, with its own title, tagline and
/// footer contact when given (else the site's), and its URL section names.
public struct SiteLanguage: Sendable {
    public var language: Language
    public var title: String?
    public var tagline: String?
    /// The fields of the site's `contact` said in this language (the office's name, say).
    public var contact: Contact?
    public var sections: SectionNames
    /// Where its pages live: "" for the default language, `en/` for another.
    public var prefix: String

    public init(language: Language, title: String? = nil, tagline: String? = nil, contact: Contact? = nil, sections: SectionNames, prefix: String) {
        self.language = language
        self.title = title
        self.tagline = tagline
        self.contact = contact
        self.sections = sections
        self.prefix = prefix
    }
}

/// The parts of an official release that come from `site.yml`: the dateline's city (`city`), the
/// "about" text after each release (`about`, per language), and the media contact of releases that
/// name none (`media_contact`).
public struct ReleaseSettings: Sendable {
    public var city: String?
    public var about: [Language: String] = [:]
    /// The links and images of each `about` text, at their line and column in `site.yml`.
    public var aboutLinks: [Language: [Markdown.Link]] = [:]
    public var mediaContact: Contact?
}

public struct Department: Sendable, Hashable {
    public let slug: String
    /// In the language of the pages that show it (see `SiteConfig.speaking`).
    public var name: String
    /// Its name in each language `site.yml` gives one for (`name: {id: …, en: …}`).
    public var names: [Language: String] = [:]
}

public struct Contact: Sendable, Hashable {
    public var name: String?
    public var role: String?
    public var address: String?
    public var phone: String?
    public var email: String?
}

public struct FeedSettings: Sendable {
    /// How many of the newest items each feed carries.
    public var items: Int = 20
}

public struct HomeSettings: Sendable {
    public var releases: Int = 6
    public var events: Int = 5
}

public enum Language: String, Sendable, CaseIterable {
    case id, en

    /// The language's own name, for a language switch (each written as its readers write it).
    public var ownName: String {
        switch self {
        case .id: "Bahasa Indonesia"
        case .en: "English"
        }
    }

    /// `id_ID`, `en_US`: the Open Graph locale.
    public var locale: String { self == .id ? "id_ID" : "en_US" }
}

/// The URL path segments of each section; defaults follow the site language.
public struct SectionNames: Sendable {
    public var press: String
    public var events: String
    public var pastEvents: String
    public var departments: String
    public var tags: String
    public var archive: String
    public var page: String
    /// Every withdrawal (`/dicabut/`) and every correction (`/ralat/`).
    public var withdrawn: String
    public var corrections: String
    /// The search page (`/cari/`), whose index Pagefind makes after the build.
    public var search: String

    public static func defaults(for language: Language) -> SectionNames {
        switch language {
        case .id:
            SectionNames(press: "siaran-pers", events: "agenda", pastEvents: "arsip", departments: "dinas",
                         tags: "topik", archive: "arsip", page: "halaman", withdrawn: "dicabut", corrections: "ralat", search: "cari")
        case .en:
            SectionNames(press: "press-releases", events: "events", pastEvents: "past", departments: "departments",
                         tags: "topics", archive: "archive", page: "page", withdrawn: "withdrawn", corrections: "corrections", search: "search")
        }
    }
}

/// The public address of the site. Pages link with root-relative paths that include `path`,
/// so a site published under `https://host/warta/` works as well as one at the root.
public struct BaseURL: Sendable, Hashable {
    /// `https://wiramayakota.go.id` (no trailing slash).
    public let origin: String
    /// `/` or `/warta/` (always starts and ends with a slash).
    public let path: String

    public init?(_ text: String) {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = text[schemeEnd.upperBound...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let host = rest[..<slash]
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "?" || $0 == "#" }) else { return nil }
        var path = String(rest[slash...])
        if path.contains("?") || path.contains("#") || path.contains(" ") { return nil }
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        self.origin = "\(scheme)://\(host)"
        self.path = path
    }

    /// Root-relative link for a site path such as `siaran-pers/` (no leading slash).
    public func link(_ sitePath: String) -> String { path + sitePath }

    /// Absolute URL for a site path.
    public func absolute(_ sitePath: String) -> String { origin + path + sitePath }
}
