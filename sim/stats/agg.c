/* agg.c — moments, percentiles by selection; see agg.h.
 *
 * Percentiles: docs/model.md asks for GSL's definition (linear interpolation
 * between order statistics at (n-1)*p/100). A run needs seven or so
 * percentiles of each of ~300 metric-years over up to a million trials,
 * so sorting every column would cost more than the trials themselves.
 * Quickselect (partitioning) is O(n) but branchy: ~15 ns per value for
 * 14 order statistics. Radix selection on the doubles' bits needs two
 * branch-free passes and then only the few keys in the buckets that hold
 * a wanted rank: ~2 ns per value. See radix_level(). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "runsplit.h"
#include "sortkey.h"

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
	double s = 0;
	int same = 1;

	if (n == 0) {
		agg_moments_init(a);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		s += x[i * stride];
		same &= x[i * stride] == x[0];
	}
	agg_moments_of_summed(a, x, n, stride, s, same);
}

void agg_moments_of_summed(struct agg_moments *a, const double *x,
			   size_t n, size_t stride, double s, int same)
{
	double m, c = 0, q = 0;

	agg_moments_init(a);
	if (n == 0)
		return;
	a->n = (double)n;
	if (same) {		/* a fixed input: exactly its value, sd 0 */
		a->mean = x[0];
		return;
	}
	m = s / (double)n;
	for (size_t i = 0; i < n; i++) {
		double d = x[i * stride] - m;
		c += d;
		q += d * d;
	}
	/* corrected two-pass: c is ~0 but carries the rounding of m */
	a->mean = m + c / (double)n;
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
		return NAN;	/* one value says nothing of its error */
	return agg_moments_sd(a) / sqrt(a->n);
}

double agg_share_se(double p, size_t n)
{
	double m = (double)n + 4, q;

	if (n < 2 || isnan(p))
		return NAN;
	q = (round(p * (double)n) + 2) / m;	/* p * n: a count */
	return sqrt(q * (1 - q) / m);
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

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Multi-select on a[lo..hi] (inclusive): afterwards, for every rank r in
 * ranks[rlo..rhi) (sorted, inside [lo, hi]), a[r] holds the element a
 * full sort would put there. Hoare partition around a median of three;
 * the ranks are split between the two sides and each side that holds
 * some is handled in turn (the smaller one by recursion, so the stack
 * stays O(log n)). After `depth` partitions without finishing (a hostile
 * ordering), the range is sorted instead: O(n log n) at worst. */
static void mselect(uint64_t *a, size_t lo, size_t hi, const size_t *ranks,
		    size_t rlo, size_t rhi, int depth)
{
	while (rlo < rhi) {
		size_t mid, i, j, k;
		uint64_t p, t;

		if (hi - lo < 24) {	/* insertion sort */
			for (i = lo + 1; i <= hi; i++) {
				t = a[i];
				for (j = i; j > lo && t < a[j - 1]; j--)
					a[j] = a[j - 1];
				a[j] = t;
			}
			return;
		}
		if (depth-- <= 0) {
			qsort(a + lo, hi - lo + 1, sizeof *a, cmp_u64);
			return;
		}
		mid = lo + (hi - lo) / 2;
		if (a[mid] < a[lo]) {
			t = a[mid]; a[mid] = a[lo]; a[lo] = t;
		}
		if (a[hi] < a[mid]) {
			t = a[hi]; a[hi] = a[mid]; a[mid] = t;
			if (a[mid] < a[lo]) {
				t = a[mid]; a[mid] = a[lo]; a[lo] = t;
			}
		}
		p = a[mid];
		i = lo - 1;
		j = hi + 1;
		for (;;) {
			do
				i++;
			while (a[i] < p);
			do
				j--;
			while (p < a[j]);
			if (i >= j)
				break;
			t = a[i]; a[i] = a[j]; a[j] = t;
		}
		/* a[lo..j] <= p <= a[j+1..hi], lo <= j < hi */
		k = rlo;
		while (k < rhi && ranks[k] <= j)
			k++;
		if (k - rlo <= rhi - k) {
			mselect(a, lo, j, ranks, rlo, k, depth);
			lo = j + 1;
			rlo = k;
		} else {
			mselect(a, j + 1, hi, ranks, k, rhi, depth);
			hi = j;
			rhi = k;
		}
	}
}

static int depth_limit(size_t n)
{
	int d = 0;

	while (n > 1) {
		n >>= 1;
		d++;
	}
	return 4 * d + 8;
}

/* Radix selection. A column's keys lie in [kmin, kmax]; split that range
 * into SNB buckets of 2^shift keys, count the keys per bucket (one pass),
 * and keep only the keys of the buckets that hold a wanted rank (a second
 * pass). Those few are resolved the same way, or by quickselect once
 * small. Each pass is a plain loop without data-dependent branches but
 * one rarely taken, which is what makes this several times faster than
 * partitioning. Because the key is the double's bits, buckets are linear
 * in value within a power of two and logarithmic across them: skewed
 * (lognormal) columns spread as well as narrow ones. */
#define SBITS 11
#define SNB (1u << SBITS)
#define SMALL 2048		/* quickselect below this many keys */

struct ksel {
	size_t cnt[SNB + 1];	/* + 1: keys outside [kmin, kmax] (NaN) */
	size_t cum[SNB + 2];
};

static int bits_of(uint64_t x)
{
	int b = 0;

	while (x) {
		x >>= 1;
		b++;
	}
	return b;
}

static size_t bucket_of(uint64_t k, uint64_t kmin, int shift)
{
	uint64_t b = (k - kmin) >> shift;	/* wraps for k < kmin */

	return b < SNB ? (size_t)b : SNB;
}

/* Where a level reads its keys: the column itself (double or float
 * values, keyed on the fly) or a buffer of keys gathered by the level
 * above. Three plain loops rather than one with a switch inside. */
enum src_kind { SRC_KEYS, SRC_DOUBLE, SRC_FLOAT };

struct src {
	enum src_kind kind;
	const void *p;
	size_t n;
};

/* The key range of one radix level: keys in [lo, hi], SNB buckets of
 * 2^shift keys each; keys equal to lo or hi (point masses at the ends:
 * a utilization of exactly 1, a surplus of exactly 0) are counted apart
 * so that they never need a further level. */
struct level {
	uint64_t lo, hi;
	int shift;
	size_t nlo, nhi;	/* keys equal to lo, to hi */
};

static void count_keys(const struct src *s, struct level *lv, size_t *cnt)
{
	uint64_t lo = lv->lo, hi = lv->hi;
	int shift = lv->shift;
	size_t n = s->n, nlo = 0, nhi = 0;

#define COUNT(P, KEY)                                                         \
	for (size_t i = 0; i < n; i++) {                                      \
		uint64_t k_ = (KEY);                                          \
		STREAM_AHEAD(P, i);                                           \
		cnt[bucket_of(k_, lo, shift)]++;                              \
		nlo += k_ == lo;                                              \
		nhi += k_ == hi;                                              \
	}
	if (s->kind == SRC_KEYS) {
		const uint64_t *k = s->p;
		COUNT(k, k[i])
	} else if (s->kind == SRC_DOUBLE) {
		const double *x = s->p;
		COUNT(x, key_bits(x[i]))
	} else {
		const float *x = s->p;
		COUNT(x, key_bits(x[i]))
	}
#undef COUNT
	lv->nlo = nlo;
	lv->nhi = nhi;
}

/* Copy the keys of the wanted buckets, but those equal to lo or hi, to
 * buf at pos[bucket]; note each bucket's smallest and largest key. */
static void gather_keys(const struct src *s, const struct level *lv,
			const unsigned char *want, size_t *pos, uint64_t *buf,
			uint64_t *bmin, uint64_t *bmax)
{
	uint64_t lo = lv->lo, hi = lv->hi;
	int shift = lv->shift;
	size_t n = s->n;

#define GATHER(P, KEY)                                                        \
	for (size_t i = 0; i < n; i++) {                                      \
		uint64_t k_ = (KEY);                                          \
		STREAM_AHEAD(P, i);                                           \
		size_t b_ = bucket_of(k_, lo, shift);                         \
		if (want[b_] && k_ != lo && k_ != hi) {                       \
			buf[pos[b_]++] = k_;                                  \
			bmin[b_] = k_ < bmin[b_] ? k_ : bmin[b_];             \
			bmax[b_] = k_ > bmax[b_] ? k_ : bmax[b_];             \
		}                                                             \
	}
	if (s->kind == SRC_KEYS) {
		const uint64_t *k = s->p;
		GATHER(k, k[i])
	} else if (s->kind == SRC_DOUBLE) {
		const double *x = s->p;
		GATHER(x, key_bits(x[i]))
	} else {
		const float *x = s->p;
		GATHER(x, key_bits(x[i]))
	}
#undef GATHER
}

static int select_keys(uint64_t *k, size_t n, uint64_t lo, uint64_t hi,
		       const size_t *ranks, size_t m, uint64_t *out);

/* One radix level over s, whose keys lie in [lo, hi] (lo < hi; keys
 * outside, i.e. NaNs, go to an extra last bucket SNB): out[j] = key of
 * rank ranks[j]. In rank order the keys are: those equal to lo, the
 * interior buckets 0..SNB-1, those equal to hi, the outside bucket.
 * 0 or -1 on allocation failure. */
static int radix_level(const struct src *s, uint64_t lo, uint64_t hi,
		       const size_t *ranks, size_t m, uint64_t *out)
{
	int bits = bits_of(hi - lo);
	struct level lv = {lo, hi, bits > SBITS ? bits - SBITS : 0, 0, 0};
	size_t *cnt = calloc(2 * (SNB + 2), sizeof *cnt);
	size_t *cum = cnt ? cnt + SNB + 2 : NULL;	/* rank of bucket start */
	size_t *pos = malloc((SNB + 1) * sizeof *pos);
	size_t *lr = malloc((m ? m : 1) * sizeof *lr);
	uint64_t *bmin = malloc(2 * (SNB + 1) * sizeof *bmin);
	uint64_t *bmax = bmin ? bmin + SNB + 1 : NULL;
	unsigned char *want = calloc(SNB + 1, 1);
	uint64_t *buf = NULL;
	size_t tot = 0, hi_at, out_at;
	int rc = -1;

	if (!cnt || !pos || !lr || !bmin || !want)
		goto end;
	count_keys(s, &lv, cnt);
	cnt[0] -= lv.nlo;
	cnt[bucket_of(hi, lo, lv.shift)] -= lv.nhi;
	cum[0] = lv.nlo;
	for (size_t b = 0; b < SNB; b++)
		cum[b + 1] = cum[b] + cnt[b];
	hi_at = cum[SNB];
	out_at = hi_at + lv.nhi;
	/* the buckets that hold wanted ranks */
	for (size_t j = 0, b = 0; j < m; j++) {
		size_t r = ranks[j];

		if (r < lv.nlo || (r >= hi_at && r < out_at))
			continue;
		if (r >= out_at)
			b = SNB;
		else
			while (cum[b + 1] <= r)
				b++;
		if (!want[b]) {
			want[b] = 1;
			pos[b] = tot;
			tot += cnt[b];
			bmin[b] = UINT64_MAX;
			bmax[b] = 0;
		}
	}
	buf = malloc((tot ? tot : 1) * sizeof *buf);
	if (!buf)
		goto end;
	if (tot)
		gather_keys(s, &lv, want, pos, buf, bmin, bmax);
	rc = 0;
	for (size_t j = 0, b = 0; j < m && rc == 0;) {
		size_t j1 = j, c = 0, r = ranks[j], start;

		if (r < lv.nlo) {
			out[j++] = lo;
			continue;
		}
		if (r >= hi_at && r < out_at) {
			out[j++] = hi;
			continue;
		}
		if (r >= out_at) {
			b = SNB;
			start = out_at;
		} else {
			while (cum[b + 1] <= r)
				b++;
			start = cum[b];
		}
		while (j1 < m && ranks[j1] >= start &&
		       ranks[j1] - start < cnt[b])
			lr[c++] = ranks[j1++] - start;
		/* pos[b] now marks the end of bucket b's keys */
		rc = select_keys(buf + pos[b] - cnt[b], cnt[b], bmin[b],
				 bmax[b], lr, c, out + j);
		j = j1;
	}
end:
	free(buf);
	free(want);
	free(bmin);
	free(lr);
	free(pos);
	free(cnt);
	return rc;
}

/* Order statistics of a buffer of keys in [lo, hi] (permuted). */
static int select_keys(uint64_t *k, size_t n, uint64_t lo, uint64_t hi,
		       const size_t *ranks, size_t m, uint64_t *out)
{
	struct src s = {SRC_KEYS, k, n};

	if (lo == hi) {
		for (size_t j = 0; j < m; j++)
			out[j] = lo;
		return 0;
	}
	if (n <= SMALL) {
		mselect(k, 0, n - 1, ranks, 0, m, depth_limit(n));
		for (size_t j = 0; j < m; j++)
			out[j] = k[ranks[j]];
		return 0;
	}
	return radix_level(&s, lo, hi, ranks, m, out);
}

/* The requested levels from the selected order statistics ko (in the
 * order of q->ranks): each level's lower one, interpolated towards the
 * next when it falls between two. */
static void levels_of(const struct agg_qplan *q, const uint64_t *ko,
		      double *out)
{
	for (int j = 0; j < q->nl; j++) {
		size_t r = 0;
		double a, b;

		while (q->ranks[r] != q->lhs[j])
			r++;
		a = double_of(ko[r]);
		b = q->delta[j] > 0 ? double_of(ko[r + 1]) : a;
		out[j] = q->delta[j] > 0 ? interp(a, b, q->delta[j]) : a;
	}
}

/* Percentiles of a column (double or float) by radix selection. */
static int select_column(struct src *s, const struct agg_qplan *q,
			 double lo, double hi, double *out)
{
	uint64_t *ko = malloc((q->nranks ? q->nranks : 1) * sizeof *ko);
	size_t n = s->n;
	int rc;

	if (!ko)
		return -1;
	if (!(lo <= hi)) {	/* find the range (NaNs aside) */
		lo = INFINITY;
		hi = -INFINITY;
		for (size_t i = 0; i < n; i++) {
			double v = s->kind == SRC_DOUBLE
					   ? ((const double *)s->p)[i]
					   : ((const float *)s->p)[i];
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
		if (!(lo <= hi))	/* all NaN */
			lo = hi = NAN;
	}
	if (s->kind == SRC_FLOAT) {	/* the stored values' range */
		lo = (float)lo;
		hi = (float)hi;
	}
	/* -0 and +0 have different keys: widen the range to hold both */
	if (lo == 0)
		lo = -0.0;
	if (hi == 0)
		hi = 0.0;
	if (isnan(lo)) {
		for (size_t j = 0; j < q->nranks; j++)
			ko[j] = key_bits(NAN);
		rc = 0;
	} else if (key_bits(lo) == key_bits(hi)) {
		for (size_t j = 0; j < q->nranks; j++)
			ko[j] = key_bits(lo);
		rc = 0;
	} else {
		rc = radix_level(s, key_bits(lo), key_bits(hi), q->ranks,
				 q->nranks, ko);
	}
	if (rc == 0)
		levels_of(q, ko, out);
	free(ko);
	return rc;
}

int agg_select(const double *x, const struct agg_qplan *q, double lo,
	       double hi, double *out)
{
	struct src s = {SRC_DOUBLE, x, q->n};

	if (q->n == 0)
		return 0;
	return select_column(&s, q, lo, hi, out);
}

int agg_select_float(const float *x, const struct agg_qplan *q, double lo,
		     double hi, double *out)
{
	struct src s = {SRC_FLOAT, x, q->n};

	if (q->n == 0)
		return 0;
	return select_column(&s, q, lo, hi, out);
}

/* ---- selection over the ranks of a split run --------------------------- */

/* Past this many keys in all, a wanted bucket is split by a further
 * level rather than gathered on every rank. */
#ifndef AGG_GATHER_MAX	/* tests build it small to reach every level */
#define AGG_GATHER_MAX 65536
#endif
#define GATHER_MAX ((size_t)AGG_GATHER_MAX)

/* One radix level over the column spread across the ranks: s is this
 * rank's part; the keys of all parts lie in [lo, hi] (lo < hi) but for
 * NaNs (top level) or keys outside the range that other levels own (never
 * wanted: ranks count only keys inside). ranks[0..m) are sorted and
 * relative to the range. Every rank gets the same out[j] = key of rank
 * ranks[j]. 0 or -1 (on every rank alike). */
static int split_level(const struct src *s, uint64_t lo, uint64_t hi,
		       const size_t *ranks, size_t m, uint64_t *out,
		       const struct run_split *sp)
{
	int bits = bits_of(hi - lo), size = sp->size;
	struct level lv = {lo, hi, bits > SBITS ? bits - SBITS : 0, 0, 0};
	size_t nv = SNB + 3, nw = 0, tot = 0, all = 0;
	size_t *mine = calloc(nv, sizeof *mine);	/* this rank's counts */
	long *cnt = calloc(nv, sizeof *cnt);		/* every rank's */
	size_t *cum = malloc((SNB + 2) * sizeof *cum);
	size_t *pos = malloc((SNB + 1) * sizeof *pos);
	uint64_t *bmin = malloc(2 * (SNB + 1) * sizeof *bmin);
	uint64_t *bmax = bmin ? bmin + SNB + 1 : NULL;
	unsigned char *want = calloc(SNB + 1, 1);	/* 1 gather, 2 level */
	size_t *wb = malloc((m ? m : 1) * sizeof *wb);	/* wanted buckets */
	long *per = NULL;		/* [q * nw + i]: keys of wb[i] on q */
	size_t *gc = NULL, *gd = NULL, *lr = NULL;
	uint64_t *buf = NULL, *kb = NULL;
	size_t hi_at, out_at;
	int rc = -1;

	if (sp->any(sp->arg, !mine || !cnt || !cum || !pos || !bmin ||
			     !want || !wb))
		goto end;
	count_keys(s, &lv, mine);
	mine[0] -= lv.nlo;
	mine[bucket_of(hi, lo, lv.shift)] -= lv.nhi;
	mine[SNB + 1] = lv.nlo;
	mine[SNB + 2] = lv.nhi;
	for (size_t b = 0; b < nv; b++)
		cnt[b] = (long)mine[b];
	if (sp->sum_long(sp->arg, cnt, nv) < 0)
		goto end;
	cum[0] = (size_t)cnt[SNB + 1];
	for (size_t b = 0; b < SNB; b++)
		cum[b + 1] = cum[b] + (size_t)cnt[b];
	hi_at = cum[SNB];
	out_at = hi_at + (size_t)cnt[SNB + 2];
	/* the wanted buckets, in order: small ones (and NaNs) gathered */
	for (size_t j = 0, b = 0; j < m; j++) {
		size_t r = ranks[j];

		if (r < cum[0] || (r >= hi_at && r < out_at))
			continue;
		if (r >= out_at)
			b = SNB;
		else
			while (cum[b + 1] <= r)
				b++;
		if (!want[b]) {
			want[b] = b == SNB || (size_t)cnt[b] <= GATHER_MAX ? 1
									  : 2;
			wb[nw++] = b;
		}
	}
	/* gathered buckets: this rank's keys of each, then every rank's */
	per = calloc((size_t)size * (nw ? nw : 1), sizeof *per);
	gc = malloc(2 * (size_t)size * sizeof *gc);
	gd = gc ? gc + size : NULL;
	lr = malloc((m ? m : 1) * sizeof *lr);
	if (sp->any(sp->arg, !per || !gc || !lr))
		goto end;
	for (size_t i = 0; i < nw; i++)
		if (want[wb[i]] == 1) {
			pos[wb[i]] = tot;
			tot += mine[wb[i]];
			per[(size_t)sp->rank * nw + i] = (long)mine[wb[i]];
			bmin[wb[i]] = UINT64_MAX;
			bmax[wb[i]] = 0;
		}
	if (sp->sum_long(sp->arg, per, (size_t)size * nw) < 0)
		goto end;
	for (int q = 0; q < size; q++) {
		size_t t = 0;

		for (size_t i = 0; i < nw; i++)
			t += want[wb[i]] == 1 ? (size_t)per[(size_t)q * nw + i]
					      : 0;
		gc[q] = t * sizeof *buf;
		gd[q] = all * sizeof *buf;
		all += t;
	}
	buf = malloc((all ? all : 1) * sizeof *buf);
	kb = malloc((all ? all : 1) * sizeof *kb);
	if (sp->any(sp->arg, !buf || !kb))
		goto end;
	{
		unsigned char *w1 = calloc(SNB + 1, 1);

		if (sp->any(sp->arg, !w1)) {
			free(w1);
			goto end;
		}
		for (size_t i = 0; i < nw; i++)
			w1[wb[i]] = want[wb[i]] == 1;
		if (tot)
			gather_keys(s, &lv, w1, pos, buf + gd[sp->rank] /
							 sizeof *buf,
				    bmin, bmax);
		free(w1);
	}
	if (all && sp->allgather(sp->arg, buf, gc, gd) < 0)
		goto end;
	rc = 0;
	for (size_t j = 0, i = 0; j < m && rc == 0;) {
		size_t r = ranks[j], b, start, j1 = j, c = 0;

		if (r < cum[0]) {
			out[j++] = lo;
			continue;
		}
		if (r >= hi_at && r < out_at) {
			out[j++] = hi;
			continue;
		}
		if (r >= out_at) {
			b = SNB;
			start = out_at;
		} else {
			for (b = 0; cum[b + 1] <= r; b++)
				;
			start = cum[b];
		}
		while (wb[i] != b)
			i++;
		while (j1 < m && ranks[j1] >= start &&
		       ranks[j1] - start < (size_t)cnt[b])
			lr[c++] = ranks[j1++] - start;
		if (want[b] == 1) {
			/* bucket b's keys of every rank, in rank order (any
			 * order would do: these are order statistics) */
			size_t at = 0, n = 0;
			uint64_t kmin = UINT64_MAX, kmax = 0;

			for (int q = 0; q < size; q++) {
				size_t off = gd[q] / sizeof *buf;

				for (size_t h = 0; h < i; h++)
					off += want[wb[h]] == 1
						? (size_t)per[(size_t)q * nw + h]
						: 0;
				n = (size_t)per[(size_t)q * nw + i];
				memcpy(kb + at, buf + off, n * sizeof *kb);
				at += n;
			}
			for (size_t h = 0; h < at; h++) {
				kmin = kb[h] < kmin ? kb[h] : kmin;
				kmax = kb[h] > kmax ? kb[h] : kmax;
			}
			rc = select_keys(kb, at, kmin, kmax, lr, c, out + j);
		} else {
			/* a further level over the keys strictly inside
			 * bucket b and (lo, hi) */
			uint64_t l2 = lo + ((uint64_t)b << lv.shift);
			uint64_t h2 = l2 + (((uint64_t)1 << lv.shift) - 1);

			l2 = l2 > lo ? l2 : lo + 1;
			h2 = h2 < hi ? h2 : hi - 1;
			if (l2 == h2)
				for (size_t h = 0; h < c; h++)
					out[j + h] = l2;
			else
				rc = split_level(s, l2, h2, lr, c, out + j,
						 sp);
		}
		j = j1;
	}
	if (sp->any(sp->arg, rc < 0))
		rc = -1;
end:
	free(mine);
	free(cnt);
	free(cum);
	free(pos);
	free(bmin);
	free(want);
	free(wb);
	free(per);
	free(gc);
	free(lr);
	free(buf);
	free(kb);
	return rc;
}

int agg_select_split(const void *x, int is_float, size_t n,
		     const struct agg_qplan *q, double lo, double hi,
		     double *out, const struct run_split *sp)
{
	struct src s = {is_float ? SRC_FLOAT : SRC_DOUBLE, x, n};
	uint64_t *ko;
	int rc;

	if (q->n == 0)
		return 0;
	ko = malloc((q->nranks ? q->nranks : 1) * sizeof *ko);
	if (sp->any(sp->arg, !ko)) {
		free(ko);
		return -1;
	}
	if (is_float) {		/* the stored values' range */
		lo = (float)lo;
		hi = (float)hi;
	}
	if (lo == 0)
		lo = -0.0;
	if (hi == 0)
		hi = 0.0;
	if (!(lo <= hi)) {	/* all NaN */
		for (size_t j = 0; j < q->nranks; j++)
			ko[j] = key_bits(NAN);
		rc = 0;
	} else if (key_bits(lo) == key_bits(hi)) {
		for (size_t j = 0; j < q->nranks; j++)
			ko[j] = key_bits(lo);
		rc = 0;
	} else {
		rc = split_level(&s, key_bits(lo), key_bits(hi), q->ranks,
				 q->nranks, ko, sp);
	}
	if (rc == 0)
		levels_of(q, ko, out);
	free(ko);
	return rc;
}
