import GRDB

extension SQLiteStore: ProfileStore {
    package func upsertProfile(_ profile: StoredJournalistProfile) async throws {
        try InputValidation.profile(profile)
        try await self.write("upsert journalist profile") { db in
            try db.execute(
                sql: """
                    INSERT INTO journalist_profiles
                        (id, display_name, sort_name, description, is_desk, status, tag_hex)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET
                        display_name = excluded.display_name, sort_name = excluded.sort_name,
                        description = excluded.description, is_desk = excluded.is_desk,
                        status = excluded.status, tag_hex = excluded.tag_hex
                    """,
                arguments: [
                    profile.id, profile.displayName, profile.sortName, profile.description, profile.isDesk,
                    profile.status, profile.tagHex,
                ]
            )
        }
    }

    @discardableResult
    package func updateProfile(
        id: String,
        displayName: String?,
        sortName: String?,
        isDesk: Bool?,
        description: String?
    ) async throws -> Bool {
        try await self.write("update journalist profile") { db in
            try db.execute(
                sql: """
                    UPDATE journalist_profiles SET
                        display_name = COALESCE(?, display_name), sort_name = COALESCE(?, sort_name),
                        is_desk = COALESCE(?, is_desk), description = COALESCE(?, description)
                    WHERE id = ?
                    """,
                arguments: [displayName, sortName, isDesk, description, id]
            )
            return db.changesCount > 0
        }
    }

    @discardableResult
    package func updateProfileStatus(id: String, status: String) async throws -> Bool {
        try InputValidation.identifier(status, field: "status")
        return try await self.write("update journalist status") { db in
            try db.execute(
                sql: "UPDATE journalist_profiles SET status = ? WHERE id = ?",
                arguments: [status, id]
            )
            return db.changesCount > 0
        }
    }

    @discardableResult
    package func deleteProfile(id: String) async throws -> Bool {
        try await self.write("delete journalist profile") { db in
            try db.execute(sql: "DELETE FROM journalist_profiles WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    package func profiles() async throws -> [StoredJournalistProfile] {
        try await self.read("list journalist profiles") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, display_name, sort_name, description, is_desk, status, tag_hex
                    FROM journalist_profiles ORDER BY id
                    """
            ).map { row in
                StoredJournalistProfile(
                    id: try row.decode(atIndex: 0),
                    displayName: try row.decode(atIndex: 1),
                    sortName: try row.decode(atIndex: 2),
                    description: try row.decode(atIndex: 3),
                    isDesk: try row.decode(atIndex: 4),
                    status: try row.decode(atIndex: 5),
                    tagHex: try row.decode(atIndex: 6)
                )
            }
        }
    }
}
