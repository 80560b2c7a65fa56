#include "TreeKernels.h"

typedef double v2d __attribute__((ext_vector_type(2), aligned(8)));

/// The loop of ``immunokit_histograms`` for `width` features, with or without row indices: the compiler
/// specialises it per constant `width` and `indexed`.
static inline __attribute__((always_inline)) void accumulate(v2d *h0, v2d *h1, v2d *h2, v2d *h3, const uint8_t *c0,
                                                             const uint8_t *c1, const uint8_t *c2, const uint8_t *c3,
                                                             const double *stats, const int32_t *rows, int64_t count,
                                                             int width, int indexed) {
    const v2d *s = (const v2d *)stats;
    for (int64_t k = 0; k < count; k++) {
        int64_t r = indexed ? rows[k] : k;
        v2d gh = s[k];
        h0[c0[r]] += gh;
        if (width > 1) h1[c1[r]] += gh;
        if (width > 2) h2[c2[r]] += gh;
        if (width > 3) h3[c3[r]] += gh;
    }
}

void immunokit_histograms(double *hist_0, double *hist_1, double *hist_2, double *hist_3, const uint8_t *column_0,
                          const uint8_t *column_1, const uint8_t *column_2, const uint8_t *column_3,
                          const double *stats, const int32_t *rows, int64_t count) {
    v2d *h0 = (v2d *)hist_0, *h1 = (v2d *)hist_1, *h2 = (v2d *)hist_2, *h3 = (v2d *)hist_3;
    const uint8_t *c0 = column_0, *c1 = column_1, *c2 = column_2, *c3 = column_3;
    int width = !h0 ? 0 : !h1 ? 1 : !h2 ? 2 : !h3 ? 3 : 4;
#define ACCUMULATE(w, i) accumulate(h0, h1, h2, h3, c0, c1, c2, c3, stats, rows, count, w, i)
    switch (width * 2 + (rows != 0)) {
    case 2: ACCUMULATE(1, 0); break;
    case 3: ACCUMULATE(1, 1); break;
    case 4: ACCUMULATE(2, 0); break;
    case 5: ACCUMULATE(2, 1); break;
    case 6: ACCUMULATE(3, 0); break;
    case 7: ACCUMULATE(3, 1); break;
    case 8: ACCUMULATE(4, 0); break;
    case 9: ACCUMULATE(4, 1); break;
    default: break;
    }
#undef ACCUMULATE
}
