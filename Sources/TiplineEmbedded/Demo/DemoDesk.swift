import Foundation
import TiplineAPIClient
import TiplineCore
import TiplineJournalist
import TiplineSimulation

/// The journalist's side of the demo, driven between simulation steps: sync the inbox, answer each new
/// source once, send one J2C per step (real or cover), and wait until the CoverNode has published the replies.
actor DemoDesk {
    let journalist: JournalistClient
    let api: APIClient
    let expectedMessages: Int
    let narrate: @Sendable (String) -> Void
    private(set) var receivedTexts: [String] = []
    private(set) var repliesSent = 0
    private var answered: Set<Int> = []
    private var lastPercent = -10

    init(
        journalist: JournalistClient, api: APIClient, expectedMessages: Int,
        narrate: @escaping @Sendable (String) -> Void
    ) {
        self.journalist = journalist
        self.api = api
        self.expectedMessages = expectedMessages
        self.narrate = narrate
    }

    func step(progress: ReaderPopulation.Progress) async {
        let percent = Int(progress.fraction * 100)
        if percent >= lastPercent + 10 {
            lastPercent = percent
            narrate("   … \(percent)% of the virtual time: \(progress.report.messagesSent) messages sent by all apps")
        }
        do {
            try await answerNewMessages()
            if repliesSent < answered.count {
                try await sendRepliesAndWait()
            } else {
                _ = try await journalist.sendNext()  // a cover J2C, exactly as when replies are queued
            }
        } catch {
            narrate("   ! the desk hit an error and will retry: \(error)")
        }
    }

    private func answerNewMessages() async throws {
        let report = try await journalist.sync()
        guard report.newMessages > 0 else { return }
        for source in try await journalist.inbox() where !answered.contains(source.number) {
            let conversation = try await journalist.conversation(with: String(source.number))
            for message in conversation.messages where message.direction == .incoming {
                receivedTexts.append(message.text ?? "")
                narrate("4. Alice's inbox: \(source.alias) writes “\(message.text ?? "(unreadable)")”")
            }
            try await journalist.queueReply(to: String(source.number), text: "Thank you. Can we talk on Thursday?")
            answered.insert(source.number)
            narrate("5. Alice replies to \(source.alias); the reply waits in her outbound queue.")
        }
    }

    /// Sends the queued replies, then waits (real time) until a user dead drop is published.
    private func sendRepliesAndWait() async throws {
        let before = try await api.recentDeadDrops(.user).first?.id ?? 0
        while case .reply = try await journalist.sendNext() { repliesSent += 1 }
        for _ in 0..<60 {
            if let newest = try await api.recentDeadDrops(.user).first?.id, newest > before {
                narrate(
                    "6. The CoverNode mixed the reply with cover and published a signed user dead drop (id \(newest)).")
                return
            }
            _ = try await journalist.sendNext()
            try await Task.sleep(for: .seconds(1))
        }
    }
}
