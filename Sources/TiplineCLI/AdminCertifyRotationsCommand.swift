import ArgumentParser
import TiplineAdmin

extension AdminCommand {
    struct CertifyRotations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "certify-rotations",
            abstract: "Certify the journalist identity keys queued at the API with the journalist provisioning key.")
        @Flag(help: "Process the queue once and exit.") var once = false
        @Option(help: "Seconds between passes.") var interval = 15
        @OptionGroup var keys: KeysOption
        @OptionGroup var api: APIOption

        func validate() throws {
            guard interval > 0 else { throw ValidationError("--interval must be at least 1 second.") }
        }

        func run() async throws {
            let certifier = try IdentityRotationCertifier(ceremony: keys.ceremony, api: api.client)
            if once {
                print(try await certifier.certifyQueue())
                return
            }
            print("Certifying queued identity keys from \(api.url) every \(interval) s; Ctrl-C stops.")
            await certifier.run(every: .seconds(interval)) { result in
                switch result {
                case .success(let report) where report.isEmpty: break
                case .success(let report): print(report)
                case .failure(let error): print("This pass failed: \(error)")
                }
            }
        }
    }
}
