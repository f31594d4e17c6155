public import Foundation

/// The real times of one app's lifecycle events, as the phone's OS logs them (app usage statistics): what a device
/// examiner can line the state folder's modification times up against.
public struct AppLifecycle: Codable, Hashable, Sendable {
    /// When the client first started successfully.
    public var firstStart: Date?
    /// The last time the app came to the foreground.
    public var lastForeground: Date?
    /// The last time the app went to the background.
    public var lastBackground: Date?
    /// The last background task the OS granted.
    public var lastBackgroundRun: Date?

    /// No event yet.
    public init() {}
}
