import Foundation

/// The effector–tumour model of Kuznetsov et al. (1994), extended so that checkpoint blockade reduces the
/// inactivation ("exhaustion") of effector cells by tumour cells, and coupled to the drug's serum
/// concentration through receptor occupancy.
///
/// Kuznetsov VA, Makalkin IA, Taylor MA, Perelson AS. Nonlinear dynamics of immunogenic tumors: parameter
/// estimation and global bifurcation analysis. Bull Math Biol 1994;56(2):295–321. In its dimensionless
/// form, with effector cells x = E/E₀ and tumour cells y = T/T₀ (E₀ = T₀ = 10⁶ cells) and time τ = n·T₀·t:
///
///     dx/dτ = σ + ρ·x·y/(η + y) − μ·(1 − ε·RO(C(t)))·x·y − δ·x
///     dy/dτ = α·y·(1 − β·y) − x·y
///
/// with the published estimates (BCL₁ lymphoma in mice) σ = 0.1181, ρ = 1.131, η = 20.19, μ = 0.00311,
/// δ = 0.3743, α = 1.636, β = 0.002, and n·T₀ = 1.101e-7 cell⁻¹day⁻¹ × 10⁶ cells = 0.1101 day⁻¹
/// (so one unit of τ is 9.08 days). The extension: the term μ·x·y, the inactivation of effectors by the
/// tumour, is scaled by 1 − ε·RO, where RO is the target occupancy of ``ReceptorOccupancy`` at the serum
/// concentration C(t) and ε (default 0.9, an ImmunoKit assumption) the largest fraction of inactivation that
/// blockade can prevent. Without drug the published dynamics hold: a tumour of 10⁸ cells escapes to the
/// upper equilibrium (≈ 4.5 × 10⁸ cells); with enough occupancy it is driven to the dormant state.
///
/// This is a qualitative model for comparing schedules, not a calibrated predictor of clinical response.
public struct TumourImmuneModel: Codable, Sendable, Hashable {
    public var sigma = 0.1181, rho = 1.131, eta = 20.19, mu = 0.00311, delta = 0.3743, alpha = 1.636, beta = 0.002
    /// n·T₀ (day⁻¹): converts days to the model's time.
    public var timeScalePerDay = 0.1101
    /// ε, the largest fraction of effector inactivation prevented by full occupancy; valid 0…1.
    public var blockadeEfficacy = 0.9
    /// Initial effector cells (units of 10⁶); default σ/δ, the tumour-free equilibrium.
    public var initialEffectors = 0.1181 / 0.3743
    /// Initial tumour cells (units of 10⁶); default 100 (10⁸ cells), valid > 0 and < 1/β.
    public var initialTumour = 100.0
    /// The tumour size ratio to baseline that counts as progression: default 1.728 = 1.2³ (a 20 % increase
    /// in the diameter of a spherical tumour, the RECIST 1.1 threshold, read as volume).
    public var progressionRatio = 1.728
    /// Days after which a progression must be confirmed (the size still at or above the threshold), as
    /// iRECIST asks 4–8 weeks later to tell progression from pseudo-progression (Seymour L et al., Lancet
    /// Oncol 2017;18:e143–e152): default 28, valid 0…365. Checkpoint blockade in this model can first
    /// expand the tumour briefly before effector expansion controls it.
    public var confirmationDays = 28.0

    public init() {}

    /// Throws ``DosingError/invalidConfiguration(parameter:message:)`` for a value out of range.
    public func validate() throws {
        for (name, value) in [("sigma", sigma), ("rho", rho), ("eta", eta), ("mu", mu), ("delta", delta), ("alpha", alpha),
                              ("beta", beta), ("timeScalePerDay", timeScalePerDay), ("initialEffectors", initialEffectors),
                              ("initialTumour", initialTumour)] {
            guard value.isFinite, value > 0 else {
                throw DosingError.invalidConfiguration(parameter: name, message: "\(value) must be finite and > 0")
            }
        }
        guard blockadeEfficacy.isFinite, (0...1).contains(blockadeEfficacy) else {
            throw DosingError.invalidConfiguration(parameter: "blockadeEfficacy", message: "\(blockadeEfficacy) is outside 0...1 (default 0.9)")
        }
        guard initialTumour < 1 / beta else {
            throw DosingError.invalidConfiguration(parameter: "initialTumour",
                                                   message: "\(initialTumour) must be below the carrying capacity 1/beta = \(1 / beta)")
        }
        guard confirmationDays.isFinite, (0...365).contains(confirmationDays) else {
            throw DosingError.invalidConfiguration(parameter: "confirmationDays", message: "\(confirmationDays) is outside 0...365 (default 28)")
        }
        guard progressionRatio.isFinite, progressionRatio > 1 else {
            throw DosingError.invalidConfiguration(parameter: "progressionRatio", message: "\(progressionRatio) must be > 1 (default 1.728)")
        }
    }

    /// The right-hand side in days for the state [x, y] at occupancy `ro`, written to `out[offset...]`.
    @inlinable
    func derivatives(x: Double, y: Double, occupancy ro: Double, into out: inout [Double], offset: Int) {
        let s = timeScalePerDay
        out[offset] = s * (sigma + rho * x * y / (eta + y) - mu * (1 - blockadeEfficacy * ro) * x * y - delta * x)
        out[offset + 1] = s * (alpha * y * (1 - beta * y) - x * y)
    }
}
