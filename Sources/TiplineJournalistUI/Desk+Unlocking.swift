import Logging
import TiplineCore
import TiplineJournalist

/// Unlocking and the current-passphrase check, one attempt at a time under the unlock throttle.
extension Desk {
    /// Unlocks with `passphrase`: the first time it opens the vault and starts the journalist service; later it
    /// checks the passphrase against the vault. Returns the new session, which replaces any earlier one.
    /// - Throws: ``DeskError`` `.tooManyAttempts` while the throttle asks to wait, `.wrongPassphrase`, or
    ///   `.vaultUnavailable`.
    func unlock(passphrase: String) async throws -> DeskSession {
        let right = try await throttled("Another unlock attempt is in progress") {
            if let client {
                return try await Self.verify(passphrase, of: client.vault)
            }
            guard let vault = try await Self.open(settings.vaultPath, passphrase: passphrase) else { return false }
            start(vault)
            return true
        }
        guard right else {
            logger.notice("wrong passphrase at the unlock screen", metadata: ["failures": "\(throttle.failures)"])
            throw DeskError(.wrongPassphrase, "Wrong passphrase. Try again.")
        }
        let fresh = DeskSession(now: clock.now())
        session = fresh
        logger.info("desk unlocked")
        return fresh
    }

    /// Checks the current passphrase (for the passphrase change), under the same throttle as unlocking.
    /// - Throws: ``DeskError`` `.tooManyAttempts` while the throttle asks to wait or another attempt is in progress,
    ///   `.wrongPassphrase`, or `.vaultUnavailable`.
    func checkCurrentPassphrase(_ passphrase: String) async throws {
        let vault = try requireClient().vault
        guard
            try await throttled(
                "Another passphrase check is in progress", { try await Self.verify(passphrase, of: vault) })
        else { throw DeskError(.wrongPassphrase, "The current passphrase is wrong.") }
    }

    /// Runs one passphrase attempt under the throttle: refused while the throttle asks to wait, and while another
    /// attempt (unlock or passphrase check) is running, so parallel requests cannot guess in parallel. The outcome
    /// is recorded in the throttle.
    private func throttled(_ busy: String, _ attempt: () async throws -> Bool) async throws -> Bool {
        if let wait = throttle.wait(at: clock.now()) {
            throw DeskError(
                .tooManyAttempts, "Too many wrong passphrases. Wait \(TimeText.seconds(wait)) before trying again.")
        }
        guard !attemptInProgress else { throw DeskError(.tooManyAttempts, "\(busy). Wait a moment and try again.") }
        attemptInProgress = true
        defer { attemptInProgress = false }
        let right = try await attempt()
        if right { throttle.succeeded() } else { throttle.failed(at: clock.now()) }
        return right
    }

    /// Opens the vault off the actor (Argon2id takes about half a second). `nil` for a wrong passphrase.
    private nonisolated static func open(_ path: String, passphrase: String) async throws -> JournalistVault? {
        do {
            return try JournalistVault(openingAt: path, passphrase: passphrase)
        } catch let error as JournalistError where error.code == .wrongPassphrase {
            return nil
        } catch let error as JournalistError {
            throw DeskError(.vaultUnavailable, "The vault cannot be opened: \(error.message).")
        }
    }

    private nonisolated static func verify(_ passphrase: String, of vault: JournalistVault) async throws -> Bool {
        do {
            return try vault.verifyPassphrase(passphrase)
        } catch let error as JournalistError {
            throw DeskError(.vaultUnavailable, "The vault cannot be read: \(error.message).")
        }
    }
}
