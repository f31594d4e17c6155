/// Order-preserving parallel map in one contiguous chunk per task: the CPU-bound steps (trial decryption, sealing,
/// filler generation) use every core without per-element task overhead.
enum ParallelMap {
    static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], width: Int, _ transform: @escaping @Sendable (Element) throws -> Result
    ) async throws -> [Result] {
        guard width > 1, elements.count > 1 else { return try elements.map(transform) }
        let chunk = (elements.count + width - 1) / width
        return try await withThrowingTaskGroup(of: (Int, [Result]).self) { group in
            for start in stride(from: 0, to: elements.count, by: chunk) {
                let end = min(start + chunk, elements.count)
                group.addTask { (start, try elements[start..<end].map(transform)) }
            }
            var parts: [(Int, [Result])] = []
            for try await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
