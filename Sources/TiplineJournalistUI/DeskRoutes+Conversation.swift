import HTTPTypes
import Hummingbird
import TiplineCore
import TiplineJournalist

/// A conversation with one source: messages in and out, the reply box, handover and mute.
extension DeskRoutes {
    func addConversationRoutes(to router: Router<some RequestContext>) {
        router.get("/sources/{id}") { request, context in
            let id = try sourceId(context)
            return try await get(request) { session, client in
                try await conversationPage(id, session: session, client: client, markRead: true)
            }
        }
        router.post("/sources/{id}/reply") { request, context in
            let id = try sourceId(context)
            guard let (form, session) = try await authorizedForm(request) else { return Pages.redirect(to: "/unlock") }
            let client = try await desk.requireClient()
            let text = ReplyDraft.normalized(form["text"] ?? "")
            var problem = ReplyDraft.problem(text)
            if problem == nil {
                do {
                    try await client.queueReply(to: "\(id)", text: text)
                } catch let error as JournalistError where error.code != .unknownSource && error.code != .io {
                    problem = "The reply was not queued: \(error.message)."
                }
            }
            if let problem {
                return try await conversationPage(
                    id, session: session, client: client, draft: text, alerts: [problem],
                    status: .unprocessableContent)
            }
            await desk.flash("Reply queued. It leaves with the next message the desk sends.")
            return Pages.redirect(to: "/sources/\(id)")
        }
        router.post("/sources/{id}/handover") { request, context in
            let id = try sourceId(context)
            return try await post(request) { form, client in
                let target = form["journalist"] ?? ""
                do {
                    try await client.queueHandover(of: "\(id)", to: target)
                    await desk.flash("Handover to \(target) queued.")
                } catch let error as JournalistError where error.code != .unknownSource {
                    await desk.flash("The handover was not queued: \(error.message).")
                }
                return Pages.redirect(to: "/sources/\(id)")
            }
        }
        router.post("/sources/{id}/mute") { request, context in
            let id = try sourceId(context)
            return try await post(request) { form, client in
                let current = try await source(id) { try await client.conversation(with: "\(id)", markRead: false) }
                let muted = form["muted"].map { $0 == "true" } ?? !current.source.isMuted
                try await source(id) { try await client.setMuted(muted, source: "\(id)") }
                await desk.flash(muted ? "Source muted." : "Source unmuted.")
                return Pages.redirect(to: "/sources/\(id)")
            }
        }
        router.post("/compose/remaining") { request, _ in
            guard let (form, _) = try await authorizedForm(request) else {
                return Pages.text("Locked", status: .unauthorized)
            }
            return Pages.text(ReplyDraft.label(ReplyDraft.normalized(form["text"] ?? "")))
        }
    }

    private func sourceId(_ context: some RequestContext) throws -> Int {
        guard let id = context.parameters.get("id", as: Int.self), id > 0 else {
            throw DeskError(.notFound, "There is no such source.")
        }
        return id
    }

    /// Runs a client call about source `id`, turning "no such source" into a 404 page.
    @discardableResult
    private func source<T>(_ id: Int, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as JournalistError where error.code == .unknownSource {
            throw DeskError(.notFound, "There is no source \(id).")
        }
    }

    private func conversationPage(
        _ id: Int, session: DeskSession, client: JournalistClient, markRead: Bool = false, draft: String = "",
        alerts: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let conversation = try await source(id) { try await client.conversation(with: "\(id)", markRead: markRead) }
        let targets = (try? await client.handoverTargets()) ?? []
        let content = ConversationContent(conversation, draft: draft, targets: targets)
        return await page(
            "conversation", title: conversation.source.alias, session: session, content: content, alerts: alerts,
            status: status)
    }
}
