/* check_sobol.c — Sobol' indices from Saltelli's matrices (sim/sobol.c)
 * on functions whose indices are known in closed form, with inputs drawn
 * from GSL's mt19937 (not from rng.c); the bootstrap's resamples and
 * intervals.
 *
 * Tolerance: each estimate is a mean over the n rows of a per-row term
 * divided by V; its standard error is taken as the sd of the term over
 * the rows / sqrt(n) / V (the delta method, leaving out V's own error,
 * which is far smaller here), and the estimate must lie within 5 of them
 * of the exact value (a correct estimator fails by chance with
 * probability below 1e-6 per check). n = 50,000 rows. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "sobol.h"
#include "testutil.h"

enum { N = 50000, KMAX = 3 };

typedef double (*model_fn)(const double *x);

/* Ishigami (a = 7, b = 0.1) on x_i uniform in [-pi, pi]: V = a^2/8 +
 * b pi^4/5 + b^2 pi^8/18 + 1/2, V1 = (1 + b pi^4/5)^2 / 2, V2 = a^2/8,
 * V13 = b^2 pi^8 (1/18 - 1/50), V3 = 0 (Saltelli et al. 2008, 4.6). */
static double ishigami(const double *x)
{
	return sin(x[0]) + 7 * sin(x[1]) * sin(x[1]) +
	       0.1 * pow(x[2], 4) * sin(x[0]);
}

/* 2 x0 + x1 x2 with x0 ~ N(1, 1), x1 ~ N(2, 0.5^2), x2 ~ N(3, 1) */
static double linear_product(const double *x)
{
	return 2 * x[0] + x[1] * x[2];
}

static void draw_ishigami(gsl_rng *r, double *x)
{
	for (int i = 0; i < 3; i++)
		x[i] = gsl_ran_flat(r, -M_PI, M_PI);
}

static void draw_lp(gsl_rng *r, double *x)
{
	x[0] = 1 + gsl_ran_gaussian(r, 1);
	x[1] = 2 + gsl_ran_gaussian(r, 0.5);
	x[2] = 3 + gsl_ran_gaussian(r, 1);
}

struct mats {
	double *fa, *fb, *fab;	/* fab[i * N + j] */
	int k;
};

static void build(struct mats *m, int k, model_fn f,
		  void (*draw)(gsl_rng *, double *), unsigned long seed)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double a[KMAX], b[KMAX], ab[KMAX];

	gsl_rng_set(r, seed);
	m->k = k;
	m->fa = malloc(N * sizeof *m->fa);
	m->fb = malloc(N * sizeof *m->fb);
	m->fab = malloc((size_t)k * N * sizeof *m->fab);
	ck_assert(m->fa && m->fb && m->fab);
	for (int j = 0; j < N; j++) {
		draw(r, a);
		draw(r, b);
		m->fa[j] = f(a);
		m->fb[j] = f(b);
		for (int i = 0; i < k; i++) {
			memcpy(ab, a, sizeof ab);
			ab[i] = b[i];
			m->fab[(size_t)i * N + j] = f(ab);
		}
	}
	gsl_rng_free(r);
}

static void mats_free(struct mats *m)
{
	free(m->fa);
	free(m->fb);
	free(m->fab);
}

/* The standard errors of S_i and ST_i (see the top). */
static void std_errors(const struct mats *m, double v, double *se1,
		       double *set)
{
	double c = 0;

	for (int j = 0; j < N; j++)
		c += m->fa[j] + m->fb[j];
	c /= 2.0 * N;
	for (int i = 0; i < m->k; i++) {
		const double *fi = m->fab + (size_t)i * N;
		double s = 0, ss = 0, t = 0, tt = 0;

		for (int j = 0; j < N; j++) {
			double a = (m->fb[j] - c) * (fi[j] - m->fa[j]);
			double b = (m->fa[j] - fi[j]) * (m->fa[j] - fi[j]) / 2;
			s += a;
			ss += a * a;
			t += b;
			tt += b * b;
		}
		se1[i] = sqrt((ss / N - (s / N) * (s / N)) / N) / v;
		set[i] = sqrt((tt / N - (t / N) * (t / N)) / N) / v;
	}
}

static void check_indices(const struct mats *m, const double *s1x,
			  const double *stx, const char *what)
{
	double s1[KMAX], st[KMAX], se1[KMAX], set[KMAX], v;
	double *work = malloc(2 * N * sizeof *work);

	sobol_estimate(m->fa, m->fb, m->fab, N, m->k, NULL, work, s1, st, &v);
	free(work);
	std_errors(m, v, se1, set);
	for (int i = 0; i < m->k; i++) {
		ck_assert_msg(fabs(s1[i] - s1x[i]) <= 5 * se1[i] + 1e-12,
			      "%s: S%d = %.5f, exact %.5f +- %.5f", what, i + 1,
			      s1[i], s1x[i], 5 * se1[i]);
		ck_assert_msg(fabs(st[i] - stx[i]) <= 5 * set[i] + 1e-12,
			      "%s: ST%d = %.5f, exact %.5f +- %.5f", what, i + 1,
			      st[i], stx[i], 5 * set[i]);
	}
}

START_TEST(test_sobol_ishigami)
{
	const double a = 7, b = 0.1, p4 = pow(M_PI, 4), p8 = pow(M_PI, 8);
	double v1 = 0.5 * (1 + b * p4 / 5) * (1 + b * p4 / 5);
	double v2 = a * a / 8, v13 = b * b * p8 * (1.0 / 18 - 1.0 / 50);
	double v = v1 + v2 + v13;
	double s1x[3] = {v1 / v, v2 / v, 0};
	double stx[3] = {(v1 + v13) / v, v2 / v, v13 / v};
	struct mats m;

	build(&m, 3, ishigami, draw_ishigami, 2026);
	check_indices(&m, s1x, stx, "ishigami");
	mats_free(&m);
}
END_TEST

/* 2 x0 + x1 x2: V0 = 4, V1 = m2^2 s1^2 = 2.25, V2 = m1^2 s2^2 = 4,
 * V12 = s1^2 s2^2 = 0.25; V = 10.5. */
START_TEST(test_sobol_linear_product)
{
	double v = 10.5;
	double s1x[3] = {4 / v, 2.25 / v, 4 / v};
	double stx[3] = {4 / v, 2.5 / v, 4.25 / v};
	struct mats m;

	build(&m, 3, linear_product, draw_lp, 7);
	check_indices(&m, s1x, stx, "linear + product");
	mats_free(&m);
}
END_TEST

/* A constant output: V = 0 and every index NAN. A resample given as
 * counts is the estimate on those rows: counts of 1 give the plain
 * estimate bit for bit, and counts of 2 for the first half of the rows
 * (0 for the second) the estimate on the first half's rows, each twice:
 * V differs only by the divisor (2n - 1 for the same sum of squares). */
START_TEST(test_sobol_constant_and_counts)
{
	double fa[4] = {1, 1, 1, 1}, fab[8] = {1, 1, 1, 1, 1, 1, 1, 1};
	double s1[3], st[3], q1[3], qt[3], v, v2, work4[8];
	double *work = malloc(2 * N * sizeof *work);
	uint32_t one[4] = {1, 1, 1, 1}, *cnt = malloc(N * sizeof *cnt);
	struct mats m;

	sobol_estimate(fa, fa, fab, 4, 2, NULL, work4, s1, st, &v);
	ck_assert(v == 0 && isnan(s1[0]) && isnan(st[1]));
	sobol_estimate(fa, fa, fab, 4, 2, one, work4, s1, st, &v);
	ck_assert(v == 0);
	{
		/* a constant whose mean rounds: 0.1 summed 2 x 400 times
		 * is not 80 exactly, and the sum of squares about the
		 * rounded mean was 3e-28 rather than 0 (drivers printed
		 * "variance 3.187e-28" for a fixed scenario) */
		double c[400], cab[800];

		for (int j = 0; j < 400; j++)
			c[j] = 0.1;
		for (int j = 0; j < 800; j++)
			cab[j] = 0.1;
		sobol_estimate(c, c, cab, 400, 2, NULL, work, s1, st, &v);
		ck_assert(v == 0 && isnan(s1[0]) && isnan(st[1]));
	}

	build(&m, 3, linear_product, draw_lp, 9);
	for (size_t j = 0; j < N; j++)
		cnt[j] = 1;
	sobol_estimate(m.fa, m.fb, m.fab, N, 3, NULL, work, s1, st, &v);
	sobol_estimate(m.fa, m.fb, m.fab, N, 3, cnt, work, q1, qt, &v2);
	ck_assert(v == v2);
	ck_assert(memcmp(s1, q1, sizeof s1) == 0);
	ck_assert(memcmp(st, qt, sizeof st) == 0);
	/* the first half twice against the first half once */
	for (size_t j = 0; j < N; j++)
		cnt[j] = j < N / 2 ? 2 : 0;
	sobol_estimate(m.fa, m.fb, m.fab, N, 3, cnt, work, q1, qt, &v2);
	{
		double *fab = malloc(3 * (N / 2) * sizeof *fab);
		double h1[3], ht[3], vh;

		for (int i = 0; i < 3; i++)
			memcpy(fab + (size_t)i * (N / 2), m.fab + (size_t)i * N,
			       (N / 2) * sizeof *fab);
		sobol_estimate(m.fa, m.fb, fab, N / 2, 3, NULL, work, h1, ht,
			       &vh);
		ck_assert_double_eq_tol(v2 * (2.0 * N - 1) / 2,
					vh * (2.0 * (N / 2) - 1), 1e-9 * v2 * N);
		for (int i = 0; i < 3; i++) {
			ck_assert_double_eq_tol(q1[i] * v2,
						h1[i] * vh, 1e-9 * vh);
			ck_assert_double_eq_tol(qt[i] * v2, ht[i] * vh,
						1e-9 * vh);
		}
		free(fab);
	}
	free(work);
	free(cnt);
	mats_free(&m);
}
END_TEST

/* Resamples: counts that sum to n; the same for the same (seed, b),
 * different for another b or seed; each row's count is Binomial(n, 1/n):
 * over n = 50,000 rows the share never drawn is within 5 binomial
 * standard errors of (1 - 1/n)^n ~ e^-1. */
START_TEST(test_sobol_resample)
{
	uint32_t *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b);
	uint32_t *c = malloc(N * sizeof *c), *d = malloc(N * sizeof *d);
	double p = pow(1 - 1.0 / N, N), miss = 0;
	size_t sum = 0;

	sobol_resample(a, N, 5, 0);
	sobol_resample(b, N, 5, 0);
	sobol_resample(c, N, 5, 1);
	sobol_resample(d, N, 6, 0);
	ck_assert(memcmp(a, b, N * sizeof *a) == 0);
	ck_assert(memcmp(a, c, N * sizeof *a) != 0);
	ck_assert(memcmp(a, d, N * sizeof *a) != 0);
	for (int j = 0; j < N; j++) {
		sum += a[j];
		miss += a[j] == 0;
	}
	ck_assert_uint_eq(sum, N);
	ck_assert_double_eq_tol(miss / N, p, 5 * sqrt(p * (1 - p) / N));
	free(a);
	free(b);
	free(c);
	free(d);
}
END_TEST

/* Percentile intervals: 0..100 at 95%: the 2.5th and 97.5th percentiles
 * by linear interpolation, 2.5 and 97.5; a NaN makes both NaN. */
START_TEST(test_sobol_interval)
{
	double v[101], lo, hi;

	for (int j = 0; j <= 100; j++)
		v[j] = 100 - j;
	sobol_interval(v, 101, 0.95, &lo, &hi);
	ck_assert_double_eq_tol(lo, 2.5, 1e-12);
	ck_assert_double_eq_tol(hi, 97.5, 1e-12);
	v[3] = NAN;
	sobol_interval(v, 101, 0.95, &lo, &hi);
	ck_assert(isnan(lo) && isnan(hi));
	sobol_interval(v, 0, 0.95, &lo, &hi);
	ck_assert(isnan(lo) && isnan(hi));
}
END_TEST

static Suite *sobol_suite(void)
{
	Suite *s = suite_create("sobol");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_sobol_ishigami);
	tcase_add_test(tc, test_sobol_linear_product);
	tcase_add_test(tc, test_sobol_constant_and_counts);
	tcase_add_test(tc, test_sobol_resample);
	tcase_add_test(tc, test_sobol_interval);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(sobol_suite)
