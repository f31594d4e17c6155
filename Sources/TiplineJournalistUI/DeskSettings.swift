/// Settings of the journalist's desk (`tipline journalist ui`).
public struct DeskSettings: Sendable {
    /// The only address the desk listens on.
    public static let host = "127.0.0.1"

    /// The vault file.
    public var vaultPath: String
    /// The API root without `/v1`.
    public var apiURL: String
    /// The port to listen on; 0 picks a free one.
    public var port: Int = 8088
    /// Seconds between two J2C (real or cover) of the journalist service.
    public var sendInterval: Duration = .seconds(60)
    /// Seconds between two syncs; `nil` keeps the journalist client's default.
    public var syncInterval: Duration?
    /// A browser session without requests for this long is ended (the desk locks itself).
    public var autoLock: Duration = .seconds(600)
    /// Wrong passphrases allowed without delay; after that the delay doubles with every failure.
    public var freeUnlockAttempts = 3
    /// Longest delay between two unlock attempts.
    public var maxUnlockDelay: Duration = .seconds(300)
    /// Timeout of the status page's request to the API.
    public var statusTimeout: Duration = .seconds(5)

    /// Settings for a vault and an API.
    public init(vaultPath: String, apiURL: String) {
        self.vaultPath = vaultPath
        self.apiURL = apiURL
    }
}
