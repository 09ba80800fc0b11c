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

static int32_t dot_i8_scalar(const int8_t *q, const int8_t *x, int dim) {
    int32_t sum = 0;
    for (int d = 0; d < dim; d++) sum += (int32_t) q[d] * (int32_t) x[d];
    return sum;
}

__attribute__((target("avx2,fma")))
static inline int32_t hsum_epi32_avx2(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(1, 0, 3, 2)));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(2, 3, 0, 1)));
    return _mm_cvtsi128_si32(s);
}

__attribute__((target("avx2,fma")))
static int32_t dot_i8_avx2(const int8_t *q, const int8_t *x, int dim) {
    __m256i acc = _mm256_setzero_si256();
    for (int d = 0; d < dim; d += 16) {
        __m256i qa = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *) (q + d)));
        __m256i xa = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *) (x + d)));
        acc = _mm256_add_epi32(acc, _mm256_madd_epi16(qa, xa));
    }
    return hsum_epi32_avx2(acc);
}

__attribute__((target("avx512f,avx512bw,avx2,fma")))
static int32_t dot_i8_avx512(const int8_t *q, const int8_t *x, int dim) {
    __m512i acc = _mm512_setzero_si512();
    for (int d = 0; d < dim; d += 32) {
        __m512i qa = _mm512_cvtepi8_epi16(_mm256_loadu_si256((const __m256i *) (q + d)));
        __m512i xa = _mm512_cvtepi8_epi16(_mm256_loadu_si256((const __m256i *) (x + d)));
        acc = _mm512_add_epi32(acc, _mm512_madd_epi16(qa, xa));
    }
    return _mm512_reduce_add_epi32(acc);
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
typedef int32_t (*dot_fn)(const int8_t *, const int8_t *, int);

static l2_fn l2_for_level(int lvl) {
    return lvl == LEVEL_AVX512 ? l2_avx512 : lvl == LEVEL_AVX2 ? l2_avx2 : l2_scalar;
}

static dot_fn dot_for_level(int lvl) {
    return lvl == LEVEL_AVX512 ? dot_i8_avx512 : lvl == LEVEL_AVX2 ? dot_i8_avx2 : dot_i8_scalar;
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
    (*env)->SetIntArrayRegion(env, outSlots, 0, nq * k, slots);
    (*env)->SetFloatArrayRegion(env, outDistances, 0, nq * k, best);
    (*env)->SetIntArrayRegion(env, outFound, 0, nq, found);
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
    dot_fn dot_i8 = dot_for_level(current_level());
    int8_t *q = (*env)->GetPrimitiveArrayCritical(env, queries, NULL);
    float *qs = (*env)->GetPrimitiveArrayCritical(env, queryScales, NULL);
    float *qn = (*env)->GetPrimitiveArrayCritical(env, queryNorms, NULL);
    int8_t *x = (*env)->GetPrimitiveArrayCritical(env, data, NULL);
    float *s = (*env)->GetPrimitiveArrayCritical(env, scales, NULL);
    float *n = (*env)->GetPrimitiveArrayCritical(env, norms, NULL);
    if (q != NULL && qs != NULL && qn != NULL && x != NULL && s != NULL && n != NULL) {
        for (int32_t i = start; i < end; i++) {
            const int8_t *v = x + (size_t) i * (size_t) dim;
            for (int j = 0; j < nq; j++) {
                int32_t dot = dot_i8(q + (size_t) j * dim, v, dim);
                float dist = (qn[j] + n[i]) - 2.0f * (qs[j] * s[i] * (float) dot);
                found[j] = offer(best + j * k, slots + j * k, found[j], k, dist, i);
            }
        }
    }
    if (n != NULL) (*env)->ReleasePrimitiveArrayCritical(env, norms, n, JNI_ABORT);
    if (s != NULL) (*env)->ReleasePrimitiveArrayCritical(env, scales, s, JNI_ABORT);
    if (x != NULL) (*env)->ReleasePrimitiveArrayCritical(env, data, x, JNI_ABORT);
    if (qn != NULL) (*env)->ReleasePrimitiveArrayCritical(env, queryNorms, qn, JNI_ABORT);
    if (qs != NULL) (*env)->ReleasePrimitiveArrayCritical(env, queryScales, qs, JNI_ABORT);
    if (q != NULL) (*env)->ReleasePrimitiveArrayCritical(env, queries, q, JNI_ABORT);
    (*env)->SetIntArrayRegion(env, outSlots, 0, nq * k, slots);
    (*env)->SetFloatArrayRegion(env, outDistances, 0, nq * k, best);
    (*env)->SetIntArrayRegion(env, outFound, 0, nq, found);
}
