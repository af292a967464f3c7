/* check_lhs.c — Latin hypercube designs (sim/lhs.c): the keyed
 * permutation is a bijection of [0, size) for any size, different for
 * every dimension, seed and start; its strata are unrelated between
 * dimensions; every normal lies in its stratum, finite at both ends. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "lhs.h"
#include "rank.h"
#include "testutil.h"

static struct lhs_design *design(uint64_t seed, uint64_t start,
				 uint64_t size, int ndim)
{
	struct lhs_design *d = NULL;

	ck_assert_int_eq(lhs_design_new(&d, seed, start, size, ndim), 0);
	ck_assert_ptr_nonnull(d);
	return d;
}

/* Every size from 1 to 70, and sizes around powers of two (the Feistel
 * network runs on the next power of two and walks back): each
 * dimension's strata of trials 0 .. size-1 are 0 .. size-1, each once. */
START_TEST(test_lhs_bijection)
{
	static const uint64_t big[] = {1023, 1024, 1025, 4095, 4097, 65537,
				       100000};
	uint64_t sizes[70 + sizeof big / sizeof big[0]];
	int ns = 0;

	for (uint64_t n = 1; n <= 70; n++)
		sizes[ns++] = n;
	for (size_t k = 0; k < sizeof big / sizeof big[0]; k++)
		sizes[ns++] = big[k];
	for (int k = 0; k < ns; k++) {
		uint64_t n = sizes[k];
		struct lhs_design *d = design(2026, 0, n, 3);
		unsigned char *seen = calloc(n, 1);

		ck_assert_ptr_nonnull(seen);
		for (int dim = 0; dim < 3; dim++) {
			memset(seen, 0, n);
			for (uint64_t j = 0; j < n; j++) {
				uint64_t s = lhs_stratum(d, dim, j);
				ck_assert_msg(s < n, "size %llu: stratum %llu",
					      (unsigned long long)n,
					      (unsigned long long)s);
				ck_assert_msg(!seen[s], "size %llu dim %d: "
					      "stratum %llu twice",
					      (unsigned long long)n, dim,
					      (unsigned long long)s);
				seen[s] = 1;
			}
		}
		free(seen);
		lhs_design_free(d);
	}
	lhs_design_free(NULL);
}
END_TEST

/* Keys: two dimensions, two seeds, two starts give different
 * permutations; the same arguments the same one. */
START_TEST(test_lhs_keys)
{
	enum { N = 1000 };
	struct lhs_design *a = design(7, 0, N, 2), *b = design(8, 0, N, 2);
	struct lhs_design *c = design(7, 4096, N, 2), *a2 = design(7, 0, N, 2);
	int same01 = 0, same_seed = 0, same_start = 0, fixed = 0;

	for (uint64_t j = 0; j < N; j++) {
		uint64_t s = lhs_stratum(a, 0, j);
		same01 += s == lhs_stratum(a, 1, j);
		same_seed += s == lhs_stratum(b, 0, j);
		same_start += s == lhs_stratum(c, 0, j);
		fixed += s == j;
		ck_assert(s == lhs_stratum(a2, 0, j));
	}
	/* a random permutation agrees with another in about 1 place */
	ck_assert_int_lt(same01, 10);
	ck_assert_int_lt(same_seed, 10);
	ck_assert_int_lt(same_start, 10);
	ck_assert_int_lt(fixed, 10);
	lhs_design_free(a);
	lhs_design_free(b);
	lhs_design_free(c);
	lhs_design_free(a2);
}
END_TEST

/* Strata of different dimensions are unrelated, as independent random
 * permutations would be: Spearman's rho between dimensions 0..5 and
 * between each and the trial index within 5/sqrt(N) = 0.0158 of 0, and
 * the strata of neighbouring trials too (lag-1), N = 100,000. Under
 * independence rho has sd 1/sqrt(N - 1). */
START_TEST(test_lhs_dimensions_unrelated)
{
	enum { N = 100000, D = 6 };
	struct lhs_design *d = design(2026, 0, N, D);
	double *s = malloc((size_t)(D + 1) * N * sizeof *s);
	double tol = 5 / sqrt((double)N), rho;

	ck_assert_ptr_nonnull(s);
	for (int k = 0; k < D; k++)
		for (uint64_t j = 0; j < N; j++)
			s[(size_t)k * N + j] = (double)lhs_stratum(d, k, j);
	for (uint64_t j = 0; j < N; j++)
		s[(size_t)D * N + j] = (double)j;
	for (int k = 0; k < D; k++) {
		for (int m = k + 1; m <= D; m++) {
			ck_assert_int_eq(rank_spearman(&rho, s + (size_t)k * N,
						       s + (size_t)m * N, N), 0);
			ck_assert_msg(fabs(rho) < tol, "dims %d, %d: rho %g",
				      k, m, rho);
		}
		ck_assert_int_eq(rank_spearman(&rho, s + (size_t)k * N,
					       s + (size_t)k * N + 1, N - 1),
				 0);
		ck_assert_msg(fabs(rho) < tol, "dim %d lag 1: rho %g", k, rho);
	}
	free(s);
	lhs_design_free(d);
}
END_TEST

/* lhs_normal(j, u) = Phi^-1((stratum + u) / size): Phi of it lies in
 * the stratum (to 1e-12), it grows with u, and the end strata are finite
 * even at the ends of u's range (u = 2^-53 and 1 - 2^-53). */
START_TEST(test_lhs_normal_in_stratum)
{
	enum { N = 5000 };
	struct lhs_design *d = design(3, 100, N, 1);
	const double us[] = {0x1p-53, 0.25, 0.5, 0.75, 1 - 0x1p-53};

	for (uint64_t j = 0; j < N; j++) {
		double s = (double)lhs_stratum(d, 0, j), prev = -INFINITY;

		for (size_t k = 0; k < sizeof us / sizeof us[0]; k++) {
			double z = lhs_normal(d, 0, j, us[k]);
			double p = gsl_cdf_ugaussian_P(z);

			ck_assert_msg(isfinite(z), "stratum %g u %g", s, us[k]);
			ck_assert(z > prev);
			prev = z;
			ck_assert_msg(p >= s / N - 1e-12 &&
				      p <= (s + 1) / N + 1e-12,
				      "stratum %g: Phi(z) = %.15g", s, p);
			ck_assert_double_eq_tol(p, (s + us[k]) / N, 1e-12);
		}
	}
	lhs_design_free(d);
}
END_TEST

/* A design of one trial: its only stratum is 0 and the normal is
 * Phi^-1(u). */
START_TEST(test_lhs_one_trial)
{
	struct lhs_design *d = design(1, 0, 1, 2);

	ck_assert(lhs_stratum(d, 1, 0) == 0);
	ck_assert_double_eq_tol(lhs_normal(d, 0, 0, 0.975), 1.959963984540054,
				1e-12);
	lhs_design_free(d);
}
END_TEST

static Suite *lhs_suite(void)
{
	Suite *s = suite_create("lhs");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_lhs_bijection);
	tcase_add_test(tc, test_lhs_keys);
	tcase_add_test(tc, test_lhs_dimensions_unrelated);
	tcase_add_test(tc, test_lhs_normal_in_stratum);
	tcase_add_test(tc, test_lhs_one_trial);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(lhs_suite)
