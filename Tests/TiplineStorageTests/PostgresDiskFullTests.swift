import Foundation
import Logging
import PostgresNIO
import Testing
import TiplineCore

@testable import TiplineStorage

/// PostgreSQL out of disk space answers SQLSTATE 53100 (`disk_full`, "could not extend file"). A trigger on the
/// stream table raises exactly that from the real server, through the real driver, so that no PostgreSQL cluster has
/// to be filled: the store reports ``StorageError`` `diskFull` (the API answers 503) and stores nothing of the batch.
@Suite(
    "PostgreSQL disk full", .enabled(if: PostgresTestEnvironment.enabled, PostgresTestEnvironment.disabledReason))
struct PostgresDiskFullTests {
    @Test func aServerOutOfSpaceIsDiskFullAndStoresNothing() async throws {
        try await PostgresTestDatabase.withStore { store, settings in
            let table = MessageStream.userToCoverNode.tableName
            try await PostgresTestDatabase.withClient(settings) { client in
                try await client.query(
                    """
                    CREATE FUNCTION tipline_test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full';
                    END $$
                    """, logger: PostgresTestEnvironment.logger)
                try await client.query(
                    """
                    CREATE TRIGGER tipline_test_disk_full BEFORE INSERT ON \(unescaped: table)
                    FOR EACH ROW EXECUTE FUNCTION tipline_test_disk_full()
                    """, logger: PostgresTestEnvironment.logger)
            }
            let messages = Fixtures.messages(.userToCoverNode, count: 3)
            let error = await #expect(throws: StorageError.self) {
                try await store.append(.userToCoverNode, messages, receivedAtMicros: 1)
            }
            #expect(error?.code == .diskFull)
            #expect(error?.message == "append to u2c stream failed: the database's disk is full")
            #expect(try await store.read(.userToCoverNode, after: 0, limit: 10).isEmpty)

            try await PostgresTestDatabase.withClient(settings) { client in
                _ = try await client.query(
                    "DROP TRIGGER tipline_test_disk_full ON \(unescaped: table)", logger: PostgresTestEnvironment.logger
                )
            }
            #expect(try await store.append(.userToCoverNode, messages, receivedAtMicros: 1) == 3)
        }
    }
}
