import Foundation

/// Target (receptor) occupancy from the serum concentration by a direct Emax (Hill) binding model:
/// RO(C) = C^n / (EC50^n + C^n), in [0, 1].
///
/// Defaults and their sources (serum concentrations in µg/mL):
/// - Pembrolizumab: EC50 = 0.535 µg/mL, n = 1 — the IC50 of the ex vivo IL-2 stimulation ratio (whole-blood
///   PD-1 target engagement) in Elassaiss-Schaap J et al., CPT Pharmacometrics Syst Pharmacol
///   2017;6:21–28, Table 2 (value as transcribed in the mrgsolve model library).
/// - Nivolumab: EC50 = 0.45 µg/mL, n = 1 — a binding approximation from the PD-1 affinity KD = 3.06 nM
///   (Wang C et al., Cancer Immunol Res 2014;2:846–856) × 146 kDa; not a fitted occupancy EC50 (the
///   peripheral occupancy data of Brahmer et al., J Clin Oncol 2010, plateau near 70 %, are not modelled).
/// - Atezolizumab (PD-L1): EC50 = 0.316 µg/mL, n = 1 — chosen so that the 6 µg/mL target trough associated
///   with ≥ 95 % tumour PD-L1 occupancy (Deng R et al., mAbs 2016;8:593–603; Shemesh CS et al., J Immunother
///   Cancer 2019;7:314) gives 95 %: EC50 = 6/19.
/// Serum occupancy is an upper bound for the tumour, where antibody concentrations are lower.
public struct ReceptorOccupancy: Codable, Sendable, Hashable {
    /// EC50 (µg/mL), valid > 0.
    public var ec50: Double
    /// The Hill coefficient n, valid 0.1…10 (default 1: simple one-site binding).
    public var hill: Double

    public init(ec50: Double, hill: Double = 1) {
        self.ec50 = ec50
        self.hill = hill
    }

    public static let pembrolizumab = ReceptorOccupancy(ec50: 0.535)
    public static let nivolumab = ReceptorOccupancy(ec50: 3.06e-9 * 146_000 * 1000)
    public static let atezolizumab = ReceptorOccupancy(ec50: 6.0 / 19)

    /// RO at concentration `c` (µg/mL); 0 for c ≤ 0.
    @inlinable
    public func occupancy(_ c: Double) -> Double {
        guard c > 0 else { return 0 }
        if hill == 1 { return c / (ec50 + c) }
        let r = pow(c / ec50, hill)
        return r / (1 + r)
    }

    public func validate() throws {
        guard ec50.isFinite, ec50 > 0 else {
            throw DosingError.invalidConfiguration(parameter: "ec50", message: "\(ec50) must be finite and > 0 µg/mL")
        }
        guard hill.isFinite, hill >= 0.1, hill <= 10 else {
            throw DosingError.invalidConfiguration(parameter: "hill", message: "\(hill) is outside 0.1...10 (default 1)")
        }
    }
}
