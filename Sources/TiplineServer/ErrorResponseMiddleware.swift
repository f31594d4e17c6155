import HTTPTypes
package import Hummingbird
import Logging

/// Turns every error into CoverDrop's `{"error": "..."}` body.
///
/// Errors that render their own response (`HTTPResponseError` other than Hummingbird's `HTTPError`) pass through.
/// Hummingbird's own errors (404 for an unknown route, 413 for an oversized body, ...) keep their status and get a
/// JSON body. Anything else is a 500 whose details go to the log at `error`, never to the client.
package struct ErrorResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Creates the middleware.
    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return JSONResponse.error(
                error.status, message: error.body ?? error.status.reasonPhrase, headers: error.headers)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            context.logger.error(
                "request failed",
                metadata: ["route": .string(context.endpointPath ?? "unmatched"), "error": "\(error)"])
            return JSONResponse.error(.internalServerError, message: "internal server error")
        }
    }
}
