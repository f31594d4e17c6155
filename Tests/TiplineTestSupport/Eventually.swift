/// Polls `probe` every `interval` until it returns a value, and returns that value. Errors of `probe` end the wait
/// (wrap it in `try?` to keep polling through them).
/// - Throws: ``TestFailure`` ("timed out waiting for `what`") when `timeout` passes first.
package func eventually<T: Sendable>(
    _ what: String, timeout: Duration = .seconds(120), every interval: Duration = .milliseconds(50),
    _ probe: () async throws -> T?
) async throws -> T {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while true {
        if let value = try await probe() { return value }
        guard ContinuousClock.now < deadline else { throw TestFailure("timed out waiting for \(what)") }
        try await Task.sleep(for: interval)
    }
}

/// Polls `condition` every `interval` until it holds. Errors of `condition` end the wait, unless `ignoringErrors`
/// (a server that is not up yet): then they count as "not yet".
/// - Throws: ``TestFailure`` ("timed out waiting for `what`") when `timeout` passes first.
package func eventually(
    _ what: String, timeout: Duration = .seconds(120), every interval: Duration = .milliseconds(50),
    ignoringErrors: Bool = false, _ condition: () async throws -> Bool
) async throws {
    try await eventually(what, timeout: timeout, every: interval) {
        let holds = ignoringErrors ? (try? await condition()) == true : try await condition()
        return holds ? () : nil
    }
}
