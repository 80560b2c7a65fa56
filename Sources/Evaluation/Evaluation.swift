// The evaluation layer: metrics with reference-checked definitions, and seeded, parallel, leak-free
// resampling. See DESIGN.md ("Layers") and issue 4.
//
//   Binary/          ROC AUC with DeLong variance and the paired DeLong test, ROC and precision–recall
//                    curves, Brier score, log loss, logistic calibration, binned and smoothed
//                    calibration, threshold metrics with Wilson intervals.
//   Survival/        Kaplan–Meier (Greenwood), censoring weights, Harrell's and Uno's concordance,
//                    cumulative/dynamic AUC, IPCW Brier score, calibration at a horizon.
//   DecisionCurves/  net benefit for binary outcomes and for survival at a horizon.
//   Resampling/      k-fold, repeated and grouped splits, cross-validation, nested cross-validation,
//                    bootstrap percentile intervals and Harrell's optimism correction.
//   Support/         sorting and parallel kernels shared by the above.
