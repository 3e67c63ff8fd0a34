import Mustache

/// One notice in force as templates see it (`site.alerts[]`): the same on every page, so made once
/// per build. Typed, like `SiteValues`, so the values can be shared by every rendering task.
struct AlertValues: MustacheParent, Sendable {
    let title: String
    let severity: String
    /// The severity in words ("Bahaya"): a banner never says it by colour alone.
    let level: String
    let area: String
    /// The notice's place on the home page, and a link to it from every page's banner.
    let anchor: String
    let url: String
    let capURL: String
    let issued: TimeValues
    let expires: TimeValues
    let content: String
    let preview: String?
    let translation: TranslationValues?

    struct TimeValues: MustacheParent, Sendable {
        let iso: String
        let dateTime: String
        func child(named name: String) -> Any? {
            switch name {
            case "iso": iso
            case "dateTime": dateTime
            default: nil
            }
        }
    }

    /// The notice in the site's second language, with that language's labels.
    struct TranslationValues: MustacheParent, Sendable {
        let lang: String
        let title: String
        let level: String
        let area: String
        let areaLabel: String
        let content: String
        func child(named name: String) -> Any? {
            switch name {
            case "lang": lang
            case "title": title
            case "level": level
            case "area": area
            case "areaLabel": areaLabel
            case "content": content
            default: nil
            }
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "severity": severity
        case "level": level
        case "area": area
        case "anchor": anchor
        case "url": url
        case "capURL": capURL
        case "issued": issued
        case "expires": expires
        case "content": content
        case "preview": Blank.text(preview)
        case "translation": translation.map { $0 as Any } ?? false
        default: nil
        }
    }

    static func make(_ catalog: Catalog, dates: DateText, labels: [String: String], text: InterfaceText) -> [AlertValues] {
        let config = catalog.config, zone = config.timeZone
        let links = WrittenLinks(written: catalog.written.path, serving: config.baseURL.path)
        return catalog.alerts.map { active in
            // Another of the site's languages leads with the notice's text in it, when it has one.
            let language = config.language, alert = active.alert.speaking(language, siteLanguage: catalog.siteConfig.language)
            let anchor = alert.anchor(in: language)
            func time(_ t: ZonedInstant) -> TimeValues {
                let local = zone.local(t)
                return TimeValues(iso: local.iso8601, dateTime: dates.dateTime(local))
            }
            let preview: String? = switch active.preview {
            case .none: nil
            case .draft: labels["draftBanner"]!
            case .embargoed(let until): "\(labels["embargoBanner"]!) \(dates.dateTime(zone.local(until)))"
            }
            let translation = alert.translation.map { t in
                TranslationValues(lang: t.language.rawValue, title: t.title, level: Labels.severity(alert.severity, text.table(t.language)),
                                  area: t.area, areaLabel: text.table(t.language)["alertArea"]!, content: links.html(t.content.html))
            }
            return AlertValues(title: alert.title, severity: alert.severity.rawValue, level: Labels.severity(alert.severity, labels),
                               area: alert.area, anchor: anchor, url: config.baseURL.link(catalog.routes.home) + "#" + anchor,
                               capURL: config.baseURL.absolute(catalog.routes.alertMessage(alert.slug)),
                               issued: time(alert.issued), expires: time(alert.expires), content: links.html(alert.content.html),
                               preview: preview, translation: translation)
        }
    }
}
