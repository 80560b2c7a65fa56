import Foundation

/// `(0..<count).map(body)`, evaluated in parallel on all cores; results are in index order, so the
/// output does not depend on scheduling.
///
/// - Complexity: O(count) calls of `body`, spread over `ProcessInfo.activeProcessorCount` threads.
func parallelMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    if count <= 1 { return (0..<count).map(body) }
    let buffer = UnsafeMutablePointer<T>.allocate(capacity: count)
    defer { buffer.deallocate() }
    let slots = SendablePointer(pointer: buffer)
    DispatchQueue.concurrentPerform(iterations: count) { index in
        (slots.pointer + index).initialize(to: body(index))
    }
    let result = Array(UnsafeBufferPointer(start: buffer, count: count))
    buffer.deinitialize(count: count)
    return result
}

/// A pointer handed to worker threads that write disjoint slots.
private struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
}
