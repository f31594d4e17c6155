import Foundation
import Testing
import TiplineTestSupport

/// `scripts/deployment/nginx.conf.template` in front of a real `tipline serve` (issue 13, items 1, 5 and 8): it is
/// valid nginx, denies `/metrics`, caches public data under normalised keys, limits request rates and cuts off a
/// client that never finishes its request head.
@Suite(.serialized) struct EdgeTests {
    @Test func theTemplateIsValidNginx() async throws {
        let folder = try TemporaryDirectory(), directory = folder.url
        defer { folder.remove() }
        let file = try EdgeConfig.render(port: 1, upstreams: [2, 3], directory: directory)
        // Throws with nginx's output unless `nginx -t` exits with 0.
        try await DeploymentProcesses(directory: directory)
            .run("nginx-t", try DeploymentProcesses.tool("nginx"), ["-t", "-p", directory.path, "-c", file.path])
    }

    @Test func theEdgeDeniesMetricsNormalisesCacheKeysAndLimitsClients() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        let edge = "http://127.0.0.1:\(try await server.startEdge())"

        #expect(try await DeploymentProcesses.get(edge + "/metrics").status == 404)
        #expect(try await DeploymentProcesses.get(edge + "/metrics?x=1").status == 404)

        // One cache entry per list, whatever else is in the query string.
        for (first, variants) in [
            ("/v1/user/dead-drops?ids_greater_than=0", ["&x=1", "&x=2&limit", "&ids_greater_than=0&y=%41"]),
            ("/v1/journalist/dead-drops?ids_greater_than=0", ["&x=1"]),
            ("/v1/public-keys", ["?x=1", "?x=2"]),
            ("/v1/user/dead-drops/recent-summary", ["?x=1"]),
        ] {
            #expect(try await DeploymentProcesses.get(edge + first).status == 200)
            for variant in variants {
                let response = try await DeploymentProcesses.get(edge + first + variant)
                #expect(response.headers["x-cache-status"] == "HIT", "\(first + variant) bypassed the cache")
            }
        }
        // A number spelled another way would be another cache key: refused.
        for query in ["ids_greater_than=00", "ids_greater_than=%30", "ids_greater_than=0&limit=01", "limit=1"] {
            let response = try await DeploymentProcesses.get(edge + "/v1/user/dead-drops?" + query)
            #expect(response.status == 400, "\(query): \(response.status)")
        }

        // Requests beyond the rate (20/s, burst 200) from one address get 429: 800 requests from 32 concurrent
        // clients exceed it unless they take longer than 30 s, so a loaded machine cannot hide the limit.
        let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<32 {
                group.addTask {
                    var seen: [Int] = []
                    for _ in 0..<25 { seen.append(try await DeploymentProcesses.get(edge + "/v1/healthcheck").status) }
                    return seen
                }
            }
            return try await group.reduce(into: [Int: Int]()) { counts, seen in
                for status in seen { counts[status, default: 0] += 1 }
            }
        }
        #expect(statuses[429, default: 0] > 0, "no request was limited: \(statuses)")
        #expect(Set(statuses.keys).isSubset(of: [200, 429]), "\(statuses)")
    }

    /// A slowloris client (an unfinished request head) is disconnected after `client_header_timeout` (10 s).
    @Test func aClientThatNeverFinishesItsRequestIsCutOff() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        #expect(try SlowClient.isDisconnected(port: try await server.startEdge(), within: 20))
    }

}
