/// A role in the key hierarchy. Keys are generic over their role so that, for example, a journalist messaging
/// key cannot be passed where a CoverNode messaging key is expected.
public protocol KeyRole: Sendable {
    /// CoverDrop's entity name, used as the key-file prefix (`journalist_msg-5f092056.keypair.json`).
    static var entityName: String { get }
}

/// The roles of CoverDrop's key hierarchy (`spec/PROTOCOL.md` §4.1).
public enum Role {
    /// The organisation's trust anchor (Ed25519, self-signed).
    public enum Organization: KeyRole {
        /// CoverDrop's entity name of this role, the prefix of its key files.
        public static let entityName = "organization"
    }
    /// Signs CoverNode identity keys (Ed25519, signed by the organisation).
    public enum CoverNodeProvisioning: KeyRole {
        /// CoverDrop's entity name of this role, the prefix of its key files.
        public static let entityName = "covernode_provisioning"
    }
    /// A CoverNode's identity (Ed25519): signs dead drops and messaging keys.
    public enum CoverNodeIdentity: KeyRole {
        /// CoverDrop's entity name of this role, the prefix of its key files.
        public static let entityName = "covernode_id"
    }
    /// A CoverNode's messaging key (X25519): the target of every U2C and J2C message.
    public enum CoverNodeMessaging: KeyRole {
        /// CoverDrop's entity name of this role, the prefix of its key files.
        public static let entityName = "covernode_msg"
    }
    /// Signs journalist identity keys (Ed25519, signed by the organisation).
    public enum JournalistProvisioning: KeyRole {
        /// CoverDrop's entity name of this role, the prefix of its key files.
        public static let entityName = "journalist_provisioning"
    }
    /// A journalist's identity (Ed25519): signs forms and messaging keys.
    public enum JournalistIdentity: KeyRole {
        /// CoverDrop's entity name of this role, the prefix of its key files.
        public static let entityName = "journalist_id"
    }
    /// A journalist's messaging key (X25519): the target of U2J messages and the sender of J2U replies.
    public enum JournalistMessaging: KeyRole {
        /// CoverDrop's entity name of this role, the prefix of its key files.
        public static let entityName = "journalist_msg"
    }
    /// Signs system-status updates (Ed25519, signed by the organisation).
    public enum Admin: KeyRole {
        /// CoverDrop's entity name of this role, the prefix of its key files.
        public static let entityName = "admin"
    }
    /// Signs backup messaging keys (Ed25519, signed by the organisation).
    public enum BackupIdentity: KeyRole {
        /// CoverDrop's entity name of this role, the prefix of its key files.
        public static let entityName = "backup_id"
    }
    /// Receives journalist vault backups (X25519).
    public enum BackupMessaging: KeyRole {
        /// CoverDrop's entity name of this role, the prefix of its key files.
        public static let entityName = "backup_msg"
    }
    /// A reader app's long-term reply key (X25519, unsigned).
    public enum User: KeyRole {
        /// CoverDrop's entity name of this role, the prefix of its key files.
        public static let entityName = "user"
    }
    /// A throw-away key, for example inside cover and filler messages.
    public enum Ephemeral: KeyRole {
        /// CoverDrop's entity name of this role, the prefix of its key files.
        public static let entityName = "ephemeral"
    }
}
