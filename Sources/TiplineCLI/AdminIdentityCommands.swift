import ArgumentParser
import Foundation
import TiplineAdmin
import TiplineCore

extension AdminCommand {
    struct AddCoverNode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-covernode", abstract: "Create a CoverNode identity and its setup bundle.")
        @Argument(help: "The CoverNode id, e.g. covernode_001.") var id: String
        @Option(help: "Where to write the setup bundle (mode 0600).") var out: String
        @OptionGroup var keys: KeysOption

        func run() async throws {
            let bundle = try keys.ceremony.createCoverNode(id: id)
            try writeBundle(bundle, to: out)
            print("Created \(id). Give \(out) to the CoverNode: tipline covernode --setup-bundle \(out)")
        }
    }

    struct AddJournalist: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-journalist", abstract: "Create a journalist or desk and the setup bundle of its vault.")
        @Argument(help: "The journalist id (ASCII, no spaces), e.g. rosalind_franklin.") var id: String
        @Option(help: "The name readers see.") var name: String
        @Option(help: "A short description (at most 40 bytes unless --desk).") var description: String = ""
        @Option(help: "Sort key; defaults to the name.") var sortName: String?
        @Flag(help: "This is a desk, not a person.") var desk = false
        @Option(help: "Where to write the setup bundle (mode 0600).") var out: String
        @OptionGroup var keys: KeysOption

        func run() async throws {
            let profile = PostJournalistProfileBody(
                id: id, displayName: name, sortName: sortName ?? name, description: description, isDesk: desk,
                status: "VISIBLE")
            let bundle = try keys.ceremony.createJournalist(profile)
            try writeBundle(bundle, to: out)
            print("Created \(id). Give \(out) to the journalist: tipline journalist init --setup-bundle \(out)")
            print("Its forms stay valid for 4 weeks; the bundle is deleted once the vault has used it.")
        }
    }
}

/// Writes a setup bundle with mode 0600, refusing to overwrite.
func writeBundle<T: Encodable>(_ bundle: T, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = try KeyDirectory(path: url.deletingLastPathComponent().path)
    try directory.write(try JSONEncoder().encode(bundle), to: url.lastPathComponent)
}
