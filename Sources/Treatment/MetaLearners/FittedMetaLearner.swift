import Foundation
import Learning

/// The final-stage models of one comparison arm: τ̂ₐ (DR), or τ¹ₐ (``treated``, fitted on arm-a patients) and
/// τ⁰ₐ (``control``, on reference patients) for the X-learner; with their bootstrap replicates.
public struct ArmEffectModels<Model: FittedModel>: Sendable, Codable {
    public var arm: Int
    public var treated: Model
    public var treatedReplicates: [Model]
    public var control: Model?
    public var controlReplicates: [Model]

    public init(arm: Int, treated: Model, treatedReplicates: [Model], control: Model? = nil, controlReplicates: [Model] = []) {
        self.arm = arm
        self.treated = treated
        self.treatedReplicates = treatedReplicates
        self.control = control
        self.controlReplicates = controlReplicates
    }
}

/// Survival curves from a fitted model: Learning's survival models, and pipelines around them.
protocol SurvivalCurveSource {
    func survivalCurves(_ features: FeatureMatrix, at times: [Double]) throws -> [[Double]]
}

extension FittedPipeline: SurvivalCurveSource where Model: SurvivalModel {
    func survivalCurves(_ features: FeatureMatrix, at times: [Double]) throws -> [[Double]] {
        try survivalProbabilities(features, at: times)
    }
}

/// A fitted meta-learner (``MetaLearner/fit(_:seed:folds:)``): predicts, for new patients, each arm's effect
/// against the reference, its standard error (X, DR, when bootstrapped) and each arm's predicted outcome
/// (S, T). A versioned Codable artifact: ``jsonData()`` / ``init(jsonData:)`` save and load it with its
/// feature names, arm names and estimand.
public struct FittedMetaLearner<OutcomeModel: FittedModel, EffectModel: FittedModel>: Sendable, Codable {
    public var formatVersion = 1
    public var kind: MetaLearnerKind
    public var estimand: EffectEstimand
    public var armNames: [String]
    public var referenceArm: Int
    /// The covariates, in order.
    public var featureNames: [String]
    /// Survival S/T: the time grid of the survival functional (0, event times < τ, τ; or [t]).
    public var timeGrid: [Double]
    /// S: one model on covariates + arm indicators; T: one per arm.
    public var outcomeModels: [OutcomeModel]
    /// X, DR: the final-stage models per comparison arm.
    public var effectModels: [ArmEffectModels<EffectModel>]
    /// X: π̂ for the weighting g = π̂ₐ / (π̂ₐ + π̂ᵣ).
    public var propensityModel: PropensityModel?
    /// Fitting trouble.
    public var messages: [String]

    /// The S-learner's design: covariates followed by 0/1 indicators `arm=<name>` of the comparison arms.
    static func augment(_ x: FeatureMatrix, arm: [Int], armNames: [String], referenceArm: Int) -> FeatureMatrix {
        var out = x
        for a in armNames.indices where a != referenceArm {
            out.names.append("arm=\(armNames[a])")
            out.values.append(contentsOf: arm.map { $0 == a ? 1 : 0 })
        }
        return out
    }

    /// Effects (and, for S/T, per-arm outcomes) for the patients in `covariates`.
    ///
    /// - Throws: ``TreatmentError/incompatible(_:)`` when the covariates differ from ``featureNames``, or a
    ///   survival S/T model cannot give survival curves.
    /// - Complexity: that of the underlying models' predictions (× replicates for standard errors).
    public func predict(_ covariates: FeatureMatrix) throws -> EffectPredictions {
        guard covariates.names == featureNames else {
            throw TreatmentError.incompatible("the effect model needs the covariates \(featureNames.joined(separator: ", ")) in this order")
        }
        let n = covariates.rowCount, k = armNames.count
        var effects = [[Double]](repeating: [Double](repeating: 0, count: n), count: k)
        var standardErrors: [[Double]]?
        var outcomes: [[Double]]?
        switch kind {
        case .s, .t:
            let mu = try (0..<k).map { a -> [Double] in
                if kind == .s {
                    let x = Self.augment(covariates, arm: [Int](repeating: a, count: n), armNames: armNames, referenceArm: referenceArm)
                    return try outcome(outcomeModels[0], x)
                }
                return try outcome(outcomeModels[a], covariates)
            }
            for a in 0..<k { for i in 0..<n { effects[a][i] = mu[a][i] - mu[referenceArm][i] } }
            outcomes = mu
        case .x, .dr:
            let pi = try propensityModel?.probabilities(covariates)
            var se = [[Double]](repeating: [Double](repeating: 0, count: n), count: k)
            var hasReplicates = false
            for models in effectModels {
                let a = models.arm
                func combine(_ treated: EffectModel, _ control: EffectModel?) throws -> [Double] {
                    let t1 = try treated.predict(covariates)
                    guard let control, let pi else { return t1 }
                    let t0 = try control.predict(covariates)
                    return (0..<n).map { i in
                        let total = pi[a][i] + pi[referenceArm][i]
                        let g = total > 0 ? pi[a][i] / total : 0.5
                        return g * t0[i] + (1 - g) * t1[i]
                    }
                }
                effects[a] = try combine(models.treated, models.control)
                if !models.treatedReplicates.isEmpty {
                    hasReplicates = true
                    var sum = [Double](repeating: 0, count: n), sum2 = [Double](repeating: 0, count: n)
                    let b = models.treatedReplicates.count
                    for r in 0..<b {
                        let control = models.control == nil ? nil : models.controlReplicates[r]
                        let v = try combine(models.treatedReplicates[r], control)
                        for i in 0..<n { sum[i] += v[i]; sum2[i] += v[i] * v[i] }
                    }
                    se[a] = (0..<n).map { i in
                        let m = sum[i] / Double(b)
                        return max(0, (sum2[i] - Double(b) * m * m) / Double(b - 1)).squareRoot()
                    }
                }
            }
            if hasReplicates { standardErrors = se }
        }
        return EffectPredictions(armNames: armNames, referenceArm: referenceArm, estimand: estimand, effects: effects,
                                 standardErrors: standardErrors, outcomes: outcomes)
    }

    /// The outcome functional of one model: P(Y = 1) (binary), E[Y] (continuous), RMST or S(t) from curves.
    private func outcome(_ model: OutcomeModel, _ x: FeatureMatrix) throws -> [Double] {
        switch estimand {
        case .riskDifference, .meanDifference:
            return try model.predict(x)
        case .restrictedMeanSurvivalTime, .survivalProbability:
            let curves: [[Double]]
            if let survival = model as? any SurvivalModel {
                curves = try survival.survivalProbabilities(x, at: timeGrid)
            } else if let source = model as? any SurvivalCurveSource {
                curves = try source.survivalCurves(x, at: timeGrid)
            } else {
                throw TreatmentError.incompatible("the outcome model \(OutcomeModel.self) gives no survival curves; use a survival model (boosted trees, random survival forest, Cox)")
            }
            if case .survivalProbability = estimand { return curves.map { $0[0] } }
            return curves.map { s in
                var area = 0.0
                for q in 1..<timeGrid.count { area += s[q - 1] * (timeGrid[q] - timeGrid[q - 1]) }
                return area
            }
        }
    }

    /// The model as JSON (sorted keys).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

}

extension FittedMetaLearner {
    /// Loads a model saved by ``jsonData()``.
    public init(jsonData: Data) throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        self = try decoder.decode(Self.self, from: jsonData)
    }
}

/// Effects predicted for a set of patients, per arm, as plain arrays indexed `[arm][patient]`.
public struct EffectPredictions: Sendable, Hashable, Codable {
    public var armNames: [String]
    public var referenceArm: Int
    public var estimand: EffectEstimand
    /// τ̂ₐ(xᵢ) against the reference (zeros for the reference arm).
    public var effects: [[Double]]
    /// SE of τ̂ₐ(xᵢ) (X and DR with bootstrap replicates; zeros for the reference), else nil.
    public var standardErrors: [[Double]]?
    /// Predicted outcome under each arm (S and T): P(response), mean, RMST or S(t); else nil.
    public var outcomes: [[Double]]?

    /// τ̂ − z·SE (nil without standard errors); a lower confidence bound for cautious recommendations.
    public func lowerBound(level: Double = 0.95) -> [[Double]]? {
        bound(level: level, sign: -1)
    }

    /// τ̂ + z·SE (nil without standard errors).
    public func upperBound(level: Double = 0.95) -> [[Double]]? {
        bound(level: level, sign: 1)
    }

    private func bound(level: Double, sign: Double) -> [[Double]]? {
        guard let standardErrors else { return nil }
        let z = normalQuantile(0.5 + level / 2)
        return zip(effects, standardErrors).map { e, s in zip(e, s).map { $0 + sign * z * $1 } }
    }
}
