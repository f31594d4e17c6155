import PostgresNIO

extension PostgresStore: ProfileStore {
    package func upsertProfile(_ profile: StoredJournalistProfile) async throws {
        try InputValidation.profile(profile)
        try await self.run("upsert journalist profile") {
            _ = try await self.rows(
                """
                INSERT INTO journalist_profiles (id, display_name, sort_name, description, is_desk, status, tag_hex)
                VALUES (\(profile.id), \(profile.displayName), \(profile.sortName), \(profile.description),
                        \(profile.isDesk), \(profile.status), \(profile.tagHex))
                ON CONFLICT (id) DO UPDATE SET
                    display_name = excluded.display_name, sort_name = excluded.sort_name,
                    description = excluded.description, is_desk = excluded.is_desk,
                    status = excluded.status, tag_hex = excluded.tag_hex
                """
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
        try await self.run("update journalist profile") {
            try await !self.rows(
                """
                UPDATE journalist_profiles SET
                    display_name = COALESCE(\(displayName)::text, display_name),
                    sort_name = COALESCE(\(sortName)::text, sort_name),
                    is_desk = COALESCE(\(isDesk)::boolean, is_desk),
                    description = COALESCE(\(description)::text, description)
                WHERE id = \(id) RETURNING 1
                """
            ).isEmpty
        }
    }

    @discardableResult
    package func updateProfileStatus(id: String, status: String) async throws -> Bool {
        try InputValidation.identifier(status, field: "status")
        return try await self.run("update journalist status") {
            try await !self.rows(
                "UPDATE journalist_profiles SET status = \(status) WHERE id = \(id) RETURNING 1"
            ).isEmpty
        }
    }

    @discardableResult
    package func deleteProfile(id: String) async throws -> Bool {
        try await self.run("delete journalist profile") {
            try await !self.rows("DELETE FROM journalist_profiles WHERE id = \(id) RETURNING 1").isEmpty
        }
    }

    package func profiles() async throws -> [StoredJournalistProfile] {
        try await self.run("list journalist profiles") {
            try await self.rows(
                """
                SELECT id, display_name, sort_name, description, is_desk, status, tag_hex
                FROM journalist_profiles ORDER BY id
                """
            ).map { row in
                let (id, displayName, sortName, description, isDesk, status, tagHex) =
                    try row.decode((String, String, String, String, Bool, String, String).self)
                return StoredJournalistProfile(
                    id: id,
                    displayName: displayName,
                    sortName: sortName,
                    description: description,
                    isDesk: isDesk,
                    status: status,
                    tagHex: tagHex
                )
            }
        }
    }
}
