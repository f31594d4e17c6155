import Foundation
import TiplineTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// One attacker's TCP connection to a loopback port, from a chosen loopback source address (127.0.0.2, …), so that
/// an edge's per-address limits tell it apart from the honest clients on 127.0.0.1. Non-blocking: ``send(_:)`` and
/// ``isClosedByPeer()`` never wait.
final class AbuseSocket {
    private let fd: Int32
    private(set) var isClosed = false

    /// Connects (blocking, at most a few seconds) to `127.0.0.1:port` from `source`.
    init(port: Int, source: String) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed: errno \(errno)") }
        var local = Self.address(source, port: 0)
        var remote = Self.address("127.0.0.1", port: port)
        let connected = withUnsafePointer(to: &local) { localPointer in
            withUnsafePointer(to: &remote) { remotePointer in
                localPointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { localAddress in
                    remotePointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { remoteAddress in
                        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
                        return bind(fd, localAddress, length) == 0 && connect(fd, remoteAddress, length) == 0
                    }
                }
            }
        }
        guard connected else {
            let code = errno
            Glibc.close(fd)
            throw TestFailure("connect() from \(source) to \(port) failed: errno \(code)")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    deinit { close() }

    /// Sends what the socket takes right now; returns the number of bytes taken (0 when its buffer is full), and
    /// marks the socket closed when the peer reset or closed it.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Int {
        guard !isClosed else { return 0 }
        let sent = Glibc.send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL))
        if sent >= 0 { return sent }
        if errno != EAGAIN && errno != EWOULDBLOCK { close() }
        return 0
    }

    /// Reads whatever arrived (and drops it); true once the peer closed the connection.
    func isClosedByPeer() -> Bool {
        guard !isClosed else { return true }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count > 0 {
                received += String(decoding: buffer[0..<count], as: UTF8.self)
                continue
            }
            if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) {
                close()
                return true
            }
            return false
        }
    }

    /// Everything the peer sent so far (read by ``isClosedByPeer()``).
    private(set) var received = ""

    /// Closes the socket (idempotent).
    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
    }

    private static func address(_ text: String, port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(text)
        return address
    }
}
