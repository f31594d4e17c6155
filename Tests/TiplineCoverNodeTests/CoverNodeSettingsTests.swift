import Testing
import TiplineCoverNode
import TiplineServer

/// `tipline covernode` settings: command line over environment over defaults, and clear errors.
@Suite struct CoverNodeSettingsTests {
    func settings(
        _ overrides: [String: String] = [:], environment: [String: String] = [:]
    ) async throws
        -> CoverNodeServerSettings
    {
        try CoverNodeServerSettings(
            reader: await SettingsSources.reader(overrides: overrides, environment: environment))
    }

    @Test func theDefaultsAreProductionOnTheEmbeddedDatabase() async throws {
        let defaults = try await settings()
        #expect(defaults.service.mixing == .production)
        #expect(defaults.streams == .sqlite(path: "./tipline-data/tipline.sqlite"))
        #expect(defaults.apiURL == "http://127.0.0.1:3000")
        #expect(defaults.service.pipeline.batchSize == 2000)
        guard case .keyFile = defaults.service.keyProtection else {
            Issue.record("without a passphrase the key store uses a key file")
            return
        }
    }

    @Test func overridesEnvironmentAndProfilesCombine() async throws {
        let read = try await settings(
            ["profile": "test", "database": "postgres://db/tipline", "mixing.u2j.output-size": "7"],
            environment: [
                "TIPLINE_COVERNODE_PASSPHRASE": "from the environment", "TIPLINE_MIXING_J2U_THRESHOLD_MAX": "9",
                "TIPLINE_MIXING_U2J_OUTPUT_SIZE": "99", "TIPLINE_FAULT": "crash-after-publish:2",
                "TIPLINE_POSTGRES_URL": "postgres://somewhere/else",
            ])
        #expect(read.streams == .postgres(url: "postgres://db/tipline"))
        #expect(read.service.mixing.userToJournalist.outputSize == 7, "the command line wins over the environment")
        #expect(read.service.mixing.userToJournalist.thresholdMax == MixingProfile.test.userToJournalist.thresholdMax)
        #expect(read.service.mixing.journalistToUser.thresholdMax == 9)
        guard case .passphrase(let passphrase, _) = read.service.keyProtection else {
            Issue.record("TIPLINE_COVERNODE_PASSPHRASE selects passphrase protection")
            return
        }
        #expect(passphrase == "from the environment")
    }

    @Test(arguments: [
        ["profile": "fastest"], ["mixing.j2u.threshold-min": "600"], ["mixing.j2u.output-size": "0"],
        ["pipeline.batch-size": "0"], ["log.level": "loud"], ["streams.retention-hours": "200"],
        ["fault": "crash-sometime"], ["fault": "crash-after-input:0"],
    ])
    func badValuesAreRefused(overrides: [String: String]) async throws {
        await #expect(throws: CoverNodeError.self) { try await settings(overrides) }
    }

    @Test func faultSpecificationsParse() throws {
        for point in FaultInjection.Point.allCases {
            _ = try FaultInjection.parse("\(point.rawValue):3")
        }
        _ = try FaultInjection.parse(nil)
        _ = try FaultInjection.parse("")
        #expect(throws: CoverNodeError.self) { try FaultInjection.parse("crash-after-publish") }
    }
}
