import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Bounds what a client can make the server read for one request:
/// - a body still arriving `timeout` after its head closes the connection (a body that trickles in, a byte a second,
///   is never idle, so the idle timeout never fires; the head itself is bounded by the idle timeout, which only
///   counts complete HTTP parts);
/// - a response finished before its request's body was read to the end (a 413 for a body over the limit, any error
///   answered early) ends the connection instead of reading and discarding the rest of the body, which an endless
///   chunked body would make endless. It lingers first, as nginx does: the server stops writing (FIN) and discards
///   what still arrives for at most ``lingerTime`` or ``lingerBytes``, so the client reads the answer before the
///   full close (closing at once would make the client's kernel reset the connection and drop the unread answer).
final class RequestBodyGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// How long a connection answered early goes on discarding what its client still sends.
    static let lingerTime = TimeAmount.seconds(2)
    /// How many body bytes a connection answered early discards before it closes.
    static let lingerBytes = 1 << 20

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?
    /// Between a request's head and its end.
    private var isReadingBody = false
    /// Answered early: everything inbound is discarded until the connection closes.
    private var isLingering = false
    private var discardedBytes = 0

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if isLingering {
            if case .body(let bytes) = part { discardedBytes += bytes.readableBytes }
            if discardedBytes > Self.lingerBytes { context.close(promise: nil) }
            return
        }
        switch part {
        case .head:
            isReadingBody = true
            cancelDeadline()
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [weak self] in
                self?.deadline = nil
                context.close(promise: nil)
            }
        case .end:
            isReadingBody = false
            cancelDeadline()
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data), isReadingBody else {
            context.write(data, promise: promise)
            return
        }
        cancelDeadline()
        isLingering = true
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenComplete { _ in
            context.close(mode: .output, promise: nil)
            context.eventLoop.assumeIsolated().scheduleTask(in: Self.lingerTime) { context.close(promise: nil) }
        }
        promise.map { written.futureResult.cascade(to: $0) }
        context.writeAndFlush(data, promise: written)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelDeadline()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelDeadline()
    }

    private func cancelDeadline() {
        deadline?.cancel()
        deadline = nil
    }
}
