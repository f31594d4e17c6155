import ArgumentParser
import TiplineCore
import TiplineJournalist

/// `tipline journalist status`: keys, queue and registration state (local, no network).
struct JournalistStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the vault's keys and queue.")

    @OptionGroup var options: JournalistOptions

    func run() async throws {
        print(JournalistText.status(try await options.client().status(), now: SystemWallClock().now()))
    }
}
