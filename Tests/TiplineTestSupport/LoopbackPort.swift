import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Loopback TCP ports for servers a test starts as child processes.
package enum LoopbackPort {
    /// A port on 127.0.0.1 that was free a moment ago (the kernel picks it; the socket is closed again).
    /// - Throws: ``TestFailure`` when no socket could be bound.
    package static func free() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw TestFailure("no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
