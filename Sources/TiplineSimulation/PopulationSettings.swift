package import Foundation
package import TiplineCore

/// What a simulated population of reader apps looks like and how long it runs.
package struct PopulationSettings: Sendable {
    /// The API root including `/v1`.
    package var apiBaseURL: URL
    /// The host serving `POST /user/messages` (no `/v1`).
    package var messageBaseURL: URL
    /// The organisation keys every app bundles.
    package var trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>]
    /// Number of apps.
    package var readers: Int
    /// How many of them are sources (the first `sources` apps).
    package var sources: Int
    /// Whom sources write to; `nil` picks the default recipient, else the first one listed.
    package var journalistId: String?
    /// Messages each source writes, one per app open.
    package var messagesPerSource: Int
    /// What sources write; `nil` writes "Tip N from a simulated source.".
    package var messageText: String?
    /// Virtual time simulated.
    package var duration: Duration
    /// Virtual time between two simulation steps.
    package var tick: Duration
    /// Mean number of times a reader opens the news app per virtual day.
    package var opensPerDay: Double
    /// How long the app stays in the foreground each time.
    package var foregroundTime: Duration
    /// Where the apps' state folders go (`reader-0001`, …); `nil` makes a temporary folder, removed at the end.
    package var stateRoot: URL?
    /// Vault key derivation: ``PasswordKDF/testOnly`` keeps thousands of vaults cheap.
    package var vaultKDF: PasswordKDF
    /// Virtual start time; `nil` starts at the real current time.
    package var start: Timestamp?
    /// Apps stepped at the same time.
    package var maxConcurrentReaders: Int
    /// When set, app *n* (1-based, plus ``appAddressOffset``) talks to its own loopback address on the port of
    /// ``apiBaseURL``, so that a packet capture separates the apps (see ``loopbackAddress(ofApp:)``).
    package var perAppAddresses = false
    /// Added to each app's number for its address, so that several populations can share one capture.
    package var appAddressOffset = 0
    /// When set, each step starts this much real time after the previous one: the virtual clock runs at a fixed ratio
    /// to real time (``tick`` per ``realTimePerTick``), and the report counts the steps that started late.
    package var realTimePerTick: Duration?
    /// Virtual time after the start before sources first write; until then they use the app like everybody else.
    package var sourcesStartAfter: Duration = .zero
    /// Virtual times after the start at which every app's state folder is described (``PopulationSnapshotWriter``).
    package var snapshotMoments: [Duration] = []
    /// How many of the sources (the first ones) write long messages until their vault overflows.
    package var overfullSources = 0
    /// TEST ONLY: a deliberate leak in the sources' traffic, to prove that the anonymity harness detects one.
    package var testLeak: TrafficLeak?

    /// A population with the given server and trust anchors, and modest defaults for the rest.
    package init(
        apiBaseURL: URL, messageBaseURL: URL, trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>],
        readers: Int = 20, sources: Int = 2, journalistId: String? = nil, messagesPerSource: Int = 1,
        duration: Duration = .seconds(2 * 86_400), tick: Duration = .seconds(300), opensPerDay: Double = 4,
        foregroundTime: Duration = .seconds(240), stateRoot: URL? = nil, vaultKDF: PasswordKDF = .testOnly,
        start: Timestamp? = nil, maxConcurrentReaders: Int = 16, messageText: String? = nil
    ) {
        self.apiBaseURL = apiBaseURL
        self.messageBaseURL = messageBaseURL
        self.trustAnchors = trustAnchors
        self.readers = readers
        self.sources = sources
        self.journalistId = journalistId
        self.messagesPerSource = messagesPerSource
        self.duration = duration
        self.tick = tick
        self.opensPerDay = opensPerDay
        self.foregroundTime = foregroundTime
        self.stateRoot = stateRoot
        self.vaultKDF = vaultKDF
        self.start = start
        self.maxConcurrentReaders = maxConcurrentReaders
        self.messageText = messageText
    }

    /// Throws unless the numbers make sense.
    package func validate() throws {
        func fail(_ message: String) -> SimulationError { SimulationError(.invalidArgument, message) }
        guard readers > 0, readers <= 100_000 else { throw fail("readers must be 1…100000") }
        guard sources >= 0, sources <= readers else { throw fail("sources must be 0…readers") }
        guard messagesPerSource >= 0, opensPerDay > 0, maxConcurrentReaders > 0 else {
            throw fail("messages per source must be ≥ 0, opens per day and concurrency > 0")
        }
        guard tick > .zero, duration > .zero, foregroundTime > .zero, foregroundTime < .seconds(86_400) else {
            throw fail("tick, duration and foreground time must be positive")
        }
        guard !trustAnchors.isEmpty else { throw fail("at least one trust anchor is needed") }
        guard overfullSources >= 0, overfullSources <= sources else { throw fail("overfull sources must be 0…sources") }
        guard realTimePerTick.map({ $0 > .zero }) ?? true, sourcesStartAfter >= .zero else {
            throw fail("the real time per tick must be positive and the sources' start not negative")
        }
        guard snapshotMoments.allSatisfy({ $0 > .zero && $0 <= duration }) else {
            throw fail("snapshot moments must fall within the run")
        }
        guard snapshotMoments.isEmpty || stateRoot != nil else { throw fail("snapshots need a state folder") }
        guard appAddressOffset >= 0, !perAppAddresses || appAddressOffset + readers < 156 * 156 * 156 else {
            throw fail("too many apps for per-app addresses")
        }
        if let messageText {
            guard (try? PaddedCompressedString(text: messageText)) != nil else {
                throw fail("the message text does not fit in one message once compressed")
            }
        }
    }
}

extension PopulationSettings {
    /// The API root (with `/v1`) and the message host of app `index` (1-based): the shared ones, or with
    /// ``perAppAddresses`` the same URLs on the app's own loopback address.
    package func appURLs(ofApp index: Int) -> (api: URL, messages: URL) {
        guard perAppAddresses else { return (apiBaseURL, messageBaseURL) }
        return (rehost(apiBaseURL, index), rehost(messageBaseURL, index))
    }

    /// The loopback address of app `index` (1-based) when ``perAppAddresses`` is set: `127.A.B.C` with every part
    /// of three digits (100…255), so that the `Host` header, and with it every request, has the same length for
    /// every app.
    package func loopbackAddress(ofApp index: Int) -> String {
        let number = appAddressOffset + index
        return "127.\(100 + number / (156 * 156)).\(100 + number / 156 % 156).\(100 + number % 156)"
    }

    private func rehost(_ url: URL, _ index: Int) -> URL {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        components.host = loopbackAddress(ofApp: index)
        return components.url ?? url
    }
}
