import ArgumentParser
import Hummingbird
import Logging

/// `tipline-bench empty-endpoint --port N`: Hummingbird answering `POST /user/messages` after reading the body, and
/// nothing else; the reference the appender is judged against, run as a process like the API.
struct EmptyEndpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "empty-endpoint", abstract: "Serve the empty reference endpoint until SIGTERM.",
        shouldDisplay: false)

    @Option(help: "The loopback port.")
    var port: Int

    func run() async throws {
        let router = Router()
        router.post("/user/messages") { request, _ -> String in
            _ = try await request.body.collect(upTo: 8192)
            return ""
        }
        var logger = Logger(label: "tipline-bench.empty")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)),
            logger: logger)
        try await app.runService()
    }
}
