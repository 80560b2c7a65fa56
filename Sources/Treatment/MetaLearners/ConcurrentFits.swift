import Dispatch
import Foundation
import Learning

/// Runs independent nuisance fits (one per fold and arm) concurrently on up to `threads` threads
/// (DESIGN.md, "Performance"). Each thread takes the next job in index order as it finishes one, so uneven
/// fits balance out; list the largest jobs first. Each fit draws from its own seeded generator stream and its
/// result is stored by index, so results never depend on the thread count; the first error by index is
/// rethrown.
enum ConcurrentFits {
    /// `body(i)` for every `i` in `0..<count`, in index order.
    ///
    /// - Complexity: the sum of the bodies' costs, spread over `min(threads, count)` threads.
    static func map<T: Sendable>(_ count: Int, threads: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        try results(count, threads: threads, body).map { try $0.get() }
    }

    /// The outcome of `body(i)` for every `i` in `0..<count`, in index order, errors included.
    static func results<T: Sendable>(_ count: Int, threads: Int,
                                     _ body: @Sendable (Int) throws -> T) -> [Result<T, any Error>] {
        guard count > 0 else { return [] }
        let k = max(1, min(threads, count))
        let slots = Slots<T>(count: count)
        if k == 1 {
            for i in 0..<count { slots.set(i, Result { try body(i) }) }
        } else {
            // Each fit runs single-threaded: the fits themselves fill the cores.
            DispatchQueue.concurrentPerform(iterations: k) { _ in
                Parallelism.serially {
                    while let i = slots.nextJob() { slots.set(i, Result { try body(i) }) }
                }
            }
        }
        return slots.values()
    }

    /// Per-index result slots, each written by exactly one task and read after the parallel section.
    private final class Slots<T>: @unchecked Sendable {
        private var results: [Result<T, any Error>?]
        private var next = 0
        private let lock = NSLock()
        init(count: Int) { results = Array(repeating: nil, count: count) }
        /// The next job nobody has taken, or nil when all are taken.
        func nextJob() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < results.count else { return nil }
            next += 1
            return next - 1
        }
        func set(_ i: Int, _ value: Result<T, any Error>) {
            lock.lock()
            results[i] = value
            lock.unlock()
        }
        func values() -> [Result<T, any Error>] { results.map { $0! } }
    }
}
