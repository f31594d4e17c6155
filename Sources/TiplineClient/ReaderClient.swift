public import Foundation
public import TiplineCore

/// The reader-app side of Tipline: what a news app embeds so that any reader can contact a journalist, while every
/// installation looks the same on the network and on disk whether its owner is a source or only reads the news.
///
/// The host app calls four lifecycle hooks — ``start()`` at launch, ``didEnterForeground()``,
/// ``didEnterBackground()`` and ``runBackgroundTask()`` when the OS grants background time — and the session API
/// (``createSession(with:)``, ``unlock(_:)-(String)``, ``send(_:to:)``, ``conversations()``, ``lock()``) from its UI.
///
/// **Checkpoints.** Files are written only by the four lifecycle hooks, never in response to what the reader does.
/// Each hook rewrites the vault, the sending queue and `schedule.json` atomically (and the public caches when it
/// downloaded something), for every installation: an open session re-encrypts the vault with a fresh nonce, a
/// locked one rewrites the same bytes. Session actions only change memory until the next checkpoint.
public actor ReaderClient {
    /// The configuration this client runs with.
    public let configuration: ClientConfiguration
    let directory: StateDirectory
    let clock: any WallClock
    let transport: any HTTPTransport
    let scheduler: (any BackgroundScheduler)?
    let wordList: WordList

    var started = false
    var schedule = ScheduleState()
    var status: SystemStatus?
    var publicKeys: PublicKeysResponse?
    var deadDrops = DeadDropCache()
    var queue: PrivateSendingQueue?
    var sealedVault: SealedVault?
    var session: VaultSession?
    var backgroundedAt: Timestamp?
    private var launching: Task<SendRunResult, any Error>?

    /// Creates a client keeping its files in `directory` (created with owner-only permissions on start).
    /// - Throws: ``ClientError`` with `.invalidConfiguration` for an unsafe configuration, `.wordListInvalid` when the
    ///   bundled word list is altered.
    public init(
        configuration: ClientConfiguration, directory: URL, clock: any WallClock = SystemWallClock(),
        transport: any HTTPTransport = URLSessionTransport(), scheduler: (any BackgroundScheduler)? = nil
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.directory = StateDirectory(url: directory)
        self.clock = clock
        self.transport = transport
        self.scheduler = scheduler
        self.wordList = try WordList.bundled()
    }

    // MARK: Lifecycle

    /// App launch (`spec/CLIENT.md` §4.1), the same steps for every installation: load the caches, refresh status,
    /// keys and dead drops as their ages require, create the sending queue and the vault on first start (the vault
    /// under a random passphrase that is immediately forgotten), run the sending step, write the checkpoint.
    ///
    /// Calling it again once started behaves as ``didEnterForeground()``.
    /// - Throws: ``ClientError`` with `.keysUnavailable` when no verified CoverNode key exists yet (offline first
    ///   start; nothing is written then, and the next foreground tries again), `.storage` for file errors.
    public func start() async throws {
        guard !started else { return try await didEnterForeground() }
        try await launch()
    }

    /// Launches once even when hooks overlap (a foreground arriving while a slow start still waits on the network).
    @discardableResult
    private func launch() async throws -> SendRunResult {
        if let launching { return try await launching.value }
        let task = Task { try await performLaunch() }
        launching = task
        defer { launching = nil }
        return try await task.value
    }

    private func performLaunch() async throws -> SendRunResult {
        try directory.prepare()
        schedule = ScheduleState(json: directory.read(.schedule))
        status = directory.read(.status).flatMap { try? JSONDecoder().decode(SystemStatus.self, from: Data($0)) }
        publicKeys = directory.read(.publicKeys).flatMap {
            try? JSONDecoder().decode(PublicKeysResponse.self, from: Data($0))
        }
        deadDrops = DeadDropCache(json: directory.read(.deadDrops))
        let now = clock.now()
        await refreshStatus(now: now)
        await refreshPublicKeys(now: now)
        let cover = try coverFactory(now: now)
        // A missing or malformed file (truncated, foreign) is replaced as on first start: it could not be opened anyway.
        queue =
            try directory.read(.queue).flatMap { try? PrivateSendingQueue(serialized: $0) }
            ?? PrivateSendingQueue(cover: cover)
        sealedVault = try directory.read(.vault).flatMap { try? SealedVault(fileBytes: $0) } ?? randomVault(now: now)
        await refreshDeadDrops(now: now)
        started = true
        let result = await sendRun(now: now)
        try writeCheckpoint(now: now)
        await scheduler?.schedule(earliest: now.adding(BackgroundDelay.sample(extra: BackgroundDelay.foregroundExtra)))
        return result
    }

    /// The app came to the foreground: lock a session left in the background for too long, refresh public data as
    /// its ages require, run the sending step, write the checkpoint. Starts the client if an earlier start failed.
    public func didEnterForeground() async throws {
        let now = clock.now()
        if let since = backgroundedAt, now.duration(since: since) > configuration.maxBackgroundDuration { lock() }
        backgroundedAt = nil
        guard started else {
            try await launch()
            return
        }
        await refreshStatus(now: now)
        await refreshPublicKeys(now: now)
        await refreshDeadDrops(now: now)
        await sendRun(now: now)
        try writeCheckpoint(now: now)
        await scheduler?.schedule(earliest: now.adding(BackgroundDelay.sample(extra: BackgroundDelay.foregroundExtra)))
    }

    /// The app went to the background: write the checkpoint (no network) and ask for a background run.
    public func didEnterBackground() async throws {
        let now = clock.now()
        backgroundedAt = now
        guard started else { return }
        try writeCheckpoint(now: now)
        await scheduler?.schedule(earliest: now.adding(BackgroundDelay.sample()))
    }

    /// The OS granted background time: re-arm the next run first, then run the sending step and write the checkpoint.
    @discardableResult
    public func runBackgroundTask() async throws -> SendRunResult {
        let now = clock.now()
        await scheduler?.schedule(earliest: now.adding(BackgroundDelay.sample()))
        guard started else { return try await launch() }
        let result = await sendRun(now: now)
        try writeCheckpoint(now: now)
        return result
    }

    /// Writes vault, queue and schedule, in that order, each atomically. An open session re-encrypts the vault first.
    func writeCheckpoint(now: Timestamp) throws {
        if let session { sealedVault = try session.seal(expiredBefore: expiryCutoff(now)) }
        guard let sealedVault, let queue else { return }
        try directory.write(sealedVault.bytes, to: .vault)
        try directory.write(queue.serialized, to: .queue)
        try directory.write(schedule.json, to: .schedule)
    }

    /// A vault nobody knows the passphrase of: what every installation has until a session is created.
    func randomVault(now: Timestamp) throws -> SealedVault {
        var session = try VaultSession.create(
            Passphrase.generate(wordCount: configuration.passphraseWordCount, from: wordList),
            kdf: configuration.vaultKDF)
        defer { session.wipe() }
        return try session.seal(expiredBefore: expiryCutoff(now))
    }

    func expiryCutoff(_ now: Timestamp) -> Timestamp { now.adding(.zero - ClientConfiguration.retention) }

    /// Whether ``start()`` has completed (verified keys, queue and vault are in place).
    public var hasStarted: Bool { started }

    /// The directory this client keeps its files in.
    public nonisolated var directoryURL: URL { directory.url }
}
