public import TiplineCore

extension TestKeyHierarchy {
    /// A journalist's key pairs and certified public keys.
    public struct Journalist: Sendable {
        /// The journalist's id.
        public let id: String
        /// The identity key pair, which certifies the messaging keys and signs the journalist's forms.
        public let identity: SigningKeyPair<Role.JournalistIdentity>
        /// The identity public key, certified by the journalist provisioning key.
        public let identityKey: SignedPublicKey<SigningPublicKey<Role.JournalistIdentity>>
        /// The messaging key pairs, oldest expiry first (never empty).
        public let messaging: [EncryptionKeyPair<Role.JournalistMessaging>]
        /// The messaging public keys certified by the identity key, in the order of ``messaging``.
        public let messagingKeys: [SignedPublicKey<EncryptionPublicKey<Role.JournalistMessaging>>]

        /// The messaging key pair readers encrypt to: the one with the latest expiry.
        public var latestMessaging: EncryptionKeyPair<Role.JournalistMessaging> { messaging[messaging.count - 1] }
        /// The certified public key of ``latestMessaging``.
        public var latestMessagingKey: SignedPublicKey<EncryptionPublicKey<Role.JournalistMessaging>> {
            messagingKeys[messagingKeys.count - 1]
        }
    }
}
