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
/// downloaded something), for every installation. Session actions only change memory until the next checkpoint.
/// Every checkpoint also does the same work for every installation: with a session open it re-encrypts the vault
/// content, without one it encrypts a decoy's, so a hook does not last longer for a source who left the app unlocked.
///
/// **Ratchet.** Every checkpoint wraps the vault and the queue in a new outer layer under a new device key and deletes
/// the previous key (`StorageRatchet`), for every installation: every checkpoint changes every byte of both files,
/// whether or not a session is open, and an earlier snapshot of them can no longer be opened.
public actor ReaderClient {
    /// The configuration this client runs with.
    public let configuration: ClientConfiguration
    let directory: StateDirectory
    let clock: any WallClock
    let transport: any HTTPTransport
    let scheduler: (any BackgroundScheduler)?
    let wordList: WordList
    let ratchet: StorageRatchet
    /// What a locked client encrypts in the place of an open session's content (``VaultSession/decoy()``).
    let decoy: VaultSession

    var started = false
    var schedule = ScheduleState()
    var status: SystemStatus?
    var publicKeys: PublicKeysResponse?
    var deadDrops = DeadDropCache()
    var queue: PrivateSendingQueue?
    var sealedVault: SealedVault?
    var session: VaultSession?
    var backgroundedAt: Timestamp?
    /// How many times this client encrypted vault content at a checkpoint or a lock: each lifecycle hook adds the
    /// same number for every installation, session open or not (checked by `ConstantWorkTests`).
    package private(set) var vaultEncryptions = 0
    private var launching: Task<SendRunResult, any Error>?

    /// Creates a client keeping its files in `directory` (created with owner-only permissions on start) and the keys
    /// of its outer layer in `deviceKeys`.
    ///
    /// Without `deviceKeys`, a ``SoftwareDeviceKeyStore`` in the sibling folder `<directory>.device-keys` is used: it
    /// gives no hardware protection (an image of the device holds its keys). A phone app passes a store backed by its
    /// secure element (`docs/client.md`).
    /// - Throws: ``ClientError`` with `.invalidConfiguration` for an unsafe configuration, `.wordListInvalid` when the
    ///   bundled word list is altered.
    public init(
        configuration: ClientConfiguration, directory: URL, clock: any WallClock = SystemWallClock(),
        transport: any HTTPTransport = URLSessionTransport(), scheduler: (any BackgroundScheduler)? = nil,
        deviceKeys: (any DeviceKeyStore)? = nil
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.directory = StateDirectory(url: directory)
        self.clock = clock
        self.transport = transport
        self.scheduler = scheduler
        self.wordList = try WordList.bundled()
        let keys =
            deviceKeys
            ?? SoftwareDeviceKeyStore(
                directory: directory.deletingLastPathComponent().appendingPathComponent(
                    directory.lastPathComponent + ".device-keys"))
        ratchet = StorageRatchet(directory: directory, deviceKeys: keys)
        decoy = try VaultSession.decoy()
    }

    // MARK: Lifecycle

    /// App launch (`spec/CLIENT.md` §4.1), the same steps for every installation: open the vault and the queue
    /// (moving an installation from before the outer layer to it), load the caches, refresh status, keys and dead
    /// drops as their ages require, create the sending queue and the vault on first start (the vault under a random
    /// passphrase that is immediately forgotten), run the sending step, write the checkpoint (a ratchet).
    ///
    /// Only a missing file means first start. A vault or queue that exists but cannot be read, or a device key store
    /// that cannot be used, fails the start before anything is written, so a transient failure never replaces a
    /// source's vault; a file nobody can open any more (wrong size, no device key opens it) is replaced as on first
    /// start.
    ///
    /// Calling it again once started behaves as ``didEnterForeground()``.
    /// - Throws: ``ClientError`` with `.keysUnavailable` when no verified CoverNode key exists yet (offline first
    ///   start; nothing is written then, and the next foreground tries again), `.diskFull` when the device is full (the
    ///   files on disk stay as they were), `.storage` for other file errors.
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
        let stored = try ratchet.open()
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
        // A missing file, or one nobody can open (truncated, foreign, outer layer under a deleted key), is replaced
        // as on first start.
        queue =
            try stored[.queue].flatMap { try? PrivateSendingQueue(serialized: $0) } ?? PrivateSendingQueue(cover: cover)
        sealedVault = try stored[.vault].flatMap { try? SealedVault(fileBytes: $0) } ?? randomVault(now: now)
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

    /// Ratchets vault and queue (new outer layer, new device key, previous keys deleted), then writes the schedule,
    /// each file atomically. An open session re-encrypts the vault first.
    func writeCheckpoint(now: Timestamp) throws {
        if let resealed = try resealVault(now: now) { sealedVault = resealed }
        guard let sealedVault, let queue else { return }
        try ratchet.commit([.vault: sealedVault.bytes, .queue: queue.serialized])
        try directory.write(schedule.json, to: .schedule)
    }

    /// The open session's content encrypted for the next checkpoint; `nil` when locked. Locked, the decoy's content
    /// is encrypted instead and dropped: the same work either way, so that a hook lasts as long for a reader as for
    /// a source who left the app unlocked.
    func resealVault(now: Timestamp) throws -> SealedVault? {
        vaultEncryptions += 1
        let sealed = try (session ?? decoy).seal(expiredBefore: expiryCutoff(now))
        return session == nil ? nil : sealed
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
