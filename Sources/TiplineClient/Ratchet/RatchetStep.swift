/// A point of a ratchet, reported as it is passed (a SIGKILL right after any of them must lose nothing).
package enum RatchetStep: Hashable, Sendable, CustomStringConvertible {
    /// The new device key exists; every file is still under the previous one.
    case keyCreated
    /// The file's new content is flushed to a temporary sibling; the file itself is unchanged.
    case temporaryWritten(ClientFile)
    /// The file is replaced by its new content, under the new device key.
    case replaced(ClientFile)
    /// Every other device key is deleted: earlier snapshots can no longer be opened.
    case previousKeysDeleted

    /// Every step of one ratchet, in order.
    package static var all: [RatchetStep] {
        [.keyCreated]
            + StorageRatchet.protectedFiles.flatMap { [RatchetStep.temporaryWritten($0), .replaced($0)] }
            + [.previousKeysDeleted]
    }

    /// A stable name, for example `queue-temporary-written`.
    package var description: String {
        switch self {
        case .keyCreated: "key-created"
        case .temporaryWritten(let file): "\(file.fileName)-temporary-written"
        case .replaced(let file): "\(file.fileName)-replaced"
        case .previousKeysDeleted: "previous-keys-deleted"
        }
    }
}
