/// Keeps simulation steps on a fixed real-time schedule (one step per `perStep`), so that the virtual clock runs at
/// a fixed ratio to real time, and counts the steps that start late. Without `perStep` it never waits.
struct Pace {
    let perStep: Duration?
    private let clock = ContinuousClock()
    private var origin: ContinuousClock.Instant
    private var steps = 0

    init(perStep: Duration?) {
        self.perStep = perStep
        origin = clock.now
    }

    /// Starts a new schedule now (after a pause the schedule does not cover, such as a snapshot).
    mutating func restart() {
        origin = clock.now
        steps = 0
    }

    /// Waits until the next step is due, or records in `report` how late it is.
    mutating func waitForNextStep(_ report: inout PopulationReport) async {
        guard let perStep else { return }
        let due = origin.advanced(by: perStep * steps)
        steps += 1
        let now = clock.now
        if now < due {
            try? await Task.sleep(until: due, clock: clock)
            return
        }
        let late = now - due
        report.maxLateness = max(report.maxLateness, late)
        if late > perStep / 2 { report.lateSteps += 1 }
    }
}
