import ArgumentParser
import TiplineCoverNode
import TiplineEmbedded

/// `tipline serve`: the whole server side in one process (embedded SQLite), for trying Tipline and small newsrooms.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the API, the appender and the CoverNode in one process over one SQLite file.")

    @Option(help: "The data folder (database, development keys, CoverNode state).") var data = "tipline-data"
    @Option(help: "The loopback port of the API (0 picks a free one).") var port = 3000
    @Flag(help: "Development only: the test mixing profile, which releases within seconds and hides nothing.")
    var devMixing = false
    @Option(help: "Serve GET /metrics on this loopback port (never on the API's port; 0 picks a free one).")
    var metricsPort: Int?

    func run() async throws {
        if devMixing { MixingProfile.warnDevelopment() }
        let server = EmbeddedServer(
            dataDirectory: data, port: port, mixing: devMixing ? .test : .production, metricsPort: metricsPort)
        try await server.run { url in
            print("Tipline is serving on \(url) (data in \(data)). Trust anchors: \(server.trustAnchorsPath)")
        }
    }
}
