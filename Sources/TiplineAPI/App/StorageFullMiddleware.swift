import Hummingbird
import Logging
import TiplineCore
import TiplineStorage

/// Answers a request that the store refused because its disk is full with ``APIError/storageFull`` (503), on every
/// route: the client (a CoverNode, a journalist, an admin) retries, and no path or database detail reaches it.
/// The store's own error goes to the log.
struct StorageFullMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as StorageError where error.code == .diskFull {
            context.logger.error(
                "request refused: the database's disk is full",
                metadata: ["route": .string(context.endpointPath ?? "unmatched"), "error": "\(error)"])
            throw APIError.storageFull
        }
    }
}
