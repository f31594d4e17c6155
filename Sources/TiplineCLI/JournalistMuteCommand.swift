import ArgumentParser
import TiplineJournalist

/// `tipline journalist mute <source>` (or `--off`): mutes or unmutes a source.
struct JournalistMuteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mute", abstract: "Mute a source (its messages are kept but not counted as unread).")

    @Argument(help: "The source: its number, its alias or a reply-key prefix.")
    var source: String

    @Flag(help: "Unmute instead.")
    var off = false

    @OptionGroup var options: JournalistOptions

    func run() async throws {
        let summary = try await options.client().setMuted(!off, source: source)
        print("\(summary.alias) is \(summary.isMuted ? "muted" : "no longer muted").")
    }
}
