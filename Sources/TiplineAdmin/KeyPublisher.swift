package import TiplineAPIClient
import TiplineCore

/// Brings the ceremony's public keys online through the API: provisioning and admin keys (organisation-signed
/// forms) and the system status (admin-signed form).
package struct KeyPublisher: Sendable {
    /// The ceremony whose keys are published.
    package let ceremony: KeyCeremony
    /// The API.
    package let api: APIClient

    /// Creates a publisher.
    package init(ceremony: KeyCeremony, api: APIClient) {
        self.ceremony = ceremony
        self.api = api
    }

    /// Uploads the CoverNode and journalist provisioning keys and the admin key.
    package func publishOrganizationChildren() async throws {
        try await api.submit(
            ceremony.organizationForm(uploading: Role.CoverNodeProvisioning.self),
            to: "/v1/public-keys/covernode/provisioning-public-key")
        try await api.submit(
            ceremony.organizationForm(uploading: Role.JournalistProvisioning.self),
            to: "/v1/public-keys/journalists/provisioning-public-key")
        try await api.submit(ceremony.organizationForm(uploading: Role.Admin.self), to: "/v1/status/public-key")
    }

    /// Sets the system status shown to readers.
    package func setStatus(_ status: String, description: String) async throws {
        try await api.submit(ceremony.statusForm(status: status, description: description), to: "/v1/status")
    }
}
