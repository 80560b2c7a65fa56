import Foundation

/// A linear axis: maps data values to pixels and chooses "nice" ticks (1, 2, 2.5 or 5 × 10^k steps).
struct Axis {
    var lower: Double
    var upper: Double
    var pixelStart: Double
    var pixelEnd: Double

    init(lower: Double, upper: Double, pixelStart: Double, pixelEnd: Double) {
        var lo = lower, hi = upper
        if !(lo.isFinite && hi.isFinite) { lo = 0; hi = 1 }
        if hi <= lo { hi = lo + 1 }
        self.lower = lo
        self.upper = hi
        self.pixelStart = pixelStart
        self.pixelEnd = pixelEnd
    }

    func pixel(_ v: Double) -> Double {
        pixelStart + (v - lower) / (upper - lower) * (pixelEnd - pixelStart)
    }

    /// About `count` ticks inside [lower, upper].
    func ticks(_ count: Int = 5) -> [Double] {
        let raw = (upper - lower) / Double(max(count, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var v = (lower / step).rounded(.up) * step
        var out: [Double] = []
        while v <= upper + step * 1e-9 {
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        return out
    }

    /// Bounds padded by `fraction` of the range, for data that should not touch the frame.
    static func paddedRange(_ values: [Double], fraction: Double = 0.05) -> (Double, Double) {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return (0, 1) }
        let span = hi > lo ? hi - lo : max(abs(hi), 1)
        return (lo - span * fraction, hi + span * fraction)
    }
}
