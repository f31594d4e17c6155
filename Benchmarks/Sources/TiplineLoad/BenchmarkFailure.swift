/// A benchmark that could not run or whose result was wrong (and so whose numbers would be meaningless).
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
