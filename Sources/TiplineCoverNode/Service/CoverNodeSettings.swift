import TiplineCore

/// What one ``CoverNodeService`` runs with: its state folder, mixing, key protection, pipelines and periodic tasks.
///
/// `tipline covernode` reads it as part of ``CoverNodeServerSettings`` (which adds the API's URL, the stream store,
/// the log level and the metrics port); `tipline serve` builds it in code.
package struct CoverNodeSettings: Sendable {
    /// Holds the encrypted key store, its key file (if any) and the intent records. Owner-only (0700).
    package var stateDirectory: String
    /// Mixing parameters of both directions.
    package var mixing: MixingProfile
    /// How the key store is encrypted.
    package var keyProtection: CoverNodeKeyStore.Protection
    /// A setup bundle from the key ceremony, applied (and deleted) at start-up when the file exists.
    package var setupBundlePath: String?
    /// Batch size, poll interval, parallelism and backoff of both pipelines.
    package var pipeline: PipelineSettings
    /// How often expired keys are dropped and a new messaging key is made and uploaded when due.
    package var keyTaskInterval: Duration
    /// How often the tag → journalist key table is rebuilt from `GET /v1/public-keys`.
    package var directoryRefreshInterval: Duration
    /// Stream messages received longer ago than this are deleted. It must exceed the messaging-key validity: the
    /// stream's uniqueness is the replay protection, and a pruned message is one no unexpired key opens any more.
    package var streamRetention: Duration
    /// How often old stream messages are deleted.
    package var streamPruneInterval: Duration
    /// Crash points for crash tests (`TIPLINE_FAULT`); ``FaultInjection/none`` otherwise.
    package var faults: FaultInjection

    /// Creates settings with CoverDrop's 60-second key and directory tasks.
    package init(
        stateDirectory: String, mixing: MixingProfile, keyProtection: CoverNodeKeyStore.Protection,
        setupBundlePath: String? = nil, pipeline: PipelineSettings = PipelineSettings(),
        keyTaskInterval: Duration = .seconds(60), directoryRefreshInterval: Duration = .seconds(60),
        streamRetention: Duration = KeyLifetimes.messaging + .seconds(86_400),
        streamPruneInterval: Duration = .seconds(3600),
        faults: FaultInjection = .none
    ) {
        self.stateDirectory = stateDirectory
        self.mixing = mixing
        self.keyProtection = keyProtection
        self.setupBundlePath = setupBundlePath
        self.pipeline = pipeline
        self.keyTaskInterval = keyTaskInterval
        self.directoryRefreshInterval = directoryRefreshInterval
        self.streamRetention = streamRetention
        self.streamPruneInterval = streamPruneInterval
        self.faults = faults
    }

    /// Throws unless the mixing and pipeline settings are valid, the stream retention exceeds the 14-day
    /// messaging-key validity and the mix's maximum age is shorter than the retention.
    package func validate() throws {
        try mixing.validate()
        try pipeline.validate()
        guard streamRetention > KeyLifetimes.messaging else {
            throw CoverNodeError(
                .invalidSettings, "the stream retention must exceed the messaging-key validity (14 days)")
        }
        guard mixing.userToJournalist.maximumAge < streamRetention, mixing.journalistToUser.maximumAge < streamRetention
        else {
            throw CoverNodeError(.invalidSettings, "the mix's maximum age must be shorter than the stream retention")
        }
    }
}
