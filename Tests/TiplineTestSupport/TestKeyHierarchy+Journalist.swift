package import TiplineCore

extension TestKeyHierarchy {
    /// A journalist's key pairs and certified public keys.
    package struct Journalist: Sendable {
        /// The journalist's id.
        package let id: String
        /// The identity key pair, which certifies the messaging keys and signs the journalist's forms.
        package let identity: SigningKeyPair<Role.JournalistIdentity>
        /// The identity public key, certified by the journalist provisioning key.
        package let identityKey: SignedPublicKey<SigningPublicKey<Role.JournalistIdentity>>
        /// The messaging key pairs, oldest expiry first (never empty).
        package let messaging: [EncryptionKeyPair<Role.JournalistMessaging>]
        /// The messaging public keys certified by the identity key, in the order of ``messaging``.
        package let messagingKeys: [SignedPublicKey<EncryptionPublicKey<Role.JournalistMessaging>>]

        /// The messaging key pair readers encrypt to: the one with the latest expiry.
        package var latestMessaging: EncryptionKeyPair<Role.JournalistMessaging> { messaging[messaging.count - 1] }
        /// The certified public key of ``latestMessaging``.
        package var latestMessagingKey: SignedPublicKey<EncryptionPublicKey<Role.JournalistMessaging>> {
            messagingKeys[messagingKeys.count - 1]
        }
    }
}
