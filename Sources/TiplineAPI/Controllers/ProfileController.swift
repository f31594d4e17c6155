import HTTPTypes
import Hummingbird
import TiplineCore
import TiplineStorage

/// Journalist profiles (`spec/PROTOCOL.md` §6.2.2): create, update and delete with journalist provisioning forms;
/// the status with the journalist's own identity form.
struct ProfileController: Sendable {
    static let statuses: Set<String> = ["VISIBLE", "HIDDEN_FROM_UI", "HIDDEN_FROM_RESPONSE"]
    static let maxDescriptionBytes = 40

    let dependencies: APIDependencies

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.post("/v1/public-keys/journalists") { request, _ in try await upsert(request) }
        router.delete("/v1/public-keys/journalists/delete") { request, _ in try await delete(request) }
        router.patch("/v1/public-keys/journalists/update-profile") { request, _ in try await update(request) }
        router.patch("/v1/public-keys/journalists/update-status") { request, _ in try await updateStatus(request) }
    }

    private func upsert(_ request: Request) async throws -> Response {
        try await dependencies.signed(request, by: .journalistProvisioning) { form in
            let body = try form.decode(PostJournalistProfileBody.self)
            let tag: RecipientTag
            do {
                tag = try RecipientTag(journalistId: body.id)
            } catch let error as TiplineCoreError {
                throw APIError(.badRequest, error.message)
            }
            try Self.validate(status: body.status)
            try Self.validate(description: body.description, isDesk: body.isDesk)
            try await dependencies.store.upsertProfile(
                StoredJournalistProfile(
                    id: body.id, displayName: body.displayName, sortName: body.sortName, description: body.description,
                    isDesk: body.isDesk, status: body.status, tagHex: tag.hex))
            return .emptyOK
        }
    }

    /// Deleting is idempotent: an unknown id is a 200 too. The journalist's keys stay until they expire.
    private func delete(_ request: Request) async throws -> Response {
        try await dependencies.signed(request, by: .journalistProvisioning) { form in
            try await dependencies.store.deleteProfile(id: form.decode(String.self))
            return .emptyOK
        }
    }

    private func update(_ request: Request) async throws -> Response {
        try await dependencies.signed(request, by: .journalistProvisioning) { form in
            let body = try form.decode(UpdateJournalistProfileBody.self)
            guard let current = try await dependencies.store.profiles().first(where: { $0.id == body.journalistId })
            else {
                throw APIError(.notFound, "journalist profile not found")
            }
            try Self.validate(
                description: body.description ?? current.description, isDesk: body.isDesk ?? current.isDesk)
            try await dependencies.store.updateProfile(
                id: body.journalistId, displayName: body.displayName, sortName: body.sortName, isDesk: body.isDesk,
                description: body.description)
            return .emptyOK
        }
    }

    private func updateStatus(_ request: Request) async throws -> Response {
        try await dependencies.signed(request, by: .journalistIdentity) { form in
            let body = try form.decode(UpdateJournalistStatusBody.self)
            guard form.owner == body.journalistId else {
                throw APIError(.unauthorized, "a journalist may only change their own status")
            }
            try Self.validate(status: body.status)
            guard try await dependencies.store.updateProfileStatus(id: body.journalistId, status: body.status) else {
                throw APIError(.notFound, "journalist profile not found")
            }
            return .emptyOK
        }
    }

    private static func validate(status: String) throws {
        guard statuses.contains(status) else {
            throw APIError(.badRequest, "status must be VISIBLE, HIDDEN_FROM_UI or HIDDEN_FROM_RESPONSE")
        }
    }

    private static func validate(description: String, isDesk: Bool) throws {
        guard isDesk || description.utf8.count <= maxDescriptionBytes else {
            throw APIError(.badRequest, "journalist description too long")
        }
    }
}
