import TiplineAPIClient
import TiplineCore

extension JournalistClient {
    /// Paths of the key and profile endpoints.
    enum Paths {
        static let profile = "/v1/public-keys/journalists"
        static let identityKey = "/v1/public-keys/journalists/identity-public-key"
        static let messagingKey = "/v1/public-keys/journalists/messaging-public-key"
        static let identityKeyRotationForm = "/v1/public-keys/journalists/identity-public-key-form"
    }

    /// Whether the vault still has to register with the API.
    package var needsSetup: Bool {
        get async throws { try await vault.read { $0.pendingSetup != nil || $0.deadDropCursor == nil } }
    }

    /// Registers a vault made from a setup bundle with the API, once: posts the profile form and the identity-key
    /// form of the bundle, starts the dead-drop cursor at the newest journalist dead drop, publishes a first
    /// messaging key, then forgets the forms. Each step is saved as it completes, so an interrupted setup resumes
    /// where it stopped; a step the API already knows about (for example because its answer was lost) is skipped.
    ///
    /// - Returns: `false` when there was nothing to do.
    @discardableResult
    package func completeSetup() async throws -> Bool {
        guard let pending = try await vault.read({ $0.pendingSetup }) else {
            guard try await vault.read({ $0.deadDropCursor == nil }) else { return false }
            try await startCursor()
            return true
        }
        let journalistId = try await vault.read { $0.journalistId }
        if !pending.profileRegistered {
            try await submitSetupForm(what: "profile") {
                try await api.submit(pending.registerProfileForm, to: Paths.profile)
                return nil
            } alreadyDone: { response, _ in
                response.journalistProfiles.contains { $0.id == journalistId }
            }
            try await vault.update { $0.pendingSetup?.profileRegistered = true }
        }
        let identityHex = try await vault.read { $0.identityKeys.first?.keyPair.publicKey.keyHex.lowercased() }
        let epoch = try await submitSetupForm(what: "identity key") {
            try await api.submitKeyUpload(pending.uploadIdentityKeyForm, to: Paths.identityKey)
        } alreadyDone: { _, keys in
            keys.identityKeys(forJournalist: journalistId).contains { $0.key.hex == identityHex }
        }
        try await vault.update { contents in
            for index in contents.identityKeys.indices
            where contents.identityKeys[index].keyPair.publicKey.keyHex.lowercased() == identityHex {
                contents.identityKeys[index].epoch = epoch ?? contents.identityKeys[index].epoch
            }
        }
        // The cursor starts before the first messaging key exists, so no message sent to that key can be skipped.
        if try await vault.read({ $0.deadDropCursor == nil }) { try await startCursor() }
        try await publishMessagingKey()
        try await vault.update { $0.pendingSetup = nil }
        return true
    }

    private func startCursor() async throws {
        let newest = try await api.recentDeadDrops(.journalist).map(\.id).max() ?? 0
        try await vault.update { contents in
            if contents.deadDropCursor == nil { contents.deadDropCursor = newest }
        }
    }

    /// Runs `submit`; if the API refuses the form, `alreadyDone` looks at the published keys to decide whether an
    /// earlier attempt succeeded (Tipline's API refuses a replayed form).
    @discardableResult
    private func submitSetupForm(
        what: String, submit: () async throws -> Int32?,
        alreadyDone: (PublicKeysResponse, VerifiedKeys) -> Bool
    ) async throws -> Int32? {
        do {
            return try await submit()
        } catch let error as APIClientError where !error.isRetryable {
            let keys = try await verifiedKeys(forceRefresh: true)
            guard let response = await keysCache.lastResponse, alreadyDone(response, keys) else {
                throw JournalistError(
                    .notOnboarded,
                    "the API refused the setup bundle's \(what) form (\(error.message)); ask an administrator for a new bundle"
                )
            }
            return nil
        }
    }
}
