import Foundation
package import TiplineCore

/// The offline key ceremony: organisation, provisioning, admin, CoverNode and journalist keys, and the setup
/// bundles and signed forms that bring them online (`spec/PROTOCOL.md` §4.1, §8.3). All keys land in a
/// ``KeyDirectory``; nothing here talks to the network (see ``KeyPublisher`` for that).
package struct KeyCeremony: Sendable {
    /// Where the key files live.
    package let keys: KeyDirectory
    /// The time source (validity periods start at `now`).
    package let clock: any WallClock

    /// Creates a ceremony over a key folder.
    package init(keys: KeyDirectory, clock: any WallClock = SystemWallClock()) {
        self.keys = keys
        self.clock = clock
    }

    /// The file name of the trust anchors apps and services are configured with.
    package static let trustAnchorsFile = "trust-anchors.json"

    /// Creates the organisation key (self-signed, 52 weeks) and writes `trust-anchors.json`.
    @discardableResult
    package func createOrganization() throws -> SignedPublicKey<SigningPublicKey<Role.Organization>> {
        let pair = try SigningKeyPair<Role.Organization>.generate()
        let anchor = try pair.selfSigned(notValidAfter: clock.now().adding(KeyLifetimes.longTerm))
        try keys.write(JSONEncoder.keyFiles.encode([anchor.json]), to: Self.trustAnchorsFile)
        try keys.store(KeyPairJSON(pair, certificate: anchor), role: Role.Organization.self)
        return anchor
    }

    /// Creates a long-term key certified by the organisation (provisioning, admin or backup identity).
    @discardableResult
    package func createOrganizationChild<R: KeyRole>(_ role: R.Type) throws -> SignedPublicKey<SigningPublicKey<R>> {
        let (pair, certificate, _, _) = try generateCertified(
            role, validity: KeyLifetimes.longTerm, by: Role.Organization.self)
        try keys.store(KeyPairJSON(pair, certificate: certificate), role: role)
        return certificate
    }

    /// A form (signed by the organisation) that uploads a provisioning or admin public key.
    package func organizationForm<R: KeyRole>(uploading role: R.Type) throws -> SignedForm {
        let (org, _) = try keys.latestSigningKey(Role.Organization.self)
        let (_, certificate) = try keys.latestSigningKey(role)
        return try SignedForm.sign(certificate.json, with: org, now: clock.now(), lifetime: SignedForm.bundleLifetime)
    }

    /// Creates a CoverNode identity (4 weeks) and its setup bundle.
    package func createCoverNode(id: String) throws -> CoverNodeSetupBundle {
        guard CoverNodeID.isValid(id) else {
            throw AdminError(.invalidArgument, "a CoverNode id looks like covernode_001")
        }
        let (identity, certificate, provisioning, now) = try generateCertified(
            Role.CoverNodeIdentity.self, validity: KeyLifetimes.coverNodeIdentity, by: Role.CoverNodeProvisioning.self)
        let form = try SignedForm.sign(
            PostCoverNodeIdentityKeyBody(covernodeId: id, covernodeIdPk: certificate.json), with: provisioning,
            now: now, lifetime: SignedForm.bundleLifetime)
        return CoverNodeSetupBundle(
            covernodeId: id, trustAnchors: try trustAnchors(),
            identityKeyPair: KeyPairJSON(identity, certificate: certificate),
            uploadIdentityKeyForm: form)
    }

    /// Creates a journalist or desk identity (8 weeks) with its profile and setup bundle.
    package func createJournalist(_ profile: PostJournalistProfileBody) throws -> JournalistSetupBundle {
        try JournalistID.validate(profile.id)
        guard profile.isDesk || profile.description.utf8.count <= 40 else {
            throw AdminError(.invalidArgument, "a journalist description is at most 40 bytes (desks may be longer)")
        }
        let (identity, certificate, provisioning, now) = try generateCertified(
            Role.JournalistIdentity.self, validity: KeyLifetimes.journalistIdentity,
            by: Role.JournalistProvisioning.self)
        let profileForm = try SignedForm.sign(
            profile, with: provisioning, now: now, lifetime: SignedForm.bundleLifetime)
        let keyForm = try SignedForm.sign(
            PostJournalistIdentityKeyBody(journalistId: profile.id, journalistIdPk: certificate.json),
            with: provisioning,
            now: now, lifetime: SignedForm.bundleLifetime)
        return JournalistSetupBundle(
            journalistId: profile.id, trustAnchors: try trustAnchors(),
            identityKeyPair: KeyPairJSON(identity, certificate: certificate), registerProfileForm: profileForm,
            uploadIdentityKeyForm: keyForm)
    }

    /// A system-status form signed by the admin key.
    package func statusForm(status: String, description: String) throws -> SignedForm {
        guard SystemStatus.values.contains(status) else {
            throw AdminError(.invalidArgument, "status is one of \(SystemStatus.values.joined(separator: ", "))")
        }
        let (admin, _) = try keys.latestSigningKey(Role.Admin.self)
        let now = clock.now()
        let body = PostSystemStatusBody(
            status: SystemStatusEvent(status: status, description: description, timestamp: now.rfc3339))
        return try SignedForm.sign(body, with: admin, now: now)
    }

    /// A new signing key pair of `role`, certified by the latest key of `parentRole` for `validity` from now (cut at
    /// that key's expiry), with the parent key pair (to sign the forms that upload it) and the instant used.
    private func generateCertified<R: KeyRole, P: KeyRole>(
        _ role: R.Type, validity: Duration, by parentRole: P.Type
    ) throws -> (
        pair: SigningKeyPair<R>, certificate: SignedPublicKey<SigningPublicKey<R>>, parent: SigningKeyPair<P>,
        now: Timestamp
    ) {
        let (parent, parentKey) = try keys.latestSigningKey(parentRole)
        let pair = try SigningKeyPair<R>.generate()
        let now = clock.now()
        let expiry = KeyLifetimes.childExpiry(
            now: now, validity: validity, parentNotValidAfter: parentKey.notValidAfter)
        return (pair, try parent.certify(pair.publicKey, notValidAfter: expiry), parent, now)
    }

    /// The organisation keys in `trust-anchors.json`.
    package func trustAnchors() throws -> [SignedPublicKeyJSON] {
        let file = (keys.path as NSString).appendingPathComponent(Self.trustAnchorsFile)
        guard let data = FileManager.default.contents(atPath: file),
            let anchors = try? JSONDecoder().decode([SignedPublicKeyJSON].self, from: data)
        else { throw AdminError(.missingKey, "no \(Self.trustAnchorsFile) in \(keys.path); run the ceremony first") }
        return anchors
    }
}
