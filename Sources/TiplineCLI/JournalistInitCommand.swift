import ArgumentParser
import TiplineCore
import TiplineJournalist

/// `tipline journalist init`: creates a vault from a setup bundle, offline, and erases the bundle.
struct JournalistInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create an encrypted vault from a setup bundle (offline); the bundle is erased.")

    @Option(help: "The setup bundle made by the key ceremony.")
    var setupBundle: String

    @OptionGroup var options: JournalistOptions

    func run() async throws {
        let path = try options.vaultPath()
        let passphrase = try PassphraseInput.new(variable: PassphraseInput.environmentVariable)
        let vault = try JournalistSetup.createVault(
            bundlePath: setupBundle, vaultPath: path, passphrase: passphrase, now: SystemWallClock().now())
        print(
            """
            Created the vault of \(await vault.journalistId) at \(path); the setup bundle was erased.
            Next: `tipline journalist sync` registers you with the API (do it before the bundle's forms expire).
            """)
    }
}
