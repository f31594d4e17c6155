import AsyncHTTPClient

/// Fills the U2C stream through the API's appender (`POST /user/messages`), as readers' apps do, with messages made
/// beforehand: `clients` keep-alive connections, each posting its share in turn.
enum StreamFiller {
    /// Posts every message once; a message the API did not acknowledge is tried again, at most three times.
    static func post(_ messages: [[UInt8]], toPort port: Int, clients: Int = 32) async throws {
        let http = AppenderLoad.client(connections: clients)
        let url = "http://127.0.0.1:\(port)/user/messages"
        let lost = await withTaskGroup(of: Int.self) { group in
            for client in 0..<clients {
                group.addTask {
                    var lost = 0
                    for index in stride(from: client, to: messages.count, by: clients) {
                        var attempts = 0
                        while await !AppenderLoad.post(messages[index], to: url, with: http) {
                            attempts += 1
                            guard attempts < 3 else {
                                lost += 1
                                break
                            }
                        }
                    }
                    return lost
                }
            }
            return await group.reduce(0, +)
        }
        try await http.shutdown()
        guard lost == 0 else { throw BenchmarkFailure("the API did not acknowledge \(lost) messages") }
    }
}
