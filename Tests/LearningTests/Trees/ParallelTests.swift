import Foundation
@testable import Learning
import Testing

@Suite("Tree kernels' parallel regions")
struct ParallelTests {
    /// Counts how often each index was visited, from any thread.
    final class Visits: @unchecked Sendable {
        private var counts: [Int]
        private let lock = NSLock()
        init(_ n: Int) { counts = Array(repeating: 0, count: n) }
        func visit(_ range: Range<Int>) { lock.lock(); for i in range { counts[i] += 1 }; lock.unlock() }
        var all: [Int] { lock.lock(); defer { lock.unlock() }; return counts }
    }

    @Test("thousands of back-to-back regions each visit every index exactly once")
    func everyIndexOnce() {
        for region in 0..<3_000 {
            let n = 1 + region % 37
            let visits = Visits(n)
            TreeParallel.forEachChunk(n, chunks: 1 + region % 5) { visits.visit($0) }
            #expect(visits.all == Array(repeating: 1, count: n), "region \(region)")
        }
    }

    @Test("a region inside a region (the pool is busy) still visits every index once")
    func nestedRegions() {
        let outer = Visits(8), inner = Visits(8 * 50)
        TreeParallel.forEachChunk(8, chunks: 4) { range in
            outer.visit(range)
            for i in range { TreeParallel.forEachChunk(50, chunks: 3) { inner.visit(($0.lowerBound + 50 * i)..<($0.upperBound + 50 * i)) } }
        }
        #expect(outer.all == Array(repeating: 1, count: 8))
        #expect(inner.all == Array(repeating: 1, count: 400))
    }

    @Test("inside Parallelism.serially every chunk runs on the calling thread, and the setting is restored after")
    func serially() {
        let caller = Thread.current
        final class Threads: @unchecked Sendable {
            var onCaller = true
            let lock = NSLock()
        }
        let seen = Threads()
        Parallelism.serially {
            TreeParallel.forEachChunk(1_000, chunks: 4) { _ in
                seen.lock.lock(); if Thread.current != caller { seen.onCaller = false }; seen.lock.unlock()
            }
            #expect(Parallelism.isSerial)
        }
        #expect(seen.onCaller)
        #expect(!Parallelism.isSerial)
    }
}
