import Testing
import TiplineStorage

/// The reads the API does before any expensive check, on every backend.
@Suite("Store lookups for the API's cheap checks")
struct PublicSurfaceStoreTests {
    @Test(arguments: StoreBackend.available)
    func keysVersionChangesWithEveryInsertAndDeletion(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.keysVersionChangesWithEveryInsertAndDeletion() }
    }

    @Test(arguments: StoreBackend.available)
    func usedFormSignaturesCanBeLookedUp(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.usedFormSignaturesCanBeLookedUp() }
    }

    @Test(arguments: StoreBackend.available)
    func storedDeadDropsAreFoundByTheirData(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.storedDeadDropsAreFoundByTheirData() }
    }
}
