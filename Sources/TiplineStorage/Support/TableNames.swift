import TiplineCore

/// Table names shared by both backends. They come from these enums only, never from input, so the
/// backends may splice them into SQL text.
extension DeadDropKind {
    var tableName: String {
        switch self {
        case .user: "user_dead_drops"
        case .journalist: "journalist_dead_drops"
        }
    }
}

extension MessageStream {
    var tableName: String {
        switch self {
        case .userToCoverNode: "u2c_messages"
        case .journalistToCoverNode: "j2c_messages"
        }
    }
}
