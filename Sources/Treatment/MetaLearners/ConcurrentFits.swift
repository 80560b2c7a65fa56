import Dispatch
import Foundation

/// Runs independent nuisance fits (one per fold and arm) concurrently on up to `threads` threads, in
/// contiguous chunks (DESIGN.md, "Performance"). Each fit draws from its own seeded generator stream and its
/// result is stored by index, so results never depend on the thread count; the first error by index is
/// rethrown.
enum ConcurrentFits {
    /// `body(i)` for every `i` in `0..<count`, in index order.
    ///
    /// - Complexity: the sum of the bodies' costs, spread over `min(threads, count)` threads.
    static func map<T: Sendable>(_ count: Int, threads: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        guard count > 0 else { return [] }
        let k = max(1, min(threads, count))
        let slots = Slots<T>(count: count)
        if k == 1 {
            for i in 0..<count { slots.set(i, Result { try body(i) }) }
        } else {
            DispatchQueue.concurrentPerform(iterations: k) { c in
                for i in stride(from: c, to: count, by: k) { slots.set(i, Result { try body(i) }) }
            }
        }
        return try slots.values()
    }

    /// Per-index result slots, each written by exactly one task and read after the parallel section.
    private final class Slots<T>: @unchecked Sendable {
        private var results: [Result<T, any Error>?]
        private let lock = NSLock()
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: Result<T, any Error>) {
            lock.lock()
            results[i] = value
            lock.unlock()
        }
        func values() throws -> [T] { try results.map { try $0!.get() } }
    }
}
