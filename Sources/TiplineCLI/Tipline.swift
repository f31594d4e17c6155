import ArgumentParser

/// `tipline`: one binary, one small file per subcommand.
@main
struct Tipline: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "tipline",
        abstract: "A secure tip line for newsrooms: the CoverDrop protocol, in Swift.",
        version: version,
        subcommands: [
            KeysCommand.self, AdminCommand.self, ServeCommand.self, DemoCommand.self, APICommand.self,
            CoverNodeCommand.self, JournalistCommand.self, ReadersCommand.self, ClientRatchetProbeCommand.self,
        ]
    )
}
