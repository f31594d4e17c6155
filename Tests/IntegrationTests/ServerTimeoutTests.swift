import Foundation
import Testing

/// `tipline api` closes a connection that sends nothing for `http.idle-timeout-seconds`, also one whose request head
/// never completes (a slowloris client), without nginx in front (issue 13, item 5).
@Suite(.serialized) struct ServerTimeoutTests {
    @Test func anUnfinishedRequestIsCutOffAfterTheIdleTimeout() async throws {
        try await DeploymentProcesses.withAPI(environment: ["TIPLINE_HTTP_IDLE_TIMEOUT_SECONDS": "2"]) { _, port in
            let disconnected = try SlowClient.isDisconnected(port: port, within: 10)
            #expect(disconnected)
        }
    }
}
