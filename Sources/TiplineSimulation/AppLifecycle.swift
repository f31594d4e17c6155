package import Foundation

/// The real times of one app's lifecycle events, as the phone's OS logs them (app usage statistics): what a device
/// examiner can line the state folder's modification times up against.
package struct AppLifecycle: Codable, Hashable, Sendable {
    /// When the client first started successfully.
    package var firstStart: Date?
    /// The last time the app came to the foreground.
    package var lastForeground: Date?
    /// The last time the app went to the background.
    package var lastBackground: Date?
    /// The last background task the OS granted.
    package var lastBackgroundRun: Date?

    /// No event yet.
    package init() {}
}
