import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import TiplineAPI
import TiplineCore
import TiplineStorage
import TiplineTestSupport

/// Issue 13, item 8: a signed form is recorded as used only when its request succeeded (a replay after success is
/// `FormVerificationTests.replayedFormIs409`).
@Suite struct FormFirstUseTests {
    @Test func aTransientStoreErrorDoesNotBurnTheForm() async throws {
        let harness = try APIHarness()
        let keys = harness.keys
        let store = InstrumentedStore(harness.store)
        try await harness.withSeededRouter(store: store) { client in
            let form = try keys.form(keys.statusBody, by: keys.admin)
            store.failNextStatusWriteOnce()
            let failed = try await client.send(.post, "/v1/status", form)
            #expect(failed.status == .internalServerError)
            let retried = try await client.send(.post, "/v1/status", form)
            #expect(retried.status == .ok, "the retry got \(retried.status): \(retried.error ?? "")")
            #expect(try await harness.store.latestStatus()?.status == "AVAILABLE")
        }
    }

    @Test func aRejectedFormIsNotRecorded() async throws {
        let harness = try APIHarness()
        let keys = harness.keys
        try await harness.withSeededRouter { client in
            let bad = try keys.form(
                PostSystemStatusBody(
                    status: SystemStatusEvent(
                        status: "NOT_A_STATUS", description: "", timestamp: keys.now.rfc3339)),
                by: keys.admin)
            #expect(try await client.send(.post, "/v1/status", bad).status == .badRequest)
            let form = try JSONDecoder().decode(SignedForm.self, from: Data(bad.readableBytesView))
            #expect(try await harness.store.isUsed(signature: Data(form.signature.bytes)) == false)
        }
    }
}
