package import TiplineCore

/// Plain-text renderings for the command line.
package enum JournalistText {
    /// `2026-05-03 14:02 UTC`.
    package static func date(_ instant: Timestamp) -> String {
        let text = instant.rfc3339
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + " UTC"
    }

    /// The inbox table, the most recent source first.
    package static func inbox(_ sources: [SourceSummary]) -> String {
        guard !sources.isEmpty else { return "No sources yet. `tipline journalist sync` fetches new messages." }
        let unread = sources.reduce(0) { $0 + $1.unreadCount }
        var rows = [["#", "Source", "Unread", "Messages", "Queued", "Last activity", ""]]
        for source in sources {
            rows.append([
                "\(source.number)", source.alias, source.unreadCount == 0 ? "-" : "\(source.unreadCount)",
                "\(source.messageCount)", source.queuedCount == 0 ? "-" : "\(source.queuedCount)",
                date(source.lastActivity), source.isMuted ? "muted" : "",
            ])
        }
        let plural = sources.count == 1 ? "source" : "sources"
        return terminalSafe("\(sources.count) \(plural), \(unread) unread\n\n" + table(rows))
    }

    /// A conversation, oldest message first. A source's text is shown as ``terminalSafe(_:)`` makes it.
    package static func conversation(_ conversation: SourceConversation) -> String {
        let source = conversation.source
        var out = "\(source.alias) (#\(source.number), key \(source.keyPrefix)…)"
        out += source.isMuted ? ", muted\n" : "\n"
        for message in conversation.messages {
            out += "\n" + date(message.date) + "  "
            switch message.direction {
            case .incoming:
                out +=
                    "\(source.alias)\(message.isRead ? "" : " (new)"):\n"
                    + indented(message.text ?? "(this message could not be decoded)")
            case .outgoing:
                let state: String
                switch message.delivery {
                case .queued(let position)?: state = "queued, \(position) in line"
                case .sent(let at)?: state = "sent " + date(at)
                case nil: state = ""
                }
                if let target = message.handoverTo {
                    out += "You handed this source over to \(target) (\(state))\n"
                } else {
                    out += "You (\(state)):\n" + indented(message.text ?? "")
                }
            }
        }
        return terminalSafe(out)
    }

    /// A one-paragraph summary of a sync.
    package static func sync(_ report: SyncReport) -> String {
        var lines: [String] = []
        let messages = report.newMessages == 1 ? "message" : "messages"
        lines.append(
            report.newMessages == 0
                ? "No new messages (\(report.deadDrops) dead drops checked)."
                : "\(report.newMessages) new \(messages), \(report.newSources) from new sources (\(report.deadDrops) dead drops checked)."
        )
        if report.rejectedDeadDrops > 0 {
            let count =
                report.rejectedDeadDrops == 1 ? "1 dead drop was" : "\(report.rejectedDeadDrops) dead drops were"
            lines.append(
                "Warning: \(count) not read because no trusted CoverNode key signed it; it and the dead drops after it"
                    + " wait for a later sync.")
        }
        if report.undecodableMessages > 0 {
            lines.append("Warning: \(report.undecodableMessages) messages could not be decoded.")
        }
        if report.waitingForKeys {
            lines.append(
                "Some dead drops wait for the API's published keys to catch up; they will be read on a later sync.")
        }
        return lines.joined(separator: "\n")
    }

    /// The vault and key status.
    package static func status(_ status: JournalistStatus, now: Timestamp) -> String {
        func expiry(_ instant: Timestamp?) -> String {
            guard let instant else { return "none valid" }
            let hours = instant.duration(since: now).components.seconds / 3600
            return date(instant) + (hours >= 48 ? " (in \(hours / 24) days)" : " (in \(hours) hours)")
        }
        let rows = [
            ["Journalist", status.journalistId],
            ["Registered with the API", status.isSetUp ? "yes" : "no (run `tipline journalist sync`)"],
            [
                "Identity key expires",
                expiry(status.identityKeyExpiry) + (status.identityRotationPending ? ", new key requested" : ""),
            ],
            ["Messaging key expires", expiry(status.messagingKeyExpiry)],
            ["Sources", "\(status.sourceCount) (\(status.unreadCount) unread messages)"],
            ["Replies queued", "\(status.queuedReplies)"],
            ["Last J2C sent", status.lastSentAt.map(date) ?? "never"],
        ]
        return table(rows)
    }

    /// `text` with every control character except newline and tab shown as `\u{1B}`: a source's text cannot fake
    /// lines, move the cursor, clear the screen or write the clipboard (ESC, CSI and OSC sequences, carriage returns,
    /// C1 controls).
    package static func terminalSafe(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control, scalar != "\n", scalar != "\t" {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n"
    }

    private static func table(_ rows: [[String]]) -> String {
        let widths = rows.reduce(into: [Int](repeating: 0, count: rows.first?.count ?? 0)) { widths, row in
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
