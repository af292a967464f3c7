/* sobol.h — variance-based sensitivity indices (Sobol') from the A, B and
 * AB_i matrices of Saltelli et al. (2010): n base rows of A and of B,
 * and for each of k inputs a matrix AB_i that is A with input i's column
 * taken from B. With f the model output of each row:
 *
 *   V     = variance of f over the 2n rows of A and B (2n - 1 divisor)
 *   S_i   = (1/n) sum_j (f(B)_j - c) (f(AB_i)_j - f(A)_j) / V
 *           (Saltelli 2010, table 2 (b); c, the mean of f over A and B,
 *           is subtracted from f(B): the same expectation, since
 *           E f(AB_i) = E f(A), and a smaller variance when f's mean is
 *           large against its spread)
 *   ST_i  = (1/2n) sum_j (f(A)_j - f(AB_i)_j)^2 / V      (Jansen 1999)
 *
 * S_i is input i's first-order index (the share of V it explains alone),
 * ST_i its total effect (alone and in every interaction); ST_i - S_i is
 * its share in interactions. Both are NAN when V is 0.
 *
 * Plain computation on caller-owned arrays, no state: threads may call it
 * at once. */
#ifndef COMPUTESIM_SOBOL_H
#define COMPUTESIM_SOBOL_H

#include <stddef.h>
#include <stdint.h>

/* The indices of k inputs from fa[j], fb[j] and fab[i * n + j]
 * (j < n rows): s1[i], st[i], and *var (V). With cnt not NULL the rows
 * are a bootstrap resample: row j counts cnt[j] times (the counts sum to
 * n); NULL counts every row once. work: 2n doubles of scratch. Sums run
 * over the rows in order, each in four interleaved partial sums added
 * at the end, so the result depends on the rows and counts only. */
void sobol_estimate(const double *fa, const double *fb, const double *fab,
		    size_t n, int k, const uint32_t *cnt, double *work,
		    double *s1, double *st, double *var);

/* The bootstrap resample b of n rows: n rows drawn with replacement from
 * the random stream rng_stream(seed ^ salt, b), as counts: cnt[j] = how
 * many times row j was drawn. Depends on (seed, b, n) only, so resamples
 * can be drawn on any thread in any order. n < 2^32. */
void sobol_resample(uint32_t *cnt, size_t n, uint64_t seed, uint64_t b);

/* The central `level` (e.g. 0.95) percentile interval of v[0..m) (a
 * bootstrap distribution; v is sorted in place): [lo, hi] as
 * agg_quantile_sorted's percentiles (1 - level)/2 and (1 + level)/2.
 * NAN when any v is NaN or m is 0. */
void sobol_interval(double *v, size_t m, double level, double *lo,
		    double *hi);

#endif
