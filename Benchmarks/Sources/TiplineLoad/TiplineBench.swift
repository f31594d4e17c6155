import ArgumentParser

/// `tipline-bench`: the end-to-end load drivers behind `make bench`. Build in release; debug numbers mean nothing.
/// Every verdict is a ratio to a reference measured in the same run, never an absolute rate: on a shared machine an
/// absolute rate moves by a third from one run to the next. The micro-benchmarks (crypto, trial decryption) run
/// under `swift package benchmark` with instruction and allocation counts.
@main
struct TiplineBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tipline-bench",
        abstract: "Tipline's end-to-end benchmarks; each judges a ratio to a reference measured in the same run.",
        subcommands: [
            TrialDecryptionCommand.self, AppenderCommand.self, ScaleCommand.self, CoverNodeCommand.self,
            RatchetCommand.self, EmptyEndpointCommand.self,
        ])
}
