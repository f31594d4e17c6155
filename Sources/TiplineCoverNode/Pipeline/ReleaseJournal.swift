import Foundation
import TiplineCore

/// The intent record of one direction: the signed dead drop about to be published and the checkpoint it allows,
/// written durably before publishing and deleted once the checkpoint moved. After a crash, the same bytes are
/// published again; the API recognises them (idempotent on identical data), so nothing is published twice.
struct ReleaseJournal: Sendable {
    struct Intent: Codable {
        var deadDrop: DeadDropJSON
        var checkpoint: Int64

        enum CodingKeys: String, CodingKey {
            case deadDrop = "dead_drop"
            case checkpoint
        }
    }

    let path: String
    let kind: DeadDropKind

    /// Durably records that `deadDrop` is about to be published.
    func record(_ deadDrop: DeadDrop, checkpoint: Int64) throws {
        try AtomicFile.write(
            Array(JSONEncoder().encode(Intent(deadDrop: deadDrop.json(), checkpoint: checkpoint))), to: path)
    }

    /// The unfinished release, if any.
    func pending() throws -> (deadDrop: DeadDrop, checkpoint: Int64)? {
        guard let bytes = try AtomicFile.read(path) else { return nil }
        do {
            let intent = try JSONDecoder().decode(Intent.self, from: Data(bytes))
            return (try intent.deadDrop.deadDrop(kind: kind), intent.checkpoint)
        } catch {
            throw CoverNodeError(.stateFile, "\(path) is not a valid intent record")
        }
    }

    /// Deletes the record.
    func clear() throws { try AtomicFile.remove(path) }
}
