/// What to tell the writer of a `department` that `site.yml` does not list.
enum DepartmentAdvice {
    /// The department meant by `written` when it is not a slug `site.yml` lists: its slug in other
    /// case (`DINKES`), its name (`Dinas Kesehatan`, in any language, any case), or a slug a letter
    /// or two off (`dinkess`).
    static func meant(_ written: String, in departments: [Department]) -> Department? {
        let folded = written.lowercased(), slug = Slug.make(written)
        if let found = departments.first(where: { $0.slug == folded || $0.slug == slug }) { return found }
        if let found = departments.first(where: { d in ([d.name] + d.names.values).contains { $0.lowercased() == folded || Slug.make($0) == slug } }) {
            return found
        }
        // Slugs are short abbreviations (dinsos, dinkes): only a letter or two off is a typo.
        let near = departments.min { editDistance($0.slug, folded) < editDistance($1.slug, folded) }
        return near.flatMap { editDistance($0.slug, folded) <= max(1, folded.count / 4) ? $0 : nil }
    }

    /// Names the department meant when there is one (then the fix is to write its slug); otherwise
    /// says how to add it to `site.yml`.
    static func unknown(_ written: String, departments: [Department]) -> String {
        if let meant = meant(written, in: departments) {
            return "unknown department '\(written)'; did you mean '\(meant.slug)' (\(meant.name))? Write its slug from site.yml: department: \(meant.slug)"
        }
        let message = "unknown department '\(written)'; "
        let slug = Slug.make(written)
        let entry = "{slug: \(slug.isEmpty ? "dinas-baru" : slug), name: \"\(Slug.isValid(written) || written.contains("\"") ? "Full name" : written)\"}"
        if departments.isEmpty {
            return message + "site.yml lists no departments. To add it, put this line in site.yml:  departments: [\(entry)]"
        }
        return message + "site.yml lists \(departments.map(\.slug).joined(separator: ", ")). To add it, put this line under 'departments:' in site.yml:  - \(entry)"
    }
}
