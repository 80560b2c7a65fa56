import CohortData
import Foundation

/// A pointer handed to worker threads that write disjoint slots.
struct SharedOutput: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
}

/// A read-only pointer shared by worker threads.
struct SharedInput: @unchecked Sendable {
    let pointer: UnsafePointer<Double>
}

extension SampleRanking {
    /// Ranks every sample of `expression` once and hands each ranking to `body(sample, ranking, out)`,
    /// where `out` is the score matrix (`setCount × sampleCount`, set-major) to fill for that sample.
    ///
    /// Samples are split into contiguous chunks processed in parallel with
    /// `DispatchQueue.concurrentPerform` (one ranking buffer per chunk: peak extra memory is a few
    /// vectors of the gene count per thread). The result does not depend on scheduling.
    ///
    /// - Complexity: O(samples × genes × log genes) for the rankings, plus the cost of `body`.
    static func forEachSample(
        of expression: ExpressionBlock, setCount: Int,
        _ body: @escaping @Sendable (_ sample: Int, _ ranking: SampleRanking, _ out: UnsafeMutablePointer<Double>) -> Void
    ) -> [Double] {
        let samples = expression.sampleCount
        let genes = expression.geneCount
        var scores = [Double](repeating: .nan, count: setCount * samples)
        guard samples > 0 else { return scores }
        let chunks = min(samples, max(1, ProcessInfo.processInfo.activeProcessorCount * 4))
        expression.values.withUnsafeBufferPointer { valuesBuffer in
            scores.withUnsafeMutableBufferPointer { outBuffer in
                let input = SharedInput(pointer: valuesBuffer.baseAddress!)
                let output = SharedOutput(pointer: outBuffer.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let lower = chunk * samples / chunks
                    let upper = (chunk + 1) * samples / chunks
                    var ranking = SampleRanking(geneCount: genes)
                    let values = input.pointer
                    for s in lower..<upper {
                        ranking.rank { values[$0 * samples + s] }
                        body(s, ranking, output.pointer)
                    }
                }
            }
        }
        return scores
    }
}
