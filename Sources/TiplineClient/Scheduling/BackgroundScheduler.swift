public import TiplineCore

/// Asks the operating system to run the client's background task (``ReaderClient/runBackgroundTask()``) no
/// earlier than a given time. The OS decides when it really runs (iOS `BGAppRefreshTask`, Android WorkManager);
/// on Linux the host or a simulation drives it.
public protocol BackgroundScheduler: Sendable {
    /// Replaces any previous request with one for `earliest`.
    func schedule(earliest: Timestamp) async
}
