/* check_rank.c — sorting, average ranks, Spearman's correlation
 * (sim/rank.c). */
#include <math.h>
#include <string.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "rank.h"
#include "rank_impl.h"
#include "testdata.h"
#include "testutil.h"

/* Worked by hand: x = 1 2 2 3 4 -> ranks 1 2.5 2.5 4 5; y = 2 1 4 3 5 ->
 * ranks 2 1 4 3 5. Deviations from 3: (-2 -.5 -.5 1 2), (-1 -2 1 0 2):
 * sxy = 6.5, sxx = 9.5, syy = 10, rho = 6.5 / sqrt(95) = 0.66688592885...
 * (scipy.stats.spearmanr gives the same). */
START_TEST(test_rank_spearman_ties_by_hand)
{
	double x[] = {1, 2, 2, 3, 4}, y[] = {2, 1, 4, 3, 5}, rk[5], rho;

	ck_assert_int_eq(rank_average(rk, x, 5), 0);
	ck_assert(rk[0] == 1 && rk[1] == 2.5 && rk[2] == 2.5 && rk[3] == 4 &&
		  rk[4] == 5);
	ck_assert_int_eq(rank_spearman(&rho, x, y, 5), 0);
	ck_assert_double_eq_tol(rho, 6.5 / sqrt(95.0), 1e-15);
	ck_assert_double_eq_tol(rho, 0.666885928855, 1e-12);
	ck_assert_int_eq(rank_spearman(&rho, y, x, 5), 0);
	ck_assert_double_eq_tol(rho, 6.5 / sqrt(95.0), 1e-15);
}
END_TEST

START_TEST(test_rank_spearman_no_variation_is_nan)
{
	double x[] = {3, 3, 3, 3}, y[] = {1, 2, 3, 4}, z[] = {0.0, -0.0, 0, 0};
	double w[] = {1, NAN, 3, 4}, rho;

	ck_assert_int_eq(rank_spearman(&rho, x, y, 4), 0);
	ck_assert(isnan(rho));
	ck_assert_int_eq(rank_spearman(&rho, y, z, 4), 0); /* -0 ties +0 */
	ck_assert(isnan(rho));
	ck_assert_int_eq(rank_spearman(&rho, y, w, 4), 0);
	ck_assert(isnan(rho));
	ck_assert_int_eq(rank_spearman(&rho, y, y, 1), 0);
	ck_assert(isnan(rho));
	ck_assert_int_eq(rank_spearman(&rho, y, y, 4), 0);
	ck_assert(rho == 1);
	double yr[] = {4, 3, 2, 1};
	ck_assert_int_eq(rank_spearman(&rho, y, yr, 4), 0);
	ck_assert(rho == -1);
}
END_TEST

/* Correlating with a precomputed ranking (as run.c does against NPV)
 * gives Spearman's rho as Pearson's correlation of the two average
 * rankings does, ties included. */
START_TEST(test_rank_spearman_ranked_matches)
{
	size_t n = 20000;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
	double *rx = malloc(n * sizeof *rx), *rky = malloc(n * sizeof *rky);
	uint64_t *r2 = malloc(n * sizeof *r2);
	struct rank_ranked ry = {r2, 0};
	double a, b;

	for (int nvals = 0; nvals <= 30; nvals += 10) {
		test_fill(r, x, n, nvals);
		for (size_t i = 0; i < n; i++)	/* related to x, with ties */
			y[i] = floor(x[i] / 3 + 4 * gsl_rng_uniform(r));
		ck_assert_int_eq(rank_average2(r2, &ry.syy, y, n), 0);
		ck_assert_int_eq(rank_average(rx, x, n), 0);
		ck_assert_int_eq(rank_average(rky, y, n), 0);
		for (size_t i = 0; i < n; i++)
			ck_assert(rky[i] * 2 == (double)r2[i]);
		a = rank_pearson(rx, rky, n);
		ck_assert_int_eq(rank_spearman_ranked(&b, x, &ry, n), 0);
		ck_assert_msg(fabs(a - b) < 1e-12, "%.17g vs %.17g", a, b);
		ck_assert_int_eq(rank_spearman(&a, x, y, n), 0);
		ck_assert(a == b);
		ck_assert(a > 0.1);
	}
	for (size_t i = 0; i < n; i++)
		x[i] = 7;
	ck_assert_int_eq(rank_spearman_ranked(&b, x, &ry, n), 0);
	ck_assert(isnan(b));
	free(x);
	free(y);
	free(rx);
	free(rky);
	free(r2);
	gsl_rng_free(r);
}
END_TEST

/* The exact integer sums, worked by hand on the example above: doubled
 * ranks of x = 1 2 2 3 4 are 2 5 5 8 10, of y = 2 1 4 3 5 are 4 2 8 6 10;
 * centred on n + 1 = 6: (-4 -1 -1 2 4) and (-2 -4 2 0 4): sxy = 8 + 4 - 2
 * + 0 + 16 = 26, sxx = 16 + 1 + 1 + 4 + 16 = 38, syy = 4 + 16 + 4 + 0 +
 * 16 = 40 (four times 6.5, 9.5, 10): rho = 26 / sqrt(38 * 40), to the
 * bit, either way round. */
START_TEST(test_rank_spearman_exact_by_hand)
{
	double x[] = {1, 2, 2, 3, 4}, y[] = {2, 1, 4, 3, 5}, rho;
	uint64_t r2[5], want[5] = {4, 2, 8, 6, 10};
	struct rank_ranked ry = {r2, 0};

	ck_assert_int_eq(rank_average2(r2, &ry.syy, y, 5), 0);
	for (int i = 0; i < 5; i++)
		ck_assert_uint_eq(r2[i], want[i]);
	ck_assert(ry.syy == 40);
	ck_assert_int_eq(rank_spearman_ranked(&rho, x, &ry, 5), 0);
	ck_assert(rho == 26 / sqrt(38.0 * 40.0));
	ck_assert_double_eq_tol(rho, 0.666885928855, 1e-12);
	ck_assert_int_eq(rank_average2(r2, &ry.syy, x, 5), 0);
	ck_assert(ry.syy == 38);
	ck_assert(r2[0] == 2 && r2[1] == 5 && r2[2] == 5 && r2[3] == 8 &&
		  r2[4] == 10);
	ck_assert_int_eq(rank_spearman(&rho, y, x, 5), 0);
	ck_assert(rho == 26 / sqrt(40.0 * 38.0));
}
END_TEST

/* Past 64 bits: n = 4,000,001 ranks without ties have syy = (n^3 - n) /
 * 3 = 2.1e19 > 2^64; with every value twice (ties of 2) it loses
 * (2^3 - 2) / 3 = 2 a pair. A variable against itself is 1, against
 * its reverse -1. */
START_TEST(test_rank_spearman_exact_large)
{
	size_t n = 4000001;
	double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), rho;
	uint64_t *r2 = malloc(n * sizeof *r2);
	struct rank_ranked ry = {r2, 0};
	rank_i128 m = (rank_i128)n, want = (m * m * m - m) / 3;

	for (size_t i = 0; i < n; i++) {
		x[i] = (double)i;
		y[i] = -(double)i;
	}
	ck_assert_int_eq(rank_average2(r2, &ry.syy, x, n), 0);
	ck_assert(ry.syy == (double)want);
	ck_assert(ry.syy > 1.8446744073709552e19);
	ck_assert_int_eq(rank_spearman_ranked(&rho, x, &ry, n), 0);
	ck_assert(rho == 1);
	ck_assert_int_eq(rank_spearman_ranked(&rho, y, &ry, n), 0);
	ck_assert(rho == -1);
	for (size_t i = 0; i < n; i++)
		x[i] = (double)(i / 2);	/* n odd: the last value alone */
	ck_assert_int_eq(rank_average2(r2, &ry.syy, x, n), 0);
	ck_assert(ry.syy == (double)(want - 2 * (rank_i128)(n / 2)));
	free(x);
	free(y);
	free(r2);
}
END_TEST

/* Medians by group against GSL's median of each group's sorted values,
 * on data with and without ties (n = 20,001 and 20,000: odd and even
 * counts), three groups and indexes in none (-1); rho is the same bits as
 * rank_spearman_ranked's; an empty group is NAN; a NaN makes all NAN. */
START_TEST(test_rank_spearman_medians_by_group)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	size_t nmax = 20001;
	double *x = malloc(nmax * sizeof *x), *yv = malloc(nmax * sizeof *yv);
	double *w = malloc(nmax * sizeof *w);
	uint64_t *r2 = malloc(nmax * sizeof *r2);
	struct rank_ranked ry = {r2, 0};
	signed char *g = malloc(nmax);

	for (size_t n = 20000; n <= nmax; n++)
		for (int nvals = 0; nvals <= 10; nvals += 10) {
			size_t cnt[3] = {0, 0, 0};
			double rho, rho2, med[4];

			test_fill(r, x, n, nvals);
			for (size_t i = 0; i < n; i++) {
				yv[i] = (double)(i % 97);
				/* group 2 leans high: medians differ */
				g[i] = (signed char)(x[i] > 0.3 ? 2 :
					gsl_rng_uniform_int(r, 3) - 1);
				if (g[i] >= 0)
					cnt[g[i]]++;
			}
			ck_assert_int_eq(rank_average2(r2, &ry.syy, yv, n), 0);
			ck_assert_int_eq(rank_spearman_medians(&rho, med, x, &ry,
							       n, g, cnt, 3), 0);
			ck_assert_int_eq(rank_spearman_ranked(&rho2, x, &ry, n),
					 0);
			ck_assert(rho == rho2 || (isnan(rho) && isnan(rho2)));
			memcpy(w, x, n * sizeof *w);
			gsl_sort(w, 1, n);
			ck_assert(med[0] ==
				  gsl_stats_median_from_sorted_data(w, 1, n));
			for (int k = 0; k < 3; k++) {
				size_t m = 0;

				for (size_t i = 0; i < n; i++)
					if (g[i] == k)
						w[m++] = x[i];
				ck_assert_uint_eq(m, cnt[k]);
				gsl_sort(w, 1, m);
				ck_assert_double_eq_tol(med[k + 1],
					gsl_stats_median_from_sorted_data(w, 1,
									  m),
					1e-15 * (1 + fabs(med[k + 1])));
			}
		}
	/* an empty group; a NaN */
	{
		double v[4] = {3, 1, 2, 5}, med[4], rho;
		signed char gg[4] = {0, 0, 2, 2};
		size_t cnt[3] = {2, 0, 2};

		ck_assert_int_eq(rank_spearman_medians(&rho, med, v, NULL, 4, gg,
						       cnt, 3), 0);
		ck_assert(isnan(rho));
		ck_assert_double_eq(med[0], 2.5);
		ck_assert_double_eq(med[1], 2);
		ck_assert(isnan(med[2]));
		ck_assert_double_eq(med[3], 3.5);
		v[1] = NAN;
		ck_assert_int_eq(rank_spearman_medians(&rho, med, v, NULL, 4, gg,
						       cnt, 3), 0);
		ck_assert(isnan(med[0]) && isnan(med[1]) && isnan(med[3]));
	}
	/* a zero median is +0, whichever zero sits in the middle */
	{
		double v[3] = {-0.0, -0.0, 1}, med[1], rho;

		ck_assert_int_eq(rank_spearman_medians(&rho, med, v, NULL, 3,
						       NULL, NULL, 0), 0);
		ck_assert(med[0] == 0 && !signbit(med[0]));
	}
	free(x);
	free(yv);
	free(r2);
	free(w);
	free(g);
	gsl_rng_free(r);
}
END_TEST

/* Ranks against the O(n^2) definition, on data with many ties. */
START_TEST(test_rank_average_match_definition)
{
	size_t n = 3000;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double *x = malloc(n * sizeof *x), *rk = malloc(n * sizeof *rk);

	for (int nvals = 0; nvals <= 40; nvals += 10) {
		test_fill(r, x, n, nvals);
		ck_assert_int_eq(rank_average(rk, x, n), 0);
		for (size_t i = 0; i < n; i++) {
			double less = 0, eq = 0;
			for (size_t j = 0; j < n; j++) {
				less += x[j] < x[i];
				eq += x[j] == x[i];
			}
			ck_assert_msg(rk[i] == less + (eq + 1) / 2,
				      "rank of x[%zu]=%g: %g, want %g", i, x[i],
				      rk[i], less + (eq + 1) / 2);
		}
	}
	free(x);
	free(rk);
	gsl_rng_free(r);
}
END_TEST

/* An input whose values but two lie in a range so narrow, against the
 * column's whole range, that they share one coarse key (one long run for
 * rank_order to sort by the full keys): ranks must still follow the
 * values. Without the two far values the coarse keys would tell them all
 * apart; the second case keeps the narrow cluster alone. */
START_TEST(test_rank_average_narrow_input)
{
	size_t n = 20000;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double *x = malloc(n * sizeof *x), *rk = malloc(n * sizeof *rk);
	size_t *idx = malloc(n * sizeof *idx);

	for (int far = 1; far >= 0; far--) {
		for (size_t i = 0; i < n; i++)
			x[i] = 1 + (double)gsl_rng_uniform_int(r, 15000) * 1e-15;
		if (far) {
			x[n / 3] = -1e300;
			x[n / 2] = 1e300;
		}
		ck_assert_int_eq(rank_average(rk, x, n), 0);
		gsl_sort_index(idx, x, 1, n);
		for (size_t i = 1; i < n; i++) {
			double a = x[idx[i - 1]], b = x[idx[i]];
			double ra = rk[idx[i - 1]], rb = rk[idx[i]];
			ck_assert(a < b ? ra < rb : ra == rb);
		}
		double sum = 0;	/* average ranks keep the total n(n+1)/2 */
		for (size_t i = 0; i < n; i++)
			sum += rk[i];
		ck_assert(sum == (double)n * (double)(n + 1) / 2);
		ck_assert(!far || (rk[n / 3] == 1 && rk[n / 2] == n));
	}
	free(x);
	free(rk);
	free(idx);
	gsl_rng_free(r);
}
END_TEST

/* A median between the least negative subnormal and -0 halves both to
 * -0: it is +0, as rank.h says, and as the split path gives (there the
 * values come back from their keys, where -0 is already +0). */
START_TEST(test_rank_median_of_negative_halves_is_plus_zero)
{
	double x[2] = {-0x1p-1074, -0.0}, med[2], rho;
	signed char g[2] = {0, 0};
	size_t cnt[1] = {2};
	struct run_split sp = test_split_one();

	ck_assert_int_eq(rank_spearman_medians(&rho, med, x, NULL, 2, g, cnt,
					       1), 0);
	ck_assert(med[0] == 0 && !signbit(med[0]));
	ck_assert(med[1] == 0 && !signbit(med[1]));
	ck_assert_int_eq(rank_spearman_medians_split(&rho, med, x, NULL, 2, g,
						     cnt, 1, &sp), 0);
	ck_assert(med[0] == 0 && !signbit(med[0]));
}
END_TEST

START_TEST(test_rank_sort_matches_gsl)
{
	size_t n = 100001;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double *x = malloc(n * sizeof *x), *s = malloc(n * sizeof *s);

	for (int nvals = 0; nvals <= 10; nvals += 10) {
		test_fill(r, x, n, nvals);
		x[5] = INFINITY;
		x[6] = -INFINITY;
		x[7] = 1e-310;	/* subnormal */
		x[8] = -1e-310;
		memcpy(s, x, n * sizeof *x);
		gsl_sort(s, 1, n);
		ck_assert_int_eq(rank_sort(x, n), 0);
		for (size_t i = 0; i < n; i++)
			ck_assert(x[i] == s[i]);
		for (size_t i = 1; i < n; i++) /* -0 before +0 */
			ck_assert(!(x[i] == 0 && x[i - 1] == 0 &&
				    signbit(x[i]) && !signbit(x[i - 1])));
	}
	free(x);
	free(s);
	gsl_rng_free(r);
}
END_TEST

/* The split functions on a split of one rank (the collectives on one
 * process) give the one-process functions' numbers bit for bit: the
 * sample sort, the owner's merge, the exact sums and the bisection of
 * the medians all run. Continuous data, few values with -0 and +0, a
 * constant, groups of which one is empty, n = 1, a NaN. The split over
 * several ranks is tests/cli_mpi.sh's. */
START_TEST(test_rank_split_one_rank_same_bits)
{
	struct run_split sp = test_split_one();
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	size_t nmax = 30001;
	double *x = malloc(nmax * sizeof *x), *y = malloc(nmax * sizeof *y);
	uint64_t *a2 = malloc(nmax * sizeof *a2), *b2 = malloc(nmax * sizeof *b2);
	signed char *g = malloc(nmax);
	static const size_t ns[] = {1, 2, 5, 30000, 30001};

	for (size_t t = 0; t < sizeof ns / sizeof *ns; t++)
		for (int nvals = -1; nvals <= 10; nvals += 1 + (nvals >= 0) * 9) {
			size_t n = ns[t], cnt[3] = {0, 0, 0};
			struct rank_ranked ra = {a2, 0}, rb = {b2, 0};
			double rho1, rho2, m1[4], m2[4];

			if (nvals < 0)	/* a constant */
				for (size_t i = 0; i < n; i++)
					x[i] = 2.5;
			else
				test_fill(r, x, n, nvals);
			test_fill(r, y, n, 7);
			for (size_t i = 0; i < n; i++) {
				g[i] = (signed char)(gsl_rng_uniform_int(r, 4) - 1);
				if (g[i] == 1)	/* group 1 stays empty */
					g[i] = 2;
				if (g[i] >= 0)
					cnt[g[i]]++;
			}
			ck_assert_int_eq(rank_average2(a2, &ra.syy, y, n), 0);
			ck_assert_int_eq(rank_average2_split(b2, &rb.syy, y, n,
							     &sp), 0);
			ck_assert(ra.syy == rb.syy);
			ck_assert(memcmp(a2, b2, n * sizeof *a2) == 0);
			ck_assert_int_eq(rank_spearman_medians(&rho1, m1, x, &ra,
							       n, g, cnt, 3), 0);
			ck_assert_int_eq(rank_spearman_medians_split(&rho2, m2, x,
					 &rb, n, g, cnt, 3, &sp), 0);
			ck_assert(memcmp(&rho1, &rho2, sizeof rho1) == 0);
			ck_assert(memcmp(m1, m2, sizeof m1) == 0);
			ck_assert(isnan(m1[2]));
			ck_assert(n < 2 || nvals < 0 || !isnan(rho1));
			ck_assert_int_eq(rank_spearman_medians_split(&rho2, m2, x,
					 NULL, n, g, cnt, 3, &sp), 0);
			ck_assert(isnan(rho2));
			ck_assert(memcmp(m1, m2, sizeof m1) == 0);
			x[n / 2] = NAN;	/* a NaN: everything NAN */
			ck_assert_int_eq(rank_spearman_medians_split(&rho2, m2, x,
					 &rb, n, g, cnt, 3, &sp), 0);
			ck_assert(isnan(rho2) && isnan(m2[0]) && isnan(m2[1]));
		}
	free(x);
	free(y);
	free(a2);
	free(b2);
	free(g);
	gsl_rng_free(r);
}
END_TEST

static Suite *rank_suite(void)
{
	Suite *s = suite_create("rank");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_rank_spearman_ties_by_hand);
	tcase_add_test(tc, test_rank_spearman_no_variation_is_nan);
	tcase_add_test(tc, test_rank_spearman_ranked_matches);
	tcase_add_test(tc, test_rank_spearman_exact_by_hand);
	tcase_add_test(tc, test_rank_spearman_exact_large);
	tcase_add_test(tc, test_rank_spearman_medians_by_group);
	tcase_add_test(tc, test_rank_average_match_definition);
	tcase_add_test(tc, test_rank_average_narrow_input);
	tcase_add_test(tc, test_rank_median_of_negative_halves_is_plus_zero);
	tcase_add_test(tc, test_rank_sort_matches_gsl);
	tcase_add_test(tc, test_rank_split_one_rank_same_bits);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(rank_suite)
