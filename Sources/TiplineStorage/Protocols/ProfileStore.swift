/// Journalist profiles (`PROTOCOL.md` §6.2.2).
package protocol ProfileStore: Sendable {
    /// Inserts the profile or replaces every field of the existing one with the same id.
    func upsertProfile(_ profile: StoredJournalistProfile) async throws

    /// Updates the given fields of an existing profile; `nil` leaves a field unchanged.
    ///
    /// - Returns: `false` if no profile has this id.
    @discardableResult
    func updateProfile(
        id: String,
        displayName: String?,
        sortName: String?,
        isDesk: Bool?,
        description: String?
    ) async throws -> Bool

    /// Sets the status (`VISIBLE`, `HIDDEN_FROM_UI`, `HIDDEN_FROM_RESPONSE`) of a profile.
    ///
    /// - Returns: `false` if no profile has this id.
    @discardableResult
    func updateProfileStatus(id: String, status: String) async throws -> Bool

    /// Deletes a profile. - Returns: `false` if no profile had this id.
    @discardableResult
    func deleteProfile(id: String) async throws -> Bool

    /// All profiles ordered by id.
    func profiles() async throws -> [StoredJournalistProfile]
}
