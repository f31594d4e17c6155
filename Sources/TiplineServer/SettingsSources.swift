package import Configuration
import Foundation
import TiplineCore

/// Builds the `ConfigReader` every Tipline service reads its typed settings from.
///
/// Precedence, highest first: command-line overrides, environment variables, an optional JSON file,
/// then the defaults written in each service's `Settings` type.
///
/// Keys are dotted lowercase words, e.g. `http.port` or `appender.max-batch`. The environment variable of a key
/// is `TIPLINE_` followed by the key upper-cased with `.` and `-` replaced by `_` (`TIPLINE_HTTP_PORT`,
/// `TIPLINE_APPENDER_MAX_BATCH`). In the JSON file the same key is nested objects:
/// `{"http": {"port": 3000}, "appender": {"max-batch": 512}}`.
package enum SettingsSources {
    /// The prefix of every environment variable read as a setting.
    package static let environmentPrefix = "tipline"

    /// Creates the reader.
    ///
    /// - Parameters:
    ///   - overrides: Values given on the command line, by dotted key, as text (parsed like environment values).
    ///   - environment: Environment variables; `nil` reads the process environment (tests pass their own).
    ///   - configFile: A JSON settings file; `nil` for none. A missing file is an error.
    /// - Throws: ``TiplineServerError`` when the file is missing or malformed.
    package static func reader(
        overrides: [String: String] = [:],
        environment: [String: String]? = nil,
        configFile: String? = nil
    ) async throws -> ConfigReader {
        let commandLine = EnvironmentVariablesProvider(
            environmentVariables: Dictionary(
                overrides.map { (environmentName(ofKey: $0.key, prefixed: false), $0.value) },
                uniquingKeysWith: { _, last in last }))
        var providers: [any ConfigProvider] = [
            commandLine,
            EnvironmentVariablesProvider(environmentVariables: environment ?? ProcessInfo.processInfo.environment)
                .prefixKeys(with: ConfigKey(environmentPrefix)),
        ]
        if let configFile {
            // `FileProvider(config:)` takes its path from a reader, which keeps `SystemPackage` out of this module.
            let location = ConfigReader(
                provider: InMemoryProvider(values: ["filePath": ConfigValue(.string(configFile), isSecret: false)]))
            do {
                providers.append(try await FileProvider<JSONSnapshot>(config: location))
            } catch {
                throw TiplineServerError(.configuration, "cannot read the settings file \(configFile): \(error)")
            }
        }
        return ConfigReader(providers: providers)
    }

    /// The environment variable that sets `key` (`http.port` → `TIPLINE_HTTP_PORT`).
    package static func environmentName(ofKey key: String, prefixed: Bool = true) -> String {
        let name = String(key.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
        return prefixed ? environmentPrefix.uppercased() + "_" + name : name
    }
}
