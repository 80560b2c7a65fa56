import CTreeKernels

extension LeafWiseGrower {
    /// Per lane, the first best threshold (−1: none) and its score `G_L²/(H_L + λ) + G_R²/(H_R + λ)`.
    typealias Best = (score: SIMD4<Double>, bin: SIMD4<Int64>)

    /// Four features' thresholds scanned at once, one feature per vector lane (`immunokit_scan_lanes`, in
    /// C: Swift 6 lowers `SIMD4<Double>` arithmetic lane by lane and the re-vectorised loop spilled and
    /// shuffled; in a boosted-tree fit the kernel scans ~1.8× faster than the scalar Swift scan did). It is
    /// the numerical split search of ``bestSplit(of:features:parentGain:)`` for features without a monotone
    /// constraint in a leaf without output bounds, where a child's gain is `G²/(H + λ)` (LightGBM's form),
    /// with `H + λ > 0` on every admissible side.
    ///
    /// Each lane accumulates its feature's left sums over the bins `0 ..< threshold`, with missing values
    /// right (`nb − 1` thresholds, `nb` when the leaf has missing values: "all values left"), then, when it
    /// has any, with missing values left (starting from the missing bin's sums). A threshold is admissible
    /// when both sides hold a hessian of at least `minHessian` (``minChildHessian(_:)``); a lane stops once
    /// its right hessian drops below that, as it only shrinks. Each lane keeps its first best threshold.
    /// Lanes then compete in feature order, missing-right before missing-left, each replacing the leaf's
    /// best split only with a strictly larger gain: the split found is the first best in feature order, as
    /// in the one-feature scan (``considerNumerical(_:feature:hist:parentGain:bestGain:)``), up to rounding
    /// between candidates that split the leaf's rows alike.
    ///
    /// - Parameters:
    ///   - features: up to four numerical, unconstrained features (lanes `count ..< 4` are unused).
    ///   - count: how many lanes `features` fills, in 1...4.
    func scanLanes(_ leaf: inout Leaf, features: SIMD4<Int>, count: Int, minHessian: Double, parentGain: Double,
                   bestGain: inout Double) {
        let base = pool + leaf.slot * slotSize
        let missing = 255 * 2
        var hist = (UnsafePointer(base), UnsafePointer(base), UnsafePointer(base), UnsafePointer(base))
        var gm = SIMD4<Double>(), hm = SIMD4<Double>()
        var right = SIMD4<Int64>(), left = SIMD4<Int64>()
        for q in 0..<count {
            let h = base + features[q] * featureSize
            switch q {
            case 0: hist.0 = UnsafePointer(h)
            case 1: hist.1 = UnsafePointer(h)
            case 2: hist.2 = UnsafePointer(h)
            default: hist.3 = UnsafePointer(h)
            }
            let nb = binner.binCount(features[q])
            gm[q] = h[missing]; hm[q] = h[missing + 1]
            let hasMissing = hm[q] > 0
            right[q] = nb >= 1 ? Int64(hasMissing ? nb : nb - 1) : 0
            left[q] = hasMissing && nb >= 2 ? Int64(nb - 1) : 0
        }
        let start = bestGain + parentGain
        func scan(from: (SIMD4<Double>, SIMD4<Double>), thresholds: SIMD4<Int64>) -> Best {
            var lanes = immunokit_lanes()
            lanes.hist = (hist.0, hist.1, hist.2, hist.3)
            lanes.from_gradient = unsafeBitCast(from.0, to: (Double, Double, Double, Double).self)
            lanes.from_hessian = unsafeBitCast(from.1, to: (Double, Double, Double, Double).self)
            lanes.thresholds = unsafeBitCast(thresholds, to: (Int64, Int64, Int64, Int64).self)
            immunokit_scan_lanes(&lanes, leaf.sumGradient, leaf.sumHessian, parameters.lambda, minHessian, start)
            return (unsafeBitCast(lanes.best_score, to: SIMD4<Double>.self), unsafeBitCast(lanes.best_bin, to: SIMD4<Int64>.self))
        }
        let rightBest = scan(from: (SIMD4(), SIMD4()), thresholds: right)
        let leftBest = any(left .> 0) ? scan(from: (gm, hm), thresholds: left) : nil
        for q in 0..<count {
            let h = base + features[q] * featureSize
            let hasMissing = hm[q] > 0
            /// Makes lane `q`'s best threshold of one direction the leaf's best split if its gain is larger.
            func consider(_ found: Best, missingLeft: Bool) {
                guard found.bin[q] >= 0 else { return }
                let gain = found.score[q] - parentGain
                guard gain > bestGain else { return }
                bestGain = gain
                // The lane's sums at its best threshold, added in the lane's order (so bit-identical).
                var gl = missingLeft ? gm[q] : 0, hl = missingLeft ? hm[q] : 0
                let bin = Int(found.bin[q])
                for b in 0...bin { gl += h[2 * b]; hl += h[2 * b + 1] }
                let defaultLeft = missingLeft || (!hasMissing && hl >= leaf.sumHessian - hl)
                leaf.best = TreeSplit(feature: features[q], bin: UInt8(bin), categories: nil, defaultLeft: defaultLeft,
                                      gain: gain)
                leaf.bestLeft = (gl, hl)
                leaf.leftOutput = output(gl, hl, leaf.lower, leaf.upper)
                leaf.rightOutput = output(leaf.sumGradient - gl, leaf.sumHessian - hl, leaf.lower, leaf.upper)
            }
            consider(rightBest, missingLeft: false)
            if let leftBest { consider(leftBest, missingLeft: true) }
        }
    }
}
