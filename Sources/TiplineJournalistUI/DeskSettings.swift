/// Settings of the journalist's desk (`tipline journalist ui`).
package struct DeskSettings: Sendable {
    /// The only address the desk listens on.
    package static let host = "127.0.0.1"

    /// The vault file.
    package var vaultPath: String
    /// The API root without `/v1`.
    package var apiURL: String
    /// The port to listen on; 0 picks a free one.
    package var port: Int = 8088
    /// Seconds between two J2C (real or cover) of the journalist service.
    package var sendInterval: Duration = .seconds(60)
    /// Seconds between two syncs; `nil` keeps the journalist client's default.
    package var syncInterval: Duration?
    /// A browser session without requests for this long is ended (the desk locks itself).
    package var autoLock: Duration = .seconds(600)
    /// Wrong passphrases allowed without delay; after that the delay doubles with every failure.
    package var freeUnlockAttempts = 3
    /// Longest delay between two unlock attempts.
    package var maxUnlockDelay: Duration = .seconds(300)
    /// Timeout of the status page's request to the API.
    package var statusTimeout: Duration = .seconds(5)

    /// Settings for a vault and an API.
    package init(vaultPath: String, apiURL: String) {
        self.vaultPath = vaultPath
        self.apiURL = apiURL
    }
}
