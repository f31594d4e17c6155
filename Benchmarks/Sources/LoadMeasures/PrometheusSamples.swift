/// The samples of a Prometheus text exposition (`GET /metrics`), by series: `name{labels}` exactly as the server
/// prints it, for example `tipline_covernode_inputs_total{direction="u2j"}`. Comments, blank lines and lines whose
/// value is not a number are skipped.
package struct PrometheusSamples: Sendable, Equatable {
    private let values: [String: Double]

    /// Parses one exposition (`series value` per line, without timestamps, as swift-prometheus prints it).
    package init(text: String) {
        var values: [String: Double] = [:]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            values[String(line[..<space])] = value
        }
        self.values = values
    }

    /// The value of `series`, or 0 when the server does not print it (yet): counters start at zero.
    package subscript(_ series: String) -> Double { values[series] ?? 0 }
}
