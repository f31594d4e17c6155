import Foundation
import TiplineTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A slowloris-style client: it opens a TCP connection to a loopback port, sends an unfinished request head and
/// then nothing, and reports whether the server closed the connection.
enum SlowClient {
    /// Whether the server at `port` closed the connection within `seconds` (the socket's receive timeout).
    static func isDisconnected(port: Int, within seconds: Int) throws -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { throw TestFailure("connect() to \(port) failed") }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let head = Array("GET /v1/status HTTP/1.1\r\nHost: tipline\r\n".utf8)
        guard send(fd, head, head.count, 0) == head.count else { throw TestFailure("send() failed") }
        var buffer = [UInt8](repeating: 0, count: 1024)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 { return true }  // closed by the server (after an optional 408)
            if count < 0 { return errno == ECONNRESET }  // a timeout (EAGAIN): still open
        }
    }
}
