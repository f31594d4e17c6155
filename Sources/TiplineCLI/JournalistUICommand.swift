import ArgumentParser
import Foundation
import Logging
import TiplineJournalistUI

/// `tipline journalist ui`: the journalist's desk, a local web UI on 127.0.0.1 that also runs the journalist
/// service (sync, sender with cover traffic, key rotation) once unlocked.
struct JournalistUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Serve the journalist's desk (a web UI) on 127.0.0.1 and run the service once it is unlocked.",
        discussion: """
            Open the printed URL in a browser on this computer and unlock with the vault's passphrase. Locking \
            (or --auto-lock-minutes without use) ends the browser session only: the service keeps receiving \
            and sending until the process stops (Ctrl-C).
            """)

    @OptionGroup var options: JournalistOptions

    @Option(help: "The address to listen on; only 127.0.0.1 (loopback) is accepted.")
    var host = "127.0.0.1"

    @Option(help: "The port (0 picks a free one).")
    var port = 8088

    @Option(help: "Seconds between two sent messages, real or cover (CoverDrop: 60).")
    var sendInterval = 60

    @Option(help: "Seconds between two checks for new messages (default 15).")
    var syncInterval: Int?

    @Option(help: "Minutes without use after which the desk locks itself.")
    var autoLockMinutes = 10

    func validate() throws {
        guard host == DeskSettings.host || host == "localhost" else {
            throw ValidationError("The desk listens on 127.0.0.1 only; other addresses would expose the vault.")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0…65535.") }
        guard sendInterval > 0 else { throw ValidationError("--send-interval must be positive.") }
        guard syncInterval.map({ $0 > 0 }) ?? true else { throw ValidationError("--sync-interval must be positive.") }
        guard autoLockMinutes > 0 else { throw ValidationError("--auto-lock-minutes must be positive.") }
    }

    func run() async throws {
        let vault = try options.vaultPath()
        guard FileManager.default.fileExists(atPath: vault) else {
            throw ValidationError("There is no vault at \(vault).")
        }
        var settings = DeskSettings(
            vaultPath: vault,
            apiURL: options.apiURL ?? ProcessInfo.processInfo.environment["TIPLINE_API_URL"] ?? "http://127.0.0.1:3000")
        settings.port = port
        settings.sendInterval = .seconds(sendInterval)
        settings.syncInterval = syncInterval.map { .seconds($0) }
        settings.autoLock = .seconds(autoLockMinutes * 60)
        let logger = Logger(label: "tipline.desk") { label in StreamLogHandler.standardError(label: label) }
        try await DeskServer.run(settings: settings, logger: logger) { url in
            FileHandle.standardOutput.write(Data("Journalist desk: \(url)\n".utf8))
        }
    }
}
