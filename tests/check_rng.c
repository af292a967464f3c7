/* check_rng.c — the per-trial xoshiro256** streams (sim/rng.c).
 *
 * Reference values: xoshiro256** from state {1, 2, 3, 4} and SplitMix64
 * from states 0 and 1234567, as published with the reference C code
 * (prng.di.unimi.it) and reproduced by other implementations' tests.
 * Statistical checks state their sample size and a 5-sigma tolerance. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "rng.h"
#include "testutil.h"

static gsl_rng *new_rng(void)
{
	ck_assert_ptr_nonnull(computesim_rng_type);
	gsl_rng *r = gsl_rng_alloc(computesim_rng_type);
	ck_assert_ptr_nonnull(r);
	return r;
}

static const uint64_t REF_1234[10] = {
	11520ULL, 0ULL, 1509978240ULL, 1215971899390074240ULL,
	1216172134540287360ULL, 607988272756665600ULL,
	16172922978634559625ULL, 8476171486693032832ULL,
	10595114339597558777ULL, 2904607092377533576ULL,
};

START_TEST(test_rng_reference_vector)
{
	static const uint64_t s[4] = {1, 2, 3, 4};
	gsl_rng *r = new_rng();

	rng_set_state(r, s);
	for (int i = 0; i < 10; i++)
		ck_assert_uint_eq(rng_next64(r), REF_1234[i]);
	/* get = the high 32 bits; uniform = the high 53 bits * 2^-53 */
	rng_set_state(r, s);
	for (int i = 0; i < 10; i++)
		ck_assert_uint_eq(gsl_rng_get(r), REF_1234[i] >> 32);
	rng_set_state(r, s);
	for (int i = 0; i < 10; i++)
		ck_assert(gsl_rng_uniform(r) ==
			  (double)(REF_1234[i] >> 11) / 9007199254740992.0);
	gsl_rng_free(r);
}
END_TEST

START_TEST(test_rng_splitmix_reference)
{
	uint64_t x = 0;
	ck_assert_uint_eq(rng_splitmix64(&x), 0xE220A8397B1DCDAFULL);
	ck_assert_uint_eq(rng_splitmix64(&x), 0x6E789E6AA1B965F4ULL);
	ck_assert_uint_eq(rng_splitmix64(&x), 0x06C45D188009454FULL);
	static const uint64_t ref[5] = {
		6457827717110365317ULL, 3203168211198807973ULL,
		9817491932198370423ULL, 4593380528125082431ULL,
		16408922859458223821ULL,
	};
	x = 1234567;
	for (int i = 0; i < 5; i++)
		ck_assert_uint_eq(rng_splitmix64(&x), ref[i]);
}
END_TEST

/* The keying documented in rng.c, pinned: state = four SplitMix64 outputs
 * from splitmix64(seed) XOR trial. A change here changes every result a
 * scenario has ever produced, so it must be deliberate. */
START_TEST(test_rng_stream_keying)
{
	gsl_rng *r = new_rng(), *q = new_rng();
	static const uint64_t seeds[3] = {0, 1, 2026};
	static const uint64_t trials[4] = {0, 1, 999999, 1ULL << 40};

	for (int a = 0; a < 3; a++)
		for (int b = 0; b < 4; b++) {
			uint64_t x = seeds[a], s[4];
			x = rng_splitmix64(&x) ^ trials[b];
			for (int i = 0; i < 4; i++)
				s[i] = rng_splitmix64(&x);
			rng_stream(r, seeds[a], trials[b]);
			rng_set_state(q, s);
			for (int i = 0; i < 8; i++)
				ck_assert_uint_eq(rng_next64(r), rng_next64(q));
		}
	/* gsl_rng_set(r, s) is the stream of (s, trial 0) */
	gsl_rng_set(r, 2026);
	rng_stream(q, 2026, 0);
	for (int i = 0; i < 8; i++)
		ck_assert_uint_eq(gsl_rng_get(r), gsl_rng_get(q));
	/* deterministic and a clone continues the same sequence */
	rng_stream(r, 7, 123);
	gsl_rng *c = gsl_rng_clone(r);
	for (int i = 0; i < 8; i++)
		ck_assert_uint_eq(rng_next64(r), rng_next64(c));
	gsl_rng_free(c);
	gsl_rng_free(r);
	gsl_rng_free(q);
}
END_TEST

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* 3 seeds x 100,000 trials: all first outputs distinct (a collision
 * among 3e5 random 64-bit values has probability 2.4e-9), and the first
 * uniforms of neighbouring trials are uncorrelated: |Pearson r| within
 * 5/sqrt(N) = 0.0158 of 0 (N = 100,000), also within one seed's
 * first and second draws. */
START_TEST(test_rng_streams_distinct)
{
	enum { NT = 100000 };
	gsl_rng *r = new_rng();
	uint64_t *first = malloc(3 * NT * sizeof *first);
	double *u1 = malloc(NT * sizeof *u1), *u2 = malloc(NT * sizeof *u2);
	ck_assert(first && u1 && u2);
	static const uint64_t seeds[3] = {0, 1, 2};

	for (int a = 0; a < 3; a++)
		for (int t = 0; t < NT; t++) {
			rng_stream(r, seeds[a], (uint64_t)t);
			first[a * NT + t] = rng_next64(r);
		}
	qsort(first, 3 * NT, sizeof *first, cmp_u64);
	for (int i = 1; i < 3 * NT; i++)
		ck_assert_msg(first[i] != first[i - 1], "two streams collide");

	for (int t = 0; t < NT; t++) {
		rng_stream(r, 1, (uint64_t)t);
		u1[t] = gsl_rng_uniform(r);
		u2[t] = gsl_rng_uniform(r);
	}
	double tol = 5 / sqrt((double)NT);
	double sxy = 0, sx = 0, sxx = 0, syy = 0, sy = 0;
	for (int t = 0; t + 1 < NT; t++) {
		sx += u1[t];
		sy += u1[t + 1];
		sxx += u1[t] * u1[t];
		syy += u1[t + 1] * u1[t + 1];
		sxy += u1[t] * u1[t + 1];
	}
	double n = NT - 1;
	double rr = (sxy - sx * sy / n) /
		    sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
	ck_assert_msg(fabs(rr) < tol, "neighbouring trials correlate: %g", rr);
	sxy = sx = sy = sxx = syy = 0;
	for (int t = 0; t < NT; t++) {
		sx += u1[t];
		sy += u2[t];
		sxx += u1[t] * u1[t];
		syy += u2[t] * u2[t];
		sxy += u1[t] * u2[t];
	}
	n = NT;
	rr = (sxy - sx * sy / n) / sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
	ck_assert_msg(fabs(rr) < tol, "first/second draw correlate: %g", rr);
	/* first uniforms across trials: mean 1/2 within 5 sqrt(1/12/N) */
	ck_assert_double_eq_tol(sx / n, 0.5, 5 * sqrt(1.0 / 12 / n));
	free(first);
	free(u1);
	free(u2);
	gsl_rng_free(r);
}
END_TEST

/* gsl_ran_gaussian_ziggurat on our generator: N = 1,000,000 draws from
 * one stream and the first draw of 200,000 streams. Mean within
 * 5/sqrt(N) of 0, variance within 5 sqrt(2/N) of 1, P(|z| > 1.96) within
 * 5 sqrt(0.05*0.95/N) of 0.05. */
static void check_normal(const double *z, int n, const char *what)
{
	double s = 0, ss = 0;
	int tail = 0;
	for (int i = 0; i < n; i++) {
		s += z[i];
		ss += z[i] * z[i];
		tail += fabs(z[i]) > 1.959963984540054;
	}
	double m = s / n, v = (ss - n * m * m) / (n - 1);
	ck_assert_msg(fabs(m) < 5 / sqrt(n), "%s: mean %g", what, m);
	ck_assert_msg(fabs(v - 1) < 5 * sqrt(2.0 / n), "%s: variance %g", what, v);
	ck_assert_msg(fabs((double)tail / n - 0.05) < 5 * sqrt(0.0475 / n),
		      "%s: tail share %g", what, (double)tail / n);
}

START_TEST(test_rng_gaussian_ziggurat)
{
	enum { N = 1000000, NS = 200000 };
	gsl_rng *r = new_rng();
	double *z = malloc(N * sizeof *z);
	ck_assert_ptr_nonnull(z);

	rng_stream(r, 7, 3);
	for (int i = 0; i < N; i++)
		z[i] = gsl_ran_gaussian_ziggurat(r, 1.0);
	check_normal(z, N, "one stream");
	for (int t = 0; t < NS; t++) {
		rng_stream(r, 2026, (uint64_t)t);
		z[t] = gsl_ran_gaussian_ziggurat(r, 1.0);
	}
	check_normal(z, NS, "stream starts");
	free(z);
	gsl_rng_free(r);
}
END_TEST

/* The type as GSL sees it: integer range [0, 0xffffffff], uniforms in
 * [0, 1) with mean 1/2 within 5 sqrt(1/12/N), N = 1,000,000;
 * gsl_rng_uniform_int unbiased over 10 cells (each within 5 binomial se). */
START_TEST(test_rng_gsl_interface)
{
	enum { N = 1000000 };
	gsl_rng *r = new_rng();
	ck_assert_uint_eq(gsl_rng_max(r), 0xffffffffUL);
	ck_assert_uint_eq(gsl_rng_min(r), 0);
	ck_assert_str_eq(gsl_rng_name(r), "computesim-xoshiro256**");
	ck_assert_uint_eq(gsl_rng_size(r), 32);

	rng_stream(r, 11, 0);
	double s = 0;
	unsigned long top = 0;
	int cells[10] = {0};
	for (int i = 0; i < N; i++) {
		double u = gsl_rng_uniform(r);
		ck_assert(u >= 0 && u < 1);
		s += u;
		unsigned long g = gsl_rng_get(r);
		if (g > top)
			top = g;
		cells[gsl_rng_uniform_int(r, 10)]++;
	}
	ck_assert_double_eq_tol(s / N, 0.5, 5 * sqrt(1.0 / 12 / N));
	ck_assert(top <= 0xffffffffUL && top > 0xfff00000UL);
	for (int k = 0; k < 10; k++)
		ck_assert_double_eq_tol(cells[k] / (double)N, 0.1,
					5 * sqrt(0.09 / N));
	gsl_rng_free(r);
}
END_TEST

static Suite *rng_suite(void)
{
	Suite *s = suite_create("rng");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_rng_reference_vector);
	tcase_add_test(tc, test_rng_splitmix_reference);
	tcase_add_test(tc, test_rng_stream_keying);
	tcase_add_test(tc, test_rng_streams_distinct);
	tcase_add_test(tc, test_rng_gaussian_ziggurat);
	tcase_add_test(tc, test_rng_gsl_interface);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(rng_suite)
