/* sobol.c — Sobol' indices from Saltelli's matrices, and their bootstrap
 * (see sobol.h; docs/notes-analysis.md "computesim drivers").
 *
 * Sums are plain loops in row order, so an estimate depends only on the
 * rows and their order, never on threads. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>

#include "agg.h"
#include "rng.h"
#include "sobol.h"

/* Salt of the bootstrap's streams, so that they are not the streams of
 * the trials drawn from the same seed. */
#define SOBOL_BOOT_SALT 0x626f6f7473747270ULL	/* "bootstrp" */

void sobol_estimate(const double *fa, const double *fb, const double *fab,
		    size_t n, int k, const uint32_t *cnt, double *work,
		    double *s1, double *st, double *var)
{
	double *wt = work, *wb = work + n;	/* weights; wt (fB - c) */
	double sum = 0, c, ss = 0, v;
	size_t n4 = n - n % 4;
	int same = 1;	/* every output the same: no variance, exactly */

	for (size_t j = 0; j < n; j++)
		wt[j] = cnt ? (double)cnt[j] : 1.0;
	for (size_t j = 0; j < n; j++)
		sum += wt[j] * (fa[j] + fb[j]);
	c = n ? sum / (2.0 * (double)n) : NAN;
	for (size_t j = 0; j < n; j++) {
		ss += wt[j] * ((fa[j] - c) * (fa[j] - c) +
			       (fb[j] - c) * (fb[j] - c));
		wb[j] = wt[j] * (fb[j] - c);
		same &= fa[j] == fa[0] && fb[j] == fa[0];
	}
	/* equal outputs have no variance, whatever the rounding of their
	 * mean c leaves in ss (3e-28 for a fixed scenario's NPV) */
	v = n > 0 ? (same ? 0 : ss / (2.0 * (double)n - 1)) : NAN;
	*var = v;
	for (int i = 0; i < k; i++) {
		const double *fi = fab + (size_t)i * n;
		double a[4] = {0, 0, 0, 0}, b[4] = {0, 0, 0, 0};
		size_t j;

		/* four partial sums: the additions do not wait on each other */
		for (j = 0; j < n4; j += 4)
			for (int u = 0; u < 4; u++) {
				double d = fi[j + u] - fa[j + u];
				a[u] += wb[j + u] * d;
				b[u] += wt[j + u] * d * d;
			}
		for (; j < n; j++) {
			double d = fi[j] - fa[j];
			a[0] += wb[j] * d;
			b[0] += wt[j] * d * d;
		}
		if (v > 0) {
			s1[i] = ((a[0] + a[1]) + (a[2] + a[3])) / (double)n / v;
			st[i] = ((b[0] + b[1]) + (b[2] + b[3])) /
				(2.0 * (double)n) / v;
		} else {
			s1[i] = NAN;
			st[i] = NAN;
		}
	}
}

void sobol_resample(uint32_t *cnt, size_t n, uint64_t seed, uint64_t b)
{
	gsl_rng *r = gsl_rng_alloc(computesim_rng_type);

	for (size_t j = 0; j < n; j++)
		cnt[j] = r ? 0 : 1;	/* no memory for 32 bytes: all rows */
	if (!r)
		return;
	rng_stream(r, seed ^ SOBOL_BOOT_SALT, b);
	for (size_t j = 0; j < n; j++)
		/* unbiased: GSL rejects the top of the range */
		cnt[gsl_rng_uniform_int(r, (unsigned long)n)]++;
	gsl_rng_free(r);
}

void sobol_interval(double *v, size_t m, double level, double *lo,
		    double *hi)
{
	*lo = NAN;
	*hi = NAN;
	if (m == 0)
		return;
	for (size_t j = 0; j < m; j++)
		if (isnan(v[j]))
			return;
	gsl_sort(v, 1, m);
	*lo = agg_quantile_sorted(v, m, 100 * (1 - level) / 2);
	*hi = agg_quantile_sorted(v, m, 100 * (1 + level) / 2);
}
