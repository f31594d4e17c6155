/// The two durable message streams that replace CoverDrop's Kinesis streams (`PROTOCOL.md` §6.6).
package enum MessageStream: String, Sendable, Hashable, CaseIterable {
    /// 773-byte U2C messages accepted by the appender (`POST /user/messages`).
    case userToCoverNode = "u2c"
    /// 730-byte J2C messages accepted by `POST /v1/journalist-messages`.
    case journalistToCoverNode = "j2c"

    /// The exact length every message of this stream must have.
    package var messageLength: Int {
        switch self {
        case .userToCoverNode: 773
        case .journalistToCoverNode: 730
        }
    }
}
