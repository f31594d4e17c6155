import Foundation
import Hummingbird
import Logging
import Testing
import TiplineTestSupport

@testable import TiplineAPI

/// `docs/openapi.yaml` against the router: every route the API registers is documented, and every documented
/// operation is a registered route (schemathesis, in `scripts/api-contract.sh`, then checks what they answer).
@Suite struct OpenAPIContractTests {
    @Test func everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
        let harness = try APIHarness()
        let dependencies = APIDependencies(
            settings: harness.settings, store: harness.store, anchors: [harness.keys.anchor], clock: harness.clock,
            logLevel: harness.logLevel)
        let batcher = MessageBatcher(
            store: harness.store, clock: harness.clock, maxBatch: 1, maxPending: 1, registry: harness.registry,
            logger: Logger(label: "contract-test"))
        let router = apiRouter(dependencies: dependencies, batcher: batcher, registry: harness.registry)
        let registered = Set(router.routes.map { OpenAPIOperation(method: "\($0.method)", path: "\($0.path)") })
        let documented = OpenAPIOperation.documented(in: try Self.documentText())

        #expect(registered.count > 20)
        let undocumented = registered.subtracting(documented).sorted()
        let missing = documented.subtracting(registered).sorted()
        #expect(undocumented.isEmpty, "registered but not in docs/openapi.yaml: \(undocumented)")
        #expect(missing.isEmpty, "in docs/openapi.yaml but not registered: \(missing)")
    }

    @Test func documentedBodyLimitsAreTheDefaults() throws {
        let text = try Self.documentText()
        let defaults = APISettings()
        for (key, value) in [
            ("limits.appender-body", defaults.appenderBodyLimit), ("limits.dead-drop-body", defaults.deadDropBodyLimit),
            ("limits.form-body", defaults.formBodyLimit),
        ] {
            #expect(text.contains("`\(key)` \(value) bytes"), "docs/openapi.yaml must state \(key) = \(value)")
        }
    }

    @Test func operationIdsAreUnique() throws {
        let text = try Self.documentText()
        // An operation's own id sits six spaces in; links name their target operation deeper down.
        let prefix = "      operationId: "
        let ids = text.split(separator: "\n").filter { $0.hasPrefix(prefix) }.map { $0.dropFirst(prefix.count) }
        #expect(ids.count == Set(ids).count)
        #expect(ids.count == OpenAPIOperation.documented(in: text).count)
    }

    static func documentText() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/openapi.yaml")
        return try String(contentsOf: url, encoding: .utf8)
    }
}

/// One documented or registered operation: an upper-case method and a path template such as `/v1/x/{id}`.
struct OpenAPIOperation: Hashable, Comparable, CustomStringConvertible {
    let method: String
    let path: String

    init(method: String, path: String) {
        self.method = method.uppercased()
        self.path = path
    }

    var description: String { "\(method) \(path)" }

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }

    /// The operations under the top-level `paths:` key: a path is a two-space-indented key starting with `/`, a
    /// method a four-space-indented HTTP method key under it. (The document keeps to this block layout.)
    static func documented(in yaml: String) -> Set<OpenAPIOperation> {
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]
        var operations: Set<OpenAPIOperation> = []
        var inPaths = false
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" "), !line.isEmpty {
                inPaths = line == "paths:"
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   "), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":"),
                methods.contains(String(line.dropFirst(4).dropLast())), let path
            {
                operations.insert(OpenAPIOperation(method: String(line.dropFirst(4).dropLast()), path: path))
            }
        }
        return operations
    }
}
