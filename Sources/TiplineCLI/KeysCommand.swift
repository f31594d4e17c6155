import ArgumentParser
import Foundation
import TiplineCore

/// `tipline keys verify`: checks a published key hierarchy against trust anchors and prints what verifies.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Inspect key hierarchies.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a GET /v1/public-keys response against trust anchors and print the verified keys.")

        @Argument(help: "A file holding the JSON of GET /v1/public-keys.")
        var publicKeys: String

        @Option(help: "A JSON array of trusted organisation keys (self-signed).")
        var trustAnchors: String

        @Option(help: "Verify as of this RFC 3339 instant instead of now.")
        var now: String?

        func run() async throws {
            let response = try JSONDecoder().decode(PublicKeysResponse.self, from: readFile(publicKeys))
            let anchors = try JSONDecoder().decode([SignedPublicKeyJSON].self, from: readFile(trustAnchors))
                .map(SignedPublicKey<SigningPublicKey<Role.Organization>>.init(json:))
            let instant = try now.map(Timestamp.init(rfc3339:)) ?? SystemWallClock().now()
            let verified = VerifiedKeys(response, trustAnchors: anchors, now: instant)
            let rows = KeyTable.rows(of: verified)
            guard !rows.isEmpty else {
                throw ValidationError("No key verified against the trust anchors as of \(instant.rfc3339).")
            }
            print(KeyTable.render(rows))
        }
    }
}

/// Reads a whole file with a clear error.
func readFile(_ path: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationError("Cannot read \(path).")
    }
    return data
}
