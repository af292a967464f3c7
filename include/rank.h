/* rank.h — sorting, ranks and rank correlation (docs/model.md "What a run
 * reports": Spearman's correlation of each uncertain input with NPV):
 * a radix sort of doubles, average ranks, Pearson's and Spearman's
 * correlations.
 *
 * Everything here is plain computation on caller-owned arrays and keeps no
 * state, so threads may call it at once on different data. Functions that
 * need workspace allocate it themselves, free it before returning, and
 * return -1 when they cannot get it (outputs are then not to be used). */
#ifndef COMPUTESIM_RANK_H
#define COMPUTESIM_RANK_H

#include <stddef.h>
#include <stdint.h>

/* Sort x[0..n) ascending (radix sort on the bits; -0 sorts before +0,
 * NaNs last). Returns 0, or -1 on allocation failure (x unchanged). */
int rank_sort(double *x, size_t n);

/* Ranks 1..n of x[0..n) with ties given their average rank (-0 and +0
 * tie). Returns 0, or -1 on allocation failure. n < 2^32. */
int rank_average(double *rank, const double *x, size_t n);

/* Pearson's correlation of x and y; NAN when either has no variation (or
 * n < 2). */
double rank_pearson(const double *x, const double *y, size_t n);

/* A variable by its ranks, to correlate many others with (a run ranks
 * NPV once and correlates every input with it): r2[i] is twice the
 * average rank of item i (2 .. 2n: ties share the mean of their ranks,
 * which doubled is a whole number), syy the sum over the items of
 * (r2[i] - n - 1)^2, computed exactly and rounded once to double. The
 * caller owns r2. */
struct rank_ranked {
	const uint64_t *r2;
	double syy;
};

/* Twice the average ranks of x[0..n) into r2[0..n) (-0 and +0 tie; NaNs
 * rank last, tied), and *syy as in struct rank_ranked. Returns 0, or -1
 * on allocation failure. n < 2^32. */
int rank_average2(uint64_t *r2, double *syy, const double *x, size_t n);

/* Spearman's rank correlation of x with a y given by its ranks ry:
 * Pearson's correlation of the ranks, from the sums of the products and
 * squares of the centred doubled ranks, computed exactly in integers (so
 * that no order of summation changes a bit: rank_spearman_split gives the
 * same rho), then rho = sxy / sqrt(sxx * syy) in double. NAN when either
 * has no variation, n < 2 or x holds a NaN. Returns 0, or -1 on
 * allocation failure. */
int rank_spearman_ranked(double *rho, const double *x,
			 const struct rank_ranked *ry, size_t n);

/* Most groups rank_spearman_medians takes. */
#define RANK_MAX_GROUPS 8

/* rank_spearman_ranked (ry may be NULL: *rho NAN), and from the same
 * sort of x, when med is not NULL, medians as agg_quantile_sorted finds
 * them (a zero median as +0): med[0] of all of x, med[1 + g] of the x[i]
 * with group[i] == g, for g < ngroup <= RANK_MAX_GROUPS, count[g] being
 * how many there are (NAN where none; indexes whose group is outside [0,
 * ngroup) count in med[0] only). Everything NAN when x holds a NaN.
 * Returns 0, or -1 on allocation failure. */
int rank_spearman_medians(double *rho, double *med, const double *x,
			  const struct rank_ranked *ry, size_t n,
			  const signed char *group, const size_t *count,
			  int ngroup);

/* rank_average2 and rank_spearman_medians of a column spread over the
 * ranks of a split run (runsplit.h; sim/stats/ranksplit.c), exact:
 * x[0..n) is this rank's part of the items, in any order. Collective:
 * every rank calls them with its part, and each returns 0, or -1 on every
 * rank. No rank holds more than its own items and a share of the
 * distinct values.
 *
 * rank_average2_split: r2[0..n) twice the average ranks of this rank's
 * items among every rank's; *syy (the same on every rank) as
 * rank_average2's of the whole column. */
struct run_split;
int rank_average2_split(uint64_t *r2, double *syy, const double *x,
			size_t n, const struct run_split *sp);

/* rank_spearman_medians_split: ry->r2[0..n) and group[0..n) are this
 * rank's items' (ry from rank_average2_split, or NULL), count[g] the
 * items of group g on every rank. Every rank gets *rho and med bit for
 * bit as rank_spearman_medians gives them on the whole column. */
int rank_spearman_medians_split(double *rho, double *med, const double *x,
				const struct rank_ranked *ry, size_t n,
				const signed char *group, const size_t *count,
				int ngroup, const struct run_split *sp);

/* Spearman's rank correlation of x and y (average ranks for ties) into
 * *rho; NAN when either has no variation or holds a NaN. Returns 0, or -1
 * on allocation failure. */
int rank_spearman(double *rho, const double *x, const double *y, size_t n);

#endif
