/// What the anonymity harness needs to know about a run besides the capture: which app is which (the ground truth
/// the distinguishers are scored against, never a feature), the time scale, and where the snapshots are.
package struct PopulationManifest: Codable, Hashable, Sendable {
    /// One app.
    package struct App: Codable, Hashable, Sendable {
        /// 1-based number (`reader-00001` is app 1).
        package var index: Int
        /// Its own loopback address, with per-app addresses.
        package var address: String?
        /// Whether it is a source.
        package var isSource: Bool
        /// Whether it is an over-full source.
        package var isOverfull: Bool
    }

    /// One snapshot of every app's state folder.
    package struct Snapshot: Codable, Hashable, Sendable {
        /// Virtual seconds since the start.
        package var virtualOffset: Double
        /// The JSON Lines file (relative to the state folder), one ``SnapshotRecord`` per app.
        package var file: String
    }

    /// Virtual seconds per step.
    package var tickSeconds: Double
    /// Real seconds per step when paced.
    package var realSecondsPerTick: Double?
    /// The virtual start, seconds since 1970.
    package var virtualStart: Double
    /// TEST ONLY leak applied to the sources, if any.
    package var testLeak: String?
    /// The apps.
    package var apps: [App]
    /// The real time each step started, seconds since 1970 (maps capture times to virtual time).
    package var stepStarts: [Double] = []
    /// The snapshots taken.
    package var snapshots: [Snapshot] = []
    /// The totals of the run.
    package var lateSteps = 0
    /// The longest lateness of a step, seconds.
    package var maxLatenessSeconds = 0.0
}
