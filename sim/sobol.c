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
		    size_t n, int k, const uint32_t *idx, double *s1,
		    double *st, double *var)
{
	double sum = 0, c, ss = 0, v;

	for (size_t j = 0; j < n; j++) {
		size_t r = idx ? idx[j] : j;
		sum += fa[r] + fb[r];
	}
	c = n ? sum / (2.0 * (double)n) : NAN;
	for (size_t j = 0; j < n; j++) {
		size_t r = idx ? idx[j] : j;
		ss += (fa[r] - c) * (fa[r] - c) + (fb[r] - c) * (fb[r] - c);
	}
	v = n > 0 ? ss / (2.0 * (double)n - 1) : NAN;
	*var = v;
	for (int i = 0; i < k; i++) {
		const double *fi = fab + (size_t)i * n;
		double a = 0, b = 0;

		for (size_t j = 0; j < n; j++) {
			size_t r = idx ? idx[j] : j;
			double dab = fi[r] - fa[r];
			a += (fb[r] - c) * dab;
			b += dab * dab;
		}
		if (v > 0) {
			s1[i] = a / (double)n / v;
			st[i] = b / (2.0 * (double)n) / v;
		} else {
			s1[i] = NAN;
			st[i] = NAN;
		}
	}
}

void sobol_resample(uint32_t *idx, size_t n, uint64_t seed, uint64_t b)
{
	gsl_rng *r = gsl_rng_alloc(computesim_rng_type);

	if (!r) {		/* no memory for 32 bytes: the identity */
		for (size_t j = 0; j < n; j++)
			idx[j] = (uint32_t)j;
		return;
	}
	rng_stream(r, seed ^ SOBOL_BOOT_SALT, b);
	for (size_t j = 0; j < n; j++)
		/* unbiased: GSL rejects the top of the range */
		idx[j] = (uint32_t)gsl_rng_uniform_int(r, (unsigned long)n);
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
