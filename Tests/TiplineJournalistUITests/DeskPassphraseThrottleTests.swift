import Testing
import TiplineCore
import TiplineJournalist

@testable import TiplineJournalistUI

/// The passphrase change checks the current passphrase under the unlock throttle: parallel requests cannot guess
/// the vault passphrase in parallel, without delay (issue 13, item 9).
@Suite("Desk passphrase check throttle")
struct DeskPassphraseThrottleTests {
    @Test func parallelWrongCurrentPassphrasesGetOneGuess() async throws {
        try await DeskDeployment.run { deployment in
            try await deployment.withDesk({ $0.freeUnlockAttempts = 0 }) { desk, browser in
                var browser = browser
                try await browser.unlock()
                let outcomes = await withTaskGroup(of: DeskError.Code?.self) { group in
                    for guess in 0..<8 {
                        group.addTask {
                            do {
                                try await desk.checkCurrentPassphrase("wrong guess number \(guess)")
                                return nil
                            } catch let error as DeskError {
                                return error.code
                            } catch {
                                return .failed
                            }
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                #expect(outcomes.filter { $0 == .wrongPassphrase }.count == 1, "\(outcomes)")
                #expect(outcomes.filter { $0 == .tooManyAttempts }.count == 7, "\(outcomes)")
                // The throttle now asks to wait: even the right current passphrase is refused.
                let error = await #expect(throws: DeskError.self) {
                    try await desk.checkCurrentPassphrase(DeskDeployment.passphrase)
                }
                #expect(error?.code == .tooManyAttempts)
            }
        }
    }
}
