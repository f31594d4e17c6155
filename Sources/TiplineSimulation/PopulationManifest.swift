/// What the anonymity harness needs to know about a run besides the capture: which app is which (the ground truth
/// the distinguishers are scored against, never a feature), the time scale, and where the snapshots are.
public struct PopulationManifest: Codable, Hashable, Sendable {
    /// One app.
    public struct App: Codable, Hashable, Sendable {
        /// 1-based number (`reader-00001` is app 1).
        public var index: Int
        /// Its own loopback address, with per-app addresses.
        public var address: String?
        /// Whether it is a source.
        public var isSource: Bool
        /// Whether it is an over-full source.
        public var isOverfull: Bool
    }

    /// One snapshot of every app's state folder.
    public struct Snapshot: Codable, Hashable, Sendable {
        /// Virtual seconds since the start.
        public var virtualOffset: Double
        /// The JSON Lines file (relative to the state folder), one ``SnapshotRecord`` per app.
        public var file: String
    }

    /// Virtual seconds per step.
    public var tickSeconds: Double
    /// Real seconds per step when paced.
    public var realSecondsPerTick: Double?
    /// The virtual start, seconds since 1970.
    public var virtualStart: Double
    /// TEST ONLY leak applied to the sources, if any.
    public var testLeak: String?
    /// The apps.
    public var apps: [App]
    /// The real time each step started, seconds since 1970 (maps capture times to virtual time).
    public var stepStarts: [Double] = []
    /// The snapshots taken.
    public var snapshots: [Snapshot] = []
    /// The totals of the run.
    public var lateSteps = 0
    /// The longest lateness of a step, seconds.
    public var maxLatenessSeconds = 0.0
}
