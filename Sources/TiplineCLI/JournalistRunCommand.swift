import ArgumentParser
import Logging
import TiplineJournalist

/// `tipline journalist run`: the long-running service (sync, sender with cover traffic, key rotation).
struct JournalistRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Receive, send one message a minute (real or cover) and rotate keys until stopped (Ctrl-C).")

    @OptionGroup var options: JournalistOptions

    func run() async throws {
        let client = try options.client()
        let logger = Logger(
            label: "tipline.journalist", factory: { label in StreamLogHandler.standardError(label: label) })
        let service = JournalistService(client: client, logger: logger)
        logger.info("journalist service started; stop with Ctrl-C")
        try await withSignalCancellation { try await service.run() }
        logger.info("journalist service stopped")
    }
}
