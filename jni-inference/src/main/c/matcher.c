/*
 * FaceGrid native matcher: exact 1:N search over a gallery of descriptors, float32 and int8.
 *
 * Every path (scalar, AVX2, AVX-512) computes a distance in one canonical order, which the Java matcher
 * (FlatMatcher) follows too, so all of them return bit-identical distances and the same rankings:
 *   float32: 16 lanes; dimension d goes to lane d % 16, lane += diff * diff as one fused multiply-add;
 *            lanes are then summed pairwise: (j, j+8), then (j, j+4), then (j, j+2), then (0, 1).
 *   int8:    the integer dot product is exact in any order; the squared distance is then
 *            (qnorm + xnorm) - 2 * (qscale * xscale * dot), evaluated in that order.
 * Ties are broken by the lower slot. Results are squared distances; Java takes the square root.
 */
#include <jni.h>
#include <math.h>
#include <stdint.h>
#include <immintrin.h>

enum { LEVEL_SCALAR = 0, LEVEL_AVX2 = 2, LEVEL_AVX512 = 3 };

static int detected_level(void) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")) return LEVEL_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return LEVEL_AVX2;
    return LEVEL_SCALAR;
}

static int level = -1;

static int current_level(void) {
    if (level < 0) level = detected_level();
    return level;
}

/* ---- float32 distances ------------------------------------------------------------------------- */

static float reduce16(const float acc[16]) {
    float r8[8], r4[4], r2[2];
    for (int j = 0; j < 8; j++) r8[j] = acc[j] + acc[j + 8];
    for (int j = 0; j < 4; j++) r4[j] = r8[j] + r8[j + 4];
    for (int j = 0; j < 2; j++) r2[j] = r4[j] + r4[j + 2];
    return r2[0] + r2[1];
}

static float l2_scalar(const float *q, const float *x, int dim) {
    float acc[16] = {0};
    for (int d = 0; d < dim; d++) {
        float diff = q[d] - x[d];
        acc[d & 15] = fmaf(diff, diff, acc[d & 15]);
    }
    return reduce16(acc);
}

__attribute__((target("avx2,fma")))
static inline float reduce8_avx(__m256 r8) {
    __m128 r4 = _mm_add_ps(_mm256_castps256_ps128(r8), _mm256_extractf128_ps(r8, 1));
    __m128 r2 = _mm_add_ps(r4, _mm_movehl_ps(r4, r4));
    __m128 r1 = _mm_add_ss(r2, _mm_shuffle_ps(r2, r2, 1));
    return _mm_cvtss_f32(r1);
}

__attribute__((target("avx2,fma")))
static float l2_avx2(const float *q, const float *x, int dim) {
    __m256 a = _mm256_setzero_ps(), b = _mm256_setzero_ps();
    for (int d = 0; d < dim; d += 16) {
        __m256 da = _mm256_sub_ps(_mm256_loadu_ps(q + d), _mm256_loadu_ps(x + d));
        __m256 db = _mm256_sub_ps(_mm256_loadu_ps(q + d + 8), _mm256_loadu_ps(x + d + 8));
        a = _mm256_fmadd_ps(da, da, a);
        b = _mm256_fmadd_ps(db, db, b);
    }
    return reduce8_avx(_mm256_add_ps(a, b));
}

__attribute__((target("avx512f,avx512bw,avx2,fma")))
static float l2_avx512(const float *q, const float *x, int dim) {
    __m512 acc = _mm512_setzero_ps();
    for (int d = 0; d < dim; d += 16) {
        __m512 diff = _mm512_sub_ps(_mm512_loadu_ps(q + d), _mm512_loadu_ps(x + d));
        acc = _mm512_fmadd_ps(diff, diff, acc);
    }
    __m256 high = _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(acc), 1));
    __m256 r8 = _mm256_add_ps(_mm512_castps512_ps256(acc), high);
    return reduce8_avx(r8);
}

/* ---- int8 dot products (exact) ----------------------------------------------------------------- */

/*
 * Each kernel computes the dot products of one query with `count` consecutive gallery vectors. Integer sums
 * are exact in any order, so the kernels may group the work however is fastest.
 */
typedef void (*dots_fn)(const int8_t *q, const int8_t *x, int dim, int count, int32_t *out);

static void dots_i8_scalar(const int8_t *q, const int8_t *x, int dim, int count, int32_t *out) {
    for (int i = 0; i < count; i++) {
        const int8_t *v = x + (size_t) i * dim;
        int32_t sum = 0;
        for (int d = 0; d < dim; d++) sum += (int32_t) q[d] * (int32_t) v[d];
        out[i] = sum;
    }
}

/*
 * AVX2: VPMADDUBSW multiplies unsigned by signed bytes, so the query goes in as |q| and each gallery byte
 * takes the query's sign (VPSIGNB): |q| * sign(q) * x = q * x. With codes in [-127, 127] a pair sums to at
 * most 2 * 127 * 127 < 32768, so the 16-bit step never saturates. Eight vectors are reduced together.
 */
__attribute__((target("avx2,fma")))
static inline __m256i dot_lanes_avx2(const __m256i *absq, const __m256i *q, const int8_t *v, int chunks) {
    const __m256i ones = _mm256_set1_epi16(1);
    __m256i acc = _mm256_setzero_si256();
    for (int c = 0; c < chunks; c++) {
        __m256i signed_x = _mm256_sign_epi8(_mm256_loadu_si256((const __m256i *) (v + 32 * c)), q[c]);
        acc = _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_maddubs_epi16(absq[c], signed_x), ones));
    }
    return acc;
}

__attribute__((target("avx2,fma")))
static void dots_i8_avx2(const int8_t *q, const int8_t *x, int dim, int count, int32_t *out) {
    int chunks = dim / 32;
    __m256i qv[chunks], absq[chunks];
    for (int c = 0; c < chunks; c++) {
        qv[c] = _mm256_loadu_si256((const __m256i *) (q + 32 * c));
        absq[c] = _mm256_abs_epi8(qv[c]);
    }
    int i = 0;
    for (; i + 8 <= count; i += 8) {
        const int8_t *v = x + (size_t) i * dim;
        __m256i a[8];
        for (int t = 0; t < 8; t++) a[t] = dot_lanes_avx2(absq, qv, v + (size_t) t * dim, chunks);
        __m256i h01 = _mm256_hadd_epi32(a[0], a[1]), h23 = _mm256_hadd_epi32(a[2], a[3]);
        __m256i h45 = _mm256_hadd_epi32(a[4], a[5]), h67 = _mm256_hadd_epi32(a[6], a[7]);
        __m256i h0123 = _mm256_hadd_epi32(h01, h23), h4567 = _mm256_hadd_epi32(h45, h67);
        __m256i sums = _mm256_add_epi32(_mm256_permute2x128_si256(h0123, h4567, 0x20),
                                        _mm256_permute2x128_si256(h0123, h4567, 0x31));
        _mm256_storeu_si256((__m256i *) (out + i), sums);
    }
    for (; i < count; i++) {
        __m256i acc = dot_lanes_avx2(absq, qv, x + (size_t) i * dim, chunks);
        __m128i s = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(1, 0, 3, 2)));
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(2, 3, 0, 1)));
        out[i] = _mm_cvtsi128_si32(s);
    }
}

__attribute__((target("avx512f,avx512bw,avx2,fma")))
static void dots_i8_avx512(const int8_t *q, const int8_t *x, int dim, int count, int32_t *out) {
    for (int i = 0; i < count; i++) {
        const int8_t *v = x + (size_t) i * dim;
        __m512i acc = _mm512_setzero_si512();
        for (int d = 0; d < dim; d += 32) {
            __m512i qa = _mm512_cvtepi8_epi16(_mm256_loadu_si256((const __m256i *) (q + d)));
            __m512i xa = _mm512_cvtepi8_epi16(_mm256_loadu_si256((const __m256i *) (v + d)));
            acc = _mm512_add_epi32(acc, _mm512_madd_epi16(qa, xa));
        }
        out[i] = _mm512_reduce_add_epi32(acc);
    }
}

/* ---- top-k ------------------------------------------------------------------------------------- */

/* Keeps the k best (smallest distance, then lowest slot) in ascending order; returns the new count. */
static int offer(float *best, int32_t *slots, int count, int k, float dist, int32_t slot) {
    if (count == k && !(dist < best[k - 1])) return count; /* equal distance: the earlier (lower) slot wins */
    int i = count < k ? count++ : k - 1;
    while (i > 0 && dist < best[i - 1]) {
        best[i] = best[i - 1];
        slots[i] = slots[i - 1];
        i--;
    }
    best[i] = dist;
    slots[i] = slot;
    return count;
}

/* ---- JNI --------------------------------------------------------------------------------------- */

JNIEXPORT jint JNICALL Java_org_facegrid_inference_matching_NativeKernels_simdLevel(JNIEnv *env, jclass cls) {
    (void) env; (void) cls;
    return current_level();
}

/* For tests: run a lower level than the CPU offers (never a higher one). Returns the level now in use. */
JNIEXPORT jint JNICALL Java_org_facegrid_inference_matching_NativeKernels_limitSimdLevel(JNIEnv *env, jclass cls,
                                                                                      jint max) {
    (void) env; (void) cls;
    int detected = detected_level();
    level = max < detected ? max : detected;
    return level;
}

typedef float (*l2_fn)(const float *, const float *, int);

static l2_fn l2_for_level(int lvl) {
    return lvl == LEVEL_AVX512 ? l2_avx512 : lvl == LEVEL_AVX2 ? l2_avx2 : l2_scalar;
}

static dots_fn dots_for_level(int lvl) {
    return lvl == LEVEL_AVX512 ? dots_i8_avx512 : lvl == LEVEL_AVX2 ? dots_i8_avx2 : dots_i8_scalar;
}

/* Gallery vectors per int8 block: 64 x 128 bytes stay in L1 while every query of a batch reads them. */
enum { I8_BLOCK = 64 };

/* Hands each query's k best (slots, squared distances) and how many were found back to Java. */
static void write_results(JNIEnv *env, int nq, int k, const int32_t *slots, const float *best, const int32_t *found,
                          jintArray outSlots, jfloatArray outDistances, jintArray outFound) {
    (*env)->SetIntArrayRegion(env, outSlots, 0, nq * k, slots);
    (*env)->SetFloatArrayRegion(env, outDistances, 0, nq * k, best);
    (*env)->SetIntArrayRegion(env, outFound, 0, nq, found);
}

/*
 * Searches slots [start, end) for nq queries at once: each gallery vector is read from memory once and
 * compared with every query while it is in cache. Query j's results go to out*[j * k ...], found[j].
 */
JNIEXPORT void JNICALL Java_org_facegrid_inference_matching_NativeKernels_searchF32(
        JNIEnv *env, jclass cls, jfloatArray data, jint start, jint end, jint dim, jfloatArray queries, jint nq,
        jint k, jintArray outSlots, jfloatArray outDistances, jintArray outFound) {
    (void) cls;
    float best[nq * k];
    int32_t slots[nq * k];
    int32_t found[nq];
    for (int j = 0; j < nq; j++) found[j] = 0;
    l2_fn l2 = l2_for_level(current_level());
    float *q = (*env)->GetPrimitiveArrayCritical(env, queries, NULL);
    float *x = (*env)->GetPrimitiveArrayCritical(env, data, NULL);
    if (q != NULL && x != NULL) {
        for (int32_t i = start; i < end; i++) {
            const float *v = x + (size_t) i * (size_t) dim;
            for (int j = 0; j < nq; j++) {
                float dist = l2(q + (size_t) j * dim, v, dim);
                found[j] = offer(best + j * k, slots + j * k, found[j], k, dist, i);
            }
        }
    }
    if (x != NULL) (*env)->ReleasePrimitiveArrayCritical(env, data, x, JNI_ABORT);
    if (q != NULL) (*env)->ReleasePrimitiveArrayCritical(env, queries, q, JNI_ABORT);
    write_results(env, nq, k, slots, best, found, outSlots, outDistances, outFound);
}

JNIEXPORT void JNICALL Java_org_facegrid_inference_matching_NativeKernels_searchI8(
        JNIEnv *env, jclass cls, jbyteArray data, jfloatArray scales, jfloatArray norms, jint start, jint end,
        jint dim, jbyteArray queries, jfloatArray queryScales, jfloatArray queryNorms, jint nq, jint k,
        jintArray outSlots, jfloatArray outDistances, jintArray outFound) {
    (void) cls;
    float best[nq * k];
    int32_t slots[nq * k];
    int32_t found[nq];
    for (int j = 0; j < nq; j++) found[j] = 0;
    dots_fn dots_i8 = dots_for_level(current_level());
    int32_t dots[I8_BLOCK];
    int8_t *q = (*env)->GetPrimitiveArrayCritical(env, queries, NULL);
    float *qs = (*env)->GetPrimitiveArrayCritical(env, queryScales, NULL);
    float *qn = (*env)->GetPrimitiveArrayCritical(env, queryNorms, NULL);
    int8_t *x = (*env)->GetPrimitiveArrayCritical(env, data, NULL);
    float *s = (*env)->GetPrimitiveArrayCritical(env, scales, NULL);
    float *n = (*env)->GetPrimitiveArrayCritical(env, norms, NULL);
    if (q != NULL && qs != NULL && qn != NULL && x != NULL && s != NULL && n != NULL) {
        for (int32_t first = start; first < end; first += I8_BLOCK) {
            int count = end - first < I8_BLOCK ? end - first : I8_BLOCK;
            const int8_t *block = x + (size_t) first * (size_t) dim;
            for (int j = 0; j < nq; j++) {
                dots_i8(q + (size_t) j * dim, block, dim, count, dots);
                for (int t = 0; t < count; t++) {
                    int32_t i = first + t;
                    float dist = (qn[j] + n[i]) - 2.0f * (qs[j] * s[i] * (float) dots[t]);
                    found[j] = offer(best + j * k, slots + j * k, found[j], k, dist, i);
                }
            }
        }
    }
    if (n != NULL) (*env)->ReleasePrimitiveArrayCritical(env, norms, n, JNI_ABORT);
    if (s != NULL) (*env)->ReleasePrimitiveArrayCritical(env, scales, s, JNI_ABORT);
    if (x != NULL) (*env)->ReleasePrimitiveArrayCritical(env, data, x, JNI_ABORT);
    if (qn != NULL) (*env)->ReleasePrimitiveArrayCritical(env, queryNorms, qn, JNI_ABORT);
    if (qs != NULL) (*env)->ReleasePrimitiveArrayCritical(env, queryScales, qs, JNI_ABORT);
    if (q != NULL) (*env)->ReleasePrimitiveArrayCritical(env, queries, q, JNI_ABORT);
    write_results(env, nq, k, slots, best, found, outSlots, outDistances, outFound);
}
