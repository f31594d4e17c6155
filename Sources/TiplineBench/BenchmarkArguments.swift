/// The `--name value` options every benchmark reads.
struct BenchmarkArguments {
    let arguments: [String]

    /// The value after `name` (`--seconds`), or `nil` when the option is absent.
    func string(_ name: String) -> String? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    /// The positive integer after `name`, or `fallback` when it is absent, not a number or not positive.
    func int(_ name: String, default fallback: Int) -> Int {
        guard let value = string(name).flatMap({ Int($0) }), value > 0 else { return fallback }
        return value
    }
}
