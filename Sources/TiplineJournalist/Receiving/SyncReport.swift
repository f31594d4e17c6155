/// What one ``JournalistClient/sync()`` did.
public struct SyncReport: Sendable, Equatable {
    /// Verified dead drops processed.
    public var deadDrops = 0
    /// Dead drops skipped because no CoverNode identity key of the verified hierarchy signed them.
    public var rejectedDeadDrops = 0
    /// New messages stored.
    public var newMessages = 0
    /// Sources seen for the first time.
    public var newSources = 0
    /// Messages for this journalist whose text could not be decoded (stored as such).
    public var undecodableMessages = 0
    /// Dead drops were left for later because the published keys lag behind their epoch (`spec/PROTOCOL.md` §4.6).
    public var waitingForKeys = false
    /// The dead-drop cursor after the sync.
    public var cursor: Int32?

    /// An empty report.
    public init() {}
}
