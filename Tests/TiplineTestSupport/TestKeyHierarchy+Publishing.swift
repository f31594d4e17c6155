package import TiplineAPIClient
package import TiplineCore

extension TestKeyHierarchy {
    /// Uploads the journalist and CoverNode provisioning keys through organisation-signed forms, as the key ceremony
    /// does.
    package func publishProvisioningKeys(to api: APIClient, now: Timestamp) async throws {
        _ = try await api.submit(
            SignedForm.sign(journalistProvisioningKey.json, with: organization, now: now),
            to: "/v1/public-keys/journalists/provisioning-public-key")
        _ = try await api.submit(
            SignedForm.sign(coverNodeProvisioningKey.json, with: organization, now: now),
            to: "/v1/public-keys/covernode/provisioning-public-key")
    }

    /// Uploads the CoverNode's identity key (a provisioning-signed form) and messaging key (identity-signed), as a
    /// CoverNode's first start does.
    /// - Returns: the epoch of the messaging key (the newer one).
    package func publishCoverNodeKeys(to api: APIClient, now: Timestamp) async throws -> Int32 {
        let identityEpoch = try await api.submitKeyUpload(
            SignedForm.sign(
                PostCoverNodeIdentityKeyBody(covernodeId: Self.coverNodeId, covernodeIdPk: coverNodeIdentityKey.json),
                with: coverNodeProvisioning, now: now),
            to: "/v1/public-keys/covernode/identity-public-key")
        let messagingEpoch = try await api.submitKeyUpload(
            SignedForm.sign(coverNodeMessagingKey.json, with: coverNodeIdentity, now: now),
            to: "/v1/public-keys/covernode/messaging-public-key")
        return max(identityEpoch, messagingEpoch)
    }

    /// Uploads every journalist's visible profile and identity key (provisioning-signed forms) and latest messaging
    /// key (identity-signed), as the journalist clients' setup does.
    package func publishJournalists(to api: APIClient, now: Timestamp) async throws {
        for journalist in journalists {
            let profile = PostJournalistProfileBody(
                id: journalist.id, displayName: journalist.id, sortName: journalist.id, description: "reporter",
                isDesk: false, status: "VISIBLE")
            _ = try await api.submit(
                SignedForm.sign(profile, with: journalistProvisioning, now: now), to: "/v1/public-keys/journalists")
            _ = try await api.submitKeyUpload(
                SignedForm.sign(
                    PostJournalistIdentityKeyBody(
                        journalistId: journalist.id, journalistIdPk: journalist.identityKey.json),
                    with: journalistProvisioning, now: now),
                to: "/v1/public-keys/journalists/identity-public-key")
            _ = try await api.submitKeyUpload(
                SignedForm.sign(journalist.latestMessagingKey.json, with: journalist.identity, now: now),
                to: "/v1/public-keys/journalists/messaging-public-key")
        }
    }
}
