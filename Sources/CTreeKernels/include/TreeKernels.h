// The hottest loops of ImmunoKit's tree learners, in C: the four-feature threshold scan needs whole-vector
// code, and Swift 6 lowers `SIMD4<Double>` arithmetic lane by lane and re-vectorises it unreliably (the Swift
// version spilled and shuffled; the scalar scan took ~1.8x longer); the histogram loop keeps its eight
// pointers in registers, which the Swift closure did not (~7% of a boosted-tree fit); the logistic gradients
// need a vector exp (~3% of a boosted-tree classifier's fit). Written with Clang's
// portable vector extensions (any target; AVX blends where available); built with AVX2 + FMA where the host
// has them. Callers own all memory.
#ifndef IMMUNOKIT_TREE_KERNELS_H
#define IMMUNOKIT_TREE_KERNELS_H

#include <stdint.h>

/// The four features ("lanes") of ``immunokit_scan_lanes``: inputs, then results. Plain arrays, not vector
/// types, so that callers built with and without AVX agree on the layout.
typedef struct {
    /// Lane q's histogram: bins of (Σ gradient, Σ hessian) as `hist[q][2b], hist[q][2b + 1]`.
    const double *hist[4];
    /// The left sums before bin 0 (zero, or the missing values' sums when they go left).
    double from_gradient[4];
    double from_hessian[4];
    /// Thresholds b in `0 ..< thresholds[q]` are tried (0: lane unused).
    int64_t thresholds[4];
    /// Result: the first best threshold (−1: none beats `start`) and its score.
    int64_t best_bin[4];
    double best_score[4];
} immunokit_lanes;

/// The best threshold of each of four features in one leaf, from their histograms.
///
/// Lane q accumulates the left sums over its bins from `(from_gradient[q], from_hessian[q])`. With leaf
/// totals (G, H), a threshold is admissible when both sides have a hessian ≥ `min_hessian`; its score is
/// `G_L²/(H_L + λ) + G_R²/(H_R + λ)`, computed as `(G_L² D_R + G_R² D_L) / (D_L D_R)` with `D = H + λ`,
/// which needs `D > 0` on every admissible side (λ > 0 or `min_hessian` > 0). A lane stops at its first
/// threshold whose right hessian is below `min_hessian` (it only shrinks). Each lane's result is its first
/// threshold scoring strictly above `start` and every earlier threshold.
void immunokit_scan_lanes(immunokit_lanes *lanes, double gradient, double hessian, double lambda, double min_hessian,
                          double start);

/// Adds the (gradient, hessian) pair `stats[2k], stats[2k + 1]` of each of `count` rows to bin
/// `column_q[rows[k]]` (or `column_q[k]` when `rows` is NULL) of histogram `hist_q` (bins of two doubles),
/// for four features q at once: each row's pair is loaded once for four histograms. Features past the
/// first NULL `hist_q` are skipped.
void immunokit_histograms(double *hist_0, double *hist_1, double *hist_2, double *hist_3, const uint8_t *column_0,
                          const uint8_t *column_1, const uint8_t *column_2, const uint8_t *column_3,
                          const double *stats, const int32_t *rows, int64_t count);

/// e^x of `count` values into `out`, within 1 ulp of the correctly rounded value on −708 ≤ x ≤ 709.7 (0 below,
/// +∞ above; NaN stays NaN): Cody–Waite reduction and a degree-13 Taylor polynomial, four values per vector.
/// The same bits on every machine (no FMA contraction), unlike the platform's libm.
void immunokit_exp(const double *x, double *out, int64_t count);

/// The logistic loss's gradient `w (p − y)` and hessian `w max(p (1 − p), floor)` with `p = 1/(1 + e^−f)` for
/// `count` rows, four per vector with ``immunokit_exp`` (alone, about 3× faster than libm's `exp`, whose calls
/// keep the loop scalar). A row's values do not depend on its position or on `count`.
void immunokit_logistic_gradients(const double *f, const double *y, const double *w, double *gradient,
                                  double *hessian, int64_t count, double floor);

#endif
