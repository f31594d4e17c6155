/// Everything the API, appender and CoverNode persist: one backend type conforms to all of it.
///
/// Implemented by ``SQLiteStore`` (embedded mode) and ``PostgresStore`` (scale mode); both pass the
/// same compatibility suite.
package protocol TiplineStore: KeyStore, ProfileStore, StatusStore, DeadDropStore, MessageStreamStore,
    FormReplayStore, IdentityRotationQueueStore
{}
