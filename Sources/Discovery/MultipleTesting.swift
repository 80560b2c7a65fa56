import Foundation

/// False-discovery-rate adjusted p-values (q-values) for a family of hypotheses.
///
/// With the m finite p-values sorted increasingly, p₍₁₎ ≤ … ≤ p₍ₘ₎,
///
///     q₍ᵢ₎ = min(1, min_{j ≥ i} c(m) · m · p₍ⱼ₎ / j),
///
/// where c(m) = 1 for Benjamini–Hochberg (valid under independence or positive regression dependence)
/// and c(m) = Σ_{k=1}^{m} 1/k for Benjamini–Yekutieli (valid under any dependence). Rejecting every
/// hypothesis with q ≤ α controls the FDR at α. NaN p-values (untestable features) stay NaN and do not
/// count towards m. Matches statsmodels `multipletests(p, method="fdr_bh" / "fdr_by")[1]` (1e-12).
///
/// - Benjamini Y, Hochberg Y (1995), JRSS B 57:289–300.
/// - Benjamini Y, Yekutieli D (2001), Ann Stat 29:1165–1188.
public enum MultipleTesting {
    /// Which FDR procedure.
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        case benjaminiHochberg = "BH"
        case benjaminiYekutieli = "BY"
    }

    /// Adjusted p-values in the input order.
    ///
    /// - Complexity: O(m log m).
    public static func adjust(_ pValues: [Double], method: Method = .benjaminiHochberg) -> [Double] {
        let finite = pValues.indices.filter { !pValues[$0].isNaN }
        let m = finite.count
        var result = [Double](repeating: .nan, count: pValues.count)
        guard m > 0 else { return result }
        let order = finite.sorted { pValues[$0] < pValues[$1] }
        let c: Double = method == .benjaminiHochberg ? 1 : (1...m).reduce(0.0) { $0 + 1 / Double($1) }
        var running = Double.infinity
        for rank in stride(from: m, through: 1, by: -1) {
            let i = order[rank - 1]
            running = min(running, c * Double(m) * pValues[i] / Double(rank))
            result[i] = min(1, running)
        }
        return result
    }

    /// Benjamini–Hochberg q-values.
    public static func benjaminiHochberg(_ pValues: [Double]) -> [Double] { adjust(pValues, method: .benjaminiHochberg) }

    /// Benjamini–Yekutieli q-values.
    public static func benjaminiYekutieli(_ pValues: [Double]) -> [Double] { adjust(pValues, method: .benjaminiYekutieli) }
}
