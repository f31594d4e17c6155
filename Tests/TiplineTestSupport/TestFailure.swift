/// A test precondition that did not hold, or a harness step that failed; it stops the test with `description`.
package struct TestFailure: Error, CustomStringConvertible {
    /// What went wrong.
    package let description: String

    /// A failure saying `description`.
    package init(_ description: String) { self.description = description }
}
