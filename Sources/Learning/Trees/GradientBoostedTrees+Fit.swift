import Foundation
import Statistics

extension GradientBoostedTrees: BinningEstimator {
    /// Fits the boosted trees (see ``GradientBoostedTrees`` for the algorithm).
    ///
    /// - Throws: ``EstimatorError/invalidParameter(name:value:fix:)`` for a bad configuration;
    ///   ``EstimatorError/invalidData(_:)`` for empty data, infinite features (NaN is "missing"), a bad
    ///   target, or a categorical / constrained feature name that is not in the data.
    /// - Complexity: O(iterations · n · p).
    public func fit(_ data: Dataset, generator: inout Xoshiro256StarStar) throws -> GradientBoostedTreesModel {
        try validate()
        guard Self.supportedTasks.contains(data.target.task) else {
            throw EstimatorError.invalidData("gradient boosting cannot fit a \(data.target.task.rawValue) target")
        }
        try data.validate(for: data.target.task, allowMissingFeatures: true)
        let names = data.features.names
        let categorical = try categoricalIndices(names)
        var monotone = [Int8](repeating: 0, count: names.count)
        for (name, c) in monotoneConstraints {
            guard let j = names.firstIndex(of: name) else {
                throw EstimatorError.invalidData("monotone-constrained feature \"\(name)\" is not in the data")
            }
            monotone[j] = Int8(c)
        }
        let baseSeed = generator.next()

        // Early-stopping split.
        var trainRows = Array(0..<data.rowCount)
        var validation: Dataset?
        if let fraction = validationFraction {
            var splitter = Xoshiro256StarStar(seed: baseSeed, stream: UInt64.max)
            let shuffled = trainRows.shuffled(using: &splitter)
            let held = max(1, Int((fraction * Double(data.rowCount)).rounded()))
            guard held < data.rowCount else {
                throw EstimatorError.invalidData("too few rows (\(data.rowCount)) to hold out a validation set")
            }
            validation = data.selectingRows(Array(shuffled.prefix(held)).sorted())
            trainRows = Array(shuffled.dropFirst(held)).sorted()
        }
        let train = validation == nil ? data : data.selectingRows(trainRows)
        let n = train.rowCount, p = train.features.columnCount
        let weight = train.weights ?? [Double](repeating: 1, count: n)
        let binner: FeatureBinner
        var sharedBins = false
        if let shared = train.binner, shared.featureCount == p,
           shared.isCategorical == (0..<p).map(categorical.contains) {
            binner = shared
            sharedBins = true
        } else {
            binner = try FeatureBinner(fitting: train.features, weights: train.weights, maxBins: maxBins,
                                       categoricalFeatures: categorical)
        }
        /// The codes of `part` under `binner`: the ones it carries when they go with the shared bins and fit.
        func codes(_ part: Dataset) -> BinnedFeatures {
            if sharedBins, let given = part.binned, given.rowCount == part.rowCount, given.columnCount == p { return given }
            return binner.transform(part.features)
        }
        let binned = codes(train)
        let validationBinned = validation.map(codes)
        let target = BoostingTarget(target: train.target, weight: weight)
        let initial = target.initialScore()

        let threadCount = threads ?? TreeParallel.coreCount
        let grower = LeafWiseGrower(
            data: binned, binner: binner,
            parameters: .init(maxLeaves: maxLeaves, maxDepth: maxDepth, minSamplesLeaf: minSamplesLeaf,
                              minChildWeight: minChildWeight, lambda: lambda, minSplitGain: minSplitGain,
                              categoricalSmoothing: categoricalSmoothing, categoricalL2: categoricalL2,
                              maxCategoriesPerSplit: maxCategoriesPerSplit, threads: threadCount, laneScans: laneScans),
            monotone: monotone)

        var scores = [Double](repeating: initial, count: n)
        var validationScores = [Double](repeating: initial, count: validation?.rowCount ?? 0)
        var gradient = [Double](repeating: 0, count: n), hessian = [Double](repeating: 0, count: n)
        var trees: [FlatTree] = []
        var losses: [Double] = []
        // Round 0 is the constant model: a tree is kept only if it (with those before it) improves on that.
        let validationWeight = validation.map { $0.weights ?? Array(repeating: 1, count: $0.rowCount) } ?? []
        var bestLoss = validation.map {
            BoostingLoss.validationLoss(target.loss, scores: validationScores, target: $0.target, weight: validationWeight)
        } ?? .infinity
        var bestRound = 0
        var messages: [String] = []
        var rows = [Int32](repeating: 0, count: n)
        var inBag = [Bool](repeating: true, count: n)
        let bagSize = max(1, Int((subsample * Double(n)).rounded()))
        let featureCount = max(1, Int((columnSampleByTree * Double(p)).rounded()))

        for round in 0..<iterations {
            target.gradients(scores, gradient: &gradient, hessian: &hessian, threads: threadCount)
            var stream = Xoshiro256StarStar(seed: baseSeed, stream: UInt64(round))
            let sampledRows = subsample < 1
            if sampledRows {
                let chosen = Self.sample(bagSize, of: n, using: &stream)
                for i in 0..<n { inBag[i] = false }
                rows.removeAll(keepingCapacity: true)
                for i in chosen { rows.append(Int32(i)); inBag[i] = true }
            } else {
                // Every row in order again (the last tree reordered them by leaf).
                if rows.count != n { rows = [Int32](repeating: 0, count: n) }
                rows.withUnsafeMutableBufferPointer { for i in 0..<n { $0[i] = Int32(i) } }
            }
            let features = featureCount < p ? Self.sample(featureCount, of: p, using: &stream) : Array(0..<p)
            let (tree, leaves) = grower.grow(rows: &rows, allRowsInOrder: !sampledRows, gradient: gradient,
                                             hessian: hessian, weight: train.weights, features: features,
                                             shrinkage: learningRate)
            // Leaves hold disjoint rows, so their score updates run side by side.
            scores.withUnsafeMutableBufferPointer { buffer in
                let s = SendablePointer(buffer.baseAddress!)
                TreeParallel.forEach(leaves.count, chunks: n < 20_000 ? 1 : threadCount) { l in
                    let v = tree.leafValue[leaves[l].node]
                    for k in leaves[l].range { s.pointer[Int(rows[k])] += v }
                }
            }
            if sampledRows {
                binned.codes.withUnsafeBufferPointer { codes in
                    for i in 0..<n where !inBag[i] {
                        scores[i] += tree.leafValue[tree.leaf(binned: codes, rowCount: n, row: i)]
                    }
                }
            }
            trees.append(tree)
            if let validation, let validationBinned {
                let m = validation.rowCount
                validationBinned.codes.withUnsafeBufferPointer { codes in
                    for i in 0..<m { validationScores[i] += tree.leafValue[tree.leaf(binned: codes, rowCount: m, row: i)] }
                }
                let loss = BoostingLoss.validationLoss(target.loss, scores: validationScores, target: validation.target,
                                                       weight: validationWeight)
                losses.append(loss)
                if loss < bestLoss - 1e-12 * abs(bestLoss) { bestLoss = loss; bestRound = round + 1 }
                if round + 1 - bestRound >= earlyStoppingRounds {
                    messages.append("early stopping after \(round + 1) rounds; kept the best \(bestRound)")
                    break
                }
            }
        }
        if validation != nil && bestRound < trees.count {
            // Remove the rounds after the best one from the training scores as well.
            binned.codes.withUnsafeBufferPointer { codes in
                for tree in trees[bestRound...] {
                    for i in 0..<n { scores[i] -= tree.leafValue[tree.leaf(binned: codes, rowCount: n, row: i)] }
                }
            }
            trees.removeSubrange(bestRound...)
        }

        var baselineTimes: [Double] = [], baselineHazard: [Double] = []
        if case .survival(let time, let event) = train.target {
            (baselineTimes, baselineHazard) = Self.breslowBaseline(time: time, event: event, weight: weight, scores: scores)
            if !event.contains(true) { messages.append("no events: the model predicts a constant risk") }
        }
        return GradientBoostedTreesModel(
            featureNames: names, task: data.target.task,
            diagnostics: FitDiagnostics(converged: true, iterations: trees.count, messages: messages),
            loss: target.loss, binner: binner, trees: trees, initialScore: initial,
            validationLosses: losses, bestIteration: validation == nil ? nil : bestRound,
            baselineTimes: baselineTimes, baselineCumulativeHazard: baselineHazard)
    }

    public var binningSettings: BinningSettings {
        BinningSettings(maxBins: maxBins, categoricalFeatures: categoricalFeatures)
    }

    /// The bins a fit on `features` would use: ``FeatureBinner`` with ``maxBins`` and the categorical features.
    public func fitBinner(_ features: FeatureMatrix, weights: [Double]?) throws -> FeatureBinner {
        try FeatureBinner(fitting: features, weights: weights, maxBins: maxBins,
                          categoricalFeatures: categoricalIndices(features.names))
    }

    /// The indices of ``categoricalFeatures`` in `names`.
    func categoricalIndices(_ names: [String]) throws -> Set<Int> {
        var categorical = Set<Int>()
        for name in categoricalFeatures {
            guard let j = names.firstIndex(of: name) else {
                throw EstimatorError.invalidData("categorical feature \"\(name)\" is not in the data")
            }
            categorical.insert(j)
        }
        return categorical
    }

    /// `k` distinct indices of `0..<n`, ascending (partial Fisher–Yates).
    static func sample(_ k: Int, of n: Int, using generator: inout Xoshiro256StarStar) -> [Int] {
        var pool = Array(0..<n)
        for i in 0..<k {
            let j = i + Int(generator.next() % UInt64(n - i))
            pool.swapAt(i, j)
        }
        return pool.prefix(k).sorted()
    }

    /// The Breslow cumulative baseline hazard `H₀(t) = Σ_{t_k ≤ t} d_k / Σ_{j: t_j ≥ t_k} w_j e^{f_j}` at
    /// each distinct event time.
    static func breslowBaseline(time: [Double], event: [Bool], weight: [Double], scores: [Double])
        -> ([Double], [Double]) {
        let order = time.indices.sorted { time[$0] > time[$1] }
        var risk = 0.0
        var times: [Double] = [], increments: [Double] = []
        var k = 0
        while k < order.count {
            var end = k
            while end + 1 < order.count && time[order[end + 1]] == time[order[k]] { end += 1 }
            var deaths = 0.0
            for q in k...end {
                risk += weight[order[q]] * exp(scores[order[q]])
                if event[order[q]] { deaths += weight[order[q]] }
            }
            if deaths > 0 && risk > 0 { times.append(time[order[k]]); increments.append(deaths / risk) }
            k = end + 1
        }
        times.reverse(); increments.reverse()
        var cumulative = 0.0
        return (times, increments.map { cumulative += $0; return cumulative })
    }
}
