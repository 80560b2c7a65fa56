import Foundation
import Learning
import Statistics

/// Predictive versus prognostic: does a biomarker's association with survival differ between treated
/// (e.g. ICI) and untreated (non-ICI) patients?
///
/// Fits the Cox model h(t) = h₀(t)·exp(β₁x + β₂T + β₃·x·T + γᵀz) with T = 1 for treated patients (Efron
/// ties, ``CoxProportionalHazards``). exp(β₃) is the ratio of the biomarker's hazard ratios (treated /
/// untreated); its Wald test is the interaction (predictive) test. The prognostic effect is exp(β₁), the
/// hazard ratio per unit of x in the untreated; the treated effect exp(β₁ + β₃) has SE
/// √(V₁₁ + V₃₃ + 2V₁₃). A biomarker is *predictive* of ICI benefit when β₃ ≠ 0, *prognostic* when it is
/// associated with survival regardless of treatment (β₁ ≠ 0 with β₃ ≈ 0).
///
/// Different cohorts have different baseline hazards and selection; this model compares within one
/// pooled Cox fit with a treatment main effect only, so report it alongside per-arm hazard ratios.
///
/// - Complexity: one Cox fit, O(n log n + n·q²) per Newton step.
public struct TreatmentInteraction: Sendable, Hashable, Codable {
    public struct Effect: Sendable, Hashable, Codable {
        public var logHazardRatio: Double
        public var standardError: Double
        public var pValue: Double
        public var hazardRatio: Double { exp(logHazardRatio) }
        public var lower: Double { exp(logHazardRatio - 1.959963984540054 * standardError) }
        public var upper: Double { exp(logHazardRatio + 1.959963984540054 * standardError) }

        init(_ b: Double, _ se: Double) {
            logHazardRatio = b
            standardError = se
            pValue = 2 * Normal().survival(abs(b / se))
        }
    }

    /// exp(β₁): per unit of x in the untreated (prognostic effect).
    public var untreated: Effect
    /// exp(β₁ + β₃): per unit of x in the treated.
    public var treated: Effect
    /// exp(β₃): the ratio of hazard ratios (interaction; predictive test).
    public var interaction: Effect
    /// exp(β₂): the treatment effect at x = 0.
    public var treatmentAtZero: Effect
    public var count: Int
    public var treatedCount: Int
    public var events: Int
    public var diagnostics: [String]

    /// - Parameters:
    ///   - biomarker: x (finite; centre or log-transform it beforehand if desired).
    ///   - treated: T per patient.
    ///   - time, event: survival outcome.
    ///   - covariates: adjustment columns z.
    public init(biomarker: [Double], treated: [Bool], time: [Double], event: [Bool], covariates: [[Double]] = []) throws {
        let n = biomarker.count
        guard treated.count == n, time.count == n, event.count == n, covariates.allSatisfy({ $0.count == n }) else {
            throw DiscoveryError("treatment interaction: biomarker, treated, time, event and covariates must have the same length")
        }
        guard biomarker.allSatisfy(\.isFinite) else {
            throw DiscoveryError("treatment interaction: biomarker values must be finite; drop missing values first")
        }
        guard treated.contains(true), treated.contains(false) else {
            throw DiscoveryError("treatment interaction: need both treated and untreated patients")
        }
        let t = treated.map { $0 ? 1.0 : 0.0 }
        let xt = zip(biomarker, t).map { $0 * $1 }
        let names = ["x", "treated", "x:treated"] + covariates.indices.map { "z\($0)" }
        let model = try CoxProportionalHazards().fit(Dataset(
            features: FeatureMatrix(names: names, columns: [biomarker, t, xt] + covariates),
            target: .survival(time: time, event: event)))
        let p = names.count
        let v = model.variance
        let b = model.coefficients
        untreated = Effect(b[0], v[0].squareRoot())
        interaction = Effect(b[2], v[2 * p + 2].squareRoot())
        treatmentAtZero = Effect(b[1], v[1 * p + 1].squareRoot())
        self.treated = Effect(b[0] + b[2], (v[0] + v[2 * p + 2] + 2 * v[2 * p + 0]).squareRoot())
        count = n
        treatedCount = t.filter { $0 == 1 }.count
        events = model.eventCount
        diagnostics = model.diagnostics.messages
    }
}
