/*
 * The physical limit for the matcher benchmark: how fast one core can read the benchmark's gallery file
 * once it is in memory. Loads the file, then times five passes of 256-bit loads OR-ed together (one cheap
 * operation per load, so the loop waits on memory) and prints the best.
 *   gcc -O2 -mavx2 plain_read.c -o plain_read && ./plain_read base-1000000.f32
 */
#define _POSIX_C_SOURCE 199309L
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: plain_read FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f) / 128 * 128;
    rewind(f);
    char *data = aligned_alloc(64, size);
    if (data == NULL || fread(data, 1, size, f) != (size_t) size) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    fclose(f);
    double best = 1e30;
    __m256i sink = _mm256_setzero_si256();
    for (int round = 0; round < 5; round++) {
        double start = now_ms();
        __m256i a = _mm256_setzero_si256(), b = a, c = a, d = a;
        for (long i = 0; i < size; i += 128) {
            a = _mm256_or_si256(a, _mm256_load_si256((const __m256i *) (data + i)));
            b = _mm256_or_si256(b, _mm256_load_si256((const __m256i *) (data + i + 32)));
            c = _mm256_or_si256(c, _mm256_load_si256((const __m256i *) (data + i + 64)));
            d = _mm256_or_si256(d, _mm256_load_si256((const __m256i *) (data + i + 96)));
        }
        sink = _mm256_or_si256(sink, _mm256_or_si256(_mm256_or_si256(a, b), _mm256_or_si256(c, d)));
        double ms = now_ms() - start;
        if (ms < best) best = ms;
    }
    printf("plain_read bytes=%ld ms=%.2f GB/s=%.1f%s\n", size, best, size / (best / 1e3) / 1e9,
           _mm256_testz_si256(sink, sink) ? " (all zero)" : "");
    return 0;
}
