import Foundation

extension Process {
    /// A process (not yet running) of `executable arguments…`, `environment` added to this process's, in
    /// `directory` when given.
    convenience init(_ executable: String, _ arguments: [String], environment: [String: String], in directory: URL?) {
        self.init()
        executableURL = URL(fileURLWithPath: executable)
        self.arguments = arguments
        self.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { currentDirectoryURL = directory }
    }
}
