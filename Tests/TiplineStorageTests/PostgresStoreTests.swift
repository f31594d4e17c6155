import Foundation
import PostgresNIO
import Testing
import TiplineCore

@testable import TiplineStorage

/// PostgreSQL-only behaviour: restarts, migrations, error mapping.
@Suite(
    "PostgresStore",
    .enabled(if: PostgresTestEnvironment.enabled, PostgresTestEnvironment.disabledReason)
)
struct PostgresStoreTests {
    @Test func stateSurvivesANewClient() async throws {
        try await PostgresTestDatabase.withDatabase { settings in
            let messages = Fixtures.messages(.journalistToCoverNode, count: 4)
            let key = Fixtures.key(.organization, notValidAfter: "2026-11-27T16:25:13.987654321Z")
            try await PostgresTestDatabase.withClient(settings) { client in
                let store = PostgresStore(client: client, logger: PostgresTestEnvironment.logger)
                try await store.migrate()
                #expect(try await store.insert(key) == 1)
                #expect(try await store.append(.journalistToCoverNode, messages, receivedAtMicros: 1) == 4)
                let positions = try await store.read(.journalistToCoverNode, after: 0, limit: 10).map(\.position)
                try await store.saveCheckpoint(consumer: "covernode.j2c", position: positions[1])
            }
            try await PostgresTestDatabase.withClient(settings) { client in
                let store = PostgresStore(client: client, logger: PostgresTestEnvironment.logger)
                try await store.migrate()
                let checkpoint = try await store.checkpoint(consumer: "covernode.j2c")
                #expect(
                    try await store.read(.journalistToCoverNode, after: checkpoint, limit: 10).map(\.message)
                        == Array(messages[2...]))
                #expect(try await store.allKeys().map(\.notValidAfter) == [key.notValidAfter])
                #expect(try await store.append(.journalistToCoverNode, messages, receivedAtMicros: 2) == 0)
            }
        }
    }

    @Test func databaseErrorsAreStorageErrorsWithoutData() async throws {
        try await PostgresTestDatabase.withDatabase { settings in
            try await PostgresTestDatabase.withClient(settings) { client in
                // Not migrated: every statement fails with "relation does not exist".
                let store = PostgresStore(client: client, logger: PostgresTestEnvironment.logger)
                let message = Fixtures.message(.userToCoverNode)
                let error = await #expect(throws: StorageError.self) {
                    try await store.append(.userToCoverNode, [message], receivedAtMicros: 1)
                }
                #expect(error?.code == .database)
                #expect(error?.message.contains("42P01") == true, "\(error?.message ?? "")")
                #expect(error?.message.contains(message.base64EncodedString()) == false)
            }
        }
    }
}
