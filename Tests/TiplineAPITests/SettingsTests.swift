import Foundation
import Testing
import TiplineAPI
import TiplineCore
import TiplineServer
import TiplineTestSupport

@Suite struct SettingsTests {
    @Test func defaultsMatchCoverDrop() async throws {
        let settings = try APISettings(reader: await SettingsSources.reader(environment: [:]))
        #expect(settings == APISettings())
        #expect(settings.http.port == 3000)
        #expect(settings.http.host == "127.0.0.1")
        #expect(settings.database == "./tipline-data/tipline.sqlite")
        #expect(settings.userDeadDropLimit == 360)
        #expect(settings.journalistDeadDropLimit == 24)
        #expect(settings.deadDropRetention == .seconds(14 * 86_400))
    }

    @Test func commandLineBeatsEnvironmentBeatsFile() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tipline-settings-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(
            #"{"http": {"port": 4000, "host": "0.0.0.0"}, "dead-drops": {"user-limit": 100}, "database": "file.sqlite"}"#
                .utf8
        )
        .write(to: file)
        let environment = ["TIPLINE_HTTP_PORT": "5000", "TIPLINE_DATABASE": "env.sqlite"]
        let reader = try await SettingsSources.reader(
            overrides: ["database": "cli.sqlite"], environment: environment, configFile: file.path)
        let settings = try APISettings(reader: reader)
        #expect(settings.database == "cli.sqlite")
        #expect(settings.http.port == 5000)
        #expect(settings.http.host == "0.0.0.0")
        #expect(settings.userDeadDropLimit == 100)
        #expect(settings.journalistDeadDropLimit == 24)
    }

    @Test func invalidValuesAreErrors() async throws {
        await #expect(throws: TiplineServerError.self) {
            try APISettings(reader: await SettingsSources.reader(overrides: ["http.port": "70000"], environment: [:]))
        }
        await #expect(throws: TiplineServerError.self) {
            try APISettings(reader: await SettingsSources.reader(overrides: ["log.level": "loud"], environment: [:]))
        }
        await #expect(throws: TiplineServerError.self) {
            try APISettings(
                reader: await SettingsSources.reader(overrides: ["dead-drops.user-limit": "0"], environment: [:]))
        }
        await #expect(throws: TiplineServerError.self) {
            try await SettingsSources.reader(configFile: "/nonexistent/tipline.json")
        }
        #expect(SettingsSources.environmentName(ofKey: "appender.max-batch") == "TIPLINE_APPENDER_MAX_BATCH")
    }

    @Test func trustAnchorsMustBeSelfSigned() throws {
        let keys = try APITestKeys()
        let good = try JSONEncoder().encode([keys.anchor.json])
        #expect(try TrustAnchors.parse(good) == [keys.anchor])
        let notSelfSigned = try JSONEncoder().encode([keys.adminKey.json])
        #expect(throws: APIError.self) { try TrustAnchors.parse(notSelfSigned) }
        #expect(throws: APIError.self) { try TrustAnchors.parse(Data("{}".utf8)) }
    }
}
