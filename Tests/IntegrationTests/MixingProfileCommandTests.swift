import Foundation
import Testing
import TiplineTestSupport

/// `tipline serve` mixes with the production thresholds unless `--dev-mixing` asks for the test ones, which then
/// warn loudly; `tipline admin plan-mixing` sizes the mix for an install base.
@Suite struct MixingProfileCommandTests {
    @Test(.timeLimit(.minutes(2)), arguments: [false, true])
    func serveWarnsExactlyWhenItRunsTheDevelopmentProfile(devMixing: Bool) async throws {
        let folder = try TemporaryDirectory(), directory = folder.url
        defer { folder.remove() }
        let serve = try ChildProcess(
            "serve", TiplineBinary.path,
            ["serve", "--data", "data", "--port", "0"] + (devMixing ? ["--dev-mixing"] : []),
            in: directory, logFolder: directory)
        defer { serve.stop(SIGTERM) }
        // The log holds standard error (unbuffered, where the CoverNode's start and the warning go) and standard output.
        try await eventually(
            "the CoverNode's start", timeout: .seconds(90), every: .milliseconds(100), ignoringErrors: false
        ) {
            guard serve.isRunning else { throw TestFailure("serve exited:\n\(serve.logTail)") }
            return serve.logText.contains("CoverNode running")
        }
        serve.signal(SIGTERM)
        _ = try await serve.waitForExit(within: .seconds(30))
        let warned = serve.logText.contains("WARNING: DEVELOPMENT MIXING PROFILE")
        #expect(warned == devMixing)
    }

    @Test func serveOffersNoOtherWayToTheTestProfile() throws {
        let help = try TiplineBinary.run(["serve", "--help"])
        #expect(help.output.contains("--dev-mixing"))
        #expect(!help.output.contains("--profile"))
        let refused = try TiplineBinary.run(["serve", "--profile", "test"])
        #expect(refused.status != 0)
    }

    @Test func planMixingSizesTheMixForAnInstallBase() throws {
        let plan = try TiplineBinary.run(["admin", "plan-mixing", "--installs", "10000"])
        #expect(plan.status == 0, "\(plan.error)")
        let lines = plan.output.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        let recommended = try #require(lines.first { $0.starts(with: ["U2J", "recommended"]) })
        #expect(recommended.dropFirst(2).prefix(6) == ["2500", "12500", "3600", "s", "20", "1.0"])
        let production = try #require(lines.first { $0.starts(with: ["U2J", "production"]) })
        #expect(production.dropFirst(2).prefix(7) == ["100000", "500000", "3600", "s", "500", "20.0", "h"])
        #expect(plan.output.contains("mixing.u2j.threshold-min 2500"))

        let invalid = try TiplineBinary.run(["admin", "plan-mixing", "--installs", "0"])
        #expect(invalid.status != 0)
        #expect(invalid.error.contains("installs and journalists must be positive"))
    }
}
