/* rank.c — radix sort, average ranks, Pearson's and Spearman's
 * correlations; see rank.h.
 *
 * Both sorts here are LSD radix sorts on the order-preserving key of a
 * double (sortkey.h, shared with agg.c's radix selection). run.c sorts
 * the trials' NPV once, ranks it once, and correlates every uncertain
 * input with those ranks. Ranks sort (coarse key, index) pairs in two or
 * three passes and resolve the few runs of equal coarse keys by the full
 * key: exact, and faster than six passes over the full keys
 * (docs/notes-engine.md, "Rank correlations"). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rank.h"
#include "rank_impl.h"
#include "sortkey.h"

#define RBITS 11
#define RSIZE (1u << RBITS)
#define RPASSES 6		/* 6 * 11 >= 64 */

/* Turn a histogram of nb digits' counts into each digit's first
 * position in the sorted output (an exclusive prefix sum), in place. */
static void digit_offsets(size_t *h, unsigned nb)
{
	size_t sum = 0;

	for (unsigned d = 0; d < nb; d++) {
		size_t c = h[d];
		h[d] = sum;
		sum += c;
	}
}

/* LSD radix sort of keys k (and payload v, if not NULL) in place; passes
 * whose digit is the same for every key are skipped. 0 or -1. */
int rank_radix_sort(uint64_t *k, uint32_t *v, size_t n)
{
	uint64_t *k2, *ks = k;
	uint32_t *v2 = NULL, *vs = v;
	size_t(*h)[RSIZE];

	if (n < 2)
		return 0;
	k2 = malloc(n * sizeof *k2);
	if (v)
		v2 = malloc(n * sizeof *v2);
	h = calloc(RPASSES, sizeof *h);
	if (!k2 || (v && !v2) || !h) {
		free(k2);
		free(v2);
		free(h);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		STREAM_AHEAD(k, i);
		for (int p = 0; p < RPASSES; p++)
			h[p][(k[i] >> (p * RBITS)) & (RSIZE - 1)]++;
	}
	for (int p = 0; p < RPASSES; p++) {
		int sh = p * RBITS;
		uint64_t *kt;
		uint32_t *vt;

		if (h[p][(ks[0] >> sh) & (RSIZE - 1)] == n)
			continue;
		digit_offsets(h[p], RSIZE);
		for (size_t i = 0; i < n; i++) {
			size_t o = h[p][(ks[i] >> sh) & (RSIZE - 1)]++;
			STREAM_AHEAD(ks, i);
			if (v)
				STREAM_AHEAD(vs, i);
			k2[o] = ks[i];
			if (v)
				v2[o] = vs[i];
		}
		kt = ks;
		ks = k2;
		k2 = kt;
		vt = vs;
		vs = v2;
		v2 = vt;
	}
	if (ks != k) {		/* result sits in the scratch buffers */
		memcpy(k, ks, n * sizeof *k);
		if (v)
			memcpy(v, vs, n * sizeof *v);
		k2 = ks;
		v2 = vs;
	}
	free(k2);
	free(v2);
	free(h);
	return 0;
}

int rank_sort(double *x, size_t n)
{
	uint64_t *k = malloc((n ? n : 1) * sizeof *k);

	if (!k)
		return -1;
	for (size_t i = 0; i < n; i++)
		k[i] = key_of(x[i]);
	if (rank_radix_sort(k, NULL, n) < 0) {
		free(k);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		x[i] = double_of(k[i]);
	free(k);
	return 0;
}

/* Coarse keys for ranks (rank_order) and their radix passes: a narrow
 * column's CBITS-bit offset from its least key in two passes of 12 bits;
 * a wide column's key's upper 32 bits in passes of 11, 11 and 10 bits
 * (2048 buckets: the narrower digits scatter faster). */
#define CBITS 24
#define MIN_BINADE_BITS 20
#define CSIZE 4096u		/* the widest digit's buckets */

struct pass_plan {
	int n;			/* passes */
	int sh[3], mask[3];	/* each pass's digit: (pair >> sh) & mask */
};

static const struct pass_plan narrow_plan = {2, {32, 44}, {0xfff, 0xfff}};
static const struct pass_plan wide_plan = {3, {32, 43, 54},
					   {0x7ff, 0x7ff, 0x3ff}};

/* A double's mantissa has 52 bits: a shift past 52 - MIN_BINADE_BITS
 * keeps fewer than MIN_BINADE_BITS of them in each power of two. */
#define WIDE_SHIFT (52 - MIN_BINADE_BITS)

/* The shift that cuts a span of keys to CBITS bits. */
static int coarse_shift(uint64_t span)
{
	int shift = 0;

	while (span >> shift >> CBITS)
		shift++;
	return shift;
}

/* The pair (coarse key, index i) of full key k (rank_order). */
static inline uint64_t pair_of(uint64_t k, size_t i, int wide, uint64_t kmin,
			       int shift)
{
	return (wide ? k & ~(uint64_t)UINT32_MAX
		     : (k - kmin) >> shift << 32) | i;
}

/* The counting pass of radix_sort_pairs: the digits' histograms h of
 * the pairs a[0..n), made from full keys first when keyed. Inlined with
 * constant wide and keyed, so that each case is a loop of its own. */
static inline __attribute__((always_inline)) void count_pairs(
	uint64_t *a, size_t n, size_t (*h)[CSIZE], int wide, int keyed,
	uint64_t kmin, int shift)
{
	for (size_t i = 0; i < n; i++) {
		STREAM_AHEAD(a, i);
		if (keyed)
			a[i] = pair_of(a[i], i, wide, kmin, shift);
		/* the plans' digits, constants here */
		for (int p = 0; p < (wide ? 3 : 2); p++) {
			const struct pass_plan *pl = wide ? &wide_plan
							  : &narrow_plan;

			h[p][(a[i] >> pl->sh[p]) & (uint64_t)pl->mask[p]]++;
		}
	}
}

/* LSD radix sort of packed pairs by their upper 32 bits (a coarse key in
 * the upper half, an index in the lower) in the passes of the wide or
 * the narrow plan; given full keys instead (keyed), each becomes its
 * pair (pair_of) on the counting pass. A pass whose digit is the same for
 * every pair is skipped. One array of 8-byte pairs rather than two: half
 * the write streams in the scatter. 0 or -1. */
static int radix_sort_pairs(uint64_t *a, size_t n, int wide, int keyed,
			    uint64_t kmin, int shift)
{
	const struct pass_plan *pl = wide ? &wide_plan : &narrow_plan;
	uint64_t *a2 = malloc(n * sizeof *a2), *as = a, *t;
	size_t(*h)[CSIZE] = calloc(3, sizeof *h);

	if (!a2 || !h) {
		free(a2);
		free(h);
		return -1;
	}
	if (wide && !keyed)	/* constant flags: three plain loops */
		count_pairs(a, n, h, 1, 0, kmin, shift);
	else if (wide)
		count_pairs(a, n, h, 1, 1, kmin, shift);
	else
		count_pairs(a, n, h, 0, 1, kmin, shift);
	for (int p = 0; p < pl->n; p++) {
		int sh = pl->sh[p];
		uint64_t m = (uint64_t)pl->mask[p];

		if (h[p][(as[0] >> sh) & m] == n)
			continue;
		digit_offsets(h[p], (unsigned)m + 1);
		for (size_t i = 0; i < n; i++) {
			STREAM_AHEAD(as, i);
			a2[h[p][(as[i] >> sh) & m]++] = as[i];
		}
		t = as;
		as = a2;
		a2 = t;
	}
	if (as != a) {
		memcpy(a, as, n * sizeof *a);
		a2 = as;
	}
	free(a2);
	free(h);
	return 0;
}

/* Sort the pairs p[0..n) (a run of equal coarse keys) by the full keys
 * of x at their indexes: insertion sort when short, else a radix sort of
 * the full keys (a very narrow input can put every trial in one run).
 * 0 or -1. */
static int sort_run(uint64_t *p, size_t n, const double *x)
{
	uint64_t *k;
	uint32_t *v;

	if (n <= 64) {
		for (size_t i = 1; i < n; i++) {
			uint64_t t = p[i];
			uint64_t kt = rank_key(x, PAIR_IDX(t));
			size_t j = i;

			for (; j > 0 && kt < rank_key(x, PAIR_IDX(p[j - 1])); j--)
				p[j] = p[j - 1];
			p[j] = t;
		}
		return 0;
	}
	k = malloc(n * sizeof *k);
	v = malloc(n * sizeof *v);
	if (!k || !v) {
		free(k);
		free(v);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		v[i] = PAIR_IDX(p[i]);
		k[i] = rank_key(x, v[i]);
	}
	if (rank_radix_sort(k, v, n) < 0) {
		free(k);
		free(v);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		p[i] = (p[i] & ~(uint64_t)UINT32_MAX) | v[i];
	free(k);
	free(v);
	return 0;
}

/* The order of x, for ranks: sort (coarse key, index) pairs with two or
 * three radix passes, then order each run of equal coarse keys by the
 * full keys. For a column within a few powers of two (a lognormal input,
 * say) the coarse key is the full key's offset from the column's least,
 * cut to its top CBITS bits: it keeps order (equal values get equal
 * coarse keys) and spends its bits on the column's own range, more of
 * each value's mantissa than the key's upper 32 bits hold (20 bits), so
 * that fewer trials share one (2.5% of neighbours against 10%, for a
 * lognormal of log-sd 0.2) on two passes instead of three. A column
 * across 0, or with a far outlier, spans some two thousand powers of
 * two; there CBITS bits would keep fewer than MIN_BINADE_BITS of the
 * mantissa, and the coarse key is the key's upper 32 bits (20 bits of
 * mantissa) on three passes. For discrete inputs runs hold equal values,
 * which the insertion sort passes in one comparison each. The members of
 * a run are read from x at random, so they are prefetched as the scan
 * approaches them. On return the pairs are in ascending order of x
 * (equal values have equal coarse keys). 0, or -1 on allocation
 * failure. */
int rank_order(uint64_t **out, const double *x, size_t n)
{
	enum { AHEAD = 64 };
	uint64_t *p = malloc((n ? n : 1) * sizeof *p);
	uint64_t kmin = UINT64_MAX, kmax = 0;
	size_t m = n < 1024 ? n : 1024;
	int shift, wide, keyed = 0;

	*out = NULL;
	if (!p || n > UINT32_MAX)
		goto fail;
	/* the first trials: a column wide there is wide (one pass, as the
	 * pairs of the key's upper halves need no range) */
	for (size_t i = 0; i < m; i++) {
		uint64_t k = rank_key(x, (uint32_t)i);

		kmin = k < kmin ? k : kmin;
		kmax = k > kmax ? k : kmax;
	}
	wide = m > 0 && coarse_shift(kmax - kmin) > WIDE_SHIFT;
	if (wide) {
		for (size_t i = 0; i < n; i++) {
			STREAM_AHEAD(x, i);
			p[i] = pair_of(rank_key(x, (uint32_t)i), i, 1, 0, 0);
		}
		shift = 0;
	} else {	/* the full keys and the whole range */
		for (size_t i = 0; i < n; i++) {
			uint64_t k = rank_key(x, (uint32_t)i);

			STREAM_AHEAD(x, i);
			p[i] = k;
			kmin = k < kmin ? k : kmin;
			kmax = k > kmax ? k : kmax;
		}
		shift = coarse_shift(n ? kmax - kmin : 0);
		wide = shift > WIDE_SHIFT;
		keyed = 1;
	}
	if (n > 0 && radix_sort_pairs(p, n, wide, keyed, kmin, shift) < 0)
		goto fail;
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;

		if (i + AHEAD + 1 < n &&
		    PAIR_KEY(p[i + AHEAD]) == PAIR_KEY(p[i + AHEAD + 1])) {
			__builtin_prefetch(x + PAIR_IDX(p[i + AHEAD]));
			__builtin_prefetch(x + PAIR_IDX(p[i + AHEAD + 1]));
		}
		while (j < n && PAIR_KEY(p[j]) == PAIR_KEY(p[i]))
			j++;
		if (j - i > 1 && sort_run(p + i, j - i, x) < 0)
			goto fail;
		i = j;
	}
	*out = p;
	return 0;
fail:
	free(p);
	return -1;
}

/* End of the group of equal values that starts at position a. */
size_t rank_tie_end(const uint64_t *p, size_t a, size_t n, const double *x)
{
	size_t b = a + 1;

	if (b < n && PAIR_KEY(p[b]) == PAIR_KEY(p[a])) {
		uint64_t ka = rank_key(x, PAIR_IDX(p[a]));
		while (b < n && PAIR_KEY(p[b]) == PAIR_KEY(p[a]) &&
		       rank_key(x, PAIR_IDX(p[b])) == ka)
			b++;
	}
	return b;
}

int rank_average(double *rank, const double *x, size_t n)
{
	uint64_t *r2 = malloc((n ? n : 1) * sizeof *r2);
	double syy;

	if (!r2 || rank_average2(r2, &syy, x, n) < 0) {
		free(r2);
		return -1;
	}
	for (size_t i = 0; i < n; i++)	/* exact: r2 < 2^33 */
		rank[i] = (double)r2[i] / 2;
	free(r2);
	return 0;
}

/* sum over the positions of (2 * average rank - n - 1)^2 of n ranks with
 * ties t = sum over the groups of equal values of g^3 - g: (n^3 - n -
 * t) / 3 (no ties: the sum of (2r - n - 1)^2 over r = 1..n is (n^3 -
 * n) / 3; a group of g sharing its mean loses the spread of g numbers 2
 * apart, (g^3 - g) / 3). Exact. */
static rank_i128 centred_squares(size_t n, rank_i128 t)
{
	rank_i128 m = (rank_i128)n;

	return (m * m * m - m - t) / 3;
}

/* g^3 - g of a group of g equal values. */
static rank_i128 tie_term(size_t g)
{
	rank_i128 m = (rank_i128)g;

	return m * m * m - m;
}

int rank_average2(uint64_t *r2, double *syy, const double *x, size_t n)
{
	rank_i128 t = 0;
	uint64_t *p;

	if (rank_order(&p, x, n) < 0)
		return -1;
	for (size_t a = 0; a < n;) {
		size_t b = rank_tie_end(p, a, n, x);

		/* positions a..b-1 share ranks a+1..b: twice their mean */
		for (size_t m = a; m < b; m++)
			r2[PAIR_IDX(p[m])] = (uint64_t)a + b + 1;
		if (b - a > 1)
			t += tie_term(b - a);
		a = b;
	}
	*syy = (double)centred_squares(n, t);
	free(p);
	return 0;
}

double rank_rho_of(rank_i128 sxy, double sxx, double syy)
{
	double r;

	if (!(sxx > 0) || !(syy > 0))
		return NAN;
	r = (double)sxy / sqrt(sxx * syy);
	return r > 1 ? 1 : r < -1 ? -1 : r;
}

double rank_median_of(double a, double b, size_t m)
{
	if (m % 2 == 1 || a == b)
		return a + 0.0;
	return 0.5 * a + 0.5 * b + 0.0;	/* -0 when both halves round to -0 */
}

/* The medians of the groups (rank_spearman_medians) from x's order p:
 * one pass over p, stopped once every group's two middle order
 * statistics have been seen. */
static void group_medians(double *med, const uint64_t *p, const double *x,
			  size_t n, const signed char *group,
			  const size_t *count, int ngroup)
{
	enum { AHEAD = 16 };
	size_t want_lo[RANK_MAX_GROUPS], want_hi[RANK_MAX_GROUPS];
	size_t seen[RANK_MAX_GROUPS] = {0};
	double lo_v[RANK_MAX_GROUPS] = {0};
	int left = 0;

	for (int g = 0; g < ngroup; g++) {
		want_lo[g] = count[g] ? (count[g] - 1) / 2 : SIZE_MAX;
		want_hi[g] = count[g] ? count[g] / 2 : SIZE_MAX;
		left += count[g] > 0;
	}
	for (size_t m = 0; m < n && left > 0; m++) {
		uint32_t i = PAIR_IDX(p[m]);
		int g = group[i];
		size_t c;

		if (m + AHEAD < n)	/* group is read in x's order */
			__builtin_prefetch(group + PAIR_IDX(p[m + AHEAD]));
		if (g < 0 || g >= ngroup)
			continue;
		c = seen[g]++;
		if (c == want_lo[g])
			lo_v[g] = x[i];
		if (c == want_hi[g]) {
			med[g] = rank_median_of(lo_v[g], x[i], count[g]);
			left--;
		}
	}
}

/* sum of (rx - c)(ry - c) over x's order p, rx, ry twice the average
 * ranks and c = n + 1, and t, x's ties (centred_squares), exactly. */
static rank_i128 cross_sum(const uint64_t *p, const double *x, size_t n,
			   const uint64_t *ry, rank_i128 *t)
{
	enum { AHEAD = 16 };
	const int64_t c = (int64_t)n + 1;
	rank_i128 sxy = 0;

	*t = 0;
	for (size_t a = 0; a < n;) {
		size_t b = rank_tie_end(p, a, n, x);
		int64_t d = (int64_t)(a + b) - (int64_t)n;	/* rx - c */

		if (a + AHEAD < n)	/* ry is read in x's order */
			__builtin_prefetch(ry + PAIR_IDX(p[a + AHEAD]));
		if (b - a == 1) {
			sxy += (rank_i128)d * ((int64_t)ry[PAIR_IDX(p[a])] - c);
		} else {
			rank_i128 sy = 0;

			for (size_t m = a; m < b; m++) {
				if (m + AHEAD < n)
					__builtin_prefetch(ry +
						PAIR_IDX(p[m + AHEAD]));
				sy += (int64_t)ry[PAIR_IDX(p[m])] - c;
			}
			sxy += d * sy;
			*t += tie_term(b - a);
		}
		a = b;
	}
	return sxy;
}

int rank_spearman_medians(double *rho, double *med, const double *x,
			  const struct rank_ranked *ry, size_t n,
			  const signed char *group, const size_t *count,
			  int ngroup)
{
	rank_i128 sxy = 0, t = 0;
	uint64_t *p;

	*rho = NAN;
	for (int g = 0; med && g <= ngroup; g++)
		med[g] = NAN;
	if (n < 1 || ngroup > RANK_MAX_GROUPS || (!med && (n < 2 || !ry)))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (isnan(x[i]))
			return 0;
	if (rank_order(&p, x, n) < 0)
		return -1;
	if (ry)
		sxy = cross_sum(p, x, n, ry->r2, &t);
	if (med) {
		med[0] = rank_median_of(x[PAIR_IDX(p[(n - 1) / 2])],
					x[PAIR_IDX(p[n / 2])], n);
		if (group)
			group_medians(med + 1, p, x, n, group, count, ngroup);
	}
	free(p);
	if (ry)
		*rho = rank_rho_of(sxy, (double)centred_squares(n, t),
				   ry->syy);
	return 0;
}

int rank_spearman_ranked(double *rho, const double *x,
			 const struct rank_ranked *ry, size_t n)
{
	return rank_spearman_medians(rho, NULL, x, ry, n, NULL, NULL, 0);
}

double rank_pearson(const double *x, const double *y, size_t n)
{
	double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0, r;

	if (n < 2)
		return NAN;
	for (size_t i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	for (size_t i = 0; i < n; i++) {
		double dx = x[i] - mx, dy = y[i] - my;
		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	if (!(sxx > 0) || !(syy > 0))
		return NAN;
	r = sxy / sqrt(sxx * syy);
	return r > 1 ? 1 : r < -1 ? -1 : r;
}

int rank_spearman(double *rho, const double *x, const double *y, size_t n)
{
	struct rank_ranked ry;
	uint64_t *r2;
	int rc;

	*rho = NAN;
	for (size_t i = 0; i < n; i++)
		if (isnan(y[i]))
			return 0;
	r2 = malloc((n ? n : 1) * sizeof *r2);
	if (!r2 || rank_average2(r2, &ry.syy, y, n) < 0) {
		free(r2);
		return -1;
	}
	ry.r2 = r2;
	rc = rank_spearman_ranked(rho, x, &ry, n);
	free(r2);
	return rc;
}
