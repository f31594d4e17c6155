import ArgumentParser
import TiplineEmbedded

/// `tipline demo` (what `make demo` runs): the whole system in one process with a simulated crowd of readers.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the server, two journalists and a crowd of simulated reader apps, and tell what happens.")

    @Option(help: "Simulated reader apps.") var readers = 50
    @Option(help: "How many of them are sources.") var sources = 2
    @Option(help: "Virtual days simulated.") var days = 2

    func validate() throws {
        guard readers > 0, sources > 0, sources <= readers, days > 0 else {
            throw ValidationError("readers and days must be positive, with 1…readers sources.")
        }
    }

    func run() async throws {
        guard try await DemoRunner(readers: readers, sources: sources, days: days).run() else {
            throw ExitCode.failure
        }
    }
}
