import ArgumentParser
import TiplineJournalist

/// `tipline journalist change-passphrase`: re-encrypts the vault under a new passphrase (new salt).
struct JournalistChangePassphraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change-passphrase",
        abstract: "Change the vault's passphrase (the new one from TIPLINE_VAULT_NEW_PASSPHRASE or asked twice).")

    @OptionGroup var options: JournalistOptions

    func run() async throws {
        let vault = try options.openVault()
        try await vault.changePassphrase(to: PassphraseInput.new(variable: PassphraseInput.newEnvironmentVariable))
        print("Passphrase changed.")
    }
}
