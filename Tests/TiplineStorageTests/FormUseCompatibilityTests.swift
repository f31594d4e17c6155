import Testing
import TiplineStorage

/// The form-use checks of the compatibility suite (``TiplineStoreCompatTest``) against every backend, as
/// ``StoreCompatibilityTests`` runs the others.
@Suite("Store compatibility: form use")
struct FormUseCompatibilityTests {
    @Test(arguments: StoreBackend.available)
    func aForgottenFormUseCanBeRecordedAgain(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.aForgottenFormUseCanBeRecordedAgain() }
    }
}
