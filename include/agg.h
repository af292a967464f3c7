/* agg.h — aggregation building blocks (docs/model.md "What a run reports"):
 * moments that merge in a fixed order, percentiles by selection. Sorting,
 * ranks and Spearman's correlation are in rank.h.
 *
 * Everything here is plain computation on caller-owned arrays and keeps no
 * state, so threads may call it at once on different data. Functions that
 * need workspace allocate it themselves and return -1 when they cannot;
 * struct agg_qplan owns its arrays (agg_qplan_free, safe twice). */
#ifndef COMPUTESIM_AGG_H
#define COMPUTESIM_AGG_H

#include <stddef.h>

/* Count, mean and sum of squared deviations (M2) of a set of numbers, in
 * double. Two sets merge with Chan et al.'s formula, so a run can sum
 * blocks of trials on any thread and combine them in block order: the
 * result depends on the blocks, never on which thread summed them. */
struct agg_moments {
	double n;		/* count (a double: it only takes part in
				   arithmetic, and stays exact below 2^53) */
	double mean, m2;
};

/* Empty set. */
void agg_moments_init(struct agg_moments *a);
/* Welford's update: add one number. */
void agg_moments_add(struct agg_moments *a, double x);
/* Two-pass moments of x[0], x[stride], ... x[(n-1)*stride] into *a
 * (replacing it), with the corrected mean and M2 of Chan, Golub and
 * LeVeque; more accurate than n Welford updates. Equal numbers give
 * exactly their value and M2 = 0 (a fixed input reads back exactly, and
 * merges keep it so). */
void agg_moments_of(struct agg_moments *a, const double *x, size_t n,
		    size_t stride);
/* agg_moments_of when the caller has made its first pass already: s, the
 * sum x[0] + x[stride] + ... added in that order, and same, whether every
 * number equals x[0]. Bit for bit agg_moments_of's result (run.c sums a
 * tile while it gathers it). */
void agg_moments_of_summed(struct agg_moments *a, const double *x,
			   size_t n, size_t stride, double s, int same);
/* Chan's merge: a becomes a ∪ b (a is the earlier part). */
void agg_moments_merge(struct agg_moments *a, const struct agg_moments *b);
/* Sample standard deviation (n-1 denominator); 0 for fewer than two. */
double agg_moments_sd(const struct agg_moments *a);
/* Monte Carlo standard error of the mean, sd / sqrt(n); NAN for n < 2
 * (printed as null / "unknown"). */
double agg_moments_se(const struct agg_moments *a);
/* Monte Carlo standard error of a share p of n trials (p = x / n), that
 * of the plus-four estimate (Agresti and Caffo 2000): sqrt(q (1 - q) /
 * (n + 4)) with q = (x + 2) / (n + 4). Where p is not near 0 or 1 it is
 * the usual sqrt(p (1 - p) / n) to within a few parts in n; unlike it, it
 * is never 0: a share still at 0 after n trials is not known to be below
 * about 1/n. NAN for n < 2. */
double agg_share_se(double p, size_t n);

/* Moments of x[0..n) summed the way run.c sums a metric: two-pass over
 * each tile of `tile` numbers, tiles merged in order into blocks of
 * `block` numbers (a multiple of tile), blocks merged in order. Gives
 * bit for bit what run.c computes for a column holding the same values. */
void agg_moments_blocked(struct agg_moments *a, const double *x, size_t n,
			 size_t tile, size_t block);

/* Percentile p (0..100) of sorted data x[0..n), exactly as GSL's
 * gsl_stats_quantile_from_sorted_data(x, 1, n, p / 100): linear
 * interpolation between order statistics at index (n-1)*p/100. Two equal
 * neighbours give their value exactly. n == 0 gives 0 as in GSL. */
double agg_quantile_sorted(const double *x, size_t n, double p);

/* The order statistics that a set of percentile levels needs for n
 * numbers, worked out once and used on every column of a run. */
struct agg_qplan {
	size_t n;
	int nl;			/* levels */
	size_t *lhs;		/* [nl]: lower order statistic of level j */
	double *delta;		/* [nl]: interpolation weight of the upper */
	size_t *ranks;		/* sorted distinct order statistics needed */
	size_t nranks;
};

/* Returns 0, or -1 on allocation failure (q is then empty). n >= 1. */
int agg_qplan_new(struct agg_qplan *q, size_t n, const double *levels,
		  int nl);
void agg_qplan_free(struct agg_qplan *q);

/* Percentiles of x[0..q->n) into out[0..q->nl): the same numbers as
 * sorting and agg_quantile_sorted(), found by radix selection on the
 * bits of the doubles (two passes over x, then a few small buckets), not
 * a sort. x is not changed. lo and hi: the smallest and largest value of
 * x when the caller knows them (saves a pass); lo > hi (e.g. INFINITY,
 * -INFINITY) to have them found. NaNs sort after +infinity. Returns 0, or
 * -1 on allocation failure. */
int agg_select(const double *x, const struct agg_qplan *q, double lo,
	       double hi, double *out);
/* Same on numbers stored as float (lo, hi may be the doubles they were
 * rounded from; interpolation is done in double). */
int agg_select_float(const float *x, const struct agg_qplan *q, double lo,
		     double hi, double *out);

/* agg_select() (is_float 0) or agg_select_float() (1) of a column spread
 * over the ranks of a split run (runsplit.h): x[0..n) is this rank's part
 * of the q->n numbers, in any order; lo and hi the least and greatest of
 * all of them (required). Collective: every rank calls it with its part
 * and gets the same out, bit for bit the one process's. The radix levels
 * count keys on each rank and sum the counts over the ranks; only the
 * keys of the few buckets that hold a wanted rank (at most 65,536 in
 * all, else a further level) travel. 0, or -1 on every rank. */
struct run_split;
int agg_select_split(const void *x, int is_float, size_t n,
		     const struct agg_qplan *q, double lo, double hi,
		     double *out, const struct run_split *sp);

#endif
