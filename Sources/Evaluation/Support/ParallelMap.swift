import Dispatch
import Foundation

/// Chunked data parallelism for resampling: `concurrentPerform` over at most `threads` contiguous
/// chunks of `0..<count` (DESIGN.md, "Performance": a task costs ~1 µs, so work is cut to the core
/// count, not to single items). Results are stored by index, so they never depend on the number of
/// threads; the first error by index is rethrown.
enum ParallelMap {
    /// Active processor count, at least 1.
    static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `body(i)` for every `i` in `0..<count`, in index order in the result.
    ///
    /// - Complexity: the sum of the bodies' costs, spread over `min(threads, count)` threads.
    static func map<T: Sendable>(_ count: Int, threads: Int? = nil, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        guard count > 0 else { return [] }
        let k = max(1, min(threads ?? coreCount, count))
        let results = ResultSlots<T>(count: count)
        if k == 1 {
            for i in 0..<count { results.set(i, Result { try body(i) }) }
        } else {
            DispatchQueue.concurrentPerform(iterations: k) { c in
                let lo = count * c / k, hi = count * (c + 1) / k
                for i in lo..<hi { results.set(i, Result { try body(i) }) }
            }
        }
        return try results.values()
    }
}

/// Per-index result slots written by exactly one task each, read after the parallel section.
private final class ResultSlots<T>: @unchecked Sendable {
    private let pointer: UnsafeMutablePointer<Result<T, any Error>?>
    private let count: Int
    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: nil, count: count)
    }
    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
    func set(_ i: Int, _ value: Result<T, any Error>) { pointer[i] = value }
    func values() throws -> [T] { try (0..<count).map { try pointer[$0]!.get() } }
}
