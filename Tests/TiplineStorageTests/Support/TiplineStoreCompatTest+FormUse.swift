import Foundation
import Testing
import TiplineStorage

extension TiplineStoreCompatTest {
    // MARK: Giving a form back after its request failed (issue 13, item 8)

    func aForgottenFormUseCanBeRecordedAgain() async throws {
        let signature = Fixtures.signature()
        let other = Fixtures.signature()
        #expect(try await store.recordFirstUse(signature: signature, expiresAtMicros: 1_000))
        #expect(try await store.recordFirstUse(signature: other, expiresAtMicros: 1_000))
        try await store.forgetUse(signature: signature)
        #expect(try await !store.isUsed(signature: signature))
        #expect(try await store.isUsed(signature: other))
        #expect(try await store.recordFirstUse(signature: signature, expiresAtMicros: 1_000))
        #expect(try await !store.recordFirstUse(signature: signature, expiresAtMicros: 1_000))
        // Forgetting what is not recorded changes nothing.
        try await store.forgetUse(signature: Fixtures.signature())
        #expect(try await store.isUsed(signature: signature))
        #expect(try await store.isUsed(signature: other))
        try await expectInvalidInput("signature") { try await store.forgetUse(signature: Fixtures.bytes(65)) }
    }
}
