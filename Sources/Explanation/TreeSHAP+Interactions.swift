import Foundation
import Learning

extension TreeExplainer {
    /// Exact SHAP interaction values (``SHAPInteractionValues``) of every row, for the path-dependent
    /// value function of ``shapValues(_:)``.
    ///
    /// **Algorithm** (Lundberg et al. 2020, *Nat Mach Intell* 2:56, "SHAP interaction values", as in
    /// shap's C++ `dense_tree_interactions_path_dependent`): for each tree and each feature j it splits on,
    /// the tree's SHAP values are computed twice more with j conditioned "on" (fixed to the row's value:
    /// its splits send everything down the row's branch) and "off" (marginalised: its splits divide by
    /// cover), j itself never entering the path. Half the difference, (φ_i|j on − φ_i|j off) / 2, is
    /// Φ_ij; the diagonal is the SHAP value minus the off-diagonal row sum. Features a tree never splits on
    /// have no interaction in it, so only its own split features are conditioned.
    ///
    /// - Complexity: O(n · T · U · L · D²) for U distinct split features per tree, memory O(n · p²);
    ///   parallel over rows.
    /// - Throws: ``ExplanationError/incompatibleFeatures(expected:found:)`` for other columns.
    public func interactionValues(_ features: FeatureMatrix) throws -> SHAPInteractionValues {
        guard features.names == featureNames else {
            throw ExplanationError.incompatibleFeatures(expected: featureNames, found: features.names)
        }
        let n = features.rowCount, p = featureNames.count
        var out = [Double](repeating: 0, count: n * p * p)
        out.withUnsafeMutableBufferPointer { buffer in
            let target = UnsafeSendable(buffer.baseAddress!)
            forEachRow(features) { i, workspace in
                let matrix = target.pointer + i * p * p
                let diagonal = UnsafeMutablePointer<Double>.allocate(capacity: 3 * p)
                defer { diagonal.deallocate() }
                diagonal.initialize(repeating: 0, count: 3 * p)
                let on = diagonal + p, off = diagonal + 2 * p
                let plain = workspace.walker(row: i, phi: diagonal)
                for (t, root) in packed.roots.enumerated() {
                    plain.explain(root: root, path: workspace.path)
                    let used = packed.splitFeatures[t]
                    for j in used {
                        for l in used { on[Int(l)] = 0; off[Int(l)] = 0 }
                        workspace.walker(row: i, phi: on, condition: 1, feature: j).explain(root: root, path: workspace.path)
                        workspace.walker(row: i, phi: off, condition: -1, feature: j).explain(root: root, path: workspace.path)
                        let row = matrix + Int(j) * p
                        for l in used {
                            let value = (on[Int(l)] - off[Int(l)]) / 2
                            row[Int(l)] += value
                            diagonal[Int(l)] -= value
                        }
                    }
                }
                for j in 0..<p { matrix[j * p + j] = diagonal[j] }
            }
        }
        return SHAPInteractionValues(featureNames: featureNames, rowCount: n, values: out, baseValue: expectedValue,
                                     outputs: outputs(features), scale: scale)
    }
}
