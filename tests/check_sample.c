/* check_sample.c — latent paths and the Gaussian copula (sim/sample.c,
 * MODEL.md "Sampling").
 *
 * Scenarios are built directly as struct scenario (helpers below), so
 * these tests do not depend on the YAML loader. Statistical checks state
 * their sample size and use 5-sigma tolerances: a Spearman or Pearson
 * correlation within 5 (1 - rho^2) / sqrt(N) of its target (the
 * large-sample sd of a correlation estimate is at most (1 - rho^2) /
 * sqrt(N) for Pearson on normal data and about 1/sqrt(N) for Spearman,
 * which we use), so a wrong factor, order or formula fails while a correct
 * implementation fails by chance with probability below 1e-5 per check. */
#include "sampleutil.h"
#include "scenario.h"

/* ---- tests ---- */

/* Fixed inputs take their value in every year; the uncertain inputs are
 * listed in scenario order; and the stream is consumed in the documented
 * order: one innovation per per-trial path (in scenario order), then per
 * year one per ar1 path, then one per per-year path. Exact. */
START_TEST(test_sample_order_and_fixed)
{
	struct tsc t;
	tsc_init(&t, 3);
	int f = add_value(&t, "f", fixed(3.5), RESAMPLE_TRIAL, 0, 0);
	int y = add_value(&t, "y", normal(0, 1), RESAMPLE_YEAR, 0, 1);
	int a = add_value(&t, "a", normal(10, 2), RESAMPLE_TRIAL, 0, 0);
	int ar = add_value(&t, "ar", normal(0, 1), RESAMPLE_AR1, 0.6, 1);
	int l = add_value(&t, "l", lognormal(1, 4), RESAMPLE_TRIAL, 0, 0);
	struct dist sp[2] = {fixed(5), fixed(6)};
	int s = add_series(&t, "s", 2, (int[]){0, 2}, sp);
	struct sample_plan *p = plan(&t);

	ck_assert_int_eq(sample_n_uncertain(p), 4);
	ck_assert_int_eq(sample_uncertain_input(p, 0), y);
	ck_assert_int_eq(sample_uncertain_input(p, 1), a);
	ck_assert_int_eq(sample_uncertain_input(p, 2), ar);
	ck_assert_int_eq(sample_uncertain_input(p, 3), l);
	ck_assert_int_eq(sample_uncertain_input(p, 4), -1);
	ck_assert_int_eq(sample_uncertain_input(p, -1), -1);

	double x[6 * 3], scratch[64], e[8];
	ck_assert_uint_le(sample_scratch_size(p), 64);
	gsl_rng *r = gsl_rng_alloc(computesim_rng_type);
	rng_stream(r, 99, 5);
	gsl_rng *c = gsl_rng_clone(r);
	sample_trial(p, r, x, scratch, NULL, 0);
	for (int k = 0; k < 8; k++)
		e[k] = gsl_ran_gaussian_ziggurat(c, 1.0);
	/* the next draw of both is the same: 8 innovations consumed */
	ck_assert(gsl_rng_get(r) == gsl_rng_get(c));

	double lda = lognormal(1, 4).a, ldb = lognormal(1, 4).b;
	for (int tt = 0; tt < 3; tt++) {
		ck_assert(x[f * 3 + tt] == 3.5);
		ck_assert(x[a * 3 + tt] == 10 + 2 * e[0]);
		ck_assert(x[l * 3 + tt] == exp(lda + ldb * e[1]));
	}
	double sphi = sqrt(1 - 0.36);
	ck_assert(x[ar * 3 + 0] == e[2]);
	ck_assert(x[y * 3 + 0] == e[3]);
	ck_assert(x[ar * 3 + 1] == 0.6 * e[2] + sphi * e[4]);
	ck_assert(x[y * 3 + 1] == e[5]);
	ck_assert(x[ar * 3 + 2] == 0.6 * x[ar * 3 + 1] + sphi * e[6]);
	ck_assert(x[y * 3 + 2] == e[7]);
	ck_assert(x[s * 3 + 0] == 5 && x[s * 3 + 1] == 5 && x[s * 3 + 2] == 6);

	gsl_rng_free(r);
	gsl_rng_free(c);
	sample_plan_free(p);
	sample_plan_free(NULL);
	tsc_free(&t);
}
END_TEST

/* The copula: Spearman correlation in every year between two per-trial
 * inputs (0.6), two per-year inputs (-0.5) and a per-trial with a
 * per-year one (0.4), each within 5/sqrt(N) = 0.0354 of the asked rank
 * correlation, N = 20,000 trials, 4 years. The per-trial inputs are
 * constant over the years (exact). The per-year input correlated with a
 * per-trial one inherits a lasting component: its years have latent
 * correlation equal to the variance of its projection on the per-trial
 * latents, r_ac^2 / (1 - r_ab^2) here (b correlates with a), rank
 * correlation (6/pi) asin(that/2); the other per-year input has none. Marginals keep their percentiles (lognormal
 * p5/p95 within 5 binomial se). */
START_TEST(test_sample_copula_rank_correlations)
{
	enum { N = 20000, T = 4 };
	struct tsc t;
	tsc_init(&t, T);
	int a = add_value(&t, "a", lognormal(1, 4), RESAMPLE_TRIAL, 0, 0);
	int c = add_value(&t, "c", normal(0.1, 0.2), RESAMPLE_YEAR, 0, 0);
	int b = add_value(&t, "b", pert(10, 20, 60), RESAMPLE_TRIAL, 0, 0);
	int dd = add_value(&t, "d", triangular(0, 1, 3), RESAMPLE_YEAR, 0, 0);
	int u = add_value(&t, "u", normal(0, 1), RESAMPLE_TRIAL, 0, 0);
	add_corr(&t, a, b, 0.6);
	add_corr(&t, c, dd, -0.5);
	add_corr(&t, a, c, 0.4);
	struct sample_plan *p = plan(&t);
	double *xs = run(&t, p, N, 2026, NULL, 0);
	double tol = 5 / sqrt((double)N);

	double *a0 = col(&t, xs, N, a, 0), *b0 = col(&t, xs, N, b, 0);
	for (int y = 0; y < T; y++) {
		double *ay = col(&t, xs, N, a, y), *by = col(&t, xs, N, b, y);
		double *cy = col(&t, xs, N, c, y), *dy = col(&t, xs, N, dd, y);
		double *uy = col(&t, xs, N, u, y);
		ck_assert(memcmp(ay, a0, N * sizeof *ay) == 0);
		ck_assert(memcmp(by, b0, N * sizeof *by) == 0);
		double r;
		r = spearman(ay, by, N);
		ck_assert_msg(fabs(r - 0.6) < tol, "year %d: rs(a,b) = %g", y, r);
		r = spearman(cy, dy, N);
		ck_assert_msg(fabs(r + 0.5) < tol, "year %d: rs(c,d) = %g", y, r);
		r = spearman(ay, cy, N);
		ck_assert_msg(fabs(r - 0.4) < tol, "year %d: rs(a,c) = %g", y, r);
		r = spearman(uy, cy, N);
		ck_assert_msg(fabs(r) < tol, "year %d: rs(u,c) = %g", y, r);
		r = spearman(ay, dy, N);
		ck_assert_msg(fabs(r) < tol, "year %d: rs(a,d) = %g", y, r);
		/* lognormal marginal kept: P(a <= 1) = 0.05, P(a <= 4) = 0.95 */
		int lo = 0, hi = 0;
		for (int k = 0; k < N; k++) {
			lo += ay[k] <= 1;
			hi += ay[k] <= 4;
		}
		double bt = 5 * sqrt(0.0475 / N);
		ck_assert_double_eq_tol((double)lo / N, 0.05, bt);
		ck_assert_double_eq_tol((double)hi / N, 0.95, bt);
		/* normal marginal kept under the copula: mean 0.1 +- 5 sd/sqrt(N) */
		ck_assert_double_eq_tol(gsl_stats_mean(cy, 1, N), 0.1,
					5 * 0.2 / sqrt((double)N));
		ck_assert_double_eq_tol(gsl_stats_sd(cy, 1, N), 0.2,
					5 * 0.2 / sqrt(2.0 * N));
		if (y + 1 < T) {
			double *cn = col(&t, xs, N, c, y + 1);
			double *dn = col(&t, xs, N, dd, y + 1);
			/* c's lasting part: its projection on the per-trial
			 * latents, [r_ac 0] [[1 r_ab][r_ab 1]]^-1 [r_ac 0]' */
			double rac = 2 * sin(M_PI * 0.4 / 6);
			double rab = 2 * sin(M_PI * 0.6 / 6);
			double lasting = rac * rac / (1 - rab * rab);
			double want = 6 / M_PI * asin(lasting / 2);
			r = spearman(cy, cn, N);
			ck_assert_msg(fabs(r - want) < tol,
				      "c years: rs %g, want %g", r, want);
			r = spearman(dy, dn, N);
			ck_assert_msg(fabs(r) < tol, "d years: rs %g", r);
			r = spearman(cy, dn, N);
			ck_assert_msg(fabs(r) < tol, "c_t, d_t+1: rs %g", r);
			free(cn);
			free(dn);
		}
		free(ay);
		free(by);
		free(cy);
		free(dy);
		free(uy);
	}
	free(a0);
	free(b0);
	free(xs);
	sample_plan_free(p);
	tsc_free(&t);
}
END_TEST

static double pearson(const double *a, const double *b, int n)
{
	return gsl_stats_correlation(a, 1, b, 1, (size_t)n);
}

/* ar1: normal(0.1, 0.2) with phi = 0.6 over 10 years, N = 20,000 trials:
 * every lag-1 Pearson correlation within 5 (1 - phi^2)/sqrt(N) = 0.0226
 * of phi, lag 2 within 5 (1 - phi^4)/sqrt(N) of phi^2, each year's mean
 * and sd stationary (5 se); phi = -0.5 likewise; a per-year input has
 * lag-1 correlation within 5/sqrt(N) of 0. */
START_TEST(test_sample_ar1_autocorrelation)
{
	enum { N = 20000, T = 10 };
	struct tsc t;
	tsc_init(&t, T);
	int g = add_value(&t, "g", normal(0.1, 0.2), RESAMPLE_AR1, 0.6, 1);
	int h = add_value(&t, "h", normal(0, 1), RESAMPLE_AR1, -0.5, 1);
	int y = add_value(&t, "y", normal(0, 1), RESAMPLE_YEAR, 0, 1);
	struct sample_plan *p = plan(&t);
	double *xs = run(&t, p, N, 7, NULL, 0);
	double sn = sqrt((double)N);

	for (int k = 0; k + 1 < T; k++) {
		double *g0 = col(&t, xs, N, g, k), *g1 = col(&t, xs, N, g, k + 1);
		double *h0 = col(&t, xs, N, h, k), *h1 = col(&t, xs, N, h, k + 1);
		double *y0 = col(&t, xs, N, y, k), *y1 = col(&t, xs, N, y, k + 1);
		double r = pearson(g0, g1, N);
		ck_assert_msg(fabs(r - 0.6) < 5 * 0.64 / sn, "lag1 %d: %g", k, r);
		r = pearson(h0, h1, N);
		ck_assert_msg(fabs(r + 0.5) < 5 * 0.75 / sn, "lag1 h %d: %g", k, r);
		r = pearson(y0, y1, N);
		ck_assert_msg(fabs(r) < 5 / sn, "lag1 year %d: %g", k, r);
		ck_assert_double_eq_tol(gsl_stats_mean(g0, 1, N), 0.1, 5 * 0.2 / sn);
		ck_assert_double_eq_tol(gsl_stats_sd(g0, 1, N), 0.2,
					5 * 0.2 / sqrt(2.0 * N));
		if (k + 2 < T) {
			double *g2 = col(&t, xs, N, g, k + 2);
			r = pearson(g0, g2, N);
			ck_assert_msg(fabs(r - 0.36) < 5 * (1 - 0.1296) / sn,
				      "lag2 %d: %g", k, r);
			free(g2);
		}
		free(g0);
		free(g1);
		free(h0);
		free(h1);
		free(y0);
		free(y1);
	}
	free(xs);
	sample_plan_free(p);
	tsc_free(&t);
}
END_TEST

/* A year series: every listed point from the same latent z (so the
 * trial's percentile is the same in every listed year: exact check of
 * the latents to 1e-9), unlisted years take the last listed value, and
 * after the last listed year a fixed then_growth grows it (x_t =
 * x_{t-1} * 1.1, exact) or, without then_growth, it stays. A series
 * correlated (0.5) with a per-trial input listed before it has that
 * Spearman correlation in every year, within 5/sqrt(N), N = 20,000. */
START_TEST(test_sample_series)
{
	enum { N = 20000, T = 7 };
	struct tsc t;
	tsc_init(&t, T);
	int pre = add_value(&t, "pre", normal(0, 1), RESAMPLE_TRIAL, 0, 0);
	struct dist sp[3] = {lognormal(100, 150), lognormal(120, 200),
			     lognormal(130, 260)};
	int s = add_series(&t, "capex", 3, (int[]){0, 2, 3}, sp);
	add_then_growth(&t, s, fixed(0.1), RESAMPLE_TRIAL, 0);
	struct dist sq[2] = {normal(0.5, 0.1), fixed(0.2)};
	int q = add_series(&t, "share", 2, (int[]){0, 4}, sq);
	add_corr(&t, pre, s, 0.5);
	struct sample_plan *p = plan(&t);
	ck_assert_int_eq(sample_n_uncertain(p), 3);
	double *xs = run(&t, p, N, 11, NULL, 0);
	size_t stride = (size_t)t.sc.ninputs * T;

	for (int k = 0; k < N; k++) {
		const double *x = xs + k * stride + (size_t)s * T;
		double z0 = (log(x[0]) - sp[0].a) / sp[0].b;
		double z2 = (log(x[2]) - sp[1].a) / sp[1].b;
		double z3 = (log(x[3]) - sp[2].a) / sp[2].b;
		ck_assert_double_eq_tol(z0, z2, 1e-9);
		ck_assert_double_eq_tol(z0, z3, 1e-9);
		ck_assert(x[1] == x[0]);
		for (int y = 4; y < T; y++)
			ck_assert(x[y] == x[y - 1] * (1 + 0.1));
		const double *w = xs + k * stride + (size_t)q * T;
		ck_assert(w[1] == w[0] && w[2] == w[0] && w[3] == w[0]);
		ck_assert(w[4] == 0.2 && w[5] == 0.2 && w[6] == 0.2);
	}
	/* the series' latent differs between trials */
	ck_assert(xs[(size_t)s * T] != xs[stride + (size_t)s * T]);
	double *c0 = col(&t, xs, N, pre, 0);
	for (int y = 0; y < T; y++) {
		double *cy = col(&t, xs, N, s, y);
		double r = spearman(c0, cy, N);
		ck_assert_msg(fabs(r - 0.5) < 5 / sqrt((double)N),
			      "year %d: rs(pre, series) = %g", y, r);
		free(cy);
	}
	free(c0);
	free(xs);
	sample_plan_free(p);
	tsc_free(&t);
}
END_TEST

/* then_growth drawn ar1 (normal 0.05, 0.1, phi 0.5) on a series listed in
 * years 0 and 1, 8 years, N = 20,000: after the last listed year the
 * series grows by exactly that year's draw (x_t = x_{t-1} (1 + g_t),
 * checked to 1e-12 relative); the draws' lag-1 correlation is within
 * 5 (1 - 0.25)/sqrt(N) of 0.5; a fixed-points series also grows by its
 * drawn then_growth; the series' trial value is the mean of its listed
 * points (exact). */
START_TEST(test_sample_then_growth_ar1)
{
	enum { N = 20000, T = 8 };
	struct tsc t;
	tsc_init(&t, T);
	struct dist sp[2] = {lognormal(100, 150), lognormal(110, 180)};
	int s = add_series(&t, "capex", 2, (int[]){0, 1}, sp);
	int g = add_then_growth(&t, s, normal(0.05, 0.1), RESAMPLE_AR1, 0.5);
	struct dist fp[1] = {fixed(10)};
	int f = add_series(&t, "fixed", 1, (int[]){0}, fp);
	int fg = add_then_growth(&t, f, normal(0.02, 0.01), RESAMPLE_YEAR, 0);
	struct sample_plan *p = plan(&t);
	double *xs = run(&t, p, N, 5, NULL, 0);
	size_t stride = (size_t)t.sc.ninputs * T;
	int ks = -1;
	for (int k = 0; k < sample_n_uncertain(p); k++)
		if (sample_uncertain_input(p, k) == s)
			ks = k;
	ck_assert_int_ge(ks, 0);
	double tv[8];

	for (int k = 0; k < N; k++) {
		const double *x = xs + k * stride;
		const double *xsr = x + (size_t)s * T, *gg = x + (size_t)g * T;
		const double *xf = x + (size_t)f * T, *gf = x + (size_t)fg * T;
		for (int y = 2; y < T; y++)
			ck_assert_double_eq_tol(xsr[y] / xsr[y - 1], 1 + gg[y],
						1e-12);
		for (int y = 1; y < T; y++)
			ck_assert_double_eq_tol(xf[y] / xf[y - 1], 1 + gf[y], 1e-12);
		ck_assert(xf[0] == 10);
		if (k < 100) {
			sample_trial_values(p, x, tv);
			ck_assert(tv[ks] == (xsr[0] + xsr[1]) / 2);
		}
	}
	double sn = sqrt((double)N);
	for (int y = 1; y + 1 < T; y++) {
		double *g0 = col(&t, xs, N, g, y), *g1 = col(&t, xs, N, g, y + 1);
		double r = pearson(g0, g1, N);
		ck_assert_msg(fabs(r - 0.5) < 5 * 0.75 / sn, "tg lag1 %d: %g", y, r);
		ck_assert_double_eq_tol(gsl_stats_mean(g1, 1, N), 0.05, 5 * 0.1 / sn);
		free(g0);
		free(g1);
	}
	free(xs);
	sample_plan_free(p);
	tsc_free(&t);
}
END_TEST

/* Common random numbers: holding an input (value, or its quantile u)
 * leaves every other input's draws bit-identical (memcmp) in each of 300
 * trials, consumes the stream identically (the next draw matches), and
 * the held input takes its held value in every year. A series held at u
 * puts each listed point at its own quantile u; its then_growth still
 * applies. Holding the then_growth changes only the series' years after
 * its last listed point. */
START_TEST(test_sample_overrides_common_random_numbers)
{
	enum { N = 300, T = 6 };
	struct tsc t;
	tsc_init(&t, T);
	int a = add_value(&t, "a", lognormal(1, 4), RESAMPLE_TRIAL, 0, 0);
	int b = add_value(&t, "b", pert(10, 20, 60), RESAMPLE_TRIAL, 0, 0);
	int c = add_value(&t, "c", normal(0, 1), RESAMPLE_YEAR, 0, 1);
	struct dist sp[2] = {lognormal(100, 150), lognormal(120, 200)};
	int s = add_series(&t, "s", 2, (int[]){0, 2}, sp);
	int g = add_then_growth(&t, s, normal(0.05, 0.1), RESAMPLE_YEAR, 0);
	int e = add_value(&t, "e", normal(5, 1), RESAMPLE_AR1, 0.7, 0);
	int f = add_value(&t, "f", fixed(2), RESAMPLE_TRIAL, 0, 0);
	add_corr(&t, a, b, 0.7);
	add_corr(&t, a, c, 0.5);
	add_corr(&t, s, e, -0.3);
	add_corr(&t, g, c, 0.2);
	struct sample_plan *p = plan(&t);
	int ni = t.sc.ninputs;
	size_t stride = (size_t)ni * T;
	double *x0 = malloc(stride * sizeof *x0), *x1 = malloc(stride * sizeof *x1);
	double *scr = malloc(sample_scratch_size(p) * sizeof *scr);
	gsl_rng *r0 = gsl_rng_alloc(computesim_rng_type);
	gsl_rng *r1 = gsl_rng_alloc(computesim_rng_type);
	struct {
		struct sample_override o[2];
		int n;
	} cases[] = {
		{{{a, 1, 2.5, 0}}, 1},
		{{{a, 0, 0, 0.9}}, 1},
		{{{b, 0, 0, 0.1}}, 1},
		{{{c, 1, -1, 0}}, 1},
		{{{s, 0, 0, 0.25}}, 1},
		{{{s, 1, 130, 0}}, 1},
		{{{g, 1, 0, 0}}, 1},
		{{{e, 0, 0, 0.5}}, 1},
		{{{f, 1, 3, 0}}, 1},
		{{{a, 1, 2.5, 0}, {s, 0, 0, 0.75}}, 2},
		{{{-1, 1, 0, 0}}, 1},
	};
	ck_assert(x0 && x1 && scr && r0 && r1);

	for (size_t cs = 0; cs < sizeof cases / sizeof cases[0]; cs++) {
		const struct sample_override *o = cases[cs].o;
		int no = cases[cs].n;
		for (int k = 0; k < N; k++) {
			rng_stream(r0, 3, (uint64_t)k);
			rng_stream(r1, 3, (uint64_t)k);
			sample_trial(p, r0, x0, scr, NULL, 0);
			sample_trial(p, r1, x1, scr, o, no);
			ck_assert(gsl_rng_get(r0) == gsl_rng_get(r1));
			for (int i = 0; i < ni; i++) {
				const double *u0 = x0 + (size_t)i * T;
				const double *u1 = x1 + (size_t)i * T;
				int held = 0;
				for (int j = 0; j < no; j++)
					held |= o[j].input == i;
				/* a series whose then_growth is held */
				if (i == s && !held && o[0].input == g) {
					ck_assert(memcmp(u0, u1, 3 * sizeof *u0) == 0);
					for (int y = 3; y < T; y++)
						ck_assert(u1[y] == u1[2]);
					continue;
				}
				if (!held) {
					ck_assert_msg(memcmp(u0, u1, T * sizeof *u0) == 0,
						      "case %zu: input %d moved", cs, i);
					continue;
				}
				const struct sample_override *oo = NULL;
				for (int j = 0; j < no; j++)
					if (o[j].input == i)
						oo = &o[j];
				if (i == s) {
					double v0 = oo->use_value ? oo->value :
						    dist_quantile(&sp[0], oo->u);
					double v2 = oo->use_value ? oo->value :
						    dist_quantile(&sp[1], oo->u);
					ck_assert(u1[0] == v0 && u1[1] == v0);
					ck_assert(u1[2] == v2);
					const double *gg = x1 + (size_t)g * T;
					for (int y = 3; y < T; y++)
						ck_assert(u1[y] == u1[y - 1] * (1 + gg[y]));
					continue;
				}
				double v = oo->use_value ? oo->value :
					   dist_quantile(&t.in[i].d, oo->u);
				for (int y = 0; y < T; y++)
					ck_assert(u1[y] == v);
			}
		}
	}
	ck_assert_double_eq_tol(dist_quantile(&t.in[a].d, 0.9),
				exp(log(2.0) + t.in[a].d.b * 1.2815515655446004),
				1e-12);
	free(x0);
	free(x1);
	free(scr);
	gsl_rng_free(r0);
	gsl_rng_free(r1);
	sample_plan_free(p);
	tsc_free(&t);
}
END_TEST

/* Trial values (exact): per-trial -> its value; series -> mean of its
 * listed points; per-year -> mean over the years it acts (acts_from 1:
 * years 1..T-1; acts_from 0: all years); with one year, year 0. */
START_TEST(test_sample_trial_values)
{
	struct tsc t;
	tsc_init(&t, 4);
	int a = add_value(&t, "a", normal(0, 1), RESAMPLE_TRIAL, 0, 1);
	int y1 = add_value(&t, "y1", normal(0, 1), RESAMPLE_YEAR, 0, 1);
	int y0 = add_value(&t, "y0", normal(0, 1), RESAMPLE_AR1, 0.5, 0);
	struct dist sp[2] = {normal(5, 1), normal(6, 1)};
	int s = add_series(&t, "s", 2, (int[]){0, 2}, sp);
	add_value(&t, "f", fixed(1), RESAMPLE_TRIAL, 0, 0);
	struct sample_plan *p = plan(&t);
	ck_assert_int_eq(sample_n_uncertain(p), 4);
	double x[5 * 4] = {0}, tv[4];
	for (int k = 0; k < 4; k++) {
		x[a * 4 + k] = 7;
		x[y1 * 4 + k] = k + 1;		/* 1 2 3 4 */
		x[y0 * 4 + k] = 10 * (k + 1);	/* 10 20 30 40 */
		x[s * 4 + k] = 100 + k;		/* points at 0, 2 */
	}
	sample_trial_values(p, x, tv);
	ck_assert(tv[0] == 7);
	ck_assert(tv[1] == 3);		/* (2 + 3 + 4) / 3 */
	ck_assert(tv[2] == 25);		/* (10 + 20 + 30 + 40) / 4 */
	ck_assert(tv[3] == 101);	/* (100 + 102) / 2 */
	sample_plan_free(p);

	/* one year: a growth input's year-0 value */
	t.sc.years = 1;
	t.in[s].npoints = 1;
	p = plan(&t);
	double x1[5] = {7, 9, 11, 100, 1};
	sample_trial_values(p, x1, tv);
	ck_assert(tv[0] == 7 && tv[1] == 9 && tv[2] == 11 && tv[3] == 100);
	sample_plan_free(p);
	tsc_free(&t);
}
END_TEST

/* A rate's series (acts_from 1): a year-0 point that the year-1 point
 * replaces is used by no year and left out of the trial value; one that
 * holds into year 1 (next point in year 2) is kept. Exact. */
START_TEST(test_sample_trial_values_rate)
{
	struct tsc t;
	tsc_init(&t, 4);
	struct dist gp[3] = {normal(5, 1), normal(6, 1), normal(7, 1)};
	struct dist hp[2] = {normal(5, 1), normal(6, 1)};
	int g = add_series(&t, "g", 3, (int[]){0, 1, 3}, gp);
	int h = add_series(&t, "h", 2, (int[]){0, 2}, hp);
	t.in[g].acts_from = 1;
	t.in[h].acts_from = 1;
	struct sample_plan *p = plan(&t);
	double x[2 * 4], tv[2];
	for (int k = 0; k < 4; k++) {
		x[g * 4 + k] = 100 + k;		/* points at 0, 1, 3 */
		x[h * 4 + k] = 10 * (k + 1);	/* points at 0, 2 */
	}
	sample_trial_values(p, x, tv);
	ck_assert(tv[0] == 102);	/* (101 + 103) / 2, not (100+101+103)/3 */
	ck_assert(tv[1] == 20);		/* (10 + 30) / 2 */
	sample_plan_free(p);
	tsc_free(&t);
}
END_TEST

/* A then_growth acts only after its series' last listed year (x_t =
 * x_{t-1} (1 + g_t) there): drawn per year, its trial value is the mean
 * of its draws in those years (MODEL.md "Sampling"), here 2029 and 2030
 * of a series listed at 2026 and 2028: (g_3 + g_4) / 2, exactly; the
 * draws of 2027 and 2028, which move nothing, are left out (they were
 * averaged in, years 1..4). Through the loader, 5 trials. */
static const char tg_yaml[] =
	"scenario: {name: t, start_year: 2026, years: 5}\n"
	"supply:\n"
	"  installed_base_h100e: 1e6\n"
	"  installed_base_life_years: 4\n"
	"  capex_busd: {2026: 1, 2028: 2, then_growth: {dist: uniform,"
	" min: 0, max: 1, resample: year}}\n"
	"  compute_share: 50%\n"
	"  useful_life_years: 5\n"
	"  procurement:\n"
	"    - {name: nvidia, share: 1, cost_per_h100e_usd: 20000}\n"
	"demand:\n"
	"  start_ratio: 1.1\n"
	"  workloads:\n"
	"    - {name: training, share: 1, growth: 20%}\n"
	"market:\n"
	"  price_per_h100e_hour_usd: 2\n"
	"  market_h100e: 4e6\n"
	"  market_growth: 10%\n";

START_TEST(test_sample_trial_value_then_growth)
{
	enum { N = 5, T = 5 };
	struct scenario *sc;
	struct sample_plan *p;
	struct diag d;
	double tv[2];
	int g = -1, k0 = -1;

	diag_init(&d);
	ck_assert_int_eq(scenario_load_buffer(&sc, tg_yaml, strlen(tg_yaml),
					      "tg.yaml", NULL, 0, sample_check,
					      &d), 0);
	ck_assert_int_eq(sample_plan_new(&p, sc, &d), 0);
	diag_free(&d);
	ck_assert_int_eq(sample_n_uncertain(p), 1);
	k0 = sample_uncertain_input(p, 0);
	g = sc->inputs[sc->i_capex].then_growth;
	ck_assert_int_eq(k0, g);
	ck_assert_int_eq(sc->inputs[g].acts_from, 3);
	double *xs = run_sc(sc, p, N, 2026, NULL, 0);
	size_t stride = (size_t)sc->ninputs * T;
	for (int k = 0; k < N; k++) {
		const double *x = xs + k * stride;
		const double *c = x + (size_t)sc->i_capex * T;
		const double *gg = x + (size_t)g * T;

		ck_assert(c[2] == 2 && c[3] == 2 * (1 + gg[3]));
		ck_assert(gg[1] != gg[3]);	/* drawn every year */
		sample_trial_values(p, x, tv);
		ck_assert(tv[0] == (gg[3] + gg[4]) / 2);
	}
	free(xs);
	sample_plan_free(p);
	scenario_free(sc);
}
END_TEST

/* Same (seed, trial) -> same values (exact); another trial -> other
 * values; a plan is only read, so interleaving trials does not matter. */
START_TEST(test_sample_reproducible)
{
	struct tsc t;
	tsc_init(&t, 5);
	int a = add_value(&t, "a", pert(0, 1, 4), RESAMPLE_YEAR, 0, 0);
	int b = add_value(&t, "b", lognormal(1, 4), RESAMPLE_TRIAL, 0, 0);
	add_corr(&t, a, b, 0.3);
	struct sample_plan *p = plan(&t);
	double *x1 = run(&t, p, 50, 42, NULL, 0);
	double *x2 = run(&t, p, 50, 42, NULL, 0);
	double *x3 = run(&t, p, 50, 43, NULL, 0);
	size_t n = 50 * (size_t)t.sc.ninputs * 5;
	ck_assert(memcmp(x1, x2, n * sizeof *x1) == 0);
	ck_assert(x1[0] != x3[0]);
	ck_assert(x1[0] != x1[10]);	/* trial 0 vs trial 1, input a */
	free(x1);
	free(x2);
	free(x3);
	sample_plan_free(p);
	tsc_free(&t);
}
END_TEST

/* ---- model v2 inputs, through the loader ---------------------------- */

static const char v2_yaml[] =
	"scenario: {name: t, start_year: 2026, years: 6}\n"
	"supply:\n"
	"  installed_base_h100e: 1e6\n"
	"  installed_base_life_years: 4\n"
	"  capex_busd: 100\n"
	"  compute_share: 50%\n"
	"  useful_life_years: 5\n"
	"  power_gw: {dist: uniform, min: 2, max: 4, resample: year}\n"
	"  procurement:\n"
	"    - {name: nvidia, share: 1, cost_per_h100e_usd: 20000}\n"
	"demand:\n"
	"  start_ratio: 1.1\n"
	"  workloads:\n"
	"    - {name: genai, share: 1, growth: 50%,\n"
	"       efficiency_gain: {dist: pert, min: 0.3, mode: 0.5, max: 0.7,"
	" resample: year}}\n"
	"market:\n"
	"  price_per_h100e_hour_usd: 2\n"
	"industry:\n"
	"  stock_h100e: 1.5e7\n"
	"  capex_busd: 600\n"
	"  compute_share: 50%\n"
	"  cost_per_h100e_usd: 20000\n"
	"  life_years: 5\n"
	"  start_ratio: 1.2\n"
	"  efficiency_gain: {dist: uniform, min: 0.2, max: 0.6, "
	"resample: year}\n"
	"  rented_share: 30%\n"
	"correlations:\n"
	"  - [demand.workloads.genai.efficiency_gain, "
	"industry.efficiency_gain, 0.8]\n";

/* The loaded v2 scenario, its plan, and n trials of it (run_sc). */
static double *v2_run(struct scenario **out, struct sample_plan **pl, int n)
{
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(scenario_load_buffer(out, v2_yaml, strlen(v2_yaml),
					      "v2.yaml", NULL, 0, sample_check,
					      &d), 0);
	ck_assert_int_eq(sample_plan_new(pl, *out, &d), 0);
	diag_free(&d);
	return run_sc(*out, *pl, n, 2026, NULL, 0);
}

/* supply.power_gw with resample: year is drawn afresh every year:
 * uniform(2, 4) over N = 20,000 trials, each of 6 years: every year's
 * mean within 5 se of 3 (sd 2/sqrt(12)) and its share below 2.5 within
 * 5 se of 0.25; consecutive years' Spearman correlation within
 * 5/sqrt(N) = 0.035 of 0, and no trial draws the same value twice in a
 * row. */
START_TEST(test_sample_power_gw_per_year)
{
	enum { N = 20000 };
	struct scenario *sc;
	struct sample_plan *p;
	double *xs = v2_run(&sc, &p, N);
	int ip = sc->i_power, Y = sc->years;
	double sd = 2 / sqrt(12.0), tol = 5 / sqrt((double)N);

	ck_assert_int_ge(ip, 0);
	for (int y = 0; y < Y; y++) {
		double *a = col_sc(sc, xs, N, ip, y);
		int below = 0;

		for (int k = 0; k < N; k++) {
			ck_assert(a[k] >= 2 && a[k] <= 4);
			below += a[k] < 2.5;
		}
		ck_assert_double_eq_tol(gsl_stats_mean(a, 1, N), 3,
					5 * sd / sqrt((double)N));
		ck_assert_double_eq_tol((double)below / N, 0.25,
					5 * sqrt(0.25 * 0.75 / N));
		if (y + 1 < Y) {
			double *b = col_sc(sc, xs, N, ip, y + 1);
			int same = 0;
			double r = spearman(a, b, N);

			for (int k = 0; k < N; k++)
				same += a[k] == b[k];
			ck_assert_int_eq(same, 0);
			ck_assert_msg(fabs(r) < tol, "years %d, %d: rs %g", y,
				      y + 1, r);
			free(b);
		}
		free(a);
	}
	free(xs);
	sample_plan_free(p);
	scenario_free(sc);
}
END_TEST

/* The industry's efficiency gain rank-correlated 0.8 with the genai
 * workload's (both drawn every year): the Spearman correlation of the
 * pair is within 5/sqrt(N) = 0.035 of 0.8 in every one of the 6 years
 * (N = 20,000 trials), and each keeps its marginal (uniform(0.2, 0.6):
 * mean within 5 se of 0.4). */
START_TEST(test_sample_industry_efficiency_correlated_every_year)
{
	enum { N = 20000 };
	struct scenario *sc;
	struct sample_plan *p;
	double *xs = v2_run(&sc, &p, N);
	int ic = sc->work[0].i_efficiency, ii = sc->i_ind_efficiency;
	double tol = 5 / sqrt((double)N);

	ck_assert_int_eq(sc->has_industry, 1);
	ck_assert_int_eq(sc->ncorr, 1);
	for (int y = 0; y < sc->years; y++) {
		double *a = col_sc(sc, xs, N, ic, y);
		double *b = col_sc(sc, xs, N, ii, y);
		double r = spearman(a, b, N);

		ck_assert_msg(fabs(r - 0.8) < tol, "year %d: rs %g", y, r);
		ck_assert_double_eq_tol(gsl_stats_mean(b, 1, N), 0.4,
					5 * (0.4 / sqrt(12.0)) /
						sqrt((double)N));
		free(a);
		free(b);
	}
	free(xs);
	sample_plan_free(p);
	scenario_free(sc);
}
END_TEST

/* The innovations: their number (per-trial paths once, the others once a
 * year), which input each drives, and sample_trial_from with the normals
 * sample_innovations_mc draws from a stream gives sample_trial's values
 * from that stream bit for bit (100 trials, every kind of path,
 * correlations and an override). */
START_TEST(test_sample_trial_from_innovations)
{
	enum { T = 4, N = 100 };
	struct tsc t;
	tsc_init(&t, T);
	int pts[2] = {0, 2};
	struct dist sv[2] = {normal(10, 1), normal(12, 2)};
	int a = add_value(&t, "a", pert(0, 1, 4), RESAMPLE_YEAR, 0, 0);
	int b = add_value(&t, "b", lognormal(1, 4), RESAMPLE_TRIAL, 0, 0);
	add_value(&t, "f", fixed(3), RESAMPLE_TRIAL, 0, 0);
	int c = add_value(&t, "c", normal(0, 1), RESAMPLE_AR1, 0.5, 0);
	int s = add_series(&t, "s", 2, pts, sv);
	int g = add_then_growth(&t, s, normal(0.1, 0.05), RESAMPLE_YEAR, 0);
	add_corr(&t, a, b, 0.3);
	add_corr(&t, c, b, -0.2);
	struct sample_plan *p = plan(&t);
	struct sample_override ov = {.input = c, .use_value = 1, .value = 7};
	size_t stride = (size_t)t.sc.ninputs * T;
	double *x0 = malloc(stride * sizeof *x0), *x1 = malloc(stride *
							      sizeof *x1);
	double *scr = malloc(sample_scratch_size(p) * sizeof *scr);
	double e[64];
	gsl_rng *r = gsl_rng_alloc(computesim_rng_type);
	/* uncertain inputs in scenario order: a, b, c, s, g; paths:
	 * per-trial b, s; ar1 c; per-year a, g */
	int want[2 + 3 * T];

	ck_assert_int_eq(sample_n_innovations(p), 2 + 3 * T);
	want[0] = 1;		/* b */
	want[1] = 3;		/* s */
	for (int y = 0; y < T; y++) {
		want[2 + 3 * y] = 2;	/* c */
		want[3 + 3 * y] = 0;	/* a */
		want[4 + 3 * y] = 4;	/* g */
	}
	for (int d = 0; d < 2 + 3 * T; d++)
		ck_assert_int_eq(sample_innovation_input(p, d), want[d]);
	ck_assert_int_eq(sample_innovation_input(p, -1), -1);
	ck_assert_int_eq(sample_innovation_input(p, 2 + 3 * T), -1);
	ck_assert_int_eq(sample_uncertain_input(p, 4), g);
	for (int k = 0; k < N; k++) {
		rng_stream(r, 5, (uint64_t)k);
		sample_trial(p, r, x0, scr, k % 2 ? &ov : NULL, k % 2);
		rng_stream(r, 5, (uint64_t)k);
		sample_innovations_mc(p, r, e);
		sample_trial_from(p, e, x1, scr, k % 2 ? &ov : NULL, k % 2);
		ck_assert(memcmp(x0, x1, stride * sizeof *x0) == 0);
	}
	gsl_rng_free(r);
	free(x0);
	free(x1);
	free(scr);
	sample_plan_free(p);
	tsc_free(&t);
}
END_TEST

/* Latin hypercube sampling, N = 20,000 trials, 4 years: the copula
 * still holds (Spearman in every year within 5/sqrt(N) = 0.0354 of the
 * rank correlation asked, 0 for pairs with none); marginals keep their
 * percentiles (lognormal P(a <= p5), P(a <= p95) within 5 binomial
 * standard errors, a bound that holds under LHS too: its variance is
 * at most N/(N-1) times plain MC's, Owen 1997); an uncorrelated input
 * is stratified: floor(N F(x)) takes every value 0..N-1 once, for a
 * per-trial input and in every year of a per-year one; and its mean is
 * within 3/N sd of the true mean (the stratified mean has sd about
 * 0.36/N sd here; plain MC's standard error is 1/sqrt(N) = 0.0071 sd). */
START_TEST(test_sample_lhs_copula_and_strata)
{
	enum { N = 20000, T = 4 };
	struct tsc t;
	tsc_init(&t, T);
	int a = add_value(&t, "a", lognormal(1, 4), RESAMPLE_TRIAL, 0, 0);
	int c = add_value(&t, "c", normal(0.1, 0.2), RESAMPLE_YEAR, 0, 0);
	int b = add_value(&t, "b", pert(10, 20, 60), RESAMPLE_TRIAL, 0, 0);
	int dd = add_value(&t, "d", triangular(0, 1, 3), RESAMPLE_YEAR, 0, 0);
	int u = add_value(&t, "u", normal(0, 1), RESAMPLE_TRIAL, 0, 0);
	int v = add_value(&t, "v", normal(5, 2), RESAMPLE_YEAR, 0, 0);
	add_corr(&t, a, b, 0.6);
	add_corr(&t, c, dd, -0.5);
	add_corr(&t, a, c, 0.4);
	struct sample_plan *p = plan(&t);
	double *xs = run_lhs(&t, p, N, 2026);
	double tol = 5 / sqrt((double)N);
	unsigned char *seen = malloc(N);

	ck_assert_ptr_nonnull(seen);
	for (int y = 0; y < T; y++) {
		double *ay = col(&t, xs, N, a, y), *by = col(&t, xs, N, b, y);
		double *cy = col(&t, xs, N, c, y), *dy = col(&t, xs, N, dd, y);
		double *uy = col(&t, xs, N, u, y), *vy = col(&t, xs, N, v, y);
		double r;
		int lo = 0, hi = 0;

		r = spearman(ay, by, N);
		ck_assert_msg(fabs(r - 0.6) < tol, "year %d: rs(a,b) = %g", y, r);
		r = spearman(cy, dy, N);
		ck_assert_msg(fabs(r + 0.5) < tol, "year %d: rs(c,d) = %g", y, r);
		r = spearman(ay, cy, N);
		ck_assert_msg(fabs(r - 0.4) < tol, "year %d: rs(a,c) = %g", y, r);
		r = spearman(uy, vy, N);
		ck_assert_msg(fabs(r) < tol, "year %d: rs(u,v) = %g", y, r);
		r = spearman(ay, uy, N);
		ck_assert_msg(fabs(r) < tol, "year %d: rs(a,u) = %g", y, r);
		for (int k = 0; k < N; k++) {
			lo += ay[k] <= 1;
			hi += ay[k] <= 4;
		}
		double bt = 5 * sqrt(0.0475 / N);
		ck_assert_double_eq_tol((double)lo / N, 0.05, bt);
		ck_assert_double_eq_tol((double)hi / N, 0.95, bt);
		/* u (per-trial) and v (per-year) are stratified */
		for (int w = 0; w < 2; w++) {
			const double *x = w ? vy : uy;
			double m = w ? 5 : 0, sd = w ? 2 : 1;

			memset(seen, 0, N);
			for (int k = 0; k < N; k++) {
				double q = gsl_cdf_ugaussian_P((x[k] - m) / sd);
				int s = (int)floor(q * N);
				ck_assert(s >= 0 && s < N);
				ck_assert_msg(!seen[s], "%s year %d: stratum %d "
					      "twice", w ? "v" : "u", y, s);
				seen[s] = 1;
			}
			ck_assert_double_eq_tol(gsl_stats_mean(x, 1, N), m,
						3.0 * sd / N);
		}
		free(ay);
		free(by);
		free(cy);
		free(dy);
		free(uy);
		free(vy);
	}
	free(seen);
	free(xs);
	sample_plan_free(p);
	tsc_free(&t);
}
END_TEST

static Suite *sample_suite(void)
{
	Suite *s = suite_create("sample");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_sample_order_and_fixed);
	tcase_add_test(tc, test_sample_copula_rank_correlations);
	tcase_add_test(tc, test_sample_ar1_autocorrelation);
	tcase_add_test(tc, test_sample_series);
	tcase_add_test(tc, test_sample_then_growth_ar1);
	tcase_add_test(tc, test_sample_overrides_common_random_numbers);
	tcase_add_test(tc, test_sample_trial_values);
	tcase_add_test(tc, test_sample_trial_values_rate);
	tcase_add_test(tc, test_sample_trial_value_then_growth);
	tcase_add_test(tc, test_sample_reproducible);
	tcase_add_test(tc, test_sample_power_gw_per_year);
	tcase_add_test(tc, test_sample_industry_efficiency_correlated_every_year);
	tcase_add_test(tc, test_sample_trial_from_innovations);
	tcase_add_test(tc, test_sample_lhs_copula_and_strata);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(sample_suite)
