/* bench_sample.c — nanoseconds per trial of the sampler (rng_stream +
 * sample_trial + sample_trial_values) on a scenario shaped like
 * scenarios/meta-base.yaml: 10 years, 32 uncertain inputs (lognormal and
 * normal intervals, PERT, beta, triangular, a truncated normal, two year
 * series, one then_growth, one ar1 and two per-year inputs), 18 fixed
 * inputs, two correlations. Built in C, so it does not need the loader.
 *
 *   make BUILD=build/dist
 *   cc -O2 -std=c11 -D_GNU_SOURCE -Iinclude tools/bench_sample.c \
 *      build/dist/obj/{dist,rng,sample,diag}.o \
 *      $(pkg-config --cflags --libs gsl) -lm -o build/dist/bench_sample
 *   build/dist/bench_sample [trials]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "csinit.h"
#include "rng.h"
#include "sample.h"

#define MAXIN 64

static struct input in[MAXIN];
static char names[MAXIN][40];
static int pts_t[MAXIN][4];
static struct dist pts[MAXIN][4];
static struct scenario sc;
static struct correlation corr[4];

static struct dist prep(int rc, struct dist d)
{
	const char *why = "";
	if (rc < 0 || dist_prepare(&d, -INFINITY, INFINITY, &why) < 0) {
		fprintf(stderr, "bad dist: %s\n", why);
		exit(1);
	}
	return d;
}

static struct dist iv(double a, double b)
{
	struct dist d = {0};
	return prep(dist_interval(&d, a, b, NULL), d);
}

static struct dist fx(double v)
{
	struct dist d = {0};
	return prep(dist_fixed(&d, v, NULL), d);
}

static struct dist pe(double a, double m, double b)
{
	struct dist d = {0};
	return prep(dist_pert(&d, a, m, b, NULL), d);
}

static int add(const char *name, struct dist d, enum dist_resample rs,
	       double phi, int acts_from)
{
	int i = sc.ninputs++;
	snprintf(names[i], sizeof names[i], "%s", name);
	in[i].path = names[i];
	in[i].form = INPUT_VALUE;
	in[i].d = d;
	in[i].d.resample = rs;
	in[i].d.phi = phi;
	in[i].acts_from = acts_from;
	in[i].then_growth = in[i].series = -1;
	in[i].uncertain = !dist_is_fixed(&d);
	return i;
}

static int add_series(const char *name, struct dist a, struct dist b, int tb)
{
	int i = sc.ninputs++;
	snprintf(names[i], sizeof names[i], "%s", name);
	in[i].path = names[i];
	in[i].form = INPUT_SERIES;
	in[i].npoints = 2;
	in[i].point_t = pts_t[i];
	in[i].points = pts[i];
	pts_t[i][0] = 0;
	pts_t[i][1] = tb;
	pts[i][0] = a;
	pts[i][1] = b;
	in[i].then_growth = in[i].series = -1;
	in[i].uncertain = 1;
	return i;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + 1e-9 * t.tv_nsec;
}

static void build(int correlated)
{
	memset(&sc, 0, sizeof sc);
	sc.file = "bench";
	sc.years = 10;
	sc.inputs = in;
	add("base", iv(1.8e6, 2.9e6), RESAMPLE_TRIAL, 0, 0);
	add("base_life", fx(4), RESAMPLE_TRIAL, 0, 0);
	add("book", iv(60, 90), RESAMPLE_TRIAL, 0, 0);
	int capex = add_series("capex", iv(125, 145), iv(140, 200), 1);
	int tg = add("capex.then_growth", iv(-0.10, 0.15), RESAMPLE_TRIAL, 0, 1);
	in[capex].then_growth = tg;
	in[tg].series = capex;
	add("compute_share", iv(0.5, 0.6), RESAMPLE_TRIAL, 0, 0);
	add("lag", fx(0.5), RESAMPLE_TRIAL, 0, 0);
	add("life", fx(5.5), RESAMPLE_TRIAL, 0, 0);
	add("availability", pe(0.88, 0.92, 0.95), RESAMPLE_TRIAL, 0, 0);
	add("pue", fx(1.15), RESAMPLE_TRIAL, 0, 0);
	add("kw_base", fx(1.2), RESAMPLE_TRIAL, 0, 0);
	for (int k = 0; k < 2; k++) {
		add("share", fx(k ? 0.25 : 0.75), RESAMPLE_TRIAL, 0, 0);
		add("cost", iv(14000, 26000), RESAMPLE_TRIAL, 0, 0);
		add("cost_decline", iv(0.15, 0.35), RESAMPLE_TRIAL, 0, 1);
		add("kw", fx(0.8), RESAMPLE_TRIAL, 0, 0);
	}
	add("cw.total", fx(21), RESAMPLE_TRIAL, 0, 0);
	add("cw.price", iv(1.8, 2.6), RESAMPLE_TRIAL, 0, 0);
	add("nb.total", iv(17, 27), RESAMPLE_TRIAL, 0, 0);
	add("nb.price", iv(1.8, 2.6), RESAMPLE_TRIAL, 0, 0);
	add("start_ratio", iv(1.05, 1.25), RESAMPLE_TRIAL, 0, 0);
	struct dist rb = {0};
	add("reserve", prep(dist_beta(&rb, 2, 8, 0.05, 0.2, NULL), rb),
	    RESAMPLE_TRIAL, 0, 0);
	/* workloads */
	add("ads.share", fx(0.4), RESAMPLE_TRIAL, 0, 0);
	add_series("ads.growth", iv(0.3, 0.9), iv(0.1, 0.5), 3);
	int ads_eff = add("ads.eff", iv(0.1, 0.3), RESAMPLE_TRIAL, 0, 1);
	add("ads.elast", fx(0), RESAMPLE_TRIAL, 0, 1);
	add("genai.share", fx(0.3), RESAMPLE_TRIAL, 0, 0);
	struct dist g = {0};
	int genai = add("genai.growth",
			prep(dist_lognormal_p5_p95(&g, 0.8, 5.0, NULL), g),
			RESAMPLE_AR1, 0.6, 1);
	int geff = add("genai.eff", iv(0.35, 0.7), RESAMPLE_TRIAL, 0, 1);
	add("genai.elast", iv(0.05, 0.5), RESAMPLE_TRIAL, 0, 1);
	add("train.share", fx(0.3), RESAMPLE_TRIAL, 0, 0);
	struct dist tgr = {0};
	const char *why;
	dist_normal_mean_sd(&tgr, 0.6, 0.5, NULL);
	dist_prepare(&tgr, -0.4, INFINITY, &why);
	add("train.growth", tgr, RESAMPLE_YEAR, 0, 1);
	add("train.eff", fx(0), RESAMPLE_TRIAL, 0, 1);
	add("train.elast", fx(0), RESAMPLE_TRIAL, 0, 1);
	/* market */
	add("price", iv(1.8, 2.6), RESAMPLE_TRIAL, 0, 0);
	struct dist pc = {0};
	int pchg = add("price_change",
		       prep(dist_normal_mean_sd(&pc, -0.15, 0.12, NULL), pc),
		       RESAMPLE_YEAR, 0, 1);
	int mkt = add("market", iv(4e6, 7e6), RESAMPLE_TRIAL, 0, 0);
	int mg = add("market_growth", iv(0.5, 1.5), RESAMPLE_TRIAL, 0, 1);
	/* cloud */
	add("launch_cost", iv(1, 4), RESAMPLE_TRIAL, 0, 0);
	add("fixed_cost", iv(0.5, 1.5), RESAMPLE_TRIAL, 0, 0);
	add("ramp", fx(3), RESAMPLE_TRIAL, 0, 0);
	struct dist tr = {0};
	add("sellable", prep(dist_triangular(&tr, 0.5, 0.7, 0.8, NULL), tr),
	    RESAMPLE_TRIAL, 0, 0);
	add("max_share", pe(0.02, 0.05, 0.10), RESAMPLE_TRIAL, 0, 0);
	add("impact", fx(0.5), RESAMPLE_TRIAL, 0, 0);
	add("billed", iv(0.6, 0.85), RESAMPLE_TRIAL, 0, 0);
	add("opex", iv(0.15, 0.40), RESAMPLE_TRIAL, 0, 0);
	add("discount", fx(0.09), RESAMPLE_TRIAL, 0, 0);
	(void)ads_eff;
	(void)mkt;
	sc.corr = corr;
	if (correlated) {
		corr[0] = (struct correlation){genai, mg, 0.5, 0, 0};
		corr[1] = (struct correlation){geff, pchg, -0.4, 0, 0};
		sc.ncorr = 2;
	}
}

static void bench(int correlated, long n)
{
	struct sample_plan *p;
	struct diag d;

	build(correlated);
	diag_init(&d);
	if (sample_plan_new(&p, &sc, &d) < 0) {
		diag_print(&d, stderr);
		exit(1);
	}
	int nu = sample_n_uncertain(p);
	double *x = malloc((size_t)sc.ninputs * sc.years * sizeof *x);
	double *s = malloc(sample_scratch_size(p) * sizeof *s);
	double *tv = malloc((size_t)nu * sizeof *tv);
	gsl_rng *r = gsl_rng_alloc(computesim_rng_type);
	double chk = 0;

	for (long k = 0; k < n / 10; k++) {	/* warm up */
		rng_stream(r, 1, (uint64_t)k);
		sample_trial(p, r, x, s, NULL, 0);
	}
	double t0 = now();
	for (long k = 0; k < n; k++) {
		rng_stream(r, 2026, (uint64_t)k);
		sample_trial(p, r, x, s, NULL, 0);
		chk += x[sc.years + 3];
	}
	double t1 = now();
	for (long k = 0; k < n; k++) {
		rng_stream(r, 2026, (uint64_t)k);
		sample_trial(p, r, x, s, NULL, 0);
		sample_trial_values(p, x, tv);
		chk += tv[0];
	}
	double t2 = now();
	printf("%s: %d inputs (%d uncertain), %d years: sample_trial %.0f ns/trial, "
	       "with trial values %.0f ns/trial (%ld trials; checksum %g)\n",
	       correlated ? "2 correlations" : "no correlations", sc.ninputs,
	       nu, sc.years, (t1 - t0) / n * 1e9, (t2 - t1) / n * 1e9, n, chk);
	gsl_rng_free(r);
	free(x);
	free(s);
	free(tv);
	sample_plan_free(p);
	diag_free(&d);
	for (int i = 0; i < sc.ninputs; i++) {
		dist_free(&in[i].d);
		for (int j = 0; j < in[i].npoints; j++)
			dist_free(&pts[i][j]);
	}
	memset(in, 0, sizeof in);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
	computesim_init();
	if (n < 10)
		n = 10;
	bench(0, n);
	bench(1, n);
	return 0;
}
