/* agg.c — moments, percentiles by selection, radix sort, ranks; see agg.h.
 *
 * Percentiles: MODEL.md asks for GSL's definition (linear interpolation
 * between order statistics at (n-1)*p/100). A run needs seven or so
 * percentiles of each of ~300 metric-years over up to a million trials,
 * so sorting every column would cost more than the trials themselves;
 * instead one recursive partitioning (quickselect that follows every
 * needed order statistic at once) places just the order statistics the
 * levels need, in about 3n comparisons per column. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"

/* ---- moments ---------------------------------------------------------- */

void agg_moments_init(struct agg_moments *a)
{
	a->n = 0;
	a->mean = 0;
	a->m2 = 0;
}

void agg_moments_add(struct agg_moments *a, double x)
{
	double d;

	a->n += 1;
	d = x - a->mean;
	a->mean += d / a->n;
	a->m2 += d * (x - a->mean);
}

void agg_moments_of(struct agg_moments *a, const double *x, size_t n,
		    size_t stride)
{
	double s = 0, m, c = 0, q = 0;

	agg_moments_init(a);
	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++)
		s += x[i * stride];
	m = s / (double)n;
	for (size_t i = 0; i < n; i++) {
		double d = x[i * stride] - m;
		c += d;
		q += d * d;
	}
	a->n = (double)n;
	a->mean = m;
	/* corrected two-pass: c is ~0 but absorbs the rounding of m */
	a->m2 = q - c * c / (double)n;
	if (a->m2 < 0)
		a->m2 = 0;
}

void agg_moments_merge(struct agg_moments *a, const struct agg_moments *b)
{
	double n, d;

	if (b->n == 0)
		return;
	if (a->n == 0) {
		*a = *b;
		return;
	}
	n = a->n + b->n;
	d = b->mean - a->mean;
	a->mean += d * (b->n / n);
	a->m2 += b->m2 + d * d * (a->n * b->n / n);
	a->n = n;
}

double agg_moments_sd(const struct agg_moments *a)
{
	if (a->n < 2)
		return 0;
	return sqrt(a->m2 / (a->n - 1));
}

double agg_moments_se(const struct agg_moments *a)
{
	if (a->n < 2)
		return 0;
	return agg_moments_sd(a) / sqrt(a->n);
}

void agg_moments_blocked(struct agg_moments *a, const double *x, size_t n,
			 size_t tile, size_t block)
{
	agg_moments_init(a);
	for (size_t b0 = 0; b0 < n; b0 += block) {
		size_t b1 = b0 + block < n ? b0 + block : n;
		struct agg_moments blk, t;

		agg_moments_init(&blk);
		for (size_t t0 = b0; t0 < b1; t0 += tile) {
			size_t t1 = t0 + tile < b1 ? t0 + tile : b1;
			agg_moments_of(&t, x + t0, t1 - t0, 1);
			agg_moments_merge(&blk, &t);
		}
		agg_moments_merge(a, &blk);
	}
}

/* ---- percentiles ------------------------------------------------------ */

/* GSL's index arithmetic, kept literally so that results match it bit for
 * bit: index = f*(n-1), lhs = (size_t)index, delta = index - lhs. */
static void quantile_index(size_t n, double p, size_t *lhs, double *delta)
{
	double f = p / 100;
	double index = f * (double)(n - 1);

	if (!(index > 0))
		index = 0;	/* p <= 0 (and NaN) */
	*lhs = (size_t)index;
	if (*lhs >= n - 1) {
		*lhs = n - 1;
		*delta = 0;
		return;
	}
	*delta = index - (double)*lhs;
}

/* (1-delta)*a + delta*b as GSL writes it; equal neighbours are returned
 * as they are (GSL can be an ulp off there, and a fixed input should read
 * back exactly). */
static double interp(double a, double b, double delta)
{
	if (delta == 0 || a == b)
		return a;
	return (1 - delta) * a + delta * b;
}

double agg_quantile_sorted(const double *x, size_t n, double p)
{
	size_t lhs;
	double delta;

	if (n == 0)
		return 0;
	quantile_index(n, p, &lhs, &delta);
	if (delta == 0)
		return x[lhs];
	return interp(x[lhs], x[lhs + 1], delta);
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

int agg_qplan_new(struct agg_qplan *q, size_t n, const double *levels,
		  int nl)
{
	size_t m = 0;

	memset(q, 0, sizeof *q);
	q->n = n;
	q->nl = nl;
	q->lhs = malloc(((size_t)nl + 1) * sizeof *q->lhs);
	q->delta = malloc(((size_t)nl + 1) * sizeof *q->delta);
	q->ranks = malloc(((size_t)nl * 2 + 1) * sizeof *q->ranks);
	if (!q->lhs || !q->delta || !q->ranks) {
		agg_qplan_free(q);
		return -1;
	}
	for (int j = 0; j < nl; j++) {
		quantile_index(n, levels[j], &q->lhs[j], &q->delta[j]);
		q->ranks[m++] = q->lhs[j];
		if (q->delta[j] > 0)
			q->ranks[m++] = q->lhs[j] + 1;
	}
	qsort(q->ranks, m, sizeof *q->ranks, cmp_size);
	q->nranks = 0;
	for (size_t i = 0; i < m; i++)
		if (q->nranks == 0 || q->ranks[q->nranks - 1] != q->ranks[i])
			q->ranks[q->nranks++] = q->ranks[i];
	return 0;
}

void agg_qplan_free(struct agg_qplan *q)
{
	free(q->lhs);
	free(q->delta);
	free(q->ranks);
	q->lhs = NULL;
	q->delta = NULL;
	q->ranks = NULL;
	q->nranks = 0;
	q->nl = 0;
}

/* qsort comparators for the worst-case fallback (NaN sorts last). */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	if (isnan(x) || isnan(y))
		return isnan(x) - isnan(y);
	return (x > y) - (x < y);
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	if (isnan(x) || isnan(y))
		return isnan(x) - isnan(y);
	return (x > y) - (x < y);
}

/* Multi-select on a[lo..hi] (inclusive): afterwards, for every rank r in
 * ranks[rlo..rhi) (sorted, inside [lo, hi]), a[r] holds the element a
 * full sort would put there. Hoare partition around a median of three;
 * the ranks are split between the two sides and each side that holds
 * some is handled in turn (the smaller one by recursion, so the stack
 * stays O(log n)). After `depth` partitions without finishing (a hostile
 * ordering), the range is sorted instead: O(n log n) at worst. */
#define DEFINE_MSELECT(NAME, T, CMP)                                          \
	static void NAME(T *a, size_t lo, size_t hi, const size_t *ranks,     \
			 size_t rlo, size_t rhi, int depth)                   \
	{                                                                     \
		while (rlo < rhi) {                                           \
			size_t mid, i, j, k;                                  \
			T p, t;                                               \
                                                                              \
			if (hi - lo < 24 || depth-- <= 0) {                   \
				if (hi - lo < 24) /* insertion sort */        \
					for (i = lo + 1; i <= hi; i++) {      \
						t = a[i];                     \
						for (j = i; j > lo &&         \
							    t < a[j - 1]; j--) \
							a[j] = a[j - 1];      \
						a[j] = t;                     \
					}                                     \
				else                                          \
					qsort(a + lo, hi - lo + 1, sizeof *a, \
					      CMP);                           \
				return;                                       \
			}                                                     \
			mid = lo + (hi - lo) / 2;                             \
			if (a[mid] < a[lo]) {                                 \
				t = a[mid]; a[mid] = a[lo]; a[lo] = t;        \
			}                                                     \
			if (a[hi] < a[mid]) {                                 \
				t = a[hi]; a[hi] = a[mid]; a[mid] = t;        \
				if (a[mid] < a[lo]) {                         \
					t = a[mid]; a[mid] = a[lo];           \
					a[lo] = t;                            \
				}                                             \
			}                                                     \
			p = a[mid];                                           \
			i = lo - 1;                                           \
			j = hi + 1;                                           \
			for (;;) {                                            \
				do                                            \
					i++;                                  \
				while (a[i] < p);                             \
				do                                            \
					j--;                                  \
				while (p < a[j]);                             \
				if (i >= j)                                   \
					break;                                \
				t = a[i]; a[i] = a[j]; a[j] = t;              \
			}                                                     \
			/* a[lo..j] <= p <= a[j+1..hi], lo <= j < hi */       \
			k = rlo;                                              \
			while (k < rhi && ranks[k] <= j)                      \
				k++;                                          \
			if (k - rlo <= rhi - k) {                             \
				NAME(a, lo, j, ranks, rlo, k, depth);         \
				lo = j + 1;                                   \
				rlo = k;                                      \
			} else {                                              \
				NAME(a, j + 1, hi, ranks, k, rhi, depth);     \
				hi = j;                                       \
				rhi = k;                                      \
			}                                                     \
		}                                                             \
	}

DEFINE_MSELECT(mselect_double, double, cmp_double)
DEFINE_MSELECT(mselect_float, float, cmp_float)

static int depth_limit(size_t n)
{
	int d = 0;

	while (n > 1) {
		n >>= 1;
		d++;
	}
	return 4 * d + 8;
}

void agg_select(double *x, const struct agg_qplan *q, double *out)
{
	if (q->n == 0)
		return;
	mselect_double(x, 0, q->n - 1, q->ranks, 0, q->nranks,
		       depth_limit(q->n));
	for (int j = 0; j < q->nl; j++) {
		size_t l = q->lhs[j];
		out[j] = q->delta[j] > 0 ? interp(x[l], x[l + 1], q->delta[j])
					 : x[l];
	}
}

void agg_select_float(float *x, const struct agg_qplan *q, double *out)
{
	if (q->n == 0)
		return;
	mselect_float(x, 0, q->n - 1, q->ranks, 0, q->nranks,
		      depth_limit(q->n));
	for (int j = 0; j < q->nl; j++) {
		size_t l = q->lhs[j];
		out[j] = q->delta[j] > 0
				 ? interp(x[l], x[l + 1], q->delta[j])
				 : (double)x[l];
	}
}

/* ---- radix sort and ranks --------------------------------------------- */

#define RBITS 11
#define RSIZE (1u << RBITS)
#define RPASSES 6		/* 6 * 11 >= 64 */

/* Order-preserving map of a double to an unsigned key: flip every bit of
 * a negative number, only the sign bit of a positive one. NaN maps last. */
static uint64_t key_of(double x)
{
	uint64_t u;

	if (isnan(x))
		return UINT64_MAX;
	memcpy(&u, &x, sizeof u);
	return (u >> 63) ? ~u : u | (UINT64_C(1) << 63);
}

static double double_of(uint64_t k)
{
	uint64_t u;
	double x;

	if (k == UINT64_MAX)
		return NAN;
	u = (k >> 63) ? k & ~(UINT64_C(1) << 63) : ~k;
	memcpy(&x, &u, sizeof x);
	return x;
}

/* LSD radix sort of keys k (and payload v, if not NULL) in place; passes
 * whose digit is the same for every key are skipped. 0 or -1. */
static int radix_sort(uint64_t *k, uint32_t *v, size_t n)
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
	for (size_t i = 0; i < n; i++)
		for (int p = 0; p < RPASSES; p++)
			h[p][(k[i] >> (p * RBITS)) & (RSIZE - 1)]++;
	for (int p = 0; p < RPASSES; p++) {
		int sh = p * RBITS;
		size_t sum = 0;
		uint64_t *kt;
		uint32_t *vt;

		if (h[p][(ks[0] >> sh) & (RSIZE - 1)] == n)
			continue;
		for (unsigned d = 0; d < RSIZE; d++) {
			size_t c = h[p][d];
			h[p][d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++) {
			size_t o = h[p][(ks[i] >> sh) & (RSIZE - 1)]++;
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

int agg_sort(double *x, size_t n)
{
	uint64_t *k = malloc((n ? n : 1) * sizeof *k);

	if (!k)
		return -1;
	for (size_t i = 0; i < n; i++)
		k[i] = key_of(x[i]);
	if (radix_sort(k, NULL, n) < 0) {
		free(k);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		x[i] = double_of(k[i]);
	free(k);
	return 0;
}

int agg_ranks(double *rank, const double *x, size_t n)
{
	uint64_t *k = malloc((n ? n : 1) * sizeof *k);
	uint32_t *v = malloc((n ? n : 1) * sizeof *v);

	if (!k || !v || n > UINT32_MAX) {
		free(k);
		free(v);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		k[i] = key_of(x[i] + 0.0);	/* -0 + 0.0 is +0: they tie */
		v[i] = (uint32_t)i;
	}
	if (radix_sort(k, v, n) < 0) {
		free(k);
		free(v);
		return -1;
	}
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		double r;

		while (j < n && k[j] == k[i])
			j++;
		/* positions i..j-1 share ranks i+1..j: their average */
		r = ((double)i + (double)j + 1) / 2;
		for (size_t m = i; m < j; m++)
			rank[v[m]] = r;
		i = j;
	}
	free(k);
	free(v);
	return 0;
}

double agg_pearson(const double *x, const double *y, size_t n)
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

int agg_spearman(double *rho, const double *x, const double *y, size_t n)
{
	double *rx, *ry;

	*rho = NAN;
	for (size_t i = 0; i < n; i++)
		if (isnan(x[i]) || isnan(y[i]))
			return 0;
	rx = malloc((n ? n : 1) * sizeof *rx);
	ry = malloc((n ? n : 1) * sizeof *ry);
	if (!rx || !ry || agg_ranks(rx, x, n) < 0 || agg_ranks(ry, y, n) < 0) {
		free(rx);
		free(ry);
		return -1;
	}
	*rho = agg_pearson(rx, ry, n);
	free(rx);
	free(ry);
	return 0;
}
