import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TiplineCore

/// The appender load that `appender` and `scale` drive: many HTTP/1.1 keep-alive clients posting fresh 773-byte
/// messages to `POST /user/messages` (the JSON string of their unpadded base64) for 1 s of warm-up plus a window.
enum AppenderLoad {
    /// What the clients sustained.
    struct Measurement {
        var rate: Double
        var p50: Double
        var p99: Double
        var acknowledged: Int
        var failures: Int
    }

    /// `clients` request loops, client i posting to `ports[i % ports.count]` on 127.0.0.1; latencies count inside
    /// the window only.
    static func drive(ports: [Int], clients: Int, window: Duration) async throws -> Measurement {
        let http = client(connections: clients)
        let start = ContinuousClock.now.advanced(by: .seconds(1))
        let end = start.advanced(by: window)
        typealias Loop = (latencies: [Duration], acknowledged: Int, failures: Int)
        let results = await withTaskGroup(of: Loop.self) { group in
            for index in 0..<clients {
                let url = "http://127.0.0.1:\(ports[index % ports.count])/user/messages"
                group.addTask {
                    var loop: Loop = ([], 0, 0)
                    while ContinuousClock.now < end {
                        let sent = ContinuousClock.now
                        if await post(SecureRandom.bytes(MessageSizes.userToCoverNodeEncrypted), to: url, with: http) {
                            loop.acknowledged += 1
                            if sent >= start { loop.latencies.append(ContinuousClock.now - sent) }
                        } else {
                            loop.failures += 1
                        }
                    }
                    return loop
                }
            }
            return await group.reduce(into: [Loop]()) { $0.append($1) }
        }
        try await http.shutdown()
        let latencies = results.flatMap(\.latencies).sorted()
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return .infinity }
            return latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] / .milliseconds(1)
        }
        return Measurement(
            rate: Double(latencies.count) / (window / .seconds(1)), p50: percentile(0.5), p99: percentile(0.99),
            acknowledged: results.map(\.acknowledged).reduce(0, +), failures: results.map(\.failures).reduce(0, +))
    }

    /// An HTTP client keeping up to `connections` keep-alive connections per host; shut it down after use.
    static func client(connections: Int) -> HTTPClient {
        HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(
                connectionPool: .init(
                    idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)))
    }

    /// Posts one U2C message as the apps do; whether the server answered 2xx.
    static func post(_ message: [UInt8], to url: String, with http: HTTPClient) async -> Bool {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let body = "\"" + Base64.encodeUnpadded(message) + "\""
        request.body = .bytes(ByteBuffer(string: body))
        do {
            let response = try await http.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 64 * 1024)
            return (200..<300).contains(response.status.code)
        } catch {
            return false
        }
    }

    /// One line of a result table: the label, the rate and the latencies.
    static func row(_ label: String, _ m: Measurement) -> String {
        label.padding(toLength: 34, withPad: " ", startingAt: 0)
            + String(format: "%9.0f msg/s   p50 %6.2f ms   p99 %6.2f ms", m.rate, m.p50, m.p99)
    }
}
