import Foundation
import TiplineCore

/// Mixing parameters for both directions: U2J (readers → journalists) and J2U (journalists → readers).
package struct MixingProfile: Hashable, Sendable {
    /// Reader messages, published in journalist dead drops.
    package var userToJournalist: MixingParameters
    /// Journalist replies, published in user dead drops.
    package var journalistToUser: MixingParameters

    /// Creates a profile.
    package init(userToJournalist: MixingParameters, journalistToUser: MixingParameters) {
        self.userToJournalist = userToJournalist
        self.journalistToUser = journalistToUser
    }

    /// CoverDrop's production values (`docs/covernode_mixing.md`): U2J 100 000 / 500 000 / 1 h / 500,
    /// J2U 50 / 100 / 1 h / 20.
    package static let production = MixingProfile(
        userToJournalist: MixingParameters(
            thresholdMin: 100_000, thresholdMax: 500_000, timeout: .seconds(3600), outputSize: 500),
        journalistToUser: MixingParameters(thresholdMin: 50, thresholdMax: 100, timeout: .seconds(3600), outputSize: 20)
    )

    /// Small values so that a demo or a test releases within seconds: U2J 2 / 50 / 5 s / 10, J2U 1 / 20 / 5 s / 5.
    package static let test = MixingProfile(
        userToJournalist: MixingParameters(thresholdMin: 2, thresholdMax: 50, timeout: .seconds(5), outputSize: 10),
        journalistToUser: MixingParameters(thresholdMin: 1, thresholdMax: 20, timeout: .seconds(5), outputSize: 5))

    /// The names accepted by ``named(_:)``.
    package static let names = ["production", "test"]

    /// The profile called `name`.
    /// - Throws: ``CoverNodeError`` with `.invalidSettings` for an unknown name.
    package static func named(_ name: String) throws -> MixingProfile {
        switch name {
        case "production": .production
        case "test": .test
        default:
            throw CoverNodeError(
                .invalidSettings, "unknown mixing profile \"\(name)\"; use one of \(names.joined(separator: ", "))")
        }
    }

    /// Throws unless both directions' parameters are valid.
    package func validate() throws {
        try userToJournalist.validate()
        try journalistToUser.validate()
    }
}

extension MixingProfile {
    /// What a process running the ``test`` profile prints on standard error at start.
    package static let developmentWarning = """
        ************************************************************************************************
        WARNING: DEVELOPMENT MIXING PROFILE. A reader's message is released after 2 inputs and 5 seconds,
        among a handful of others: anybody who watches the network can link a source to her message.
        Never run this with real sources. Drop --dev-mixing to use the production thresholds.
        ************************************************************************************************
        """

    /// Prints ``developmentWarning`` on standard error.
    package static func warnDevelopment() {
        FileHandle.standardError.write(Data((developmentWarning + "\n").utf8))
    }
}
