import Foundation

/// The built `tipline` executable, next to the test bundle (`swift build --build-tests` builds both).
enum TiplineBinary {
    static func path() throws -> String {
        var candidates: [String] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [
            runner, runner.deletingLastPathComponent(), runner.deletingLastPathComponent().deletingLastPathComponent(),
        ] {
            candidates.append(folder.appendingPathComponent("tipline").path)
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/tipline").path)
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestFailure("the tipline executable was not found; build it first (swift build --build-tests)")
        }
        return found
    }

    /// Starts `tipline` with `arguments` and the vault passphrase in its environment; standard output is piped.
    static func start(_ arguments: [String], passphrase: String) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path())
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TIPLINE_VAULT_PASSPHRASE"] = passphrase
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }
}

/// A test precondition that did not hold.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
