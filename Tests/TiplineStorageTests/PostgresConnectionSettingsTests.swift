import Testing
import TiplineCore
import TiplineStorage

@Suite("PostgresConnectionSettings")
struct PostgresConnectionSettingsTests {
    @Test func parsesAFullURL() throws {
        let settings = try PostgresConnectionSettings(url: "postgres://tipline:s%40cret@db.internal:6543/tipline")
        #expect(
            settings
                == PostgresConnectionSettings(
                    host: "db.internal", port: 6543, username: "tipline", password: "s@cret", database: "tipline"
                ))
        #expect(!settings.description.contains("s@cret"))
        #expect(settings.description == "postgres://tipline:***@db.internal:6543/tipline")
    }

    @Test func appliesLibpqDefaults() throws {
        #expect(
            try PostgresConnectionSettings(url: "postgresql://127.0.0.1")
                == PostgresConnectionSettings(
                    host: "127.0.0.1", port: 5432, username: "postgres", password: nil, database: "postgres"
                ))
        #expect(try PostgresConnectionSettings(url: "postgres://alice@localhost:54329").database == "alice")
        #expect(
            try PostgresConnectionSettings(url: "postgres://postgres@127.0.0.1:54329/postgres?sslmode=disable").port
                == 54329)
    }

    @Test(arguments: [
        "", "not a url", "http://127.0.0.1/db", "postgres:///db", "postgres://h:0/db",
        "postgres://h/db?sslmode=require", "postgres://h/db?application_name=x",
    ])
    func rejectsBadURLs(url: String) {
        let error = #expect(throws: StorageError.self) { try PostgresConnectionSettings(url: url) }
        #expect(error?.code == .configuration)
    }
}
