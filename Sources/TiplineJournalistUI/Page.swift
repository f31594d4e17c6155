/// What every page's template sees: the frame (title, navigation, lock form, alerts) and the screen's content.
struct Page<Content> {
    /// The `<title>` and `<h1>`.
    let title: String
    /// Whether the navigation and the lock form are shown.
    let unlocked: Bool
    /// The form token of every form on the page.
    let csrf: String
    /// Messages shown in `role="alert"` paragraphs.
    let alerts: [String]
    /// After this many seconds without use the page's script submits the lock form.
    let autoLockSeconds: Int
    /// Which navigation link is the current page (`inbox`, `status`, `passphrase`).
    let current: CurrentPage
    /// The screen's own data.
    let content: Content
}

/// Marks the current page in the navigation (`aria-current="page"`).
struct CurrentPage {
    var inbox = false
    var status = false
    var passphrase = false
}
