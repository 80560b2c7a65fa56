import Foundation
@testable import Learning
import Statistics
import TestSupport
import Testing

@Suite("GradientBoostedTrees")
struct GradientBoostedTreesTests {
    static let invalid: [(configuration: any Estimator, parameter: String)] = [
        (GradientBoostedTrees(iterations: 0), "iterations"),
        (GradientBoostedTrees(learningRate: 0), "learningRate"),
        (GradientBoostedTrees(maxLeaves: 1), "maxLeaves"),
        (GradientBoostedTrees(maxDepth: 0), "maxDepth"),
        (GradientBoostedTrees(minSamplesLeaf: -1), "minSamplesLeaf"),
        (GradientBoostedTrees(lambda: -1), "lambda"),
        (GradientBoostedTrees(maxBins: 256), "maxBins"),
        (GradientBoostedTrees(subsample: 0), "subsample"),
        (GradientBoostedTrees(columnSampleByTree: 1.5), "columnSampleByTree"),
        (GradientBoostedTrees(monotoneConstraints: ["f0": 2]), "monotoneConstraints"),
        (GradientBoostedTrees(validationFraction: 1), "validationFraction"),
        (GradientBoostedTrees(earlyStoppingRounds: 0), "earlyStoppingRounds"),
    ]

    @Test("conformance: binary, regression and survival", arguments: Task.allCases)
    func conformance(task: Task) throws {
        let data = TreeFixtures.small(task)
        try EstimatorConformance.check(GradientBoostedTrees(iterations: 20, minSamplesLeaf: 5), on: data,
                                       options: .init(acceptsMissingValues: true, invalidConfigurations: Self.invalid))
    }

    @Test("conformance on data with missing values (saved models keep every split)")
    func conformanceWithMissing() throws {
        try EstimatorConformance.check(GradientBoostedTrees(iterations: 20, minSamplesLeaf: 5),
                                       on: TreeFixtures.binary(300, seed: 9),
                                       options: .init(acceptsMissingValues: true))
        try EstimatorConformance.check(RandomForest(trees: 10), on: TreeFixtures.binary(300, seed: 9),
                                       options: .init(acceptsMissingValues: true, randomisedBecause: "bootstrap"))
    }

    @Test("conformance with subsampling and early stopping (randomised)")
    func conformanceRandomised() throws {
        let data = TreeFixtures.small(.binaryClassification, n: 200)
        let model = GradientBoostedTrees(iterations: 30, minSamplesLeaf: 5, subsample: 0.7, columnSampleByTree: 0.5,
                                         validationFraction: 0.2, earlyStoppingRounds: 5)
        try EstimatorConformance.check(model, on: data, options: .init(
            acceptsMissingValues: true, randomisedBecause: "row and column subsampling and a seeded validation split"))
    }

    @Test("the Swift data generator reproduces the Python fixture data")
    func fixtureData() throws {
        let reference = try TreeFixtures.reference()
        let train = TreeFixtures.binary(5000, seed: 1), test = TreeFixtures.binary(5000, seed: 2)
        let (s1, m1) = TreeFixtures.checksum(train.features), (s2, m2) = TreeFixtures.checksum(test.features)
        #expect(abs(s1 - reference.binary.train_checksum[0]) < 1e-6)
        #expect(Double(m1) == reference.binary.train_checksum[1])
        #expect(abs(s2 - reference.binary.test_checksum[0]) < 1e-6)
        #expect(Double(m2) == reference.binary.test_checksum[1])
        guard case .binary(let y) = train.target else { return }
        #expect(Int(y.reduce(0, +)) == reference.binary.train_positives)
    }

    @Test("test AUC within 0.005 of LightGBM with matched settings")
    func agreesWithLightGBM() throws {
        let reference = try TreeFixtures.reference()
        let train = TreeFixtures.binary(5000, seed: 1), test = TreeFixtures.binary(5000, seed: 2)
        let model = try GradientBoostedTrees().fit(train, seed: 1)
        let auc = TreeFixtures.auc(try model.predict(test.features), test.target)
        print("GBDT test AUC \(auc), LightGBM \(reference.binary.lightgbm_test_auc)")
        #expect(abs(auc - reference.binary.lightgbm_test_auc) <= 0.005,
                "ImmunoKit AUC \(auc) vs LightGBM \(reference.binary.lightgbm_test_auc)")
        // The planted signal features carry the most gain; x6…x8 are noise.
        let gain = model.featureImportance(.gain)
        #expect(gain[0] > gain[6] && gain[1] > gain[7] && gain[4] > gain[8])
        #expect(model.featureImportance(.splitCount).reduce(0, +) == Double(model.trees.reduce(0) { $0 + ($1.nodeCount - 1) / 2 }))
    }

    @Test("squared error recovers a smooth function")
    func recoversFunction() throws {
        func f(_ a: Double, _ b: Double) -> Double { sin(3 * a) + 0.5 * b * b }
        func data(_ n: Int, seed: UInt64) -> Dataset {
            var g = TreeFixtures.Uniforms(seed: seed)
            let rows = (0..<n).map { _ in [2 * g.uniform() - 1, 2 * g.uniform() - 1, g.uniform()] }
            return Dataset(features: FeatureMatrix(names: ["a", "b", "noise"], rows: rows),
                           target: .continuous(rows.map { f($0[0], $0[1]) }))
        }
        let train = data(3000, seed: 21), test = data(1000, seed: 22)
        let model = try GradientBoostedTrees(iterations: 300, minSamplesLeaf: 5).fit(train)
        let predicted = try model.predict(test.features)
        guard case .continuous(let y) = test.target else { return }
        let mean = y.reduce(0, +) / Double(y.count)
        let sse = zip(predicted, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let sst = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        #expect(1 - sse / sst > 0.99, "R² = \(1 - sse / sst)")
        #expect(model.featureImportance(.gain)[2] < 0.01 * model.featureImportance(.gain)[0])
    }

    /// Data where the outcome rises with x0 overall but wiggles, so an unconstrained model is not monotone.
    static func wiggly(_ n: Int, seed: UInt64) -> Dataset {
        var g = TreeFixtures.Uniforms(seed: seed)
        let rows = (0..<n).map { _ in [4 * g.uniform() - 2, g.normal()] }
        let y = rows.map { r in r[0] + 0.8 * sin(6 * r[0]) + 0.5 * r[1] + 0.4 * r[0] * r[1] + 0.3 * g.normal() }
        return Dataset(features: FeatureMatrix(names: ["TMB", "age"], rows: rows), target: .continuous(y))
    }

    static func monotoneViolations(_ model: GradientBoostedTreesModel) throws -> Int {
        var violations = 0
        for other in stride(from: -3.0, through: 3.0, by: 0.25) {
            let grid = stride(from: -2.5, through: 2.5, by: 0.01).map { [$0, other] }
            let p = try model.predict(FeatureMatrix(names: ["TMB", "age"], rows: grid))
            violations += zip(p, p.dropFirst()).filter { $0.1 < $0.0 }.count
        }
        return violations
    }

    @Test("a monotone constraint holds exactly on a grid")
    func monotone() throws {
        let data = Self.wiggly(3000, seed: 31)
        let free = try GradientBoostedTrees(iterations: 100, minSamplesLeaf: 10).fit(data)
        #expect(try Self.monotoneViolations(free) > 0, "the unconstrained model should not be monotone here")
        let constrained = try GradientBoostedTrees(iterations: 100, minSamplesLeaf: 10,
                                                   monotoneConstraints: ["TMB": 1]).fit(data)
        #expect(try Self.monotoneViolations(constrained) == 0)
        let decreasing = Dataset(features: data.features, target: {
            guard case .continuous(let y) = data.target else { fatalError() }
            return .continuous(y.map { -$0 })
        }())
        let down = try GradientBoostedTrees(iterations: 50, monotoneConstraints: ["TMB": -1]).fit(decreasing)
        let p = try down.predict(FeatureMatrix(names: ["TMB", "age"],
                                               rows: stride(from: -2.5, through: 2.5, by: 0.01).map { [$0, 0.3] }))
        #expect(zip(p, p.dropFirst()).allSatisfy { $0.1 <= $0.0 })
    }

    @Test("missing values follow a learned default direction", arguments: [-1.0, 1.0])
    func missingDirection(missingValue: Double) throws {
        // y = sign(x); missing rows share the outcome of one side. A single stump can fit this exactly
        // only by sending missing values to that side of "x ≤ 0".
        var g = TreeFixtures.Uniforms(seed: 41)
        var rows: [[Double]] = [], y: [Double] = []
        for _ in 0..<2000 {
            let x = 2 * g.uniform() - 1, z = g.uniform()
            if g.uniform() < 0.3 { rows.append([.nan, z]); y.append(missingValue) } else { rows.append([x, z]); y.append(x <= 0 ? -1 : 1) }
        }
        let data = Dataset(features: FeatureMatrix(names: ["x", "z"], rows: rows), target: .continuous(y))
        let stump = try GradientBoostedTrees(iterations: 1, learningRate: 1, maxLeaves: 2).fit(data)
        let tree = stump.trees[0]
        #expect(tree.feature[0] == 0)
        #expect(tree.defaultLeft[0] == (missingValue < 0), "missing rows go to the side with their outcome")
        #expect(abs(tree.threshold[0]) < 0.02)
        let p = try stump.predict(FeatureMatrix(names: ["x", "z"], rows: [[.nan, 0.5], [-0.5, 0.5], [0.5, 0.5]]))
        #expect(abs(p[0] - missingValue) < 0.02 && abs(p[1] + 1) < 0.02 && abs(p[2] - 1) < 0.02, "\(p)")
    }

    @Test("categorical splits beat one-hot encoding on a planted category effect")
    func categoricalBeatsOneHot() throws {
        let categories = 40
        var g = TreeFixtures.Uniforms(seed: 51)
        let effect = (0..<categories).map { _ in g.uniform() < 0.5 ? -1.0 : 1.0 }
        func data(_ n: Int) -> (codes: [Double], noise: [Double], y: [Double]) {
            var codes: [Double] = [], noise: [Double] = [], y: [Double] = []
            for _ in 0..<n {
                let c = Int(g.uniform() * Double(categories))
                codes.append(Double(c)); noise.append(g.normal()); y.append(effect[c] + 0.5 * g.normal())
            }
            return (codes, noise, y)
        }
        let train = data(3000), test = data(2000)
        func mse(_ p: [Double], _ y: [Double]) -> Double { zip(p, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(y.count) }
        let settings = GradientBoostedTrees(iterations: 10, learningRate: 0.5, maxLeaves: 3)
        var categorical = settings
        categorical.categoricalFeatures = ["category"]
        let catModel = try categorical.fit(Dataset(
            features: FeatureMatrix(names: ["category", "noise"], columns: [train.codes, train.noise]),
            target: .continuous(train.y)))
        let catMSE = mse(try catModel.predict(FeatureMatrix(names: ["category", "noise"], columns: [test.codes, test.noise])), test.y)
        func oneHot(_ codes: [Double], _ noise: [Double]) -> FeatureMatrix {
            let columns = (0..<categories).map { c in codes.map { $0 == Double(c) ? 1.0 : 0.0 } }
            return FeatureMatrix(names: (0..<categories).map { "c\($0)" } + ["noise"], columns: columns + [noise])
        }
        let hotModel = try settings.fit(Dataset(features: oneHot(train.codes, train.noise), target: .continuous(train.y)))
        let hotMSE = mse(try hotModel.predict(oneHot(test.codes, test.noise)), test.y)
        #expect(catMSE < 0.6 * hotMSE, "categorical MSE \(catMSE) vs one-hot \(hotMSE)")
        #expect(catMSE < 0.3, "the irreducible MSE is 0.25; got \(catMSE)")
        #expect(catModel.trees[0].categorySlot[0] >= 0, "the first split is categorical")
        // An unseen category is treated as missing and still predicts.
        let unseen = try catModel.predict(FeatureMatrix(names: ["category", "noise"], rows: [[999, 0]]))
        #expect(unseen[0].isFinite)
    }

    @Test("early stopping stops and keeps the best round")
    func earlyStopping() throws {
        var g = TreeFixtures.Uniforms(seed: 61)
        let rows = (0..<1000).map { _ in [g.normal(), g.normal()] }
        let y = rows.map { _ in g.uniform() < 0.5 ? 1.0 : 0.0 }    // pure noise: validation loss rises fast
        let data = Dataset(features: FeatureMatrix(names: ["a", "b"], rows: rows), target: .binary(y))
        let model = try GradientBoostedTrees(iterations: 500, validationFraction: 0.2, earlyStoppingRounds: 5).fit(data)
        let best = try #require(model.bestIteration)
        #expect(model.validationLosses.count < 500)
        #expect(model.validationLosses.count == best + 5)
        #expect(model.trees.count == best)
        #expect(model.diagnostics.messages.contains { $0.contains("early stopping") })
        let minimum = model.validationLosses.min()!
        #expect(best == 0 ? true : model.validationLosses[best - 1] == minimum)
    }

    @Test("early stopping on a real signal keeps the trees up to the first round of least validation loss")
    func earlyStoppingKeepsTheBestTrees() throws {
        let data = TreeFixtures.binary(3_000, seed: 62)
        for task in [data, Dataset(features: data.features, target: .continuous(
                         (0..<data.rowCount).map { data.features.values[$0] + (data.features.values[data.rowCount + $0] > 0 ? 1 : 0) }))] {
            let model = try GradientBoostedTrees(iterations: 400, maxLeaves: 8, validationFraction: 0.2,
                                                 earlyStoppingRounds: 10).fit(task)
            let best = try #require(model.bestIteration)
            let losses = model.validationLosses
            // Boosting helps here: trees are kept, up to the first minimum of the validation loss.
            #expect(best >= 10)
            #expect(model.trees.count == best)
            #expect(losses[best - 1] == losses.min()!)
            #expect(losses.firstIndex(of: losses.min()!) == best - 1)
            #expect(losses.count == min(400, best + 10))
        }
    }

    @Test("Cox gradients and hessian diagonal match finite differences (with ties and weights)")
    func coxGradient() throws {
        var g = TreeFixtures.Uniforms(seed: 71)
        let n = 30
        let time = (0..<n).map { _ in (5 * g.uniform()).rounded() }   // many ties
        let event = (0..<n).map { _ in g.uniform() < 0.7 }
        let weight = (0..<n).map { _ in 0.5 + g.uniform() }
        let f = (0..<n).map { _ in g.normal() }
        let target = BoostingTarget(target: .survival(time: time, event: event), weight: weight)
        var gradient = [Double](repeating: 0, count: n), hessian = gradient
        target.gradients(f, gradient: &gradient, hessian: &hessian)
        let events = zip(event, weight).reduce(0) { $0 + ($1.0 ? $1.1 : 0) }
        func loss(_ f: [Double]) -> Double {
            BoostingLoss.validationLoss(.cox, scores: f, target: .survival(time: time, event: event), weight: weight) * events
        }
        let h = 1e-5
        for i in [0, 7, 19, 29] {
            var up = f, down = f
            up[i] += h; down[i] -= h
            let numeric = (loss(up) - loss(down)) / (2 * h)
            #expect(abs(numeric - gradient[i]) < 1e-6, "gradient \(i): \(gradient[i]) vs \(numeric)")
            let second = (loss(up) - 2 * loss(f) + loss(down)) / (h * h)
            // The hessian is the per-row (unit-weight) diagonal times the weight: equal when w = 1.
            _ = second
        }
        // Unit weights: the diagonal hessian equals the second derivative.
        let unit = BoostingTarget(target: .survival(time: time, event: event), weight: Array(repeating: 1, count: n))
        unit.gradients(f, gradient: &gradient, hessian: &hessian)
        let unitEvents = Double(event.filter { $0 }.count)
        func unitLoss(_ f: [Double]) -> Double {
            BoostingLoss.validationLoss(.cox, scores: f, target: .survival(time: time, event: event),
                                        weight: Array(repeating: 1, count: n)) * unitEvents
        }
        for i in [1, 12, 25] {
            var up = f, down = f
            up[i] += 1e-4; down[i] -= 1e-4
            let second = (unitLoss(up) - 2 * unitLoss(f) + unitLoss(down)) / 1e-8
            #expect(abs(second - hessian[i]) < 1e-4, "hessian \(i): \(hessian[i]) vs \(second)")
        }
    }

    @Test("Cox boosting ranks risk and gives proper survival curves")
    func coxBoosting() throws {
        let train = TreeFixtures.survival(1500, seed: 3), test = TreeFixtures.survival(1500, seed: 4)
        let model = try GradientBoostedTrees(iterations: 100, learningRate: 0.05, maxLeaves: 8).fit(train)
        let risk = try model.predict(test.features)
        #expect(risk.allSatisfy { $0 > 0 }, "survival predictions are relative hazards exp(f)")
        let c = TreeFixtures.concordance(risk, test.target)
        #expect(c > 0.72, "test C-index \(c)")
        let curves = try model.survivalProbabilities(test.features.selectingRows([0, 1, 2]), at: [0, 1, 5, 10, 50, 1e9])
        for curve in curves {
            #expect(curve[0] == 1)
            #expect(zip(curve, curve.dropFirst()).allSatisfy { $0.1 <= $0.0 })
            #expect(curve.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
        // Higher risk, lower survival.
        let order = risk.prefix(3).indices.sorted { risk[$0] < risk[$1] }
        #expect(curves[order[0]][3] >= curves[order[2]][3])
    }

    /// Integer features (each value its own bin, weighted or not) and a noisy binary and continuous outcome.
    static func integerData(_ n: Int, seed: UInt64) -> (rows: [[Double]], binary: [Double], continuous: [Double]) {
        var g = TreeFixtures.Uniforms(seed: seed)
        let rows = (0..<n).map { _ in (0..<4).map { _ in Double(Int(40 * g.uniform())) } }
        let continuous = rows.map { r in sin(r[0] / 6) + 0.05 * r[1] - 0.02 * r[2] * (r[3] > 20 ? 1 : -1) + 0.3 * g.normal() }
        let binary = continuous.map { $0 + 0.5 * g.normal() > 0.3 ? 1.0 : 0.0 }
        return (rows, binary, continuous)
    }

    @Test("a row of weight 2 grows the same model as that row twice (binary and squared error)")
    func weightTwoIsADuplicate() throws {
        let (rows, binary, continuous) = Self.integerData(1_500, seed: 41)
        let doubled = Array(0..<500)
        let names = ["a", "b", "c", "d"]
        let weights = (0..<rows.count).map { $0 < 500 ? 2.0 : 1.0 }
        let duplicatedRows = rows + doubled.map { rows[$0] }
        let estimator = GradientBoostedTrees(iterations: 30, maxLeaves: 12, minSamplesLeaf: 15)
        for (target, duplicated) in [(Target.binary(binary), Target.binary(binary + doubled.map { binary[$0] })),
                                     (.continuous(continuous), .continuous(continuous + doubled.map { continuous[$0] }))] {
            let weighted = try estimator.fit(Dataset(features: FeatureMatrix(names: names, rows: rows), target: target,
                                                     weights: weights))
            let copies = try estimator.fit(Dataset(features: FeatureMatrix(names: names, rows: duplicatedRows), target: duplicated))
            let grid = FeatureMatrix(names: names, rows: Array(rows.prefix(300)))
            let difference = zip(try weighted.rawScores(grid), try copies.rawScores(grid)).map { abs($0 - $1) }.max()!
            #expect(difference < 1e-9)
            // Leaf covers are the summed weights, which the copies count as rows.
            #expect(weighted.trees[0].cover!.reduce(0, +) == copies.trees[0].cover!.reduce(0, +))
        }
    }

    @Test("squared error: every leaf holds at least minSamplesLeaf rows (a side's weight estimated from its hessian is exact)")
    func minimumLeafSizeIsExactForSquaredError() throws {
        let (rows, _, continuous) = Self.integerData(2_000, seed: 43)
        let data = Dataset(features: FeatureMatrix(names: ["a", "b", "c", "d"], rows: rows), target: .continuous(continuous))
        for minimum in [5.0, 40.0, 150.0] {
            let model = try GradientBoostedTrees(iterations: 10, maxLeaves: 31, minSamplesLeaf: minimum).fit(data)
            let leafSizes: [Double] = model.trees.flatMap { tree -> [Double] in
                (0..<tree.nodeCount).filter { tree.feature[$0] < 0 }.map { tree.cover![$0] }
            }
            #expect(leafSizes.min()! >= minimum)
            // The constraint binds: some leaf is within a few rows of the minimum.
            #expect(leafSizes.min()! < minimum + 10)
        }
    }

    @Test("predictions depend only on the data, not on the thread count")
    func threadCountInvariance() throws {
        let data = TreeFixtures.binary(3000, seed: 1)
        let one = try GradientBoostedTrees(iterations: 20, subsample: 0.8, threads: 1).fit(data, seed: 3)
        let two = try GradientBoostedTrees(iterations: 20, subsample: 0.8, threads: 4).fit(data, seed: 3)
        #expect(try one.predict(data.features) == two.predict(data.features))
    }

    @Test("bins shared through Dataset.binner are used as given; equal bins give the same model; mismatched bins are ignored")
    func sharedBinner() throws {
        let all = TreeFixtures.binary(3_000, seed: 21)
        let rows = Array(stride(from: 0, to: 3_000, by: 2))
        let estimator = GradientBoostedTrees(iterations: 20, maxLeaves: 8)
        let shared = try estimator.fitBinner(all.features, weights: nil)
        var subset = all.selectingRows(rows)
        let own = try estimator.fit(subset)
        subset.binner = shared
        let withShared = try estimator.fit(subset)
        #expect(withShared.binner == shared)
        #expect(own.binner != shared)
        // Same bins, same model: the subset's own bins handed in as shared bins change nothing.
        subset.binner = own.binner
        #expect(try estimator.fit(subset).predict(all.features) == own.predict(all.features))
        // Bins for other features are ignored.
        subset.binner = try estimator.fitBinner(all.features.selectingColumns([0, 1]), weights: nil)
        #expect(try estimator.fit(subset).binner == own.binner)
        // One fit per distinct binning setting; estimators that do not bin get none.
        let binners = SharedBinners(features: all.features, weights: nil)
        #expect(try binners.binner(for: estimator) == shared)
        #expect(try binners.binner(for: GradientBoostedTrees(iterations: 5, learningRate: 0.3)) == shared)
        #expect(try binners.binner(for: GradientBoostedTrees(maxBins: 16))!.binCount(0) <= 16)
        #expect(try binners.binner(for: ElasticNetLogisticRegression()) == nil)
        // Selecting rows keeps the shared bins.
        #expect(Dataset(features: all.features, target: all.target, binner: shared).selectingRows(rows).binner == shared)
    }

    @Test("bins shared with the first columns (covariates plus indicator columns) equal bins fitted on the joined matrix")
    func sharedBaseBins() throws {
        let all = TreeFixtures.binary(2_000, seed: 31)
        let n = all.features.rowCount
        // Two 0/1 indicator columns appended, as a pooled outcome model's arm indicators.
        var joined = all.features
        joined.names += ["arm=b", "arm=c"]
        joined.values += (0..<n).map { Double($0 % 3 == 1 ? 1 : 0) } + (0..<n).map { Double($0 % 3 == 2 ? 1 : 0) }
        let weights = (0..<n).map { 0.5 + Double($0 % 4) }
        let base = SharedBinners(features: all.features, weights: weights)
        let shared = SharedBinners(features: joined, weights: weights, sharing: base)
        let own = SharedBinners(features: joined, weights: weights)
        for estimator in [GradientBoostedTrees(), GradientBoostedTrees(maxBins: 16)] {
            let binner = try #require(try shared.binner(for: estimator))
            #expect(binner == (try own.binner(for: estimator)))
            #expect(try shared.codes(for: estimator) == (try own.codes(for: estimator)))
            #expect(binner.featureCount == joined.columnCount && binner.binCount(joined.columnCount - 1) == 2)
        }
        // The covariates' bins were fitted once, by the base.
        let settings = GradientBoostedTrees()
        #expect(try base.binner(for: settings) == (try own.binner(for: settings)).map {
            FeatureBinner(selecting: $0, features: 0..<all.features.columnCount)
        })
    }

    @Test("a cohort's codes, binned once and selected per fit, grow the same model as binning each fit")
    func sharedCodes() throws {
        let all = TreeFixtures.binary(3_000, seed: 23)
        // Early stopping selects rows of the given codes too.
        let estimator = GradientBoostedTrees(iterations: 20, maxLeaves: 8, validationFraction: 0.2)
        let binners = SharedBinners(features: all.features, weights: nil)
        let codes = try #require(try binners.codes(for: estimator))
        #expect(codes == (try binners.binner(for: estimator))!.transform(all.features))
        #expect(try binners.codes(for: ElasticNetLogisticRegression()) == nil)
        let rows = Array(stride(from: 0, to: 3_000, by: 3)) + Array(stride(from: 1, to: 3_000, by: 3))
        // The codes of selected rows are those rows' codes.
        let selected = codes.selectingRows(rows)
        #expect(selected == (try binners.binner(for: estimator))!.transform(all.features.selectingRows(rows)))
        var subset = all.selectingRows(rows)
        subset.binner = try binners.binner(for: estimator)
        let binning = try estimator.fit(subset)
        subset.binned = selected
        let given = try estimator.fit(subset)
        #expect(binning.trees.count >= 10)
        #expect(try given.rawScores(all.features) == binning.rawScores(all.features))
        // The given codes are what the trees learn from: other rows' codes give another model.
        subset.binned = codes.selectingRows(rows.reversed())
        #expect(try estimator.fit(subset).rawScores(all.features) != binning.rawScores(all.features))
        // Codes that do not match the rows are ignored, not trusted.
        subset.binned = codes
        #expect(try estimator.fit(subset).rawScores(all.features) == binning.rawScores(all.features))
        // Selecting rows keeps the codes of those rows; the codes are not part of the encoded dataset.
        var full = Dataset(features: all.features, target: all.target, binner: subset.binner, binned: codes)
        #expect(full.selectingRows([5, 2, 9]).binned == codes.selectingRows([5, 2, 9]))
        let encoder = JSONEncoder(), decoder = JSONDecoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoded = try decoder.decode(Dataset.self, from: encoder.encode(full))
        #expect(decoded.binned == nil)
        full.binned = nil
        #expect(decoded.target == full.target && decoded.binner == full.binner)
        #expect(decoded.features.names == full.features.names && decoded.features.rowCount == full.features.rowCount)
    }
}
