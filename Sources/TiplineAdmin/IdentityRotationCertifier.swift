package import TiplineAPIClient
package import TiplineCore

/// Certifies queued journalist identity-key rotations, as CoverDrop's on-premises identity API does
/// (`spec/PROTOCOL.md` §4.7, §6.4): it reads the API's queue, checks each request against the hierarchy verified
/// from the trust anchors — the inner form must verify and be signed by the journalist's *latest* identity key —
/// certifies the new key for 8 weeks (capped by the provisioning key) with the latest journalist provisioning key
/// of the key folder, and uploads it with `from_queue: true`, which removes the request from the queue.
package struct IdentityRotationCertifier: Sendable {
    /// The key folder holding the journalist provisioning key, and the clock.
    package let ceremony: KeyCeremony
    /// The API whose queue is processed.
    package let api: APIClient
    /// The organisation keys the published hierarchy is verified against.
    package let trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>]

    static let uploadPath = "/v1/public-keys/journalists/identity-public-key"

    /// Creates a certifier with explicit trust anchors.
    package init(
        ceremony: KeyCeremony, api: APIClient, trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>]
    ) {
        self.ceremony = ceremony
        self.api = api
        self.trustAnchors = trustAnchors
    }

    /// Creates a certifier trusting the key folder's `trust-anchors.json`.
    package init(ceremony: KeyCeremony, api: APIClient) throws {
        self.init(
            ceremony: ceremony, api: api,
            trustAnchors: try ceremony.trustAnchors().map(SignedPublicKey<SigningPublicKey<Role.Organization>>.init))
    }

    /// Processes the queue once. A request that fails its checks, or that the API refuses, is reported and left
    /// alone (it expires within the hour); an unreachable API or a provisioning key the API does not publish fails
    /// the whole pass.
    package func certifyQueue() async throws -> IdentityRotationReport {
        let queue = try await api.journalistIdentityKeyQueue()
        guard !queue.isEmpty else { return IdentityRotationReport() }
        let now = ceremony.clock.now()
        let keys = VerifiedKeys(try await api.publicKeys(), trustAnchors: trustAnchors, now: now)
        let (provisioning, provisioningKey) = try ceremony.keys.latestSigningKey(Role.JournalistProvisioning.self)
        guard keys.journalistProvisioningKeys.contains(provisioningKey), provisioningKey.isValid(at: now) else {
            throw AdminError(
                .missingKey,
                "the latest journalist provisioning key in \(ceremony.keys.path) is expired or not published by the API"
            )
        }
        var report = IdentityRotationReport()
        for entry in queue {
            do {
                let newKey = try Self.requestedKey(entry, keys: keys, now: now)
                let certificate = try provisioning.certify(
                    newKey,
                    notValidAfter: KeyLifetimes.childExpiry(
                        now: now, validity: KeyLifetimes.journalistIdentity,
                        parentNotValidAfter: provisioningKey.notValidAfter))
                let form = try SignedForm.sign(
                    PostJournalistIdentityKeyBody(
                        journalistId: entry.journalistId, journalistIdPk: certificate.json, fromQueue: true),
                    with: provisioning, now: now)
                let epoch = try await api.submitKeyUpload(form, to: Self.uploadPath)
                report.certified.append(.init(journalistId: entry.journalistId, epoch: epoch))
            } catch let error as AdminError {
                report.refused.append(.init(journalistId: entry.journalistId, reason: error.message))
            } catch let error as APIClientError where !error.isRetryable {
                report.refused.append(.init(journalistId: entry.journalistId, reason: error.description))
            }
        }
        return report
    }

    /// Processes the queue every `interval` until the task is cancelled, handing each pass's outcome to `onPass`.
    package func run(
        every interval: Duration = .seconds(15), clock: any Clock<Duration> = ContinuousClock(),
        onPass: @Sendable (Result<IdentityRotationReport, any Error>) async -> Void
    ) async {
        while !Task.isCancelled {
            let result: Result<IdentityRotationReport, any Error>
            do {
                result = .success(try await certifyQueue())
            } catch {
                result = .failure(error)
            }
            guard !Task.isCancelled else { return }
            await onPass(result)
            do { try await clock.sleep(for: interval) } catch { return }
        }
    }

    /// The new key of a request whose inner form verifies now against the journalist's latest verified identity
    /// key; refusals are `AdminError`s with `.invalidArgument`.
    static func requestedKey(
        _ entry: QueuedJournalistIdentityKeyForm, keys: VerifiedKeys, now: Timestamp
    ) throws -> SigningPublicKey<Role.JournalistIdentity> {
        guard
            let latest = keys.identityKeys(forJournalist: entry.journalistId).max(by: {
                $0.notValidAfter < $1.notValidAfter
            })
        else { throw AdminError(.invalidArgument, "the journalist has no verified identity key") }
        guard entry.form.signingKey == latest.key.bytes else {
            throw AdminError(.invalidArgument, "the request is not signed by the journalist's latest identity key")
        }
        let newKey: SigningPublicKey<Role.JournalistIdentity>
        do {
            let body = try entry.form.verify(signer: latest, policy: .online, now: now)
            newKey = try SigningPublicKey(
                hex: entry.form.decodeBody(RotateJournalistIdentityKeyBody.self, from: body).newPk.key)
        } catch let error as TiplineCoreError {
            throw AdminError(.invalidArgument, "the request does not verify: \(error.message)")
        }
        let owners = keys.journalists.filter { _, identities in identities.contains { $0.identityKey.key == newKey } }
        guard owners.keys.allSatisfy({ $0 == entry.journalistId }) else {
            throw AdminError(.invalidArgument, "the new key is registered to another journalist")
        }
        return newKey
    }
}
