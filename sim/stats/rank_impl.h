/* rank_impl.h — private to sim/stats/rank.c and sim/stats/ranksplit.c:
 * the ordering code the one-process ranks and the distributed ranks
 * share (rank.c), and the exact integer sums of Spearman's rho. Not an
 * interface between modules. */
#ifndef COMPUTESIM_RANK_IMPL_H
#define COMPUTESIM_RANK_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "sortkey.h"

/* Exact sums of products of ranks: |sum| < n^3 < 2^96 for n < 2^32. */
__extension__ typedef __int128 rank_i128;
__extension__ typedef unsigned __int128 rank_u128;

#define PAIR_KEY(a) ((uint32_t)((a) >> 32))
#define PAIR_IDX(a) ((uint32_t)(a))

/* Full key of x[i] for ranking: -0 + 0.0 is +0, so that they tie. */
static inline uint64_t rank_key(const double *x, uint32_t i)
{
	return key_of(x[i] + 0.0);
}

/* LSD radix sort of keys k (and payload v, if not NULL) in place. 0 or
 * -1 on allocation failure. */
int rank_radix_sort(uint64_t *k, uint32_t *v, size_t n);

/* The order of x[0..n): *out (malloc'd, the caller frees) holds n pairs
 * (coarse key, index) in ascending order of x (-0 ties +0, NaNs last;
 * equal values in index order). The coarse key (PAIR_KEY) keeps x's
 * order, equal values share it, and its meaning is this call's alone:
 * compare full keys (rank_key) across calls. 0, or -1 on allocation
 * failure or n >= 2^32. */
int rank_order(uint64_t **out, const double *x, size_t n);

/* End of the group of equal values of x that starts at position a of
 * the order p. */
size_t rank_tie_end(const uint64_t *p, size_t a, size_t n, const double *x);

/* The median of m numbers from their order statistics a (at (m - 1) / 2)
 * and b (at m / 2), as agg_quantile_sorted finds it, a zero as +0. */
double rank_median_of(double a, double b, size_t m);

/* rho from the exact sums of the centred doubled ranks (sxx and syy
 * each rounded once to double): NAN when either sum of squares is 0. The
 * one formula of the one-process and the split paths, so that they give
 * the same bits. */
double rank_rho_of(rank_i128 sxy, double sxx, double syy);

#endif
