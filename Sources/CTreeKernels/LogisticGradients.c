#include "TreeKernels.h"
#include "Vectors.h"

// The same values with or without FMA hardware, and for a row in any lane.
#pragma clang fp contract(off)

/// e^x for four values: x = n ln 2 + r with n = round(x / ln 2) and |r| ≤ ln 2 / 2 (Cody–Waite: ln 2 in two
/// parts, the first with trailing zero bits so that n · ln2_hi is exact), then e^r by its Taylor series to
/// r¹³/13! (truncation below 0.05 ulp), times 2ⁿ built in the exponent bits. Within 1 ulp of the correctly
/// rounded value on −708 ≤ x ≤ 709.7; below that it returns 0, above it +∞ (NaN stays NaN).
static inline v4d exp4(v4d x) {
    const double shift = 0x1.8p52, inv_ln2 = 0x1.71547652b82fep0;
    const double ln2_hi = 0x1.62e42fee00000p-1, ln2_lo = 0x1.a39ef35793c76p-33;
    const v4d low = -708.0, high = 709.7;
    v4d xc = select4(x < low, low, x);
    xc = select4(xc > high, high, xc);
    // kd = n + 1.5·2⁵², whose low bits hold n: round to nearest without a rounding instruction.
    v4d kd = xc * inv_ln2 + shift;
    v4l n = (v4l)kd - (v4l)(v4d)shift;
    kd = kd - shift;
    v4d r = xc - kd * ln2_hi;
    r = r - kd * ln2_lo;
    v4d p = 1.6059043836821613e-10;
    p = p * r + 2.08767569878681e-09;
    p = p * r + 2.505210838544172e-08;
    p = p * r + 2.755731922398589e-07;
    p = p * r + 2.7557319223985893e-06;
    p = p * r + 2.48015873015873e-05;
    p = p * r + 0.0001984126984126984;
    p = p * r + 0.001388888888888889;
    p = p * r + 0.008333333333333333;
    p = p * r + 0.041666666666666664;
    p = p * r + 0.16666666666666666;
    p = p * r + 0.5;
    v4d er = 1.0 + (r + (r * r) * p);
    // 2ⁿ as 2ⁿ⁻¹ · 2, so that n = 1024 (x near 709.7) still has a normal 2ⁿ⁻¹.
    v4d scale = (v4d)((n + 1022) << 52);
    v4d result = er * scale * 2.0;
    result = select4(x > high, (v4d)__builtin_inf(), result);
    result = select4(x < low, (v4d)0.0, result);
    return select4(x != x, x, result);
}

void immunokit_exp(const double *x, double *out, int64_t count) {
    int64_t i = 0;
    for (; i + 4 <= count; i += 4) {
        v4d v;
        __builtin_memcpy(&v, x + i, sizeof v);
        v4d e = exp4(v);
        __builtin_memcpy(out + i, &e, sizeof e);
    }
    if (i < count) {
        v4d v = 0;
        for (int64_t j = i; j < count; j++) v[j - i] = x[j];
        v4d e = exp4(v);
        for (int64_t j = i; j < count; j++) out[j] = e[j - i];
    }
}

/// The four rows' (gradient, hessian) from their scores, labels and weights.
static inline void logistic4(v4d f, v4d y, v4d w, double floor, v4d *g, v4d *h) {
    v4d p = 1.0 / (1.0 + exp4(-f));
    v4d q = p * (1.0 - p);
    *g = w * (p - y);
    *h = w * select4(q > floor, q, (v4d)floor);
}

void immunokit_logistic_gradients(const double *f, const double *y, const double *w, double *gradient,
                                  double *hessian, int64_t count, double floor) {
    int64_t i = 0;
    v4d g, h;
    for (; i + 4 <= count; i += 4) {
        v4d fv, yv, wv;
        __builtin_memcpy(&fv, f + i, sizeof fv);
        __builtin_memcpy(&yv, y + i, sizeof yv);
        __builtin_memcpy(&wv, w + i, sizeof wv);
        logistic4(fv, yv, wv, floor, &g, &h);
        __builtin_memcpy(gradient + i, &g, sizeof g);
        __builtin_memcpy(hessian + i, &h, sizeof h);
    }
    if (i < count) {
        // The last rows in the lanes of a padded vector: each lane is computed alone, so the values are
        // those the rows would get in a full vector.
        v4d fv = 0, yv = 0, wv = 0;
        for (int64_t j = i; j < count; j++) { fv[j - i] = f[j]; yv[j - i] = y[j]; wv[j - i] = w[j]; }
        logistic4(fv, yv, wv, floor, &g, &h);
        for (int64_t j = i; j < count; j++) { gradient[j] = g[j - i]; hessian[j] = h[j - i]; }
    }
}
