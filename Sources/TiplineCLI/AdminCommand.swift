import ArgumentParser
import Foundation
import TiplineAPIClient
import TiplineAdmin
import TiplineCore

/// `tipline admin`: the offline key ceremony and the few admin calls to the API.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Key ceremony: organisation, provisioning, CoverNode and journalist keys; system status.",
        subcommands: [
            Init.self, Publish.self, AddCoverNode.self, AddJournalist.self, SetStatus.self, List.self,
            CertifyRotations.self, PlanMixing.self,
        ]
    )

    struct KeysOption: ParsableArguments {
        @Option(name: .customLong("keys"), help: "The key folder (files are written with mode 0600).")
        var path: String = "tipline-keys"

        var ceremony: KeyCeremony { get throws { KeyCeremony(keys: try KeyDirectory(path: path)) } }
    }

    struct APIOption: ParsableArguments {
        @Option(name: .customLong("api-url"), help: "The Tipline API root, without /v1.")
        var url: String = "http://127.0.0.1:3000"

        var client: APIClient { APIClient(baseURL: url) }
    }

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the organisation key, trust anchors, provisioning keys and the admin key.")
        @OptionGroup var keys: KeysOption

        func run() async throws {
            let ceremony = try keys.ceremony
            let anchor = try ceremony.createOrganization()
            try ceremony.createOrganizationChild(Role.CoverNodeProvisioning.self)
            try ceremony.createOrganizationChild(Role.JournalistProvisioning.self)
            try ceremony.createOrganizationChild(Role.Admin.self)
            print(
                "Created the organisation, CoverNode provisioning, journalist provisioning and admin keys in \(keys.path)."
            )
            print("Organisation key digest (read it aloud to verify): \(anchor.key.humanReadableDigest)")
            print("Trust anchors for apps and services: \(keys.path)/\(KeyCeremony.trustAnchorsFile)")
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Upload the provisioning and admin public keys to the API (organisation-signed forms).")
        @OptionGroup var keys: KeysOption
        @OptionGroup var api: APIOption

        func run() async throws {
            try await KeyPublisher(ceremony: keys.ceremony, api: api.client).publishOrganizationChildren()
            print("Published the provisioning and admin keys to \(api.url).")
        }
    }

    struct SetStatus: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-status", abstract: "Set the system status shown to readers (admin-signed).")
        @Argument(help: "One of \(SystemStatus.values.joined(separator: ", ")).") var status: String
        @Argument(help: "A short description for readers.") var description: String
        @OptionGroup var keys: KeysOption
        @OptionGroup var api: APIOption

        func run() async throws {
            try await KeyPublisher(ceremony: keys.ceremony, api: api.client).setStatus(status, description: description)
            print("Status set to \(status).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch GET /v1/public-keys, verify it against the trust anchors and print the verified keys.")
        @OptionGroup var keys: KeysOption
        @OptionGroup var api: APIOption

        func run() async throws {
            let anchors = try keys.ceremony.trustAnchors().map(
                SignedPublicKey<SigningPublicKey<Role.Organization>>.init(json:))
            let verified = VerifiedKeys(
                try await api.client.publicKeys(), trustAnchors: anchors, now: SystemWallClock().now())
            let rows = KeyTable.rows(of: verified)
            guard !rows.isEmpty else {
                throw ValidationError("Nothing the API publishes verifies against the trust anchors.")
            }
            print(KeyTable.render(rows))
        }
    }
}
