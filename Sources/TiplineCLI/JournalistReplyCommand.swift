import ArgumentParser
import TiplineJournalist

/// `tipline journalist reply <source> <text>`: queues a reply (sent by `run` in its next slot).
struct JournalistReplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply", abstract: "Queue a reply to a source; `run` sends it in its next one-minute slot.")

    @Argument(help: "The source: its number, its alias or a reply-key prefix.")
    var source: String

    @Argument(help: "The text (quote it, or give several words; read from standard input when absent).")
    var text: [String] = []

    @OptionGroup var options: JournalistOptions

    func run() async throws {
        let body = text.isEmpty ? readStandardInput() : text.joined(separator: " ")
        let client = try options.client()
        let number = try await client.queueReply(to: source, text: body)
        print("Reply #\(number) queued. `tipline journalist run` sends one message a minute, real or cover.")
    }

    private func readStandardInput() -> String {
        var lines: [String] = []
        while let line = readLine(strippingNewline: true) { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
