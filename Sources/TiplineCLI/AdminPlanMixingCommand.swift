import ArgumentParser
import Foundation
import TiplineAdmin

extension AdminCommand {
    /// `tipline admin plan-mixing`: recommended mixing thresholds for an install base, with the release interval
    /// (the longest a message waits) and the anonymity set they give, next to CoverDrop's production values.
    struct PlanMixing: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan-mixing",
            abstract: "Recommend CoverNode mixing thresholds for an install base; print latency and anonymity set.")

        @Option(help: "App installs.") var installs: Int
        @Option(help: "Real reader messages (tips) a day (default: one per 10,000 installs, at least 1).")
        var realPerDay: Double?
        @Option(help: "Journalist clients; each sends one message a minute, real or cover.") var journalists = 10
        @Option(help: "Real journalist replies a day (default: as many as tips).") var repliesPerDay: Double?
        @Option(help: "Share of the day an install runs and sends, in (0, 1].") var runningShare = 0.25
        @Option(help: "Messages a running app sends an hour, real or cover (CoverDrop: 2).") var perAppHour = 2.0

        func run() throws {
            let tips = realPerDay ?? max(1, Double(installs) / 10_000)
            let plan = try MixingPlan(
                .init(
                    installs: installs, runningShare: runningShare, messagesPerAppHour: perAppHour, realPerDay: tips,
                    journalists: journalists, repliesPerDay: repliesPerDay ?? tips))
            print(
                "\(installs) installs running \(Self.number(runningShare * 100))% of the day: "
                    + "\(Self.number(plan.readerInputsPerHour)) reader messages an hour, \(Self.number(tips)) real a day;"
            )
            print(
                "\(journalists) journalists: \(Self.number(plan.journalistInputsPerHour)) journalist messages an hour, "
                    + "\(Self.number(repliesPerDay ?? tips)) real replies a day.\n")
            print(Self.table(plan))
            print(
                """

                Settings (tipline covernode --config, or TIPLINE_MIXING_* variables):
                  mixing.u2j.threshold-min \(plan.userToJournalist.thresholdMin), \
                mixing.u2j.threshold-max \(plan.userToJournalist.thresholdMax), \
                mixing.u2j.timeout-seconds \(plan.userToJournalist.timeoutSeconds), \
                mixing.u2j.output-size \(plan.userToJournalist.outputSize)
                  mixing.j2u.threshold-min \(plan.journalistToUser.thresholdMin), \
                mixing.j2u.threshold-max \(plan.journalistToUser.thresholdMax), \
                mixing.j2u.timeout-seconds \(plan.journalistToUser.timeoutSeconds), \
                mixing.j2u.output-size \(plan.journalistToUser.outputSize)
                A message waits at most one release interval (half of it on average). A smaller anonymity set \
                releases sooner and hides less; see docs/deployment.md, "Sizing the mix".
                """)
        }

        static func table(_ plan: MixingPlan) -> String {
            let rows: [(String, MixingPlan.Direction)] = [
                ("U2J recommended", plan.userToJournalist), ("U2J production", plan.productionUserToJournalist),
                ("J2U recommended", plan.journalistToUser), ("J2U production", plan.productionJournalistToUser),
            ]
            let header = ["", "min", "max", "timeout", "output", "release every", "anonymity set", "real per drop"]
            let lines = rows.map { name, direction in
                [
                    name, "\(direction.thresholdMin)", "\(direction.thresholdMax)", "\(direction.timeoutSeconds) s",
                    "\(direction.outputSize)", duration(direction.releaseIntervalSeconds),
                    number(direction.anonymitySet),
                    number(direction.realPerRelease) + (direction.outputFits ? "" : " (output too small)"),
                ]
            }
            let widths = header.indices.map { column in
                ([header] + lines).map { $0[column].count }.max() ?? 0
            }
            return ([header] + lines).map { cells in
                var line = zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                    .joined(separator: "  ")
                while line.hasSuffix(" ") { line.removeLast() }
                return line
            }.joined(separator: "\n")
        }

        static func duration(_ seconds: Double) -> String {
            guard seconds.isFinite else { return "never" }
            if seconds < 3600 { return "\(number(seconds / 60)) min" }
            if seconds < 172_800 { return "\(number(seconds / 3600)) h" }
            return "\(number(seconds / 86_400)) days"
        }

        static func number(_ value: Double) -> String {
            guard value.isFinite else { return "∞" }
            return String(format: value >= 100 ? "%.0f" : "%.1f", value)
        }
    }
}
