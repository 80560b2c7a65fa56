import CohortData

extension ExpressionUnitCheck {
    /// A warning when a block cannot feed a method expecting `expected`: the block's stated unit is on
    /// another scale (log vs linear), or its values do not look like its stated unit
    /// (``warning(for:)``: raw counts stated as log TPM, log values stated as linear). `nil` when fine.
    public static func warning(for block: ExpressionBlock, expected: ExpressionUnit, signature: String) -> String? {
        if let problem = warning(for: block) {
            return "\(problem); signature \(signature) expects \(expected.rawValue)"
        }
        if block.unit.isLogScale != expected.isLogScale {
            let what = expected.isLogScale ? "log-scale values (e.g. log2 TPM)" : "linear values (e.g. TPM)"
            return "expression is \(block.unit.rawValue) but signature \(signature) expects \(what); transform the data first"
        }
        return nil
    }
}
