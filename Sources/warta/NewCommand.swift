import ArgumentParser
import Foundation
import WartaCore

struct New: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",  // named, not derived from the type at every start
        abstract: "Start a new press release, event note or page, ready to build.",
        discussion: """
        Writes content/press/YYYY-MM-DD-slug.md, content/events/YYYY-MM-DD-slug.md (the start date) or \
        content/pages/slug.md, with the slug folded from the title (unique: -2, -3… when taken), today's \
        date in the site's zone, 'draft: true' (--ready leaves it out), every other field as a comment in \
        the site's language, and a body to write over; then prints the file and the address the item will have. It never overwrites a file: \
        a --slug that is taken is refused. Example: warta new release "Wali Kota Buka Festival Teluk" \
        --department dispar
        """,
        subcommands: [NewRelease.self, NewEvent.self, NewPage.self]
    )
}

/// Options every kind of `warta new` shares.
struct NewOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site folder (with site.yml).", valueName: "dir"))
    var site: String = "."

    @Option(name: .long, help: ArgumentHelp(
        "Today is the day of this instant, e.g. 2023-02-21T09:00:00+08:00 (default: $WARTA_NOW, else the system clock).",
        valueName: "instant"))
    var now: String?

    @Option(name: .long, help: ArgumentHelp("A department slug from site.yml.", valueName: "slug"))
    var department: String?

    @Option(name: .long, help: ArgumentHelp(
        "The last part of the URL instead of one made from the title; refused when an item already has it.",
        valueName: "slug"))
    var slug: String?

    @Flag(name: .long, help: "Write it ready to publish (no 'draft: true'): public at its date once its example text is replaced.")
    var ready = false

    @Flag(name: .long, help: "Write 'draft: true' (the default): never published until you change it to false.")
    var draft = false

    func validate() throws {
        if ready && draft { throw ValidationError("--ready and --draft say opposite things; give one") }
        if let now, ZonedInstant.parse(now) == nil {
            throw ValidationError("--now must be a date-time with an offset, e.g. 2023-02-21T09:00:00+08:00")
        }
    }

    func create(_ kind: ItemKind, title: String, date: String? = nil, start: String? = nil) async throws {
        let instant = try Now.clock(now).now()
        var request = NewItem.Request(kind: kind, title: title, now: instant)
        request.department = department
        request.date = date
        request.start = start
        request.slug = slug
        request.draft = !ready
        var root = site
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        do {
            let created = try await NewItem.create(siteRoot: root, request)
            print("created \(root == "." ? "" : root + "/")\(created.path)")
            print("url: \(created.url)")
            if created.draft {
                print("draft: never published until you change 'draft: true' to 'draft: false'")
            } else {
                if let from = created.publicFrom { print("public from \(from.iso8601) (its date is later than now)") }
                print("ready: replace the example text before it goes out ('warta check' points at each line until then)")
            }
        } catch {
            Report.problems(error.diagnostics, root: root)
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
    }
}

struct NewRelease: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "A press release in content/press/.",
        aliases: ["press"]
    )

    @Argument(help: "The title, in quotes.") var title: String
    @Option(name: .long, help: ArgumentHelp("Publication date, e.g. 2023-02-21 or '2023-02-21 10:00' (default: now).", valueName: "date"))
    var date: String?
    @OptionGroup var options: NewOptions

    func run() async throws { try await options.create(.release, title: title, date: date) }
}

struct NewEvent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "An event note in content/events/.",
        aliases: ["events"]
    )

    @Argument(help: "The title, in quotes.") var title: String
    @Option(name: .long, help: ArgumentHelp(
        "When it starts, e.g. '2023-03-08 09:00', or a date alone for an all-day event (required).", valueName: "date"))
    var start: String?
    @Option(name: .long, help: ArgumentHelp("When the note is published (default: now).", valueName: "date"))
    var date: String?
    @OptionGroup var options: NewOptions

    func run() async throws { try await options.create(.event, title: title, date: date, start: start) }
}

struct NewPage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page",
        abstract: "A plain page (about, contact) in content/pages/.",
        aliases: ["pages"]
    )

    @Argument(help: "The title, in quotes.") var title: String
    @OptionGroup var options: NewOptions

    func run() async throws { try await options.create(.page, title: title) }
}
