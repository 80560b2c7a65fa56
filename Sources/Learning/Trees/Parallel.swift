import Dispatch
import Foundation

/// Chunked data parallelism for the tree kernels (DESIGN.md, "Performance").
///
/// `chunks` contiguous, near-equal ranges of `0..<count`, run on the ``SpinningPool`` (or, when it is busy,
/// by `concurrentPerform`), so the work is cut to the core count rather than to single items. Results
/// never depend on the number of chunks: callers write disjoint outputs per index.
enum TreeParallel {
    /// Active processor count, at least 1.
    static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `body(range)` on `min(chunks, count)` contiguous ranges covering `0..<count`, in parallel
    /// (serially inside ``Parallelism/serially(_:)``).
    ///
    /// - Complexity: O(count) total work split evenly; one task per chunk.
    static func forEachChunk(_ count: Int, chunks: Int = coreCount, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let k = Parallelism.isSerial ? 1 : max(1, min(chunks, count))
        if k == 1 { body(0..<count); return }
        // Each chunk touches disjoint outputs (the callers' contract), so sharing `body` is safe.
        let ran = SpinningPool.shared.run(k) { c in
            let lo = count * c / k, hi = count * (c + 1) / k
            if lo < hi { body(lo..<hi) }
        }
        if ran { return }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: k) { c in
                let lo = count * c / k, hi = count * (c + 1) / k
                if lo < hi { work(lo..<hi) }
            }
        }
    }

    /// Runs `body(i)` for every `i` in `0..<count`, chunked to the core count.
    static func forEach(_ count: Int, chunks: Int = coreCount, _ body: (Int) -> Void) {
        forEachChunk(count, chunks: chunks) { range in for i in range { body(i) } }
    }
}

/// A mutable buffer that parallel chunks write to at disjoint indices.
///
/// Only used where each index is written by exactly one task; reads happen after the parallel
/// section has finished.
final class SharedBuffer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(repeating value: Element, count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: value, count: count)
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }

    subscript(i: Int) -> Element {
        get { pointer[i] }
        set { pointer[i] = newValue }
    }

    var array: [Element] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}

/// Nested parallelism control for callers that already run fits side by side.
public enum Parallelism {
    private static let key = "org.immunokit.serial"

    /// Runs `body` with the tree kernels (histograms, binning, prediction) single-threaded on this thread:
    /// for fits that run concurrently with others, where inner parallelism would only compete for the cores.
    /// Results are the same either way.
    public static func serially<T>(_ body: () throws -> T) rethrows -> T {
        let dictionary = Thread.current.threadDictionary
        let previous = dictionary[key]
        dictionary[key] = true
        defer { dictionary[key] = previous }
        return try body()
    }

    /// Whether the current thread is inside ``serially(_:)``.
    static var isSerial: Bool { Thread.current.threadDictionary[key] as? Bool ?? false }
}
