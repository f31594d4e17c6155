import TiplineAPIClient
import TiplineCore

/// What ``JournalistClient/rotateKeys(forceMessaging:forceIdentity:)`` did.
package struct KeyRotationReport: Sendable, Equatable {
    /// The epoch of a newly published messaging key.
    package var newMessagingKeyEpoch: Int32?
    /// Expired keys removed from the vault.
    package var expiredKeysRemoved = 0
    /// Messages removed because they are older than the retention period.
    package var messagesRemoved = 0
    /// Progress of the identity-key rotation.
    package var identityRotation: IdentityRotationState = .notDue

    /// Creates an empty report.
    package init() {}
}

extension JournalistClient {
    /// Rotates keys that are due and cleans up: publishes a new messaging key when the latest is older than the
    /// rotation interval (or `force` is set), removes expired keys (forward secrecy: their secrets are gone),
    /// removes messages past the retention period, and advances the identity-key rotation.
    ///
    /// - Parameters:
    ///   - forceMessaging: publish a new messaging key even if the latest is recent.
    ///   - forceIdentity: request a new identity key even if the current one is recent.
    package func rotateKeys(forceMessaging: Bool = false, forceIdentity: Bool = false) async throws -> KeyRotationReport
    {
        try await requireSetUp()
        var report = KeyRotationReport()
        let now = clock.now()
        let due = try await messagingKeyIsDue(now: now)
        if forceMessaging || due {
            report.newMessagingKeyEpoch = try await publishMessagingKey()
        }
        (report.expiredKeysRemoved, report.messagesRemoved) = try await removeExpired(now: now)
        report.identityRotation = try await advanceIdentityRotation(force: forceIdentity)
        return report
    }

    /// Deletes expired keys and old messages. Queued replies are never deleted.
    private func removeExpired(now: Timestamp) async throws -> (keys: Int, messages: Int) {
        let retention = configuration.messageRetention
        return try await vault.update { contents in
            let keysBefore = contents.identityKeys.count + contents.messagingKeys.count
            contents.identityKeys.removeAll { $0.keyPair.expiry.map { $0 < now } ?? false }
            contents.messagingKeys.removeAll { $0.keyPair.expiry.map { $0 < now } ?? false }
            let keysRemoved = keysBefore - contents.identityKeys.count - contents.messagingKeys.count
            guard let retention else { return (keysRemoved, 0) }
            let cutoff = now.adding(.zero - retention).microseconds
            let messagesBefore = contents.messages.count
            contents.messages.removeAll { message in
                message.at < cutoff && !(message.direction == .outgoing && message.sentAt == nil)
            }
            return (keysRemoved, messagesBefore - contents.messages.count)
        }
    }

    /// Throws unless the setup bundle has been processed.
    func requireSetUp() async throws {
        guard try await !needsSetup else {
            throw JournalistError(
                .notOnboarded, "this vault is not registered with the API yet; run `tipline journalist sync`")
        }
    }
}
