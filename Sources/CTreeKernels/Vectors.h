// Vector types and helpers shared by the kernels (internal: not part of the module's public header).
#ifndef IMMUNOKIT_VECTORS_H
#define IMMUNOKIT_VECTORS_H

#include <stdint.h>

typedef double v4d __attribute__((ext_vector_type(4)));
typedef int64_t v4l __attribute__((ext_vector_type(4)));

#if defined(__AVX__)
#include <immintrin.h>
#endif

/// `mask ? a : b` per lane (mask lanes all ones or all zeros): one blend instruction where there is one.
static inline v4d select4(v4l mask, v4d a, v4d b) {
#if defined(__AVX__)
    return (v4d)_mm256_blendv_pd((__m256d)b, (__m256d)a, (__m256d)mask);
#else
    return (v4d)(((v4l)a & mask) | ((v4l)b & ~mask));
#endif
}

#endif
