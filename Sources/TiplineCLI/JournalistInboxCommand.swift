import ArgumentParser
import TiplineJournalist

/// `tipline journalist inbox`: sources with unread counts (local, no network).
struct JournalistInboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inbox", abstract: "List sources with unread counts.")

    @OptionGroup var options: JournalistOptions

    func run() async throws {
        print(JournalistText.inbox(try await options.client().inbox()))
    }
}
