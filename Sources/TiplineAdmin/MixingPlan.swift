import TiplineCore

/// Sizes the CoverNode's threshold-and-timeout mix for a newsroom (`tipline admin plan-mixing`): from the install
/// base and the message rates it derives each direction's input rate, recommends thresholds, and says what they give
/// — how often a dead drop is released (the longest a message waits), how many inputs it hides among (the anonymity
/// set) — next to what CoverDrop's production values give at the same rates.
///
/// The model: every running app sends ``Inputs/messagesPerAppHour`` U2C messages an hour, real or cover (CoverDrop's
/// rate), and every journalist client sends one J2C a minute, real or cover. A direction with input rate λ per hour
/// and thresholds (min, max, timeout T) releases every `min(T, max/λ)` when `λ·T ≥ min`, else every `min/λ`; each
/// release hides its real messages among the λ × interval inputs since the previous one.
package struct MixingPlan: Sendable {
    /// What a newsroom knows about its traffic.
    package struct Inputs: Sendable {
        /// App installs.
        package var installs: Int
        /// The share of the day an average install runs and sends (foreground and background), 0 < share ≤ 1.
        package var runningShare: Double
        /// U2C messages a running app sends an hour.
        package var messagesPerAppHour: Double
        /// Real reader messages (tips) a day.
        package var realPerDay: Double
        /// Journalist clients (each sends one J2C a minute).
        package var journalists: Int
        /// Real journalist replies a day.
        package var repliesPerDay: Double

        /// Creates inputs; the defaults are CoverDrop's send rate (2 an hour) and a quarter of the day running.
        package init(
            installs: Int, runningShare: Double = 0.25, messagesPerAppHour: Double = 2, realPerDay: Double,
            journalists: Int, repliesPerDay: Double
        ) {
            self.installs = installs
            self.runningShare = runningShare
            self.messagesPerAppHour = messagesPerAppHour
            self.realPerDay = realPerDay
            self.journalists = journalists
            self.repliesPerDay = repliesPerDay
        }
    }

    /// Thresholds of one direction and what they give at an input rate.
    package struct Direction: Sendable, Equatable {
        /// Inputs needed before the timeout may release.
        package var thresholdMin: Int
        /// Inputs that release at once.
        package var thresholdMax: Int
        /// Seconds after the last release from which `thresholdMin` inputs suffice.
        package var timeoutSeconds: Int
        /// Messages per dead drop.
        package var outputSize: Int
        /// Seconds between releases at the given rate: the longest a message waits (half of it on average).
        package var releaseIntervalSeconds: Double
        /// Inputs (real and cover) each release hides its real messages among.
        package var anonymitySet: Double
        /// Real messages expected per release.
        package var realPerRelease: Double

        /// Whether the real messages expected per release fit in a dead drop with room to spare (at most half).
        package var outputFits: Bool { realPerRelease * 2 <= Double(outputSize) }
    }

    /// The inputs.
    package let inputs: Inputs
    /// U2J input rate (U2C messages an hour).
    package let readerInputsPerHour: Double
    /// J2U input rate (J2C messages an hour).
    package let journalistInputsPerHour: Double
    /// Recommended U2J thresholds and what they give.
    package let userToJournalist: Direction
    /// Recommended J2U thresholds and what they give.
    package let journalistToUser: Direction
    /// CoverDrop's production U2J values (100 000 / 500 000 / 1 h / 500) at the same rates.
    package let productionUserToJournalist: Direction
    /// CoverDrop's production J2U values (50 / 100 / 1 h / 20) at the same rates.
    package let productionJournalistToUser: Direction

    /// Plans for `inputs`.
    /// - Throws: ``AdminError`` with `.invalidArgument` for a non-positive install base, a running share outside
    ///   (0, 1], a negative rate or no journalist.
    package init(_ inputs: Inputs) throws {
        guard inputs.installs > 0, inputs.journalists > 0 else {
            throw AdminError(.invalidArgument, "installs and journalists must be positive")
        }
        guard inputs.runningShare > 0, inputs.runningShare <= 1, inputs.messagesPerAppHour > 0,
            inputs.messagesPerAppHour.isFinite
        else {
            throw AdminError(.invalidArgument, "the running share must be in (0, 1] and the send rate positive")
        }
        guard inputs.realPerDay >= 0, inputs.repliesPerDay >= 0, inputs.realPerDay.isFinite,
            inputs.repliesPerDay.isFinite
        else {
            throw AdminError(.invalidArgument, "message rates must be finite and not negative")
        }
        self.inputs = inputs
        readerInputsPerHour = Double(inputs.installs) * inputs.runningShare * inputs.messagesPerAppHour
        journalistInputsPerHour = Double(inputs.journalists) * 60
        let hour = 3600
        userToJournalist = Self.recommend(
            rate: readerInputsPerHour, realPerHour: inputs.realPerDay / 24, ceiling: 100_000, timeout: hour,
            output: (minimum: 20, maximum: 500))
        journalistToUser = Self.recommend(
            rate: journalistInputsPerHour, realPerHour: inputs.repliesPerDay / 24, ceiling: 50, timeout: hour,
            output: (minimum: 20, maximum: 100))
        productionUserToJournalist = Self.evaluate(
            thresholdMin: 100_000, thresholdMax: 500_000, timeout: hour, outputSize: 500, rate: readerInputsPerHour,
            realPerHour: inputs.realPerDay / 24)
        productionJournalistToUser = Self.evaluate(
            thresholdMin: 50, thresholdMax: 100, timeout: hour, outputSize: 20, rate: journalistInputsPerHour,
            realPerHour: inputs.repliesPerDay / 24)
    }

    /// Thresholds that release about once per `timeout`: the minimum is half the inputs of one timeout (a margin for
    /// quiet hours), capped at CoverDrop's value; the maximum is five times the minimum; the dead drop holds at least
    /// four times the real messages expected per release.
    static func recommend(
        rate: Double, realPerHour: Double, ceiling: Int, timeout: Int, output: (minimum: Int, maximum: Int)
    ) -> Direction {
        let perTimeout = rate * Double(timeout) / 3600
        let thresholdMin = Int(max(1, min(Double(ceiling), perTimeout / 2)))
        let interval = releaseInterval(
            thresholdMin: thresholdMin, thresholdMax: thresholdMin * 5, timeout: timeout, rate: rate)
        let realPerRelease = realPerHour * interval / 3600
        let outputSize = Int(
            min(Double(output.maximum), max(Double(output.minimum), (realPerRelease * 4).rounded(.up))))
        return evaluate(
            thresholdMin: thresholdMin, thresholdMax: thresholdMin * 5, timeout: timeout, outputSize: outputSize,
            rate: rate, realPerHour: realPerHour)
    }

    /// What given thresholds give at `rate` inputs an hour.
    static func evaluate(
        thresholdMin: Int, thresholdMax: Int, timeout: Int, outputSize: Int, rate: Double, realPerHour: Double
    ) -> Direction {
        let interval = releaseInterval(
            thresholdMin: thresholdMin, thresholdMax: thresholdMax, timeout: timeout, rate: rate)
        return Direction(
            thresholdMin: thresholdMin, thresholdMax: thresholdMax, timeoutSeconds: timeout, outputSize: outputSize,
            releaseIntervalSeconds: interval, anonymitySet: rate * interval / 3600,
            realPerRelease: realPerHour * interval / 3600)
    }

    /// Seconds between releases: the maximum fills first, else the timeout with the minimum reached, else the time
    /// the minimum takes to arrive.
    static func releaseInterval(thresholdMin: Int, thresholdMax: Int, timeout: Int, rate: Double) -> Double {
        guard rate > 0 else { return .infinity }
        let toMaximum = Double(thresholdMax) / rate * 3600
        let toMinimum = Double(thresholdMin) / rate * 3600
        return min(toMaximum, max(Double(timeout), toMinimum))
    }
}
