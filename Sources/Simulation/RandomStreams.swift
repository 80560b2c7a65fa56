import Foundation
import Statistics

/// The independent random streams of one simulation.
///
/// Every patient (and every site and embedding map) reads its own ``Xoshiro256StarStar`` stream,
/// `Xoshiro256StarStar(seed: seed, stream: domain << 40 | index)`, so a result never depends on the
/// number of threads or on the order patients are processed, and changing one part of the model
/// (say, the expression gene count) leaves the draws of every other part unchanged.
enum RandomStream: UInt64 {
    case site = 1
    case batch
    case patient
    case calibration
    case expression
    case mutation
    case outcome
    case embeddingMap
    case embedding

    /// The generator for item `index` of this domain.
    func generator(seed: UInt64, index: Int) -> Xoshiro256StarStar {
        precondition(index >= 0 && index < 1 << 40, "stream index out of range")
        return Xoshiro256StarStar(seed: seed, stream: rawValue << 40 | UInt64(index))
    }
}

extension Xoshiro256StarStar {
    /// A uniform draw in the open interval (0, 1).
    @inline(__always)
    mutating func uniform() -> Double { nextUniform() }

    /// A standard normal draw.
    @inline(__always)
    mutating func standardNormal() -> Double { Normal().sample(using: &self) }
}

/// Logistic function 1 / (1 + e^−x).
@inline(__always)
func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

/// Index of the first cumulative weight above `u` (weights need not be normalised: `u` is scaled by the last).
func pickIndex(cumulative: [Double], _ u: Double) -> Int {
    let target = u * cumulative[cumulative.count - 1]
    var lo = 0
    var hi = cumulative.count - 1
    while lo < hi {
        let mid = (lo + hi) / 2
        if cumulative[mid] > target { hi = mid } else { lo = mid + 1 }
    }
    return lo
}

/// Running sums of `weights`.
func cumulativeSums(_ weights: [Double]) -> [Double] {
    var total = 0.0
    return weights.map { total += $0; return total }
}
