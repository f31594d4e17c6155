import Foundation

/// Resident memory of running processes, read from `/proc` (Linux).
enum ProcessMemory {
    /// `VmRSS` of `pid` in KiB, nil when the process is gone.
    static func residentKiB(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return line.split(separator: " ").compactMap { Int($0) }.first
    }

    /// The summed `VmRSS` of `pids` in KiB (processes already gone count 0).
    static func residentKiB(_ pids: [Int32]) -> Int {
        pids.reduce(0) { $0 + (residentKiB($1) ?? 0) }
    }

    /// The processes whose working folder is `directory` and whose command line contains `argument`
    /// (a child started by ``DeploymentProcesses`` runs in its run folder).
    static func pids(workingDirectory directory: URL, argument: String) -> [Int32] {
        let target = directory.resolvingSymlinksInPath().path
        return allPids().filter { pid in
            let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")
            return cwd == target && commandLine(pid).contains(argument)
        }
    }

    /// nginx's master (from `nginx.pid` under `prefix`) and its workers.
    static func nginxPids(prefix: URL) -> [Int32] {
        let file = prefix.appendingPathComponent("nginx.pid").path
        guard let text = try? String(contentsOfFile: file, encoding: .utf8),
            let master = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return [] }
        return [master] + allPids().filter { parent(of: $0) == master }
    }

    private static func allPids() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
    }

    private static func commandLine(_ pid: Int32) -> [String] {
        let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data()
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func parent(of pid: Int32) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return nil }
        // After "pid (comm)": state, then the parent's pid.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        return fields.count > 1 ? Int32(fields[1]) : nil
    }
}
