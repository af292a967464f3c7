/* check_dist.c — marginals, truncation, inverse-CDF table (sim/dist.c).
 *
 * Statistical tests draw z ~ N(0,1) from GSL's mt19937 with the polar
 * Box-Muller sampler (independent of our own rng.c) and feed
 * dist_from_latent. Each states its sample size and tolerance: a mean
 * within 5 standard errors (sd/sqrt(N)); the share of draws at or below a
 * known percentile x_p within 5 binomial standard errors
 * (sqrt(p(1-p)/N)) of p. A wrong parameter or inverse moves these by far
 * more than 5 sigma at N = 200,000; a correct one fails by chance with
 * probability below 1e-5 per check.
 *
 * The tests that draw run twice (loop index 0 and 1): with plain Monte
 * Carlo latents as above, and with Latin hypercube latents (sim/lhs.c:
 * the N draws are one design, stratified; the position in each stratum
 * from the same mt19937), which must give the same marginals. The same
 * tolerances hold: LHS's variance is at most N/(N-1) times plain MC's
 * (Owen 1997). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "csinit.h"
#include "dist.h"
#include "lhs.h"
#include "testutil.h"

#define N_DRAWS 200000
#define Z95 1.6448536269514722

static void setup(void)
{
	computesim_init();
}

/* 1: draw() takes its latents from a Latin hypercube design (set from
 * the loop index at the top of each test that draws). */
static int draw_lhs;

/* Draw N values of d through latent normals. Caller frees. */
static double *draw(const struct dist *d, int n, unsigned long seed)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	struct lhs_design *h = NULL;
	gsl_rng_set(r, seed);
	double *x = malloc((size_t)n * sizeof *x);
	ck_assert_ptr_nonnull(x);
	if (draw_lhs)
		ck_assert_int_eq(lhs_design_new(&h, seed, 0, (uint64_t)n, 1),
				 0);
	for (int i = 0; i < n; i++)
		x[i] = dist_from_latent(d, h ? lhs_normal(h, 0, (uint64_t)i,
							 gsl_rng_uniform_pos(r))
					     : gsl_ran_gaussian(r, 1.0));
	lhs_design_free(h);
	gsl_rng_free(r);
	return x;
}

/* mean within 5 sd/sqrt(n) of mu */
static void check_mean(const double *x, int n, double mu, double sd,
		       const char *what)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += x[i];
	double m = s / n, tol = 5 * sd / sqrt(n);
	ck_assert_msg(fabs(m - mu) <= tol,
		      "%s: mean %.6g, expected %.6g +- %.3g", what, m, mu, tol);
}

/* share of x <= xp within 5 binomial standard errors of p */
static void check_pct(const double *x, int n, double xp, double p,
		      const char *what)
{
	int c = 0;
	for (int i = 0; i < n; i++)
		c += x[i] <= xp;
	double f = (double)c / n, tol = 5 * sqrt(p * (1 - p) / n);
	ck_assert_msg(fabs(f - p) <= tol,
		      "%s: P(x <= %.6g) = %.6g, expected %.6g +- %.3g", what,
		      xp, f, p, tol);
}

static void prep(struct dist *d)
{
	const char *why = NULL;
	ck_assert_int_eq(dist_prepare(d, -INFINITY, INFINITY, &why), 0);
}

START_TEST(test_dist_constructor_parameters)
{
	struct dist d = {0};
	const char *why = NULL;

	ck_assert_int_eq(dist_lognormal_p5_p95(&d, 1, 4, &why), 0);
	ck_assert_int_eq(d.kind, DIST_LOGNORMAL);
	ck_assert_double_eq_tol(d.a, log(2.0), 1e-15);
	ck_assert_double_eq_tol(d.b, log(4.0) / (2 * Z95), 1e-15);
	ck_assert(d.lower == -INFINITY && d.upper == INFINITY);
	ck_assert_int_eq(d.resample, RESAMPLE_TRIAL);

	ck_assert_int_eq(dist_normal_p5_p95(&d, -0.2, 0.05, &why), 0);
	ck_assert_int_eq(d.kind, DIST_NORMAL);
	ck_assert_double_eq_tol(d.a, -0.075, 1e-15);
	ck_assert_double_eq_tol(d.b, 0.25 / (2 * Z95), 1e-15);

	ck_assert_int_eq(dist_lognormal_mean_sd(&d, 10, 5, &why), 0);
	ck_assert_double_eq_tol(d.b * d.b, log(1.25), 1e-14);
	ck_assert_double_eq_tol(d.a, log(10.0) - 0.5 * log(1.25), 1e-14);

	ck_assert_int_eq(dist_lognormal_median_gsd(&d, 3, 2, &why), 0);
	ck_assert_double_eq_tol(d.a, log(3.0), 1e-15);
	ck_assert_double_eq_tol(d.b, log(2.0), 1e-15);

	ck_assert_int_eq(dist_pert(&d, 10, 20, 60, &why), 0);
	ck_assert_int_eq(d.kind, DIST_PERT);
	ck_assert_double_eq_tol(d.alpha, 1.8, 1e-15);
	ck_assert_double_eq_tol(d.beta, 4.2, 1e-15);
	ck_assert(d.a == 10 && d.b == 60 && d.c == 20);

	ck_assert_int_eq(dist_triangular(&d, 0, 1, 3, &why), 0);
	ck_assert(d.a == 0 && d.c == 1 && d.b == 3);

	ck_assert_int_eq(dist_beta(&d, 2, 5, -1, 3, &why), 0);
	ck_assert(d.alpha == 2 && d.beta == 5 && d.a == -1 && d.b == 3);

	/* "a to b": lognormal only when 0 < a < b */
	ck_assert_int_eq(dist_interval(&d, 1, 4, &why), 0);
	ck_assert_int_eq(d.kind, DIST_LOGNORMAL);
	ck_assert_int_eq(dist_interval(&d, -0.2, 0.05, &why), 0);
	ck_assert_int_eq(d.kind, DIST_NORMAL);
	ck_assert_int_eq(dist_interval(&d, 0, 1, &why), 0);
	ck_assert_int_eq(d.kind, DIST_NORMAL);
	ck_assert_double_eq_tol(d.a, 0.5, 1e-15);

	ck_assert_int_eq(dist_fixed(&d, 2.5, &why), 0);
	ck_assert(dist_is_fixed(&d));
	ck_assert(dist_from_latent(&d, 3.0) == 2.5);
	ck_assert(dist_quantile(&d, 0.1) == 2.5);
}
END_TEST

/* Each invalid case returns negative and says why. */
START_TEST(test_dist_invalid_parameters)
{
	struct dist d = {0};
	const char *why;
	double v[2] = {1, 2}, w0[2] = {0, 0}, wn[2] = {1, -1};

#define BAD(call, msg)                                                    \
	do {                                                              \
		why = NULL;                                               \
		ck_assert_int_lt(call, 0);                                \
		ck_assert_ptr_nonnull(why);                               \
		ck_assert_str_eq(why, msg);                               \
	} while (0)
	BAD(dist_normal_p5_p95(&d, 2, 1, &why), "p5 must be < p95");
	BAD(dist_normal_p5_p95(&d, 1, 1, &why), "p5 must be < p95");
	BAD(dist_lognormal_p5_p95(&d, 0, 1, &why),
	    "p5 must be > 0 for a lognormal");
	BAD(dist_lognormal_p5_p95(&d, 3, 2, &why), "p5 must be < p95");
	BAD(dist_normal_mean_sd(&d, 0, 0, &why), "sd must be > 0");
	BAD(dist_normal_mean_sd(&d, 0, -1, &why), "sd must be > 0");
	BAD(dist_lognormal_mean_sd(&d, 0, 1, &why),
	    "mean must be > 0 for a lognormal");
	BAD(dist_lognormal_mean_sd(&d, 1, 0, &why), "sd must be > 0");
	BAD(dist_lognormal_median_gsd(&d, 1, 1, &why), "gsd must be > 1");
	BAD(dist_lognormal_median_gsd(&d, 1, 0.5, &why), "gsd must be > 1");
	BAD(dist_lognormal_median_gsd(&d, -1, 2, &why), "median must be > 0");
	BAD(dist_uniform(&d, 1, 1, &why), "min must be < max");
	BAD(dist_triangular(&d, 0, 2, 1, &why),
	    "mode must be between min and max");
	BAD(dist_triangular(&d, 1, 1, 1, &why), "min must be < max");
	BAD(dist_pert(&d, 0, -1, 1, &why), "mode must be between min and max");
	BAD(dist_beta(&d, 0, 1, 0, 1, &why), "alpha must be > 0");
	BAD(dist_beta(&d, 1, -2, 0, 1, &why), "beta must be > 0");
	BAD(dist_beta(&d, 1, 1, 1, 0, &why), "min must be < max");
	BAD(dist_choice(&d, v, w0, 2, &why),
	    "at least one choice weight must be > 0");
	BAD(dist_choice(&d, v, wn, 2, &why),
	    "choice weights must be finite and >= 0");
	BAD(dist_choice(&d, v, w0, 0, &why), "choice needs at least one value");
	BAD(dist_interval(&d, 2, 1, &why), "\"a to b\" needs a < b");
	BAD(dist_interval(&d, -1, -1, &why), "\"a to b\" needs a < b");
	BAD(dist_fixed(&d, NAN, &why), "value must be a finite number");
	BAD(dist_normal_mean_sd(&d, INFINITY, 1, &why),
	    "mean and sd must be finite numbers");

	/* truncation */
	ck_assert_int_eq(dist_normal_mean_sd(&d, 0, 1, &why), 0);
	BAD(dist_prepare(&d, 1, 1, &why), "lower must be < upper");
	BAD(dist_prepare(&d, 2, 1, &why), "lower must be < upper");
	BAD(dist_prepare(&d, 40, INFINITY, &why),
	    "lower and upper leave almost no probability (less than 1e-12) "
	    "to draw from");
	BAD(dist_prepare(&d, 7.5, 8, &why),
	    "lower and upper leave almost no probability (less than 1e-12) "
	    "to draw from");
	/* 7 sd out: mass 1.28e-12, still allowed */
	ck_assert_int_eq(dist_prepare(&d, 7, INFINITY, &why), 0);
	dist_free(&d);
	ck_assert_int_eq(dist_fixed(&d, 1, &why), 0);
	BAD(dist_prepare(&d, 0, 2, &why),
	    "a fixed value cannot be truncated (lower/upper)");
	ck_assert_int_eq(dist_prepare(&d, -INFINITY, INFINITY, &why), 0);
	ck_assert_int_eq(dist_choice(&d, v, v, 2, &why), 0);
	BAD(dist_prepare(&d, -INFINITY, 1.5, &why),
	    "a choice cannot be truncated (lower/upper)");
	dist_free(&d);
#undef BAD
}
END_TEST

/* Normal (p5/p95 form): mean and both percentiles, N = 200,000. */
START_TEST(test_dist_normal_moments)
{
	draw_lhs = _i;
	struct dist d = {0};
	const char *why;
	ck_assert_int_eq(dist_normal_p5_p95(&d, -0.2, 0.05, &why), 0);
	prep(&d);
	double *x = draw(&d, N_DRAWS, 1);
	check_mean(x, N_DRAWS, -0.075, 0.25 / (2 * Z95), "normal");
	check_pct(x, N_DRAWS, -0.2, 0.05, "normal p5");
	check_pct(x, N_DRAWS, 0.05, 0.95, "normal p95");
	free(x);

	ck_assert_int_eq(dist_normal_mean_sd(&d, 0.6, 0.5, &why), 0);
	prep(&d);
	x = draw(&d, N_DRAWS, 2);
	check_mean(x, N_DRAWS, 0.6, 0.5, "normal mean/sd");
	check_pct(x, N_DRAWS, 0.6 - 0.5, 0.15865525393145707, "normal -1sd");
	check_pct(x, N_DRAWS, 0.6 + 2 * 0.5, 0.9772498680518208, "normal +2sd");
	free(x);
	/* the fast path is exactly mean + sd z */
	ck_assert(dist_from_latent(&d, 1.25) == 0.6 + 0.5 * 1.25);
}
END_TEST

/* Lognormal, three constructors: mean (exp(mu + s^2/2)) and two
 * percentiles each, N = 200,000. */
START_TEST(test_dist_lognormal_moments)
{
	draw_lhs = _i;
	struct dist d = {0};
	const char *why;

	ck_assert_int_eq(dist_lognormal_p5_p95(&d, 1, 4, &why), 0);
	prep(&d);
	double mu = log(2.0), s = log(4.0) / (2 * Z95);
	double mean = exp(mu + s * s / 2);
	double sd = mean * sqrt(expm1(s * s));
	double *x = draw(&d, N_DRAWS, 3);
	check_mean(x, N_DRAWS, mean, sd, "lognormal p5/p95");
	check_pct(x, N_DRAWS, 1, 0.05, "lognormal p5");
	check_pct(x, N_DRAWS, 4, 0.95, "lognormal p95");
	free(x);
	ck_assert(dist_from_latent(&d, -0.5) == exp(d.a - 0.5 * d.b));

	/* mean 10, sd 5: median = mean / sqrt(1 + cv^2) */
	ck_assert_int_eq(dist_lognormal_mean_sd(&d, 10, 5, &why), 0);
	prep(&d);
	x = draw(&d, N_DRAWS, 4);
	check_mean(x, N_DRAWS, 10, 5, "lognormal mean/sd");
	double s2 = sqrt(log(1.25));
	check_pct(x, N_DRAWS, 10 / sqrt(1.25), 0.5, "lognormal median");
	check_pct(x, N_DRAWS, 10 / sqrt(1.25) * exp(s2 * 1.2815515655446004),
		  0.9, "lognormal p90");
	free(x);

	/* median 3, gsd 2: P(x <= 3 * 2) = Phi(1) */
	ck_assert_int_eq(dist_lognormal_median_gsd(&d, 3, 2, &why), 0);
	prep(&d);
	x = draw(&d, N_DRAWS, 5);
	s = log(2.0);
	mean = 3 * exp(s * s / 2);
	sd = mean * sqrt(expm1(s * s));
	check_mean(x, N_DRAWS, mean, sd, "lognormal median/gsd");
	check_pct(x, N_DRAWS, 3, 0.5, "lognormal median");
	check_pct(x, N_DRAWS, 6, 0.8413447460685429, "lognormal median*gsd");
	free(x);
}
END_TEST

/* Uniform [2, 7]: mean 4.5, sd 5/sqrt(12); P(x <= 2.5) = 0.1,
 * P(x <= 5.75) = 0.75. N = 200,000. */
START_TEST(test_dist_uniform_moments)
{
	draw_lhs = _i;
	struct dist d = {0};
	const char *why;
	ck_assert_int_eq(dist_uniform(&d, 2, 7, &why), 0);
	prep(&d);
	double *x = draw(&d, N_DRAWS, 6);
	check_mean(x, N_DRAWS, 4.5, 5 / sqrt(12.0), "uniform");
	check_pct(x, N_DRAWS, 2.5, 0.1, "uniform p10");
	check_pct(x, N_DRAWS, 5.75, 0.75, "uniform p75");
	for (int i = 0; i < N_DRAWS; i++)
		ck_assert(x[i] >= 2 && x[i] <= 7);
	free(x);
}
END_TEST

/* Triangular (0, 1, 3): mean 4/3, variance 7/18; F(1) = 1/3 (the mode),
 * F(2) = 1 - 1/6. N = 200,000. */
START_TEST(test_dist_triangular_moments)
{
	draw_lhs = _i;
	struct dist d = {0};
	const char *why;
	ck_assert_int_eq(dist_triangular(&d, 0, 1, 3, &why), 0);
	prep(&d);
	double *x = draw(&d, N_DRAWS, 7);
	check_mean(x, N_DRAWS, 4.0 / 3, sqrt(7.0 / 18), "triangular");
	check_pct(x, N_DRAWS, 1, 1.0 / 3, "triangular F(mode)");
	check_pct(x, N_DRAWS, 2, 5.0 / 6, "triangular F(2)");
	free(x);
	/* closed form quantile at both ends of the mode */
	ck_assert_double_eq_tol(dist_quantile(&d, 1.0 / 3), 1, 1e-14);
	ck_assert_double_eq_tol(dist_quantile(&d, 5.0 / 6), 2, 1e-14);
	ck_assert_double_eq_tol(dist_quantile(&d, 1.0 / 12), 0.5, 1e-14);
	ck_assert_double_eq_tol(dist_cdf(&d, 2), 5.0 / 6, 1e-15);
	/* degenerate modes */
	ck_assert_int_eq(dist_triangular(&d, 0, 0, 2, &why), 0);
	prep(&d);
	ck_assert_double_eq_tol(dist_quantile(&d, 0.75), 2 - sqrt(0.25 * 4),
				1e-14);
	ck_assert_int_eq(dist_triangular(&d, 0, 2, 2, &why), 0);
	prep(&d);
	ck_assert_double_eq_tol(dist_quantile(&d, 0.25), sqrt(0.25 * 4), 1e-14);
}
END_TEST

/* PERT (10, 20, 60): mean (min + 4 mode + max)/6 = 25, variance
 * (mean-min)(max-mean)/7 = 75; percentiles from GSL's beta CDF (not the
 * inverse or our table). N = 200,000. */
START_TEST(test_dist_pert_moments)
{
	draw_lhs = _i;
	struct dist d = {0};
	const char *why;
	ck_assert_int_eq(dist_pert(&d, 10, 20, 60, &why), 0);
	prep(&d);
	ck_assert_ptr_nonnull(d.table);
	double *x = draw(&d, N_DRAWS, 8);
	check_mean(x, N_DRAWS, 25, sqrt(75.0), "pert");
	check_pct(x, N_DRAWS, 20, gsl_cdf_beta_P(0.2, 1.8, 4.2), "pert F(20)");
	check_pct(x, N_DRAWS, 40, gsl_cdf_beta_P(0.6, 1.8, 4.2), "pert F(40)");
	for (int i = 0; i < N_DRAWS; i++)
		ck_assert(x[i] >= 10 && x[i] <= 60);
	free(x);
	dist_free(&d);
}
END_TEST

/* Beta(2, 5) on [0, 1] and on [-1, 3]: mean 2/7, variance
 * ab/((a+b)^2 (a+b+1)) = 10/392, scaled by (max-min). N = 200,000. */
START_TEST(test_dist_beta_moments)
{
	draw_lhs = _i;
	struct dist d = {0};
	const char *why;
	double sd = sqrt(10.0 / 392);

	ck_assert_int_eq(dist_beta(&d, 2, 5, 0, 1, &why), 0);
	prep(&d);
	double *x = draw(&d, N_DRAWS, 9);
	check_mean(x, N_DRAWS, 2.0 / 7, sd, "beta");
	check_pct(x, N_DRAWS, 0.1, gsl_cdf_beta_P(0.1, 2, 5), "beta F(0.1)");
	check_pct(x, N_DRAWS, 0.5, gsl_cdf_beta_P(0.5, 2, 5), "beta F(0.5)");
	free(x);
	dist_free(&d);

	ck_assert_int_eq(dist_beta(&d, 2, 5, -1, 3, &why), 0);
	prep(&d);
	x = draw(&d, N_DRAWS, 10);
	check_mean(x, N_DRAWS, -1 + 4 * 2.0 / 7, 4 * sd, "scaled beta");
	check_pct(x, N_DRAWS, 0, gsl_cdf_beta_P(0.25, 2, 5), "scaled beta F(0)");
	check_pct(x, N_DRAWS, 1, gsl_cdf_beta_P(0.5, 2, 5), "scaled beta F(1)");
	free(x);
	dist_free(&d);
}
END_TEST

/* Choice {3: 0.2, 1: 0.5, 2: 0.3}: the latent goes through the cumulative
 * weights in listed order (exact checks), frequencies within 5 binomial
 * standard errors and mean 1.7 within 5 se at N = 200,000. */
START_TEST(test_dist_choice)
{
	draw_lhs = _i;
	struct dist d = {0};
	const char *why;
	double v[3] = {3, 1, 2}, w[3] = {2, 5, 3};
	ck_assert_int_eq(dist_choice(&d, v, w, 3, &why), 0);
	prep(&d);
	ck_assert(!dist_is_fixed(&d));
	/* Phi(-1) = 0.159 < 0.2 -> 3; Phi(0) = 0.5 < 0.7 -> 1; Phi(0.6) =
	 * 0.726 -> 2; Phi(-0.8416) = 0.19999 -> 3; Phi(-0.8415) = 0.2000 -> 1 */
	ck_assert(dist_from_latent(&d, -1) == 3);
	ck_assert(dist_from_latent(&d, 0) == 1);
	ck_assert(dist_from_latent(&d, 0.6) == 2);
	ck_assert(dist_from_latent(&d, -0.8417) == 3);
	ck_assert(dist_from_latent(&d, -0.8415) == 1);
	ck_assert(dist_from_latent(&d, 40) == 2);
	ck_assert(dist_from_latent(&d, -40) == 3);
	ck_assert(dist_quantile(&d, 0.69) == 1);
	ck_assert(dist_quantile(&d, 0.71) == 2);
	ck_assert_double_eq_tol(dist_cdf(&d, 2), 0.8, 1e-15);
	ck_assert(dist_cdf(&d, 0.5) == 0);
	ck_assert_double_eq_tol(dist_mass_outside(&d, 1.5, 2.5), 0.7, 1e-15);

	double *x = draw(&d, N_DRAWS, 11);
	int c1 = 0, c3 = 0;
	for (int i = 0; i < N_DRAWS; i++) {
		c1 += x[i] == 1;
		c3 += x[i] == 3;
		ck_assert(x[i] == 1 || x[i] == 2 || x[i] == 3);
	}
	double tol = 5 * sqrt(0.25 / N_DRAWS);
	ck_assert_double_eq_tol((double)c1 / N_DRAWS, 0.5, tol);
	ck_assert_double_eq_tol((double)c3 / N_DRAWS, 0.2, tol);
	check_mean(x, N_DRAWS, 1.7, sqrt(0.2 * 9 + 0.5 + 0.3 * 4 - 1.7 * 1.7),
		   "choice");
	free(x);
	dist_free(&d);

	/* a zero weight is never drawn; one weighted value is fixed */
	double w2[3] = {0, 1, 0};
	ck_assert_int_eq(dist_choice(&d, v, w2, 3, &why), 0);
	ck_assert(dist_is_fixed(&d));
	for (double z = -8; z <= 8; z += 0.5)
		ck_assert(dist_from_latent(&d, z) == 1);
	dist_free(&d);
}
END_TEST

/* Truncation by CDF: no draw outside [lower, upper], and the shape
 * inside is the renormalised CDF: P(x <= m | lower <= x <= upper) =
 * (F(m) - F(lower)) / (F(upper) - F(lower)), within 5 binomial se at
 * N = 200,000. Deep-tail truncation and extreme latents stay finite. */
START_TEST(test_dist_truncation)
{
	draw_lhs = _i;
	struct dist d = {0};
	const char *why;
	double *x;

	/* normal(0.6, 0.5), lower -0.4 (2 sd below) */
	ck_assert_int_eq(dist_normal_mean_sd(&d, 0.6, 0.5, &why), 0);
	ck_assert_int_eq(dist_prepare(&d, -0.4, INFINITY, &why), 0);
	ck_assert_double_eq_tol(d.ulo, gsl_cdf_ugaussian_P(-2), 1e-15);
	x = draw(&d, N_DRAWS, 12);
	for (int i = 0; i < N_DRAWS; i++)
		ck_assert(x[i] >= -0.4);
	double Fl = gsl_cdf_ugaussian_P(-2);
	check_pct(x, N_DRAWS, 0.6, (0.5 - Fl) / (1 - Fl), "trunc normal F(mean)");
	check_pct(x, N_DRAWS, 0.1, (gsl_cdf_ugaussian_P(-1) - Fl) / (1 - Fl),
		  "trunc normal F(mean-sd)");
	free(x);
	ck_assert(isfinite(dist_from_latent(&d, 40)));
	ck_assert(dist_from_latent(&d, -40) >= -0.4);
	dist_free(&d);

	/* standard normal, lower 4: the upper tail keeps its shape */
	ck_assert_int_eq(dist_normal_mean_sd(&d, 0, 1, &why), 0);
	ck_assert_int_eq(dist_prepare(&d, 4, INFINITY, &why), 0);
	x = draw(&d, N_DRAWS, 13);
	double Q4 = gsl_cdf_ugaussian_Q(4);
	for (int i = 0; i < N_DRAWS; i++)
		ck_assert(x[i] >= 4 && isfinite(x[i]));
	check_pct(x, N_DRAWS, 4.25, (Q4 - gsl_cdf_ugaussian_Q(4.25)) / Q4,
		  "tail normal F(4.25)");
	free(x);
	ck_assert(isfinite(dist_from_latent(&d, 38)));
	ck_assert(dist_from_latent(&d, 38) >= 4);
	ck_assert_double_eq_tol(dist_quantile(&d, 0.5),
				gsl_cdf_ugaussian_Qinv(Q4 / 2), 1e-12);
	dist_free(&d);

	/* two-sided lognormal (p5 0.5, p95 4) on [1, 3] */
	ck_assert_int_eq(dist_lognormal_p5_p95(&d, 0.5, 4, &why), 0);
	double mu = d.a, s = d.b;
	ck_assert_int_eq(dist_prepare(&d, 1, 3, &why), 0);
	x = draw(&d, N_DRAWS, 14);
	double F1 = gsl_cdf_lognormal_P(1, mu, s), F3 = gsl_cdf_lognormal_P(3, mu, s);
	for (int i = 0; i < N_DRAWS; i++)
		ck_assert(x[i] >= 1 && x[i] <= 3);
	check_pct(x, N_DRAWS, 2, (gsl_cdf_lognormal_P(2, mu, s) - F1) / (F3 - F1),
		  "trunc lognormal F(2)");
	free(x);

	/* beta (table) on [0.2, 0.6] */
	ck_assert_int_eq(dist_beta(&d, 2, 5, 0, 1, &why), 0);
	ck_assert_int_eq(dist_prepare(&d, 0.2, 0.6, &why), 0);
	x = draw(&d, N_DRAWS, 15);
	double B2 = gsl_cdf_beta_P(0.2, 2, 5), B6 = gsl_cdf_beta_P(0.6, 2, 5);
	for (int i = 0; i < N_DRAWS; i++)
		ck_assert(x[i] >= 0.2 && x[i] <= 0.6);
	check_pct(x, N_DRAWS, 0.3, (gsl_cdf_beta_P(0.3, 2, 5) - B2) / (B6 - B2),
		  "trunc beta F(0.3)");
	free(x);
	dist_free(&d);

	/* triangular (0, 1, 3) above 2: F(x | x >= 2) = 1 - (3-x)^2 */
	ck_assert_int_eq(dist_triangular(&d, 0, 1, 3, &why), 0);
	ck_assert_int_eq(dist_prepare(&d, 2, INFINITY, &why), 0);
	x = draw(&d, N_DRAWS, 16);
	for (int i = 0; i < N_DRAWS; i++)
		ck_assert(x[i] >= 2 && x[i] <= 3);
	check_pct(x, N_DRAWS, 2.5, 0.75, "trunc triangular F(2.5)");
	free(x);

	/* uniform [0, 10] on [-5, 4]: uniform on [0, 4] */
	ck_assert_int_eq(dist_uniform(&d, 0, 10, &why), 0);
	ck_assert_int_eq(dist_prepare(&d, -5, 4, &why), 0);
	ck_assert_double_eq_tol(dist_quantile(&d, 0.25), 1, 1e-14);
	ck_assert_double_eq_tol(dist_from_latent(&d, 0), 2, 1e-14);
}
END_TEST

/* The mass check's messages are in test_dist_invalid_parameters; here the
 * values the loader's range warnings use. Exact to 1e-12. */
START_TEST(test_dist_mass_outside)
{
	struct dist d = {0};
	const char *why;

	ck_assert_int_eq(dist_normal_mean_sd(&d, 0, 1, &why), 0);
	prep(&d);
	ck_assert_double_eq_tol(dist_mass_outside(&d, -1.959963984540054,
						  1.959963984540054), 0.05, 1e-12);
	ck_assert_double_eq_tol(dist_mass_outside(&d, -INFINITY, 3),
				gsl_cdf_ugaussian_Q(3), 1e-16);
	ck_assert(dist_mass_outside(&d, -INFINITY, INFINITY) == 0);
	/* truncated at 0: above 1 is 2 Q(1) of what is left */
	ck_assert_int_eq(dist_prepare(&d, 0, INFINITY, &why), 0);
	ck_assert_double_eq_tol(dist_mass_outside(&d, -1, 1),
				2 * gsl_cdf_ugaussian_Q(1), 1e-12);
	ck_assert(dist_mass_outside(&d, 0, INFINITY) == 0);
	ck_assert_double_eq_tol(dist_mass_outside(&d, 1, INFINITY),
				2 * gsl_cdf_ugaussian_P(1) - 1, 1e-12);
	dist_free(&d);

	ck_assert_int_eq(dist_lognormal_p5_p95(&d, 1, 4, &why), 0);
	prep(&d);
	ck_assert_double_eq_tol(dist_mass_outside(&d, 0, 4), 0.05, 1e-12);
	ck_assert_double_eq_tol(dist_mass_outside(&d, 1, INFINITY), 0.05, 1e-12);
	ck_assert(dist_mass_outside(&d, -1, INFINITY) == 0);

	ck_assert_int_eq(dist_fixed(&d, 2, &why), 0);
	ck_assert(dist_mass_outside(&d, 0, 1) == 1);
	ck_assert(dist_mass_outside(&d, 0, 2) == 0);
}
END_TEST

/* Exact reference for the table check: the exact inverse on the side of
 * z where Phi(z) keeps its precision. For z <= 0 the quantile at
 * Phi(z); for z > 0 the mirrored distribution (x -> -x, which swaps the
 * shapes) at Phi(-z). Independent of the table and of dist.c's
 * upper-tail path. */
static double exact_ref(const struct dist *d, const struct dist *mirror,
			double z)
{
	if (z <= 0)
		return dist_quantile(d, gsl_cdf_ugaussian_P(z));
	return -dist_quantile(mirror, gsl_cdf_ugaussian_P(-z));
}

/* The beta/PERT/truncated-normal table: at 20,000 points per shape
 * (uniform in z over [-7, 7], so also outside the table, where the exact
 * path is used) |table - exact| <= d->table_err, and table_err <=
 * 2e-10 * scale (max - min; the sd for a normal) for shapes whose grid
 * converged (documented bound); monotone in z across interval edges. */
START_TEST(test_dist_table_error_bound)
{
	static const double sh[][4] = {	/* alpha, beta, min, max */
		{1.8, 4.2, 10, 60},	/* pert(10, 20, 60) */
		{1, 5, 0, 1},		/* pert with mode = min */
		{3, 3, -2, 2},		/* pert, symmetric */
		{2, 5, 0, 1},
		{0.5, 0.5, 0, 1},
		{5, 1.5, 100, 250},
		{0.3, 2, 0, 1},
		{50, 50, 0, 1},
	};
	const char *why;

	for (size_t k = 0; k < sizeof sh / sizeof sh[0]; k++) {
		struct dist d = {0}, m = {0};
		ck_assert_int_eq(dist_beta(&d, sh[k][0], sh[k][1], sh[k][2],
					   sh[k][3], &why), 0);
		ck_assert_int_eq(dist_beta(&m, sh[k][1], sh[k][0], -sh[k][3],
					   -sh[k][2], &why), 0);
		prep(&d);
		prep(&m);
		ck_assert_ptr_nonnull(d.table);
		double width = sh[k][3] - sh[k][2];
		ck_assert_msg(d.table_err > 0 && d.table_err <= 2.1e-10 * width,
			      "beta(%g,%g): table_err %.3g", sh[k][0], sh[k][1],
			      d.table_err);
		double maxe = 0;
		for (int i = 0; i < 20000; i++) {
			double z = -7 + 14 * (i + 0.5) / 20000;
			double e = fabs(dist_from_latent(&d, z) -
					exact_ref(&d, &m, z));
			if (e > maxe)
				maxe = e;
		}
		ck_assert_msg(maxe <= d.table_err,
			      "beta(%g,%g): error %.3g above bound %.3g",
			      sh[k][0], sh[k][1], maxe, d.table_err);
		double prev = -INFINITY;
		for (double z = -6.5; z <= 6.5; z += 1e-3) {
			double x = dist_from_latent(&d, z);
			ck_assert_msg(x >= prev, "not monotone at z = %g", z);
			prev = x;
		}
		dist_free(&d);
		dist_free(&m);
	}

	/* truncated normals: mean, sd, lower, upper; the bound is relative
	 * to the sd */
	static const double tn[][4] = {
		{0.6, 0.5, -0.4, INFINITY},
		{0, 1, -1, 2},
		{0, 1, 4, INFINITY},	/* deep upper tail */
		{5, 2, -INFINITY, 3},
		{-0.15, 0.12, -1, 0.5},
	};
	for (size_t k = 0; k < sizeof tn / sizeof tn[0]; k++) {
		struct dist d = {0}, m = {0};
		ck_assert_int_eq(dist_normal_mean_sd(&d, tn[k][0], tn[k][1],
						     &why), 0);
		ck_assert_int_eq(dist_prepare(&d, tn[k][2], tn[k][3], &why), 0);
		ck_assert_int_eq(dist_normal_mean_sd(&m, -tn[k][0], tn[k][1],
						     &why), 0);
		ck_assert_int_eq(dist_prepare(&m, -tn[k][3], -tn[k][2], &why), 0);
		ck_assert_ptr_nonnull(d.table);
		ck_assert_msg(d.table_err > 0 &&
			      d.table_err <= 2.1e-10 * tn[k][1],
			      "normal %zu: table_err %.3g", k, d.table_err);
		double prev = -INFINITY;
		for (int i = 0; i < 20000; i++) {
			double z = -7 + 14 * (i + 0.5) / 20000;
			double x = dist_from_latent(&d, z);
			ck_assert(x >= tn[k][2] && x <= tn[k][3] && x >= prev);
			prev = x;
			ck_assert_msg(fabs(x - exact_ref(&d, &m, z)) <= d.table_err,
				      "normal %zu at z = %g: %.3g > %.3g", k, z,
				      fabs(x - exact_ref(&d, &m, z)), d.table_err);
		}
		dist_free(&d);
		dist_free(&m);
	}

	/* PERT through its constructor, truncated to [15, 45] */
	struct dist d = {0}, m = {0};
	ck_assert_int_eq(dist_pert(&d, 10, 20, 60, &why), 0);
	ck_assert_int_eq(dist_prepare(&d, 15, 45, &why), 0);
	ck_assert_int_eq(dist_pert(&m, -60, -20, -10, &why), 0);
	ck_assert_int_eq(dist_prepare(&m, -45, -15, &why), 0);
	ck_assert(d.table_err > 0 && d.table_err <= 2.1e-10 * 50);
	for (int i = 0; i < 20000; i++) {
		double z = -7 + 14 * (i + 0.5) / 20000;
		double x = dist_from_latent(&d, z);
		ck_assert(x >= 15 && x <= 45);
		ck_assert_double_eq_tol(x, exact_ref(&d, &m, z), d.table_err);
	}
	dist_free(&d);
	dist_free(&m);
}
END_TEST

/* dist_quantile is exact for beta/PERT: F(quantile(u)) = u to 1e-12. */
START_TEST(test_dist_quantile_exact)
{
	struct dist d = {0};
	const char *why;
	ck_assert_int_eq(dist_pert(&d, 10, 20, 60, &why), 0);
	prep(&d);
	for (double u = 0.001; u < 1; u += 0.0237)
		ck_assert_double_eq_tol(dist_cdf(&d, dist_quantile(&d, u)), u,
					1e-12);
	dist_free(&d);
	/* an extreme shape where gsl_cdf_beta_Pinv does not converge */
	ck_assert_int_eq(dist_beta(&d, 1000, 2, 0, 1, &why), 0);
	prep(&d);
	for (double u = 1e-4; u < 1e-3; u += 1e-4) {
		double x = dist_quantile(&d, u);
		ck_assert(isfinite(x));
		ck_assert_double_eq_tol(gsl_cdf_beta_P(x, 1000, 2), u, 1e-9 * u);
	}
	dist_free(&d);
}
END_TEST

/* Copies are deep and independent; dist_free twice is safe. */
START_TEST(test_dist_copy_free)
{
	struct dist a = {0}, b = {0}, c = {0}, e = {0};
	const char *why;
	double v[3] = {1, 2, 3}, w[3] = {1, 1, 2};

	ck_assert_int_eq(dist_pert(&a, 0, 1, 4, &why), 0);
	ck_assert_int_eq(dist_prepare(&a, 0.5, 3.5, &why), 0);
	ck_assert_int_eq(dist_copy(&b, &a), 0);
	ck_assert_ptr_ne(a.table, b.table);
	ck_assert(b.table_err == a.table_err);
	for (double z = -7; z <= 7; z += 0.01)
		ck_assert(dist_from_latent(&a, z) == dist_from_latent(&b, z));
	dist_free(&a);
	dist_free(&a);
	ck_assert_ptr_null(a.table);
	ck_assert(isfinite(dist_from_latent(&b, 0.3)));	/* ASan: no UAF */
	dist_free(&b);

	ck_assert_int_eq(dist_choice(&c, v, w, 3, &why), 0);
	ck_assert_int_eq(dist_copy(&e, &c), 0);
	ck_assert_ptr_ne(c.values, e.values);
	ck_assert_ptr_ne(c.cum, e.cum);
	dist_free(&c);
	ck_assert(dist_from_latent(&e, 1) == 3);
	ck_assert(dist_from_latent(&e, -1) == 1);
	dist_free(&e);
	dist_free(&e);
	dist_free(NULL);
}
END_TEST

static Suite *dist_suite(void)
{
	Suite *s = suite_create("dist");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_dist_constructor_parameters);
	tcase_add_test(tc, test_dist_invalid_parameters);
	tcase_add_loop_test(tc, test_dist_normal_moments, 0, 2);
	tcase_add_loop_test(tc, test_dist_lognormal_moments, 0, 2);
	tcase_add_loop_test(tc, test_dist_uniform_moments, 0, 2);
	tcase_add_loop_test(tc, test_dist_triangular_moments, 0, 2);
	tcase_add_loop_test(tc, test_dist_pert_moments, 0, 2);
	tcase_add_loop_test(tc, test_dist_beta_moments, 0, 2);
	tcase_add_loop_test(tc, test_dist_choice, 0, 2);
	tcase_add_loop_test(tc, test_dist_truncation, 0, 2);
	tcase_add_test(tc, test_dist_mass_outside);
	tcase_add_test(tc, test_dist_table_error_bound);
	tcase_add_test(tc, test_dist_quantile_exact);
	tcase_add_test(tc, test_dist_copy_free);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(dist_suite)
