/* ranksplit.c — ranks, rank correlations and medians of a column spread
 * over the ranks of a split run (runsplit.h), exact: the same numbers as
 * rank.c's on the whole column, with no rank holding more than its own
 * items and a share of the distinct values. See rank.h.
 *
 * The ranks come from a sample sort of the distinct values: each rank
 * orders its items (rank_order, as one process does), counts each
 * distinct value, and sends (key, count) to the rank that owns the key's
 * range (the splitters: a regular sample of every rank's keys, the same
 * on every rank); a value goes whole to one owner, so ties never
 * straddle ranks, and an input of few values sends few pairs. Each owner
 * merges the sorted runs it got, sums the counts of equal keys and
 * knows, from the totals of the owners below it, how many items are
 * smaller: twice the average rank is 2 * smaller + count + 1. The ranks
 * go back in the order the keys came (no indexes travel), and each rank
 * gives its items their value's rank (rank_average2_split: the NPV's).
 *
 * The sums of Spearman's rho are integers (rank_impl.h). For an input,
 * each pair also carries the sum of its items' centred NPV ranks, so the
 * owner adds its keys' products exactly in 128 bits and no rank comes
 * back; the owners' sums are added exactly as 32-bit limbs (sum_long),
 * and rho is rank.c's to the bit. The medians are order statistics of
 * the keys found by bisection on summed counts (split_medians). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rank.h"
#include "rank_impl.h"
#include "runsplit.h"
#include "sortkey.h"

#define MAX_SUMS 2
#define AHEAD 16		/* prefetch distance of the random reads */

/* v[0..nv) summed over the ranks, exactly: each as four 32-bit limbs
 * summed with sum_long (fewer than 2^31 ranks' limbs of < 2^32 fit in a
 * long), put back together modulo 2^128 (the true sum fits). 0 or -1. */
static int sum_i128(rank_i128 *v, int nv, const struct run_split *sp)
{
	long l[4 * MAX_SUMS];

	for (int i = 0; i < nv; i++)
		for (int k = 0; k < 4; k++)
			l[4 * i + k] = (long)(((rank_u128)v[i] >> (32 * k)) &
					      UINT32_MAX);
	if (sp->sum_long(sp->arg, l, 4 * (size_t)nv) < 0)
		return -1;
	for (int i = 0; i < nv; i++) {
		rank_u128 u = 0;

		for (int k = 0; k < 4; k++)
			u += (rank_u128)(unsigned long)l[4 * i + k] << (32 * k);
		v[i] = (rank_i128)u;
	}
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* The size - 1 splitters, on every rank the same: every rank with items
 * gives the keys at positions j * n / size (j = 1 .. size - 1) of its
 * keys in order k (a regular sample), and the splitters are the
 * sample's keys at j * S / size of its S in order. nl[q]: rank q's
 * items. 0 or -1. */
static int splitters(uint64_t *spl, const uint64_t *k, size_t n,
		     const long *nl, const struct run_split *sp)
{
	size_t size = (size_t)sp->size, s = 0, per = size - 1;
	size_t *c = malloc(2 * size * sizeof *c), *dsp = c ? c + size : NULL;
	uint64_t *buf;
	int rc = -1;

	for (size_t q = 0; c && q < size; q++) {
		c[q] = nl[q] > 0 ? per * sizeof *buf : 0;
		dsp[q] = s * sizeof *buf;
		s += nl[q] > 0 ? per : 0;
	}
	buf = malloc((s ? s : 1) * sizeof *buf);
	if (sp->any(sp->arg, !c || !buf))
		goto end;
	for (size_t j = 1; n > 0 && j < size; j++)
		buf[dsp[sp->rank] / sizeof *buf + j - 1] =
			k[(uint64_t)j * n / size];
	if (s && sp->allgather(sp->arg, buf, c, dsp) < 0)
		goto end;
	qsort(buf, s, sizeof *buf, cmp_u64);
	for (size_t j = 1; j < size; j++)
		spl[j - 1] = s ? buf[(uint64_t)j * s / size] : 0;
	rc = 0;
end:
	free(c);
	free(buf);
	return rc;
}

/* Heap of runs by the key at each run's head (cur; pairs of w words, the
 * key first), least on top. */
static void heap_down(uint32_t *h, size_t nh, size_t i, const uint64_t *in,
		      size_t w, const size_t *cur)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;

		if (l < nh && in[w * cur[h[l]]] < in[w * cur[h[m]]])
			m = l;
		if (l + 1 < nh && in[w * cur[h[l + 1]]] < in[w * cur[h[m]]])
			m = l + 1;
		if (m == i)
			return;
		uint32_t t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

/* The owner's part, first: the pairs in (w words each: key, count, ...),
 * from each rank q its rc[q] pairs in ascending order of key (a run),
 * merged by a heap of the runs into ord: the pairs' positions in
 * ascending order of key. 0 or -1 (this rank). */
static int owner_order(size_t *ord, const uint64_t *in, size_t w,
		       const size_t *rc, int size)
{
	size_t *cur = malloc(2 * (size_t)size * sizeof *cur);
	size_t *end = cur ? cur + size : NULL, nh = 0, at = 0;
	uint32_t *h = malloc((size_t)size * sizeof *h);

	if (!cur || !h) {
		free(cur);
		free(h);
		return -1;
	}
	for (int q = 0; q < size; q++) {
		cur[q] = at;
		at += rc[q];
		end[q] = at;
		if (cur[q] < end[q])
			h[nh++] = (uint32_t)q;
	}
	for (size_t i = nh; i-- > 0;)
		heap_down(h, nh, i, in, w, cur);
	for (at = 0; nh > 0; at++) {
		uint32_t q = h[0];

		ord[at] = cur[q]++;
		if (cur[q] == end[q])
			h[0] = h[--nh];
		heap_down(h, nh, 0, in, w, cur);
	}
	free(cur);
	free(h);
	return 0;
}

/* The owner's part, then, for each group of equal keys in ord's order
 * (g items, less items of every rank below them, base below this
 * owner's keys): twice their average rank 2 * less + g + 1 into out[]
 * of each pair (ranks), or, with the sums of y's centred doubled ranks
 * in the pairs (w == 4: the sum's low and high words), that rank
 * centred on c times each sum into sum[0] and its square times g into
 * sum[1] (this owner's part of sxy and sxx). */
static void owner_ranks(uint64_t *out, rank_i128 *sum, const uint64_t *in,
			size_t w, const size_t *ord, size_t m, size_t base,
			int64_t c)
{
	size_t less = base;

	for (size_t a = 0; a < m;) {
		size_t b = a, g = 0;
		uint64_t r2;
		rank_i128 sy = 0;

		for (; b < m && in[w * ord[b]] == in[w * ord[a]]; b++) {
			g += in[w * ord[b] + 1];
			if (w == 4)
				sy += (rank_i128)(((rank_u128)in[w * ord[b] + 3]
						   << 64) | in[w * ord[b] + 2]);
		}
		r2 = 2 * (uint64_t)less + g + 1;
		if (w == 4) {
			int64_t d = (int64_t)r2 - c;

			sum[0] += d * sy;
			sum[1] += (rank_i128)((uint64_t)d * (uint64_t)d) *
				  (rank_i128)g;
		} else {
			for (size_t i = a; i < b; i++)
				out[ord[i]] = r2;
		}
		less += g;
		a = b;
	}
}

/* The keys of x (rank_key: -0 made +0, as the ranks tie them) in the
 * order p: x is read at random, so it is prefetched ahead of the scan. */
static void keys_in_order(uint64_t *k, const uint64_t *p, const double *x,
			  size_t n)
{
	for (size_t m = 0; m < n; m++) {
		if (m + AHEAD < n)
			__builtin_prefetch(x + PAIR_IDX(p[m + AHEAD]));
		k[m] = rank_key(x, PAIR_IDX(p[m]));
	}
}

/* This rank's order of x, *p (rank_order), and x's keys in that order,
 * *k (keys_in_order). Collective: 0, or -1 on every rank (*p, *k then
 * freed and NULL). */
static int split_order(uint64_t **p, uint64_t **k, const double *x,
		       size_t n, const struct run_split *sp)
{
	int bad = rank_order(p, x, n) < 0;

	*k = malloc((n ? n : 1) * sizeof **k);
	if (sp->any(sp->arg, bad || !*k)) {
		free(*p);
		free(*k);
		*p = *k = NULL;
		return -1;
	}
	keys_in_order(*k, *p, x, n);
	return 0;
}

/* Twice the average ranks of this rank's n items among every rank's,
 * from their order p (rank_order) and their keys in that order k
 * (keys_in_order), and the number of every rank's
 * items into *ntot: into r2 (ry NULL); or, given y's doubled ranks ry of
 * the same items, only the exact sums sxy and sxx of Spearman's rho into
 * sum[0..2) (summed over the ranks): then each distinct value carries
 * the sum of its items' centred y ranks to its owner, and no rank comes
 * back. The collectives: the ranks' item counts, the splitters, the
 * pairs' counts, the pairs out, the owners' totals, and the ranks back
 * or the sums. 0 or -1 (on every rank). */
static int ranks_of_order(uint64_t *r2, rank_i128 *sum, const uint64_t *ry,
			  size_t *ntot, const uint64_t *p, const uint64_t *k,
			  size_t n, const struct run_split *sp)
{
	size_t size = (size_t)sp->size, d = 0, m = 0, base = 0;
	size_t w = ry ? 4 : 2;		/* words a pair */
	size_t *cnt = calloc(8 * size, sizeof *cnt);
	size_t *sc = cnt, *rc_ = cnt ? cnt + size : NULL;
	size_t *sb = cnt ? cnt + 2 * size : NULL;
	size_t *sd = cnt ? cnt + 3 * size : NULL;
	size_t *rb = cnt ? cnt + 4 * size : NULL;
	size_t *rd = cnt ? cnt + 5 * size : NULL;
	size_t *sb8 = cnt ? cnt + 6 * size : NULL;
	size_t *rb8 = cnt ? cnt + 7 * size : NULL, *ord = NULL;
	long *nl = calloc(size + 1, sizeof *nl);	/* [size]: failures */
	uint64_t *pairs = malloc(w * (n ? n : 1) * sizeof *pairs);
	uint64_t *back = ry ? NULL : malloc((n ? n : 1) * sizeof *back);
	uint64_t *spl = malloc(size * sizeof *spl), *in = NULL, *out = NULL;
	int64_t c;
	int rc = -1;

	*ntot = 0;
	if (sp->any(sp->arg, !cnt || !nl || !pairs || (!ry && !back) || !spl))
		goto end;
	nl[sp->rank] = (long)n;
	if (sp->sum_long(sp->arg, nl, size) < 0)
		goto end;
	for (size_t q = 0; q < size; q++)
		*ntot += (size_t)nl[q];
	c = (int64_t)*ntot + 1;
	if (*ntot == 0) {
		rc = 0;
		goto end;
	}
	/* this rank's distinct values in order, with their counts (and the
	 * sums of their items' centred y ranks) */
	for (size_t a = 0; a < n;) {
		size_t b = a + 1;

		while (b < n && k[b] == k[a])
			b++;
		pairs[w * d] = k[a];
		pairs[w * d + 1] = b - a;
		if (ry) {
			rank_i128 sy = 0;

			for (size_t i = a; i < b; i++) {
				if (i + AHEAD < n)	/* ry in x's order */
					__builtin_prefetch(ry +
						PAIR_IDX(p[i + AHEAD]));
				sy += (int64_t)ry[PAIR_IDX(p[i])] - c;
			}
			pairs[w * d + 2] = (uint64_t)sy;
			pairs[w * d + 3] = (uint64_t)((rank_u128)sy >> 64);
		}
		d++;
		a = b;
	}
	if (splitters(spl, k, n, nl, sp) < 0)
		goto end;
	/* a key goes to the first owner whose splitter is not below it */
	for (size_t i = 0, q = 0; i < d; i++) {
		while (q + 1 < size && pairs[w * i] > spl[q])
			q++;
		sc[q]++;
	}
	if (sp->alltoall(sp->arg, sc, rc_) < 0)
		goto end;
	for (size_t q = 0, at = 0, ar = 0; q < size; q++) {
		sb[q] = w * sc[q] * sizeof *pairs;
		sd[q] = w * at * sizeof *pairs;
		rb[q] = w * rc_[q] * sizeof *pairs;
		rd[q] = w * ar * sizeof *pairs;
		at += sc[q];
		ar += rc_[q];
		m += rc_[q];
	}
	in = malloc(w * (m ? m : 1) * sizeof *in);
	out = ry ? NULL : malloc((m ? m : 1) * sizeof *out);
	ord = malloc((m ? m : 1) * sizeof *ord);
	if (sp->any(sp->arg, !in || (!ry && !out) || !ord) ||
	    sp->alltoallv(sp->arg, pairs, sb, sd, in, rb, rd) < 0)
		goto end;
	/* the items below this owner's keys: the totals of the owners below
	 * (with any failure of the merge) */
	memset(nl, 0, (size + 1) * sizeof *nl);
	for (size_t i = 0; i < m; i++)
		nl[sp->rank] += (long)in[w * i + 1];
	nl[size] = owner_order(ord, in, w, rc_, sp->size) < 0;
	if (sp->sum_long(sp->arg, nl, size + 1) < 0 || nl[size])
		goto end;
	for (int q = 0; q < sp->rank; q++)
		base += (size_t)nl[q];
	if (ry) {
		sum[0] = sum[1] = 0;
		owner_ranks(NULL, sum, in, w, ord, m, base, c);
		rc = sum_i128(sum, 2, sp);
		goto end;
	}
	owner_ranks(out, NULL, in, w, ord, m, base, c);
	/* the ranks back, in the order their keys came */
	for (size_t q = 0; q < size; q++) {
		sb8[q] = rb[q] / 2;
		rb8[q] = sb[q] / 2;
		sd[q] /= 2;
		rd[q] /= 2;
	}
	if (sp->alltoallv(sp->arg, out, sb8, rd, back, rb8, sd) < 0)
		goto end;
	for (size_t i = 0, at = 0; i < d; i++)
		for (size_t e = at + pairs[2 * i + 1]; at < e; at++)
			r2[PAIR_IDX(p[at])] = back[i];
	rc = 0;
end:
	free(cnt);
	free(nl);
	free(pairs);
	free(back);
	free(spl);
	free(in);
	free(out);
	free(ord);
	return rc;
}

int rank_average2_split(uint64_t *r2, double *syy, const double *x,
			size_t n, const struct run_split *sp)
{
	uint64_t *p, *k;
	rank_i128 ss[1] = {0};
	size_t ntot;
	int rc;

	*syy = 0;
	if (split_order(&p, &k, x, n, sp) < 0)
		return -1;
	rc = ranks_of_order(r2, NULL, NULL, &ntot, p, k, n, sp);
	free(p);
	free(k);
	if (rc < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int64_t v = (int64_t)r2[i] - (int64_t)ntot - 1;

		ss[0] += (rank_i128)((uint64_t)v * (uint64_t)v);
	}
	if (sum_i128(ss, 1, sp) < 0)
		return -1;
	*syy = (double)ss[0];
	return 0;
}

/* Items of the sorted keys k[0..n) that are <= key. */
static size_t count_le(const uint64_t *k, size_t n, uint64_t key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (k[mid] <= key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Cuts a round of split_medians makes in each wanted interval. */
#define CUTS 255

/* Cut j (0 .. CUTS - 1) of [lo, hi]: lo + (hi - lo) (j + 1) / (CUTS + 1),
 * in [lo, hi). */
static uint64_t cut(uint64_t lo, uint64_t hi, int j)
{
	return lo + (uint64_t)((rank_u128)(hi - lo) * (unsigned)(j + 1) /
			       (CUTS + 1));
}

/* The medians of rank_spearman_medians_split from x's order p: med[0]
 * of every rank's x, med[1 + g] of those in group g (count[g] of them).
 * Each median is two order statistics of the keys of x (-0 made +0, as
 * the ranks tie them): the r-th (from 0) is the least key with more than
 * r keys at or below it. Each round cuts every wanted interval of keys
 * into 256, every rank counts its keys at or below each cut by binary
 * searches in its sorted keys, the counts are summed (sum_long) and each
 * interval narrows to the piece that holds its statistic: 8 rounds for
 * 64-bit keys, for all the medians at once. 0 or -1. */
static int split_medians(double *med, const uint64_t *p, const uint64_t *ka,
			 size_t n, size_t ntot, const signed char *group,
			 const size_t *count, int ngroup,
			 const struct run_split *sp)
{
	enum { MAXW = 2 * (RANK_MAX_GROUPS + 1) };
	int ns = ngroup + 1, nw = 0, seg[MAXW], busy = 1;
	size_t off[RANK_MAX_GROUPS + 2] = {0}, fill[RANK_MAX_GROUPS + 1];
	size_t want[MAXW];
	uint64_t lo[MAXW], hi[MAXW];
	long *c = malloc((size_t)MAXW * CUTS * sizeof *c);
	uint64_t *k = malloc((n ? n : 1) * sizeof *k);

	if (sp->any(sp->arg, !k || !c)) {
		free(k);
		free(c);
		return -1;
	}
	/* ka: every key in order; k: group g's in order at [off[g],
	 * off[g + 1]) */
	for (size_t i = 0; group && i < n; i++)
		if (group[i] >= 0 && group[i] < ngroup)
			off[group[i] + 1]++;
	for (int g = 0; g < ngroup; g++) {
		off[g + 1] += off[g];
		fill[g] = off[g];
	}
	for (size_t m = 0; group && m < n; m++) {
		int g;

		if (m + AHEAD < n)	/* group is read in x's order */
			__builtin_prefetch(group + PAIR_IDX(p[m + AHEAD]));
		g = group[PAIR_IDX(p[m])];
		if (g >= 0 && g < ngroup)
			k[fill[g]++] = ka[m];
	}
	for (int s = 0; s < ns; s++) {
		size_t m = s == 0 ? ntot : count[s - 1];

		med[s] = NAN;
		for (int j = 0; m > 0 && j < 2; j++) {
			seg[nw] = s;
			want[nw] = j == 0 ? (m - 1) / 2 : m / 2;
			lo[nw] = 0;
			hi[nw++] = UINT64_MAX;
		}
	}
	while (busy) {		/* lo, hi: the same on every rank */
		busy = 0;
		for (int w = 0; w < nw; w++) {
			int s = seg[w];
			const uint64_t *ks = s == 0 ? ka : k + off[s - 1];
			size_t ms = s == 0 ? n : off[s] - off[s - 1];

			for (int j = 0; j < CUTS; j++)
				c[w * CUTS + j] = lo[w] < hi[w] ? (long)count_le(
					ks, ms, cut(lo[w], hi[w], j)) : 0;
		}
		if (sp->sum_long(sp->arg, c, (size_t)nw * CUTS) < 0) {
			free(k);
			free(c);
			return -1;
		}
		for (int w = 0; w < nw; w++) {
			uint64_t l = lo[w], h = hi[w];
			int j = 0;

			if (l == h)
				continue;
			/* the first cut with more than want at or below it */
			while (j < CUTS && (size_t)c[w * CUTS + j] <= want[w])
				j++;
			lo[w] = j > 0 ? cut(l, h, j - 1) + 1 : l;
			hi[w] = j < CUTS ? cut(l, h, j) : h;
			busy |= lo[w] < hi[w];
		}
	}
	for (int w = 0; w < nw; w += 2) {
		int s = seg[w];

		med[s] = rank_median_of(double_of(lo[w]), double_of(lo[w + 1]),
					s == 0 ? ntot : count[s - 1]);
	}
	free(k);
	free(c);
	return 0;
}

int rank_spearman_medians_split(double *rho, double *med, const double *x,
				const struct rank_ranked *ry, size_t n,
				const signed char *group, const size_t *count,
				int ngroup, const struct run_split *sp)
{
	long tot[2] = {(long)n, 0};
	size_t ntot;
	uint64_t *p = NULL, *k = NULL;
	rank_i128 sum[2] = {0, 0};	/* sxy, sxx */
	int bad = 0, rc = -1;

	*rho = NAN;
	for (int g = 0; med && g <= ngroup; g++)
		med[g] = NAN;
	if (ngroup > RANK_MAX_GROUPS)
		return 0;
	for (size_t i = 0; i < n && !bad; i++)
		bad = isnan(x[i]);
	tot[1] = bad;
	if (sp->sum_long(sp->arg, tot, 2) < 0)
		return -1;
	ntot = (size_t)tot[0];
	if (tot[1] || ntot < 1 || (!med && (ntot < 2 || !ry)))
		return 0;	/* a NaN: everything NAN */
	if (split_order(&p, &k, x, n, sp) < 0)
		return -1;
	if (ry) {
		if (ranks_of_order(NULL, sum, ry->r2, &ntot, p, k, n, sp) < 0)
			goto end;
		*rho = rank_rho_of(sum[0], (double)sum[1], ry->syy);
	}
	if (med && split_medians(med, p, k, n, ntot, group, count, ngroup,
				 sp) < 0)
		goto end;
	rc = 0;
end:
	free(p);
	free(k);
	return rc;
}
