import ArgumentParser
import TiplineJournalist

/// `tipline journalist rotate-keys`: publishes a new messaging key now (and optionally requests a new identity key).
struct JournalistRotateKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-keys", abstract: "Publish a new messaging key now and remove expired keys.")

    @Flag(help: "Also request a new identity key from the organisation.")
    var identity = false

    @OptionGroup var options: JournalistOptions

    func run() async throws {
        let client = try options.client()
        try await client.completeSetup()
        let report = try await client.rotateKeys(forceMessaging: true, forceIdentity: identity)
        if let epoch = report.newMessagingKeyEpoch { print("Published a new messaging key (epoch \(epoch)).") }
        print("Removed \(report.expiredKeysRemoved) expired keys and \(report.messagesRemoved) old messages.")
        switch report.identityRotation {
        case .notDue: break
        case .requested: print("A new identity key was requested; it is used once the organisation certifies it.")
        case .completed: print("The new identity key is certified and in use.")
        case .unsupported(let reason): print("Identity key rotation is not available: \(reason).")
        }
    }
}
