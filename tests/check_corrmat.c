/* check_corrmat.c — the latent correlation matrix and its Cholesky
 * factor (sim/corrmat.c): agreement with GSL's factorisation at the
 * positive-definite boundary, and what a matrix that is not positive
 * definite is reported as (the conflicting inputs, found in one pass). */
#include "sampleutil.h"


/* A matrix that is not positive definite is an error at the correlations
 * key, naming the inputs involved; the plan is NULL. GSL's default error
 * handler stays on here: the plan must not abort. Pairs naming a fixed
 * input are ignored. */
START_TEST(test_sample_not_positive_definite)
{
	struct tsc t;
	tsc_init(&t, 2);
	int a = add_value(&t, "a", normal(0, 1), RESAMPLE_TRIAL, 0, 0);
	int b = add_value(&t, "b", normal(0, 1), RESAMPLE_YEAR, 0, 0);
	add_value(&t, "other", normal(0, 1), RESAMPLE_TRIAL, 0, 0);
	int c = add_value(&t, "c", normal(0, 1), RESAMPLE_TRIAL, 0, 0);
	int f = add_value(&t, "f", fixed(1), RESAMPLE_TRIAL, 0, 0);
	add_corr(&t, a, b, 0.9);
	add_corr(&t, b, c, 0.9);
	add_corr(&t, a, c, -0.9);
	add_corr(&t, a, f, 0.9);
	struct sample_plan *p = (struct sample_plan *)&t;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(sample_plan_new(&p, &t.sc, &d), -1);
	ck_assert_ptr_null(p);
	ck_assert_int_eq(d.nerr, 1);
	ck_assert_str_eq(d.v[0].file, "test.yaml");
	ck_assert_int_eq(d.v[0].line, 40);
	ck_assert_int_eq(d.v[0].col, 3);
	ck_assert_str_eq(d.v[0].msg,
			 "correlation matrix is not positive definite: the "
			 "correlations among a, c and b cannot all hold at "
			 "once; weaken some of them");
	diag_free(&d);

	/* weaker: fine, and the fixed pair does not matter */
	t.corr[2].rho_s = 0.7;
	diag_init(&d);
	ck_assert_int_eq(sample_plan_new(&p, &t.sc, &d), 0);
	ck_assert_int_eq(d.n, 0);
	sample_plan_free(p);
	diag_free(&d);
	tsc_free(&t);
}
END_TEST

/* The one error of a plan that must fail (not positive definite), as a
 * string the caller frees. */
static char *not_pd_message(const struct tsc *t)
{
	struct sample_plan *p = (struct sample_plan *)t;
	struct diag d;
	diag_init(&d);
	ck_assert_int_eq(sample_plan_new(&p, &t->sc, &d), -1);
	ck_assert_ptr_null(p);
	ck_assert_int_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].line, 40);
	ck_assert_int_eq(d.v[0].col, 3);
	char *m = strdup(d.v[0].msg);
	ck_assert_ptr_nonnull(m);
	diag_free(&d);
	return m;
}

/* A chain of moderate correlations (0.3) from x through c0 .. c15, and an
 * impossible triangle of x with m1 and m2 (0.9, 0.9, -0.9): the first
 * block that fails ends at m2 and holds the whole chain, but the chain is
 * not needed for the conflict, so only the triangle is named. */
START_TEST(test_sample_not_pd_names_only_the_conflict)
{
	struct tsc t;
	tsc_init(&t, 2);
	int x = add_value(&t, "x", normal(0, 1), RESAMPLE_TRIAL, 0, 0);
	int c[16];
	for (int i = 0; i < 16; i++) {
		char name[16];
		snprintf(name, sizeof name, "c%d", i);
		c[i] = add_value(&t, name, normal(0, 1), RESAMPLE_TRIAL, 0, 0);
		add_corr(&t, i ? c[i - 1] : x, c[i], 0.3);
	}
	int m1 = add_value(&t, "m1", normal(0, 1), RESAMPLE_TRIAL, 0, 0);
	int m2 = add_value(&t, "m2", normal(0, 1), RESAMPLE_TRIAL, 0, 0);
	add_corr(&t, x, m1, 0.9);
	add_corr(&t, x, m2, 0.9);
	add_corr(&t, m1, m2, -0.9);
	char *m = not_pd_message(&t);
	ck_assert_str_eq(m, "correlation matrix is not positive definite: the "
			 "correlations among x, m1 and m2 cannot all hold at "
			 "once; weaken some of them");
	free(m);
	tsc_free(&t);
}
END_TEST

/* Eight inputs pairwise at rho_s = -0.15 (latent r = 2 sin(0.025 pi) =
 * 0.157): any seven can hold (1 - 6 r > 0), all eight cannot (1 - 7 r <
 * 0), so the conflict is all eight, named by the first six (path order)
 * and a count. An uncorrelated input and a possible pair elsewhere do
 * not count. */
START_TEST(test_sample_not_pd_many_inputs)
{
	struct tsc t;
	tsc_init(&t, 2);
	int u = add_value(&t, "u", normal(0, 1), RESAMPLE_TRIAL, 0, 0);
	int v = add_value(&t, "v", normal(0, 1), RESAMPLE_YEAR, 0, 0);
	int e[8];
	for (int i = 0; i < 8; i++) {
		char name[16];
		snprintf(name, sizeof name, "e%d", i);
		e[i] = add_value(&t, name, normal(0, 1), RESAMPLE_TRIAL, 0, 0);
		for (int j = 0; j < i; j++)
			add_corr(&t, e[j], e[i], -0.15);
	}
	add_corr(&t, u, v, 0.8);
	char *m = not_pd_message(&t);
	ck_assert_str_eq(m, "correlation matrix is not positive definite: the "
			 "correlations among e0, e1, e2, e3, e4, e5 and 2 more "
			 "cannot all hold at once; weaken some of them");
	free(m);

	/* seven of them are fine */
	t.sc.ncorr = 0;
	for (int i = 0; i < 7; i++)
		for (int j = 0; j < i; j++)
			add_corr(&t, e[j], e[i], -0.15);
	struct sample_plan *p = plan(&t);
	sample_plan_free(p);
	tsc_free(&t);
}
END_TEST

/* Two separate impossible triangles: the one that fails first in copula
 * order is named (per-trial paths come before per-year ones), whatever
 * the order of the file. */
START_TEST(test_sample_not_pd_first_failing_part)
{
	struct tsc t;
	tsc_init(&t, 3);
	int y[3], p[3];
	for (int i = 0; i < 3; i++) {
		char name[16];
		snprintf(name, sizeof name, "y%d", i);
		y[i] = add_value(&t, name, normal(0, 1), RESAMPLE_YEAR, 0, 0);
	}
	for (int i = 0; i < 3; i++) {
		char name[16];
		snprintf(name, sizeof name, "p%d", i);
		p[i] = add_value(&t, name, normal(0, 1), RESAMPLE_TRIAL, 0, 0);
	}
	add_corr(&t, y[0], y[1], 0.9);
	add_corr(&t, y[0], y[2], 0.9);
	add_corr(&t, y[1], y[2], -0.9);
	add_corr(&t, p[2], p[1], -0.95);
	add_corr(&t, p[0], p[2], 0.95);
	add_corr(&t, p[0], p[1], 0.95);
	char *m = not_pd_message(&t);
	ck_assert_str_eq(m, "correlation matrix is not positive definite: the "
			 "correlations among p0, p1 and p2 cannot all hold at "
			 "once; weaken some of them");
	free(m);
	tsc_free(&t);
}
END_TEST

/* ---- the factorisation against GSL's ---- */

/* rank -> latent correlation exactly as sample.c computes it
 * (latent_rho), and back */
static double latent_of(double rho_s)
{
	return 2 * sin(M_PI * rho_s / 6);
}

static double rank_of(double r)
{
	return 6 / M_PI * asin(r / 2);
}

/* R (n x n, row-major) with latent_of(rank_of(s c_ij)) off the diagonal,
 * and when t is not NULL the scenario of n per-trial normal(0, 1) inputs
 * with those correlations (one for each c_ij != 0). */
static void scaled_matrix(double *R, const double *c, int n, double s,
			  struct tsc *t)
{
	if (t) {
		tsc_init(t, 1);
		for (int i = 0; i < n; i++) {
			char name[16];
			snprintf(name, sizeof name, "i%d", i);
			add_value(t, name, normal(0, 1), RESAMPLE_TRIAL, 0, 0);
		}
	}
	for (int i = 0; i < n; i++) {
		R[i * n + i] = 1;
		for (int j = 0; j < i; j++) {
			double r = 0;
			if (c[i * n + j] != 0) {
				double rs = rank_of(s * c[i * n + j]);
				r = latent_of(rs);
				if (t)
					add_corr(t, j, i, rs);
			}
			R[i * n + j] = R[j * n + i] = r;
		}
	}
}

/* GSL's decision on R: 1 when positive definite, its L then in A. */
static int gsl_decides_pd(gsl_matrix *A, const double *R, int n)
{
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			gsl_matrix_set(A, i, j, R[i * n + j]);
	return gsl_linalg_cholesky_decomp1(A) == GSL_SUCCESS;
}

/* One matrix at scale s: sample_plan_new accepts it exactly when GSL
 * does (at_flip: only asserted when the two must agree there), and then
 * one trial's values are L w with GSL's L (same w, from the stream):
 * bit for bit up to 24 inputs, to 1e-9 beyond. */
static void agree_with_gsl(struct tsc *t, const double *c, int n, double s,
			   double *R, gsl_matrix *A)
{
	scaled_matrix(R, c, n, s, t);
	gsl_matrix_view v = gsl_matrix_submatrix(A, 0, 0, n, n);
	int pd = gsl_decides_pd(&v.matrix, R, n);
	struct sample_plan *p = NULL;
	struct diag d;
	diag_init(&d);
	int rc = sample_plan_new(&p, &t->sc, &d);
	ck_assert_msg((rc == 0) == pd, "n = %d, s = %.17g: GSL says %s, the "
		      "plan %s", n, s, pd ? "positive definite" : "not",
		      rc == 0 ? "accepts" : "refuses");
	diag_free(&d);
	if (rc == 0) {
		double *x = run(t, p, 1, 11, NULL, 0);
		double w[MAXIN];
		gsl_rng *r = gsl_rng_alloc(computesim_rng_type);
		ck_assert_ptr_nonnull(r);
		rng_stream(r, 11, 0);
		for (int i = 0; i < n; i++)
			w[i] = gsl_ran_gaussian_ziggurat(r, 1.0);
		for (int i = 0; i < n; i++) {
			/* sample_trial's order: the diagonal, then columns up */
			double z = w[i] * gsl_matrix_get(&v.matrix, i, i);
			for (int j = 0; j < i; j++)
				if (gsl_matrix_get(&v.matrix, i, j) != 0)
					z += gsl_matrix_get(&v.matrix, i, j) *
					     w[j];
			if (n <= 24)
				ck_assert_msg(x[i] == z, "n = %d, input %d: "
					      "%.17g, GSL's L gives %.17g",
					      n, i, x[i], z);
			else
				ck_assert_double_eq_tol(x[i], z, 1e-9);
		}
		gsl_rng_free(r);
		free(x);
		sample_plan_free(p);
	}
	tsc_free(t);
}

/* The plan decides "positive definite" as gsl_linalg_cholesky_decomp1
 * does, on random correlation matrices right at the boundary: for a
 * random symmetric c (unit diagonal, entries in (-1, 1), a share of them
 * zero so that R falls apart into separate parts), bisect the scale s
 * of s c to the last double where GSL still factors R and the first
 * where it fails. Up to 24 inputs (GSL's unblocked algorithm, which the
 * plan's factorisation follows entry for entry) both decisions and L
 * agree exactly there; beyond 24, GSL's blocked algorithm rounds
 * differently, so they are compared 1e-9 (relative) either side of the
 * boundary. 300 matrices of 3 .. 24 inputs, 60 of 25 .. 40. */
START_TEST(test_sample_cholesky_agrees_with_gsl)
{
	struct tsc *t = malloc(sizeof *t);
	double *c = malloc(MAXIN * MAXIN * sizeof *c);
	double *R = malloc(MAXIN * MAXIN * sizeof *R);
	gsl_matrix *A = gsl_matrix_alloc(MAXIN, MAXIN);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	ck_assert(t && c && R && A && rng);
	gsl_rng_set(rng, 2026);
	int done_small = 0, done_big = 0;

	while (done_small < 300 || done_big < 60) {
		int big = done_small >= 300;
		int n = big ? 25 + (int)gsl_rng_uniform_int(rng, 16) :
			      3 + (int)gsl_rng_uniform_int(rng, 22);
		double zero = 0.4 * (double)gsl_rng_uniform_int(rng, 3);
		for (int i = 0; i < n; i++)
			for (int j = 0; j < i; j++)
				c[i * n + j] = c[j * n + i] =
					gsl_rng_uniform(rng) < zero ? 0 :
					2 * gsl_rng_uniform(rng) - 1;
		gsl_matrix_view v = gsl_matrix_submatrix(A, 0, 0, n, n);
		scaled_matrix(R, c, n, 1, NULL);
		if (gsl_decides_pd(&v.matrix, R, n))
			continue;	/* positive definite all the way */
		double lo = 0, hi = 1;
		for (;;) {
			double mid = lo + (hi - lo) / 2;
			if (mid <= lo || mid >= hi)
				break;
			scaled_matrix(R, c, n, mid, NULL);
			if (gsl_decides_pd(&v.matrix, R, n))
				lo = mid;
			else
				hi = mid;
		}
		if (!big) {
			agree_with_gsl(t, c, n, lo, R, A);
			agree_with_gsl(t, c, n, hi, R, A);
			done_small++;
		} else {
			agree_with_gsl(t, c, n, lo * (1 - 1e-9), R, A);
			agree_with_gsl(t, c, n, fmin(1, hi * (1 + 1e-9)), R, A);
			done_big++;
		}
	}
	gsl_rng_free(rng);
	gsl_matrix_free(A);
	free(R);
	free(c);
	free(t);
}
END_TEST

static Suite *corrmat_suite(void)
{
	Suite *s = suite_create("corrmat");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_sample_cholesky_agrees_with_gsl);
	suite_add_tcase(s, tc);
	TCase *tn = tcase_create("handler_on");
	tcase_add_test(tn, test_sample_not_positive_definite);
	tcase_add_test(tn, test_sample_not_pd_names_only_the_conflict);
	tcase_add_test(tn, test_sample_not_pd_many_inputs);
	tcase_add_test(tn, test_sample_not_pd_first_failing_part);
	suite_add_tcase(s, tn);
	return s;
}

CHECK_MAIN(corrmat_suite)
