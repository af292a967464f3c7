/* check_agg.c — moments and percentiles (sim/agg.c). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "agg.h"
#include "runsplit.h"
#include "testdata.h"
#include "testutil.h"

static const double levels[] = {0, 0.1, 1, 5, 10, 25, 33.3, 50,
				75, 90, 95, 99, 99.9, 100};
#define NLEVELS ((int)(sizeof levels / sizeof levels[0]))

/* Percentile by GSL; equal neighbours may be an ulp off in GSL, agg
 * returns the neighbour itself there (documented); at a whole index agg
 * returns the order statistic where GSL adds 0 * (next one). */
static void expect_gsl(const double *sorted, size_t n, double p, double got)
{
	double want = gsl_stats_quantile_from_sorted_data(sorted, 1, n,
							  p / 100);
	double idx = p / 100 * (double)(n - 1);
	size_t lhs = (size_t)idx;

	if (lhs + 1 < n && sorted[lhs] == sorted[lhs + 1] &&
	    idx > (double)lhs)
		want = sorted[lhs];
	if (idx == (double)lhs)	/* GSL: 1*a + 0*b is NaN for b infinite */
		want = sorted[lhs];
	ck_assert_msg(memcmp(&want, &got, sizeof got) == 0 ||
			      (want == 0 && got == 0),
		      "n=%zu p=%g: got %.17g, GSL %.17g", n, p, got, want);
}

START_TEST(test_agg_percentiles_match_gsl)
{
	static const size_t sizes[] = {1, 2, 3, 7, 24, 25, 101, 1000, 10007,
				       100000};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);

	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
		for (int nvals = 0; nvals <= 50; nvals += 5) {
			size_t n = sizes[s];
			double *x = malloc(n * sizeof *x);
			double *sorted = malloc(n * sizeof *x);
			double out[NLEVELS];
			struct agg_qplan q;

			test_fill(r, x, n, nvals);
			memcpy(sorted, x, n * sizeof *x);
			gsl_sort(sorted, 1, n);
			ck_assert_int_eq(agg_qplan_new(&q, n, levels, NLEVELS), 0);
			/* range found, then range given (as run.c does) */
			ck_assert_int_eq(agg_select(x, &q, INFINITY, -INFINITY,
						    out), 0);
			for (int j = 0; j < NLEVELS; j++)
				expect_gsl(sorted, n, levels[j], out[j]);
			ck_assert_int_eq(agg_select(x, &q, sorted[0],
						    sorted[n - 1], out), 0);
			for (int j = 0; j < NLEVELS; j++) {
				expect_gsl(sorted, n, levels[j], out[j]);
				expect_gsl(sorted, n, levels[j],
					   agg_quantile_sorted(sorted, n,
							       levels[j]));
			}
			agg_qplan_free(&q);
			agg_qplan_free(&q); /* safe twice */
			free(x);
			free(sorted);
		}
	gsl_rng_free(r);
}
END_TEST

START_TEST(test_agg_percentiles_float_storage)
{
	size_t n = 5001;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	float *xf = malloc(n * sizeof *xf);
	double *sorted = malloc(n * sizeof *sorted);
	double out[NLEVELS];
	struct agg_qplan q;

	for (int nvals = 0; nvals <= 20; nvals += 20) {
		test_fill(r, sorted, n, nvals);
		for (size_t i = 0; i < n; i++) {
			xf[i] = (float)sorted[i];
			sorted[i] = xf[i];	/* what float storage keeps */
		}
		gsl_sort(sorted, 1, n);
		ck_assert_int_eq(agg_qplan_new(&q, n, levels, NLEVELS), 0);
		ck_assert_int_eq(agg_select_float(xf, &q, INFINITY, -INFINITY,
						  out), 0);
		for (int j = 0; j < NLEVELS; j++)
			expect_gsl(sorted, n, levels[j], out[j]);
		agg_qplan_free(&q);
	}
	free(xf);
	free(sorted);
	gsl_rng_free(r);
}
END_TEST

/* One trial: every percentile is that trial's value (gsl: n=1). */
START_TEST(test_agg_percentiles_one_value)
{
	double x = 0.1, out[NLEVELS];
	struct agg_qplan q;

	ck_assert_int_eq(agg_qplan_new(&q, 1, levels, NLEVELS), 0);
	ck_assert_int_eq(agg_select(&x, &q, INFINITY, -INFINITY, out), 0);
	for (int j = 0; j < NLEVELS; j++)
		ck_assert(out[j] == 0.1);
	ck_assert_int_eq(agg_select(&x, &q, 0.1, 0.1, out), 0);
	for (int j = 0; j < NLEVELS; j++)
		ck_assert(out[j] == 0.1);
	ck_assert(agg_quantile_sorted(&x, 1, 50) == 0.1);
	agg_qplan_free(&q);
}
END_TEST

/* A fixed input: a column of one repeated value reads back exactly at
 * every level, although (1-d)*a + d*a need not be a in floating point. */
START_TEST(test_agg_percentiles_constant_exact)
{
	size_t n = 1000;
	double *x = malloc(n * sizeof *x), out[NLEVELS];
	struct agg_qplan q;

	for (size_t i = 0; i < n; i++)
		x[i] = 0.1 + 0.2;
	ck_assert_int_eq(agg_qplan_new(&q, n, levels, NLEVELS), 0);
	ck_assert_int_eq(agg_select(x, &q, INFINITY, -INFINITY, out), 0);
	for (int j = 0; j < NLEVELS; j++)
		ck_assert(out[j] == 0.1 + 0.2);
	ck_assert_int_eq(agg_select(x, &q, 0.1 + 0.2, 0.1 + 0.2, out), 0);
	for (int j = 0; j < NLEVELS; j++)
		ck_assert(out[j] == 0.1 + 0.2);
	agg_qplan_free(&q);
	free(x);
}
END_TEST

/* Sorted, reverse-sorted and organ-pipe inputs must not go quadratic or
 * wrong (the depth limit falls back to a sort). */
START_TEST(test_agg_percentiles_adversarial_orders)
{
	size_t n = 200000;
	double *x = malloc(n * sizeof *x), *s = malloc(n * sizeof *s);
	double out[NLEVELS];
	struct agg_qplan q;

	ck_assert_int_eq(agg_qplan_new(&q, n, levels, NLEVELS), 0);
	for (int kind = 0; kind < 4; kind++) {
		for (size_t i = 0; i < n; i++)
			x[i] = kind == 0   ? (double)i
			       : kind == 1 ? (double)(n - i)
			       : kind == 2 ? (double)(i < n / 2 ? i : n - i)
					   : (double)(i % 3);
		memcpy(s, x, n * sizeof *x);
		gsl_sort(s, 1, n);
		ck_assert_int_eq(agg_select(x, &q, INFINITY, -INFINITY, out),
				 0);
		for (int j = 0; j < NLEVELS; j++)
			expect_gsl(s, n, levels[j], out[j]);
	}
	agg_qplan_free(&q);
	free(x);
	free(s);
}
END_TEST

/* Shapes that make radix selection recurse: a point mass at zero (with
 * -0 and +0), values an ulp apart, a zero-crossing spread over many
 * powers of two, infinities, point masses at the ends and inside. */
START_TEST(test_agg_percentiles_hard_shapes)
{
	size_t n = 60000;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double *x = malloc(n * sizeof *x), *s = malloc(n * sizeof *s);
	double out[NLEVELS];
	struct agg_qplan q;

	ck_assert_int_eq(agg_qplan_new(&q, n, levels, NLEVELS), 0);
	for (int shape = 0; shape < 6; shape++) {
		for (size_t i = 0; i < n; i++) {
			double u = gsl_rng_uniform(r);
			if (shape == 0)	/* 60% zeros, rest both signs */
				x[i] = u < 0.3 ? 0.0 : u < 0.6 ? -0.0
				       : (u - 0.8) * exp(20 * u);
			else if (shape == 1)	/* ulps apart */
				x[i] = nextafter(1e6, 2e6) +
				       (double)gsl_rng_uniform_int(r, 5000) *
					       1.1641532182693481e-10;
			else if (shape == 2)	/* 1e-300 .. 1e300 */
				x[i] = (u < 0.5 ? -1 : 1) *
				       pow(10, 600 * gsl_rng_uniform(r) - 300);
			else if (shape == 3)
				x[i] = u < 0.1 ? -INFINITY : u > 0.9 ? INFINITY
				       : u;
			else if (shape == 4)	/* utilization: mass at 1 */
				x[i] = fmin(1, 0.7 + 0.5 * u * u);
			else	/* surplus: mass at 0, a second mass inside */
				x[i] = u < 0.45 ? 0 : u < 0.7 ? 3e5
				       : 1e6 * (u - 0.7);
		}
		memcpy(s, x, n * sizeof *x);
		gsl_sort(s, 1, n);
		ck_assert_int_eq(agg_select(x, &q, INFINITY, -INFINITY, out),
				 0);
		for (int j = 0; j < NLEVELS; j++)
			expect_gsl(s, n, levels[j], out[j]);
		ck_assert_int_eq(agg_select(x, &q, s[0], s[n - 1], out), 0);
		for (int j = 0; j < NLEVELS; j++)
			expect_gsl(s, n, levels[j], out[j]);
	}
	agg_qplan_free(&q);
	free(x);
	free(s);
	gsl_rng_free(r);
}
END_TEST

START_TEST(test_agg_moments_match_one_pass)
{
	static const size_t tiles[][2] = {{1, 1}, {64, 1024}, {7, 21},
					  {1000, 1000}, {64, 4096}};
	size_t n = 100003;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double *x = malloc(n * sizeof *x);
	struct agg_moments w, b;

	for (size_t i = 0; i < n; i++)
		x[i] = 1e6 + 1e3 * gsl_rng_uniform(r); /* offset: tests stability */
	double mean = gsl_stats_mean(x, 1, n);
	double sd = gsl_stats_sd(x, 1, n);

	agg_moments_init(&w);
	for (size_t i = 0; i < n; i++)
		agg_moments_add(&w, x[i]);
	ck_assert_double_eq_tol(w.mean, mean, 1e-12 * fabs(mean));
	ck_assert_double_eq_tol(agg_moments_sd(&w), sd, 1e-12 * sd);
	for (size_t k = 0; k < sizeof tiles / sizeof tiles[0]; k++) {
		agg_moments_blocked(&b, x, n, tiles[k][0], tiles[k][1]);
		ck_assert(b.n == (double)n);
		ck_assert_double_eq_tol(b.mean, mean, 1e-12 * fabs(mean));
		ck_assert_double_eq_tol(agg_moments_sd(&b), sd, 1e-12 * sd);
		ck_assert_double_eq_tol(agg_moments_se(&b),
					sd / sqrt((double)n), 1e-12 * sd);
	}
	agg_moments_of(&b, x, 1, 1);
	ck_assert(agg_moments_sd(&b) == 0); /* one value: sd 0 */
	ck_assert(isnan(agg_moments_se(&b))); /* and its error unknown */
	free(x);
	gsl_rng_free(r);
}
END_TEST

/* A share's standard error, worked out by hand from the plus-four
 * estimate q = (x + 2) / (n + 4), sqrt(q (1 - q) / (n + 4)): 50 of 100
 * gives q = 1/2 and 1 / (2 sqrt(104)); 0 of 4096 gives q = 1/2050 and
 * sqrt(2049) / (2050 sqrt(4100)), never 0, the same for 4096 of 4096; far
 * from 0 and 1 it is the usual sqrt(p (1 - p) / n) to within 1e-3; one
 * trial says nothing of its error. */
START_TEST(test_agg_share_se_plus_four)
{
	double e0 = sqrt(2049.0) / (2050 * sqrt(4100.0));

	ck_assert_double_eq_tol(agg_share_se(0.5, 100), 1 / (2 * sqrt(104.0)),
				1e-15);
	ck_assert_double_eq_tol(agg_share_se(0, 4096), e0, 1e-17);
	ck_assert_double_eq_tol(agg_share_se(1, 4096), e0, 1e-17);
	ck_assert(agg_share_se(0, 4096) > 3.4e-4);
	ck_assert_double_eq_tol(agg_share_se(0.3, 20000),
				sqrt(0.3 * 0.7 / 20000),
				1e-3 * sqrt(0.3 * 0.7 / 20000));
	ck_assert(isnan(agg_share_se(0, 1)));
	ck_assert(isnan(agg_share_se(0.5, 0)));
}
END_TEST

/* agg_moments_of_summed with the first pass done by the caller (the sum
 * in order, whether all are equal) is agg_moments_of bit for bit: 64
 * values, 1 value, equal values, and a stride. */
START_TEST(test_agg_moments_summed_same_bits)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double x[128];
	struct agg_moments a, b;

	for (int rep = 0; rep < 100; rep++) {
		size_t n = rep % 3 == 0 ? 1 : 64, stride = rep % 2 ? 2 : 1;
		double s = 0;
		int same = 1;

		for (size_t i = 0; i < 128; i++)
			x[i] = rep % 5 == 0 ? 0.1 : 1e3 + gsl_rng_uniform(r);
		for (size_t i = 0; i < n; i++) {
			s += x[i * stride];
			same &= x[i * stride] == x[0];
		}
		agg_moments_of(&a, x, n, stride);
		agg_moments_of_summed(&b, x, n, stride, s, same);
		ck_assert(memcmp(&a, &b, sizeof a) == 0);
	}
	gsl_rng_free(r);
}
END_TEST

/* A fixed input: mean exactly its value and sd exactly 0, though
 * summing 64 copies and dividing need not give the value back. */
START_TEST(test_agg_moments_constant_exact)
{
	size_t n = 5000;
	double *x = malloc(n * sizeof *x);
	struct agg_moments m;

	for (size_t i = 0; i < n; i++)
		x[i] = 12.1002539062500013;
	agg_moments_blocked(&m, x, n, 64, 1024);
	ck_assert(m.mean == x[0]);
	ck_assert(agg_moments_sd(&m) == 0);
	agg_moments_of(&m, x, n, 1);
	ck_assert(m.mean == x[0] && m.m2 == 0);
	free(x);
}
END_TEST

/* Blocks summed in any order (as threads do) and merged in block order
 * give the same bits as agg_moments_blocked. */
START_TEST(test_agg_moments_block_order_bit_identical)
{
	enum { TILE = 64, BLOCK = 1024 };
	size_t n = 50000, nb = (n + BLOCK - 1) / BLOCK;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double *x = malloc(n * sizeof *x);
	struct agg_moments *blk = calloc(nb, sizeof *blk), want, got;
	size_t *order = malloc(nb * sizeof *order);

	for (size_t i = 0; i < n; i++)
		x[i] = gsl_ran_lognormal(r, 0, 2);
	agg_moments_blocked(&want, x, n, TILE, BLOCK);
	for (int rep = 0; rep < 5; rep++) {
		for (size_t b = 0; b < nb; b++)
			order[b] = b;
		gsl_ran_shuffle(r, order, nb, sizeof *order);
		for (size_t k = 0; k < nb; k++) {
			size_t b = order[k], b0 = b * BLOCK;
			size_t b1 = b0 + BLOCK < n ? b0 + BLOCK : n;
			agg_moments_init(&blk[b]);
			for (size_t t0 = b0; t0 < b1; t0 += TILE) {
				struct agg_moments t;
				agg_moments_of(&t, x + t0,
					       (t0 + TILE < b1 ? t0 + TILE : b1) - t0,
					       1);
				agg_moments_merge(&blk[b], &t);
			}
		}
		agg_moments_init(&got);
		for (size_t b = 0; b < nb; b++)
			agg_moments_merge(&got, &blk[b]);
		ck_assert(memcmp(&got, &want, sizeof got) == 0);
	}
	free(x);
	free(blk);
	free(order);
	gsl_rng_free(r);
}
END_TEST

/* agg_select_split gives agg_select's numbers bit for bit (double and
 * float columns), also where a wanted bucket holds more than 65,536 keys
 * and needs further levels (shape 6: 90% of 300,000 values within 1e-9
 * of 1, the rest spread over 1e-3 .. 1e3), with masses at the ends, signed
 * zeros and infinities. The split over several ranks is
 * tests/cli_mpi.sh's. */
START_TEST(test_agg_percentiles_split_same_bits)
{
	struct run_split sp = test_split_one();
	size_t n = 300000;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double *x = malloc(n * sizeof *x);
	float *xf = malloc(n * sizeof *xf);
	double a[NLEVELS], b[NLEVELS], lo, hi;
	struct agg_qplan q;

	ck_assert_int_eq(agg_qplan_new(&q, n, levels, NLEVELS), 0);
	for (int shape = 0; shape < 7; shape++) {
		lo = INFINITY;
		hi = -INFINITY;
		for (size_t i = 0; i < n; i++) {
			double u = gsl_rng_uniform(r);
			if (shape == 0)
				x[i] = u < 0.3 ? 0.0 : u < 0.6 ? -0.0
				       : (u - 0.8) * exp(20 * u);
			else if (shape == 1)
				x[i] = u;
			else if (shape == 2)
				x[i] = (u < 0.5 ? -1 : 1) *
				       pow(10, 600 * gsl_rng_uniform(r) - 300);
			else if (shape == 3)
				x[i] = u < 0.1 ? -INFINITY : u > 0.9 ? INFINITY
				       : u;
			else if (shape == 4)
				x[i] = fmin(1, 0.7 + 0.5 * u * u);
			else if (shape == 5)
				x[i] = u < 0.45 ? 0 : u < 0.7 ? 3e5
				       : 1e6 * (u - 0.7);
			else
				x[i] = u < 0.9 ? 1 + 1e-9 * gsl_rng_uniform(r)
				       : pow(10, 6 * gsl_rng_uniform(r) - 3);
			xf[i] = (float)x[i];
			lo = x[i] < lo ? x[i] : lo;
			hi = x[i] > hi ? x[i] : hi;
		}
		ck_assert_int_eq(agg_select(x, &q, lo, hi, a), 0);
		ck_assert_int_eq(agg_select_split(x, 0, n, &q, lo, hi, b, &sp),
				 0);
		ck_assert_msg(memcmp(a, b, sizeof a) == 0,
			      "shape %d: split percentiles differ (double)",
			      shape);
		ck_assert_int_eq(agg_select_float(xf, &q, lo, hi, a), 0);
		ck_assert_int_eq(agg_select_split(xf, 1, n, &q, lo, hi, b,
						  &sp), 0);
		ck_assert_msg(memcmp(a, b, sizeof a) == 0,
			      "shape %d: split percentiles differ (float)",
			      shape);
	}
	agg_qplan_free(&q);
	free(x);
	free(xf);
	gsl_rng_free(r);
}
END_TEST

static Suite *agg_suite(void)
{
	Suite *s = suite_create("agg");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_agg_percentiles_match_gsl);
	tcase_add_test(tc, test_agg_percentiles_float_storage);
	tcase_add_test(tc, test_agg_percentiles_one_value);
	tcase_add_test(tc, test_agg_percentiles_constant_exact);
	tcase_add_test(tc, test_agg_percentiles_adversarial_orders);
	tcase_add_test(tc, test_agg_percentiles_hard_shapes);
	tcase_add_test(tc, test_agg_percentiles_split_same_bits);
	tcase_add_test(tc, test_agg_moments_match_one_pass);
	tcase_add_test(tc, test_agg_moments_block_order_bit_identical);
	tcase_add_test(tc, test_agg_moments_constant_exact);
	tcase_add_test(tc, test_agg_moments_summed_same_bits);
	tcase_add_test(tc, test_agg_share_se_plus_four);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(agg_suite)
