import Foundation

/// The attacks of the abuse tests, each from its own loopback source address and for a fixed time, reporting what
/// the attacker saw.
enum AbuseAttacks {
    /// What the attacker's connections saw.
    struct Outcome: Sendable {
        /// Connections opened.
        var opened = 0
        /// Connections the attacker could not open (refused or reset by the server).
        var refused = 0
        /// How long each connection the server closed had lived.
        var lifetimes: [Duration] = []
        /// Connections still open when the attack ended.
        var stillOpen = 0
        /// HTTP statuses the server answered, by code.
        var statuses: [Int: Int] = [:]
        /// The most body bytes one connection got the server to take.
        var mostBytesTaken = 0

        var longestLifetime: Duration { lifetimes.max() ?? .zero }
        /// Statuses of 500 and above.
        var serverErrors: Int { statuses.filter { $0.key >= 500 }.values.reduce(0, +) }

        var summary: String {
            var parts = ["\(opened) connections (\(refused) refused)"]
            if !lifetimes.isEmpty {
                parts.append("\(lifetimes.count) closed by the server (the longest after \(longestLifetime))")
            }
            parts.append("\(stillOpen) still open")
            parts.append("statuses \(statuses.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" })")
            if mostBytesTaken > 0 { parts.append("at most \(mostBytesTaken) body bytes taken on one connection") }
            return parts.joined(separator: ", ")
        }
    }

    /// Slowloris: `connections` connections that each send one more byte of a request head (or, with `body`, of a
    /// declared 8000-byte request body) every `byteInterval`, never finishing it.
    static func slowloris(
        port: Int, source: String, connections: Int, duration: Duration, body: Bool = false,
        byteInterval: Duration = .seconds(1)
    ) async throws -> Outcome {
        let head =
            body
            ? "POST /user/messages HTTP/1.1\r\nHost: tipline\r\nContent-Type: application/json\r\nContent-Length: 8000\r\n\r\n"
            : "GET /v1/status HTTP/1.1\r\nHost: tipline\r\nX-Slow: "
        var outcome = Outcome()
        var open: [(socket: AbuseSocket, opened: ContinuousClock.Instant)] = []
        for _ in 0..<connections {
            guard let socket = try? AbuseSocket(port: port, source: source) else {
                outcome.refused += 1
                continue
            }
            socket.send(Array(head.utf8))
            open.append((socket, .now))
        }
        outcome.opened = open.count
        let end = ContinuousClock.now + duration
        while ContinuousClock.now < end && !open.isEmpty {
            try await Task.sleep(for: byteInterval)
            open.removeAll { connection in
                connection.socket.send(Array("a".utf8))
                guard connection.socket.isClosedByPeer() else { return false }
                outcome.lifetimes.append(ContinuousClock.now - connection.opened)
                outcome.record(connection.socket.received)
                return true
            }
        }
        outcome.stillOpen = open.count
        return outcome
    }

    /// A connection flood: keeps `connections` connections open, each sending one complete request and being
    /// replaced by a new one as soon as the server answers and closes it.
    static func connectionFlood(
        port: Int, source: String, connections: Int, duration: Duration
    ) async throws
        -> Outcome
    {
        let request = Array("GET /v1/status HTTP/1.1\r\nHost: tipline\r\nConnection: close\r\n\r\n".utf8)
        var outcome = Outcome()
        var open: [AbuseSocket] = []
        let end = ContinuousClock.now + duration
        while ContinuousClock.now < end {
            while open.count < connections {
                guard let socket = try? AbuseSocket(port: port, source: source) else {
                    outcome.refused += 1
                    break
                }
                outcome.opened += 1
                socket.send(request)
                open.append(socket)
            }
            try await Task.sleep(for: .milliseconds(20))
            open.removeAll { socket in
                guard socket.isClosedByPeer() else { return false }
                outcome.record(socket.received)
                return true
            }
        }
        outcome.stillOpen = open.count
        return outcome
    }

    /// Request bodies larger than every limit: `connections` connections each send a request head (chunked, or
    /// with a declared length of 100 MiB) and then body bytes as fast as the server takes them, until it closes.
    static func endlessBodies(
        port: Int, source: String, connections: Int, chunked: Bool, duration: Duration
    )
        async throws -> Outcome
    {
        let framing = chunked ? "Transfer-Encoding: chunked" : "Content-Length: \(100 << 20)"
        let head = Array(
            "POST /user/messages HTTP/1.1\r\nHost: tipline\r\nContent-Type: application/json\r\n\(framing)\r\n\r\n".utf8
        )
        let payload = [UInt8](repeating: UInt8(ascii: "a"), count: 65_536)
        let chunk = chunked ? Array("10000\r\n".utf8) + payload + Array("\r\n".utf8) : payload
        var outcome = Outcome()
        var open: [(socket: AbuseSocket, opened: ContinuousClock.Instant, taken: Int, pending: ArraySlice<UInt8>)] =
            []
        for _ in 0..<connections {
            guard let socket = try? AbuseSocket(port: port, source: source) else {
                outcome.refused += 1
                continue
            }
            socket.send(head)
            open.append((socket, .now, 0, chunk[...]))
        }
        outcome.opened = open.count
        let end = ContinuousClock.now + duration
        while ContinuousClock.now < end && !open.isEmpty {
            for index in open.indices {
                let sent = open[index].socket.send(Array(open[index].pending))
                open[index].taken += sent
                open[index].pending = open[index].pending.dropFirst(sent)
                if open[index].pending.isEmpty { open[index].pending = chunk[...] }
            }
            open.removeAll { connection in
                guard connection.socket.isClosedByPeer() else { return false }
                outcome.lifetimes.append(ContinuousClock.now - connection.opened)
                outcome.mostBytesTaken = max(outcome.mostBytesTaken, connection.taken)
                outcome.record(connection.socket.received)
                return true
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        outcome.stillOpen = open.count
        for connection in open {
            _ = connection.socket.isClosedByPeer()  // reads what arrived
            outcome.record(connection.socket.received)  // an answer on a connection still being drained counts
            outcome.mostBytesTaken = max(outcome.mostBytesTaken, connection.taken)
        }
        return outcome
    }

    /// A high rate of junk: `workers` loops that each POST a malformed or unsigned body to one of `paths` on a
    /// fresh connection and wait for the answer, together at most `requestsPerSecond`.
    static func junkForms(
        port: Int, source: String, paths: [String], workers: Int, requestsPerSecond: Int, duration: Duration
    ) async throws -> Outcome {
        let interval = Duration.seconds(Double(workers) / Double(requestsPerSecond))
        return try await withThrowingTaskGroup(of: Outcome.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var outcome = Outcome()
                    var generator = SystemRandomNumberGenerator()
                    let end = ContinuousClock.now + duration
                    var count = worker
                    var next = ContinuousClock.now
                    while ContinuousClock.now < end {
                        if next > .now { try await Task.sleep(until: next) }
                        next += interval
                        count += 1
                        let body = junkBody(count, using: &generator)
                        let request =
                            Array(
                                ("POST \(paths[count % paths.count]) HTTP/1.1\r\nHost: tipline\r\n"
                                    + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
                                    + "Connection: close\r\n\r\n").utf8) + body
                        guard let socket = try? AbuseSocket(port: port, source: source) else {
                            outcome.refused += 1
                            try await Task.sleep(for: .milliseconds(10))
                            continue
                        }
                        outcome.opened += 1
                        socket.send(request)
                        let deadline = ContinuousClock.now + .seconds(5)
                        while !socket.isClosedByPeer() && ContinuousClock.now < deadline {
                            try await Task.sleep(for: .milliseconds(1))
                        }
                        outcome.record(socket.received)
                    }
                    return outcome
                }
            }
            return try await group.reduce(into: Outcome()) { total, outcome in
                total.opened += outcome.opened
                total.refused += outcome.refused
                total.statuses.merge(outcome.statuses, uniquingKeysWith: +)
            }
        }
    }

    /// Random bytes, broken JSON, or a form-shaped object whose fields are random.
    private static func junkBody(_ count: Int, using generator: inout SystemRandomNumberGenerator) -> [UInt8] {
        func random(_ length: Int) -> [UInt8] { (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        switch count % 3 {
        case 0: return random(Int.random(in: 1...2000, using: &generator))
        case 1: return Array(#"{"body":"#.utf8) + random(64)
        default:
            let field = Data(random(96)).base64EncodedString()
            return Array(#"{"body":"\#(field)","certificate":"\#(field)","signed_at":"2026-12-01T00:00:00Z"}"#.utf8)
        }
    }
}

extension AbuseAttacks.Outcome {
    /// Counts the status line of `response` (if any).
    mutating func record(_ response: String) {
        guard response.hasPrefix("HTTP/1."), response.count >= 12,
            let status = Int(response.dropFirst(9).prefix(3))
        else { return }
        statuses[status, default: 0] += 1
    }
}
