/// A first-in, first-out queue with amortised O(1) removal from the front (an array and a head index).
struct WaitingQueue<Element: Sendable>: Sendable {
    private var elements: [Element] = []
    private var head = 0

    /// The number of queued elements.
    var count: Int { elements.count - head }

    /// The oldest element.
    var first: Element? { head < elements.count ? elements[head] : nil }

    /// Appends at the back.
    mutating func append(_ element: Element) { elements.append(element) }

    /// Removes and returns the oldest element.
    mutating func popFirst() -> Element? {
        guard head < elements.count else { return nil }
        let element = elements[head]
        head += 1
        if head == elements.count {
            elements.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024, head * 2 > elements.count {
            elements.removeFirst(head)
            head = 0
        }
        return element
    }
}
