import Foundation
package import PostgresNIO
import TiplineCore

/// Where and how to connect to PostgreSQL: from a `postgres://` URL or from its parts.
///
/// ```swift
/// let settings = try PostgresConnectionSettings(url: "postgres://postgres@127.0.0.1:54329/postgres")
/// let client = PostgresClient(configuration: settings.clientConfiguration())
/// ```
package struct PostgresConnectionSettings: Sendable, Hashable, CustomStringConvertible {
    /// Host name or IP address.
    package var host: String
    /// TCP port.
    package var port: Int
    /// User name.
    package var username: String
    /// Password, if the server asks for one.
    package var password: String?
    /// Database name.
    package var database: String

    /// Creates settings from their parts.
    package init(
        host: String = "127.0.0.1",
        port: Int = 5432,
        username: String = "postgres",
        password: String? = nil,
        database: String = "postgres"
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
    }

    /// Parses `postgres://[user[:password]@]host[:port][/database][?sslmode=disable]`.
    ///
    /// Defaults follow libpq: port 5432, user `postgres`, database = user name. TLS is not
    /// configured from the URL: `sslmode` other than `disable` is rejected (pass a TLS setting to
    /// ``clientConfiguration(tls:)`` instead), so a URL never silently downgrades to plain text.
    ///
    /// - Throws: ``StorageError`` with code `configuration`; the message never contains the password.
    package init(url: String) throws {
        guard let components = URLComponents(string: url),
            let scheme = components.scheme?.lowercased(),
            scheme == "postgres" || scheme == "postgresql"
        else {
            throw StorageError(
                .configuration, "a PostgreSQL URL must look like postgres://user@host:port/database"
            )
        }
        guard let host = components.host, !host.isEmpty else {
            throw StorageError(.configuration, "the PostgreSQL URL has no host")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw StorageError(.configuration, "the PostgreSQL URL has an invalid port")
        }
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("sslmode", "disable"):
                continue
            case ("sslmode", _):
                throw StorageError(
                    .configuration, "sslmode other than 'disable' must be configured with clientConfiguration(tls:)"
                )
            default:
                throw StorageError(
                    .configuration, "unsupported PostgreSQL URL parameter '\(item.name)'"
                )
            }
        }
        let username = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.init(
            host: host,
            port: components.port ?? 5432,
            username: username,
            password: components.password,
            database: path.isEmpty ? username : path
        )
    }

    /// A postgres-nio client configuration for these settings (TLS disabled unless given).
    package func clientConfiguration(
        tls: PostgresClient.Configuration.TLS = .disable
    ) -> PostgresClient.Configuration {
        PostgresClient.Configuration(
            host: self.host,
            port: self.port,
            username: self.username,
            password: self.password,
            database: self.database,
            tls: tls
        )
    }

    /// The URL form, with the password redacted.
    package var description: String {
        let credentials = self.password == nil ? self.username : "\(self.username):***"
        return "postgres://\(credentials)@\(self.host):\(self.port)/\(self.database)"
    }
}
