import ArgumentParser
import Foundation
import TiplineJournalist

/// `tipline journalist save-loop` (hidden): saves the vault again and again, printing each revision. Used by the
/// crash tests, which kill it with SIGKILL mid-save and check that the vault still opens.
struct JournalistSaveLoopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "save-loop", abstract: "Save the vault repeatedly (crash testing).", shouldDisplay: false)

    @Option(help: "Stop after this many saves (default: until killed).")
    var count: Int?

    @OptionGroup var options: JournalistOptions

    func run() async throws {
        let vault = try options.openVault()
        var saved = 0
        while count.map({ saved < $0 }) ?? true {
            let revision = try await vault.save()
            FileHandle.standardOutput.write(Data("saved \(revision)\n".utf8))
            saved += 1
        }
    }
}
