/// The design matrix as the coordinate-descent solvers see it: each column centred at its weighted
/// mean (when centring is asked for) and divided by its weighted standard deviation (when
/// standardising), with the case weights normalised to sum to 1 — glmnet's convention
/// (Friedman, Hastie & Tibshirani 2010, J Stat Softw 33(1), §2.4 and §4).
///
/// With normalised weights wᵢ (Σ wᵢ = 1): mⱼ = Σ wᵢ xᵢⱼ and sⱼ = √(Σ wᵢ (xᵢⱼ − mⱼ)²) (the weighted
/// population standard deviation). Constant columns (sⱼ = 0) keep scale 1 and are excluded from the
/// fit (their coefficient stays 0), as glmnet does.
struct StandardizedDesign {
    let rowCount: Int
    let columnCount: Int
    /// x̃ᵢⱼ = (xᵢⱼ − mⱼ) / sⱼ, column-major.
    var values: [Double]
    /// mⱼ (0 when not centring).
    let means: [Double]
    /// sⱼ (1 when not standardising or when the column is constant).
    let scales: [Double]
    /// Whether column j varies (non-constant columns are the only ones fitted).
    let isVarying: [Bool]
    /// wᵢ / Σ w.
    let weights: [Double]
    /// Σ w of the original weights.
    let weightSum: Double

    /// - Complexity: O(n p).
    init(_ features: FeatureMatrix, weights rawWeights: [Double]?, center: Bool, standardize: Bool) {
        let n = features.rowCount, p = features.columnCount
        rowCount = n
        columnCount = p
        let w0 = rawWeights ?? [Double](repeating: 1, count: n)
        let total = w0.reduce(0, +)
        weightSum = total
        let w = w0.map { $0 / total }
        weights = w
        var x = features.values
        var means = [Double](repeating: 0, count: p)
        var scales = [Double](repeating: 1, count: p)
        var varying = [Bool](repeating: true, count: p)
        x.withUnsafeMutableBufferPointer { xb in
            w.withUnsafeBufferPointer { wb in
                for j in 0..<p {
                    let col = xb.baseAddress! + j * n
                    let m = LinearKernels.dot(n, wb.baseAddress!, col)
                    var ss = 0.0
                    var spread = 0.0
                    let first = n > 0 ? col[0] : 0
                    for i in 0..<n {
                        let d = col[i] - m
                        ss += wb[i] * d * d
                        spread = max(spread, abs(col[i] - first))
                    }
                    let sd = ss.squareRoot()
                    // A column is constant when all its values are equal (up to rounding of the mean).
                    varying[j] = spread > 0 && sd > 1e-12 * max(abs(m), 1)
                    if center { means[j] = m }
                    if standardize && varying[j] { scales[j] = sd }
                    let mj = means[j], inv = 1 / scales[j]
                    if mj != 0 || inv != 1 {
                        for i in 0..<n { col[i] = (col[i] - mj) * inv }
                    }
                }
            }
        }
        values = x
        self.means = means
        self.scales = scales
        isVarying = varying
    }
}
