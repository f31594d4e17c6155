/// What one ``JournalistClient/sync()`` did.
package struct SyncReport: Sendable, Equatable {
    /// Verified dead drops processed.
    package var deadDrops = 0
    /// Dead drops skipped because no CoverNode identity key of the verified hierarchy signed them.
    package var rejectedDeadDrops = 0
    /// New messages stored.
    package var newMessages = 0
    /// Sources seen for the first time.
    package var newSources = 0
    /// Messages for this journalist whose text could not be decoded (stored as such).
    package var undecodableMessages = 0
    /// Dead drops were left for later because the published keys lag behind their epoch (`spec/PROTOCOL.md` §4.6).
    package var waitingForKeys = false
    /// The dead-drop cursor after the sync.
    package var cursor: Int32?

    /// An empty report.
    package init() {}
}
