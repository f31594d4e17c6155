/// The files a client keeps in its state directory. Every installation has the same set once started.
package enum ClientFile: String, CaseIterable, Sendable {
    /// The deniable vault: fixed size, rewritten at every checkpoint.
    case vault
    /// The private sending queue: fixed size, rewritten at every checkpoint.
    case queue
    /// Public-data refresh times and the last sending run: the same for every installation on the same schedule.
    case schedule = "schedule.json"
    /// `GET /v1/status`, verbatim.
    case status = "status.json"
    /// `GET /v1/public-keys`, verbatim.
    case publicKeys = "public-keys.json"
    /// The user dead drops of the last 14 days (merged lists of `GET /v1/user/dead-drops`).
    case deadDrops = "dead-drops.json"

    /// The file name inside the state directory.
    package var fileName: String { rawValue }
}
