import ArgumentParser
import TiplineJournalist

/// `tipline journalist handover <source> <journalist>`: tells a source to write to another journalist or desk.
struct JournalistHandoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover", abstract: "Hand a source over to another journalist or desk.")

    @Argument(help: "The source: its number, its alias or a reply-key prefix.")
    var source: String

    @Argument(help: "The id of the journalist or desk taking over.")
    var journalist: String

    @OptionGroup var options: JournalistOptions

    func run() async throws {
        let number = try await options.client().queueHandover(of: source, to: journalist)
        print("Handover #\(number) to \(journalist) queued.")
    }
}
