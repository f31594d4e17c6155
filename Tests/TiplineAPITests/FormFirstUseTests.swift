import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import TiplineAPI
import TiplineCore
import TiplineStorage
import TiplineTestSupport

/// Issue 13, item 8: a signed form's write happens at most once. Its first use is recorded before the request
/// writes and given back when the request fails: a failed request leaves nothing written and the form usable, and of
/// two requests with one form only one writes (a replay after success is `FormVerificationTests.replayedFormIs409`).
@Suite struct FormFirstUseTests {
    /// Which store step fails once, as a transient database error would.
    enum Failure: CaseIterable, Sendable { case recordingTheUse, writing }

    @Test(arguments: Failure.allCases)
    func aTransientStoreErrorWritesNothingAndLeavesTheFormUsable(_ failure: Failure) async throws {
        try await APIHarness.withInstrumentedStore { harness, keys, store, client in
            let form = try keys.form(keys.statusBody, by: keys.admin)
            switch failure {
            case .recordingTheUse: store.failNextFirstUseOnce()
            case .writing: store.failNextStatusWriteOnce()
            }
            try await client.send(.post, "/v1/status", form, expecting: .internalServerError)
            #expect(try await harness.store.latestStatus() == nil)
            #expect(store.statusWriteCount == 0)
            let retried = try await client.send(.post, "/v1/status", form)
            #expect(retried.status == .ok, "the retry got \(retried.status): \(retried.error ?? "")")
            #expect(try await harness.store.latestStatus()?.status == "AVAILABLE")
            #expect(try await client.send(.post, "/v1/status", form).status == .conflict)
            #expect(store.statusWriteCount == 1)
        }
    }

    @Test func ofTwoConcurrentRequestsWithOneFormOnlyOneWrites() async throws {
        try await APIHarness.withInstrumentedStore { _, keys, store, client in
            let form = try keys.form(keys.statusBody, by: keys.admin)
            let held = store.holdNextStatusWrite()
            let first = Task { try await client.send(.post, "/v1/status", form).status }
            for await _ in held.reached {}
            // The first request is inside its write; the same form again must not write a second time.
            let second = try await client.send(.post, "/v1/status", form)
            held.release()
            let firstStatus = try await first.value
            #expect(
                [firstStatus, second.status].sorted { $0.code < $1.code } == [.ok, .conflict],
                "first \(firstStatus), second \(second.status)")
            #expect(store.statusWriteCount == 1)
        }
    }

    @Test func aRejectedFormIsNotRecorded() async throws {
        try await APIHarness.withSeededRouter { harness, keys, client in
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
