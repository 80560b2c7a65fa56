#include "TreeKernels.h"
#include "Vectors.h"

// Bit-for-bit the same scores with or without FMA hardware.
#pragma clang fp contract(off)

// Bins are read as pairs of doubles, aligned to 8 bytes only.
typedef double v2d __attribute__((ext_vector_type(2), aligned(8)));

void immunokit_scan_lanes(immunokit_lanes *lanes, double gradient, double hessian, double lambda, double min_hessian,
                          double start) {
    const v2d *p0 = (const v2d *)lanes->hist[0], *p1 = (const v2d *)lanes->hist[1];
    const v2d *p2 = (const v2d *)lanes->hist[2], *p3 = (const v2d *)lanes->hist[3];
    v4d gl, hl, limit;
    int64_t end = 0;
    for (int q = 0; q < 4; q++) {
        gl[q] = lanes->from_gradient[q];
        hl[q] = lanes->from_hessian[q];
        limit[q] = (double)lanes->thresholds[q];
        end = lanes->thresholds[q] > end ? lanes->thresholds[q] : end;
    }
    const v4d g = gradient, h = hessian, l2 = lambda, least = min_hessian;
    // Bin indices as doubles (exact below 2^53), so that every per-bin operation is a double one.
    v4d best = start, bin = -1, position = 0;
    v4l alive = limit > 0;
    for (int64_t k = 0; k < end; k++) {
        // Bin k of the four features, transposed: (g0 h0 g1 h1), (g2 h2 g3 h3) -> gradients, hessians.
        v4d u = __builtin_shufflevector(p0[k], p1[k], 0, 1, 2, 3);
        v4d v = __builtin_shufflevector(p2[k], p3[k], 0, 1, 2, 3);
        gl += __builtin_shufflevector(u, v, 0, 2, 4, 6);
        hl += __builtin_shufflevector(u, v, 1, 3, 5, 7);
        v4d hr = h - hl;
        // The right hessian only shrinks: once below the minimum, the lane is done.
        alive &= (hr >= least) & (position < limit);
        v4d gr = g - gl, dl = hl + l2, dr = hr + l2;
        // One division per bin, off the loop-carried chain (a compare and two selects).
        v4d score = (gl * gl * dr + gr * gr * dl) / (dl * dr);
        v4l better = alive & (hl >= least) & (score > best);
        best = select4(better, score, best);
        bin = select4(better, position, bin);
        position += 1;
        if ((k & 15) == 15 && !__builtin_reduce_or(alive)) break;
    }
    for (int q = 0; q < 4; q++) {
        lanes->best_bin[q] = (int64_t)bin[q];
        lanes->best_score[q] = best[q];
    }
}
