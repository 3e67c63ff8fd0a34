import ArgumentParser
import WartaCore

@main
struct Warta: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warta",
        abstract: "Builds a city hall's press releases and event notes into a static website.",
        discussion: """
        Run the commands in a site folder (one with site.yml, content/ and site-templates/), or point \
        to one with --site. Every problem in the content is reported as path:line:column: error: message.
        """,
        version: "0.1.0",
        subcommands: [New.self, Build.self, Check.self, Serve.self, Publish.self, Schedule.self],
        defaultSubcommand: nil
    )
}
