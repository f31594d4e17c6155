package import Hummingbird
package import Logging

/// The desk's Hummingbird application.
package typealias DeskApplication = Application<RouterResponder<BasicRequestContext>>

/// Builds the desk's web application on 127.0.0.1 only: the screens of ``Desk`` behind ``DeskMiddleware``'s Host
/// check and security headers.
///
/// - Parameters:
///   - desk: the state; it is told the real port once the server listens.
///   - onServerRunning: called with the bound port (useful with port 0).
/// - Throws: ``DeskError`` when the templates cannot be loaded.
package func buildDeskApplication(
    desk: Desk, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> DeskApplication {
    let pages = try await Pages.load()
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: DeskMiddleware(desk: desk, pages: pages))
    DeskRoutes(desk: desk, pages: pages).add(to: router)
    return Application(
        router: router,
        configuration: ApplicationConfiguration(
            address: .hostname(DeskSettings.host, port: desk.settings.port), serverName: nil),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? desk.settings.port
            await desk.setPort(port)
            await onServerRunning(port)
        },
        logger: logger)
}
