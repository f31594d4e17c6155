import Foundation
package import TiplineCore

/// Creating a vault from a setup bundle file made by the key ceremony (`tipline admin`).
package enum JournalistSetup {
    /// Reads the bundle at `bundlePath`, creates an encrypted vault at `vaultPath` holding its keys and forms, and
    /// then erases the bundle file (its identity secret is now only in the vault). Nothing touches the network:
    /// the first ``JournalistClient/completeSetup()`` (run by `sync` or `run`) registers with the API.
    package static func createVault(
        bundlePath: String, vaultPath: String, passphrase: String, kdf: PasswordKDF = .vault, now: Timestamp
    ) throws -> JournalistVault {
        let bundle: JournalistSetupBundle
        do {
            bundle = try JSONDecoder().decode(JournalistSetupBundle.self, from: Data(AtomicFile.read(bundlePath)))
        } catch let error as JournalistError {
            throw error
        } catch {
            throw JournalistError(.invalidSetupBundle, "\(bundlePath) is not a journalist setup bundle")
        }
        let vault = try JournalistVault(creatingAt: vaultPath, from: bundle, passphrase: passphrase, kdf: kdf, now: now)
        try AtomicFile.overwriteAndRemove(bundlePath)
        return vault
    }
}
