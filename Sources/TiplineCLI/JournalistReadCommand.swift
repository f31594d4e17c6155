import ArgumentParser
import TiplineJournalist

/// `tipline journalist read <source>`: shows a conversation and marks it read (local, no network).
struct JournalistReadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read", abstract: "Show the conversation with a source and mark it read.")

    @Argument(help: "The source: its number, its alias (\"amber-heron\") or a reply-key prefix.")
    var source: String

    @OptionGroup var options: JournalistOptions

    func run() async throws {
        print(JournalistText.conversation(try await options.client().conversation(with: source)))
    }
}
