import Foundation
import TiplineTestSupport

/// What an outside observer sees of a server: one response per public GET route, and the difference between two
/// such observations.
///
/// The routes are the GET operations of `docs/openapi.yaml` (which `OpenAPIContractTests` keeps equal to the
/// router's routes, so a new route is observed without editing this file) plus `/metrics`, which must not exist.
struct PublicSurface: Equatable {
    /// One response: status, headers (lower-cased names; `Date` left out) and body.
    struct Response: Equatable {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    /// Responses by request path (with query).
    var responses: [String: Response]

    /// The GET request paths to observe. `samples` fills each path parameter (`{pk_hex}` → a value); a route with a
    /// parameter that has no sample is an error, so that a new route is never silently left out.
    static func requests(samples: [String: String]) throws -> [String] {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let yaml = try String(contentsOf: root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        var paths: Set<String> = ["/metrics"]
        var current: String?
        for line in yaml.split(separator: "\n") {
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                current = String(line.dropFirst(2).dropLast())
            } else if line == "    get:", let path = current {
                paths.insert(path)
            } else if !line.hasPrefix(" ") {
                current = nil
            }
        }
        return try paths.sorted().map { template in
            var path = template
            while let open = path.firstIndex(of: "{"), let close = path[open...].firstIndex(of: "}") {
                let name = String(path[path.index(after: open)..<close])
                guard let value = samples[name] else {
                    throw TestFailure("no sample value for {\(name)} in \(template)")
                }
                path.replaceSubrange(open...close, with: value)
            }
            return path.hasSuffix("/dead-drops") ? path + "?ids_greater_than=0" : path
        }
    }

    /// GETs every request path from `base`.
    static func observe(_ base: String, requests: [String]) async throws -> PublicSurface {
        var responses: [String: Response] = [:]
        for path in requests {
            var (status, headers, body) = try await DeploymentProcesses.get(base + path)
            headers["date"] = nil
            responses[path] = Response(status: status, headers: headers, body: body)
        }
        return PublicSurface(responses: responses)
    }

    /// Whether a path is a dead-drop list or summary (they change with every release, real or cover).
    static func isDeadDrop(_ path: String) -> Bool { path.contains("/dead-drops") }

    /// What changed from `self` to `later`, per path: for numbers on otherwise equal lines (counters) the
    /// difference, for anything else the old and new text. Paths that did not change are absent.
    func changes(to later: PublicSurface) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (path, before) in responses {
            guard let after = later.responses[path], after != before else { continue }
            var lines: [String] = []
            if before.status != after.status { lines.append("status \(before.status) -> \(after.status)") }
            for name in Set(before.headers.keys).union(after.headers.keys).sorted()
            where before.headers[name] != after.headers[name] {
                lines.append("header \(name): \(before.headers[name] ?? "-") -> \(after.headers[name] ?? "-")")
            }
            lines += Self.bodyChanges(before.body, after.body)
            result[path] = lines
        }
        return result
    }

    /// Line by line: a line `name value` whose value is a number is compared by its difference (a counter that
    /// moves the same way twice is the same change); any other line that appears or disappears is listed.
    private static func bodyChanges(_ before: String, _ after: String) -> [String] {
        guard before != after else { return [] }
        func parse(_ text: String) -> (numbers: [String: Double], lines: Set<String>) {
            var numbers: [String: Double] = [:]
            var lines: Set<String> = []
            for line in text.split(separator: "\n") {
                if let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) {
                    numbers[String(line[..<space])] = value
                } else {
                    lines.insert(String(line))
                }
            }
            return (numbers, lines)
        }
        let old = parse(before)
        let new = parse(after)
        let counters = Set(old.numbers.keys).union(new.numbers.keys).sorted().compactMap { key -> String? in
            let delta = (new.numbers[key] ?? 0) - (old.numbers[key] ?? 0)
            return delta == 0 ? nil : "\(key) \(delta > 0 ? "+" : "")\(delta)"
        }
        return counters + old.lines.subtracting(new.lines).sorted().map { "- \($0)" }
            + new.lines.subtracting(old.lines).sorted().map { "+ \($0)" }
    }
}
