import ArgumentParser
import TiplineJournalist

/// `tipline journalist sync`: registers a new vault if needed, then fetches and decrypts new dead drops.
struct JournalistSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Fetch new messages from sources.")

    @OptionGroup var options: JournalistOptions

    func run() async throws {
        let client = try options.client()
        if try await client.completeSetup() { print("Registered with the API and published a messaging key.") }
        print(JournalistText.sync(try await client.sync()))
    }
}
