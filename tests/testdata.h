/* testdata.h — random test data shared by the aggregation and rank
 * suites. */
#ifndef COMPUTESIM_TESTDATA_H
#define COMPUTESIM_TESTDATA_H

#include <math.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

/* Random data of size n: continuous when nvals == 0, else drawn from
 * nvals distinct values (ties), some negative, some -0. */
static inline void test_fill(gsl_rng *r, double *x, size_t n, int nvals)
{
	for (size_t i = 0; i < n; i++) {
		if (nvals)
			x[i] = (double)(gsl_rng_uniform_int(r, (unsigned long)nvals))
			       - nvals / 3;
		else
			x[i] = (gsl_rng_uniform(r) - 0.3) *
			       exp(8 * gsl_rng_uniform(r));
		if (nvals && x[i] == 0 && (i & 1))
			x[i] = -0.0;
	}
}

#endif
