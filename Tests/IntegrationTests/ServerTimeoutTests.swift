import Foundation
import Testing
import TiplineTestSupport

/// `tipline api` closes a connection that sends nothing for `http.idle-timeout-seconds`, also one whose request head
/// never completes (a slowloris client), without nginx in front (issue 13, item 5).
@Suite(.serialized) struct ServerTimeoutTests {
    @Test func anUnfinishedRequestIsCutOffAfterTheIdleTimeout() async throws {
        let folder = try TemporaryDirectory(), directory = folder.url
        let processes = DeploymentProcesses(directory: directory)
        defer {
            processes.stopAll()
            folder.remove()
        }
        try await processes.run("admin-init", TiplineBinary.path, ["admin", "init", "--keys", "keys"])
        let port = try LoopbackPort.free()
        try processes.start(
            "api", TiplineBinary.path,
            [
                "api", "--port", "\(port)", "--database", "api.sqlite", "--trust-anchors", "keys/trust-anchors.json",
            ],
            environment: ["TIPLINE_HTTP_IDLE_TIMEOUT_SECONDS": "2"])
        try await processes.waitUntil("tipline api", process: "api") {
            try await DeploymentProcesses.get("http://127.0.0.1:\(port)/v1/healthcheck").status == 200
        }
        #expect(try SlowClient.isDisconnected(port: port, within: 10))
    }
}
