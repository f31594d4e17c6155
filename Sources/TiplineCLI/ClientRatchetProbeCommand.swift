import ArgumentParser
import Foundation
import TiplineClient

/// `tipline client-ratchet-probe` (hidden): ratchets a reader app's state folder once with a software device key
/// store and, with `--stop-after STEP`, prints `reached STEP` at that point and waits to be killed. Used by the
/// reader client's crash tests, which SIGKILL it there and check that the folder still opens.
struct ClientRatchetProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client-ratchet-probe", abstract: "Ratchet a reader app's state folder (crash testing).",
        shouldDisplay: false)

    @Option(help: "The reader app's state folder.")
    var state: String

    @Option(help: "The folder of the software device key store.")
    var deviceKeys: String

    @Option(
        help: "Stop at this step and wait to be killed: \(RatchetStep.all.map(\.description).joined(separator: ", ")).")
    var stopAfter: String?

    func run() throws {
        let ratchet = StorageRatchet(
            directory: URL(fileURLWithPath: state),
            deviceKeys: SoftwareDeviceKeyStore(directory: URL(fileURLWithPath: deviceKeys)))
        try ratchet.ratchet { step in
            guard step.description == stopAfter else { return }
            FileHandle.standardOutput.write(Data("reached \(step)\n".utf8))
            while true { sleep(60) }
        }
        print("done")
    }
}
