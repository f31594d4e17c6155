import ArgumentParser
import Foundation
import TiplineAPIClient
import TiplineCore
import TiplineJournalist

/// `tipline journalist`: the journalist's client — an encrypted vault, the inbox, replies, and the long-running
/// service that receives, sends (with cover traffic) and rotates keys.
struct JournalistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journalist",
        abstract: "Read and answer sources from an encrypted journalist vault.",
        discussion: """
            The passphrase comes from TIPLINE_VAULT_PASSPHRASE or is asked for. Only one process can open a \
            vault at a time: stop `run` before using the other commands.
            """,
        subcommands: [
            JournalistInitCommand.self, JournalistSyncCommand.self, JournalistInboxCommand.self,
            JournalistReadCommand.self, JournalistReplyCommand.self, JournalistHandoverCommand.self,
            JournalistMuteCommand.self, JournalistStatusCommand.self, JournalistRotateKeysCommand.self,
            JournalistChangePassphraseCommand.self, JournalistRunCommand.self, JournalistSaveLoopCommand.self,
            JournalistUICommand.self,
        ]
    )
}

/// Options every journalist subcommand shares.
struct JournalistOptions: ParsableArguments {
    @Option(help: "The vault file (default: $TIPLINE_VAULT).")
    var vault: String?

    @Option(
        name: .customLong("api-url"),
        help: "The API root without /v1 (default: $TIPLINE_API_URL or http://127.0.0.1:3000).")
    var apiURL: String?

    /// The vault path from the option or the environment.
    func vaultPath() throws -> String {
        guard let path = vault ?? ProcessInfo.processInfo.environment["TIPLINE_VAULT"], !path.isEmpty else {
            throw ValidationError("Give the vault with --vault or TIPLINE_VAULT.")
        }
        return path
    }

    /// Opens the vault with the passphrase from the environment or the terminal.
    func openVault() throws -> JournalistVault {
        let path = try vaultPath()
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("There is no vault at \(path).")
        }
        return try JournalistVault(openingAt: path, passphrase: PassphraseInput.existing())
    }

    /// A client on the opened vault.
    func client() throws -> JournalistClient {
        let url = apiURL ?? ProcessInfo.processInfo.environment["TIPLINE_API_URL"] ?? "http://127.0.0.1:3000"
        return JournalistClient(vault: try openVault(), api: APIClient(baseURL: url))
    }
}
