import ArgumentParser

/// The `tipline` binary a driver runs as processes.
struct TiplineBinaryOption: ParsableArguments {
    @Option(help: "The `tipline` binary to run (the root package's release build, from the repository root).")
    var tipline = ".build/release/tipline"
}

/// The options of every appender load.
struct LoadOptions: ParsableArguments {
    @OptionGroup var binary: TiplineBinaryOption

    @Option(help: "Seconds measured, after a 1 s warm-up.")
    var seconds = 5

    @Option(help: "Concurrent HTTP/1.1 keep-alive clients.")
    var clients = 64

    func validate() throws {
        guard seconds > 0, clients > 0 else { throw ValidationError("--seconds and --clients must be positive") }
    }

    /// The `tipline` binary.
    var tipline: String { binary.tipline }

    /// The measured window.
    var window: Duration { .seconds(seconds) }
}
