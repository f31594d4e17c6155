/// A journalist (or desk) profile published in `GET /v1/public-keys` (`PROTOCOL.md` §6.2.2).
package struct StoredJournalistProfile: Sendable, Hashable {
    /// The journalist id, e.g. `"static_test_journalist"`.
    package var id: String
    /// The name shown to readers.
    package var displayName: String
    /// The key used to sort the journalist list.
    package var sortName: String
    /// A short description (the API limits non-desk descriptions to 40 bytes).
    package var description: String
    /// Whether this profile is a team desk rather than a person.
    package var isDesk: Bool
    /// `VISIBLE`, `HIDDEN_FROM_UI` or `HIDDEN_FROM_RESPONSE`, stored as given.
    package var status: String
    /// The 4-byte recipient tag as 8 lowercase hex characters.
    package var tagHex: String

    /// Creates a profile.
    package init(
        id: String,
        displayName: String,
        sortName: String,
        description: String,
        isDesk: Bool,
        status: String,
        tagHex: String
    ) {
        self.id = id
        self.displayName = displayName
        self.sortName = sortName
        self.description = description
        self.isDesk = isDesk
        self.status = status
        self.tagHex = tagHex
    }
}
