/// Work split into contiguous chunks, one task each: how the CoverNode spreads a batch over its `pipeline.width`.
enum Parallel {
    /// `body(i)` for every i in `0..<count`, in `width` contiguous chunks run as concurrent tasks; results in order.
    static func map<T: Sendable>(
        count: Int, width: Int, _ body: @escaping @Sendable (Int) throws -> T
    ) async throws -> [T] {
        let chunk = max((count + max(width, 1) - 1) / max(width, 1), 1)
        return try await withThrowingTaskGroup(of: (Int, [T]).self) { group in
            for start in stride(from: 0, to: count, by: chunk) {
                group.addTask { (start, try (start..<min(start + chunk, count)).map(body)) }
            }
            return try await group.reduce(into: [(Int, [T])]()) { $0.append($1) }.sorted { $0.0 < $1.0 }
                .flatMap(\.1)
        }
    }
}
