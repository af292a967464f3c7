/* sampleutil.h — building scenarios in C for the sample and
 * correlation-matrix tests (tests/check_sample.c, tests/check_corrmat.c),
 * so that they do not depend on the YAML loader. Each test program
 * includes it once; helpers a program does not use are marked unused. */
#ifndef COMPUTESIM_TESTS_SAMPLEUTIL_H
#define COMPUTESIM_TESTS_SAMPLEUTIL_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "lhs.h"
#include "csinit.h"
#include "rng.h"
#include "sample.h"
#include "testutil.h"

/* ---- building scenarios in C ---- */

#define MAXIN 48
#define MAXP 6
#define MAXCORR (MAXIN * (MAXIN - 1) / 2)

struct tsc {
	struct scenario sc;
	struct input in[MAXIN];
	struct correlation corr[MAXCORR];
	int pt[MAXIN][MAXP];
	struct dist pts[MAXIN][MAXP];
	char names[MAXIN][32];
};

static __attribute__((unused)) void tsc_init(struct tsc *t, int years)
{
	memset(t, 0, sizeof *t);
	t->sc.file = "test.yaml";
	t->sc.years = years;
	t->sc.start_year = 2026;
	t->sc.inputs = t->in;
	t->sc.corr = t->corr;
	t->sc.corr_line = 40;
	t->sc.corr_col = 3;
}

static __attribute__((unused)) void tsc_free(struct tsc *t)
{
	for (int i = 0; i < t->sc.ninputs; i++) {
		dist_free(&t->in[i].d);
		for (int j = 0; j < MAXP; j++)
			dist_free(&t->pts[i][j]);
	}
}

static __attribute__((unused)) struct input *new_input(struct tsc *t, const char *name)
{
	int i = t->sc.ninputs++;
	ck_assert_int_lt(i, MAXIN);
	struct input *in = &t->in[i];
	snprintf(t->names[i], sizeof t->names[i], "%s", name);
	in->path = t->names[i];
	in->then_growth = -1;
	in->series = -1;
	in->per_year_ok = 1;
	return in;
}

/* A value input drawn per rs (phi for ar1), acting from acts_from. */
static __attribute__((unused)) int add_value(struct tsc *t, const char *name, struct dist d,
		     enum dist_resample rs, double phi, int acts_from)
{
	struct input *in = new_input(t, name);
	in->form = INPUT_VALUE;
	in->d = d;
	in->d.resample = rs;
	in->d.phi = phi;
	in->acts_from = acts_from;
	in->uncertain = !dist_is_fixed(&in->d);
	return t->sc.ninputs - 1;
}

/* A year series with np points at year indexes pt. */
static __attribute__((unused)) int add_series(struct tsc *t, const char *name, int np,
		      const int *pt, const struct dist *pts)
{
	struct input *in = new_input(t, name);
	int i = t->sc.ninputs - 1;
	in->form = INPUT_SERIES;
	in->npoints = np;
	in->point_t = t->pt[i];
	in->points = t->pts[i];
	for (int j = 0; j < np; j++) {
		t->pt[i][j] = pt[j];
		t->pts[i][j] = pts[j];
		if (!dist_is_fixed(&pts[j]))
			in->uncertain = 1;
	}
	return i;
}

/* then_growth of series s: must be added right after it */
static __attribute__((unused)) int add_then_growth(struct tsc *t, int s, struct dist d,
			   enum dist_resample rs, double phi)
{
	char name[40];
	snprintf(name, sizeof name, "%s.tg", t->names[s]);
	int g = add_value(t, name, d, rs, phi, 1);
	t->in[g].series = s;
	t->in[s].then_growth = g;
	return g;
}

static __attribute__((unused)) void add_corr(struct tsc *t, int a, int b, double rho_s)
{
	ck_assert_int_lt(t->sc.ncorr, MAXCORR);
	struct correlation *c = &t->corr[t->sc.ncorr++];
	c->a = a;
	c->b = b;
	c->rho_s = rho_s;
	c->line = 41;
	c->col = 5;
}

static __attribute__((unused)) struct dist mk(int rc, struct dist d)
{
	const char *why = NULL;
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(dist_prepare(&d, -INFINITY, INFINITY, &why), 0);
	return d;
}

static __attribute__((unused)) struct dist normal(double m, double s)
{
	struct dist d = {0};
	return mk(dist_normal_mean_sd(&d, m, s, NULL), d);
}

static __attribute__((unused)) struct dist lognormal(double p5, double p95)
{
	struct dist d = {0};
	return mk(dist_lognormal_p5_p95(&d, p5, p95, NULL), d);
}

static __attribute__((unused)) struct dist pert(double a, double m, double b)
{
	struct dist d = {0};
	return mk(dist_pert(&d, a, m, b, NULL), d);
}

static __attribute__((unused)) struct dist triangular(double a, double m, double b)
{
	struct dist d = {0};
	return mk(dist_triangular(&d, a, m, b, NULL), d);
}

static __attribute__((unused)) struct dist fixed(double v)
{
	struct dist d = {0};
	return mk(dist_fixed(&d, v, NULL), d);
}

static __attribute__((unused)) struct sample_plan *plan(const struct tsc *t)
{
	struct sample_plan *p = NULL;
	struct diag d;
	diag_init(&d);
	int rc = sample_plan_new(&p, &t->sc, &d);
	ck_assert_msg(rc == 0, "sample_plan_new: %s",
		      d.n ? d.v[0].msg : "(no message)");
	ck_assert_ptr_nonnull(p);
	diag_free(&d);
	return p;
}

/* Run n trials of scenario sc (plan p) with seed into
 * xs[trial * ninputs * years + i * years + t]. */
static __attribute__((unused)) double *run_sc(const struct scenario *sc,
		      const struct sample_plan *p, int n, uint64_t seed,
		      const struct sample_override *ovs, int novs)
{
	size_t stride = (size_t)sc->ninputs * sc->years;
	double *xs = malloc((size_t)n * stride * sizeof *xs);
	double *scratch = malloc(sample_scratch_size(p) * sizeof *scratch);
	gsl_rng *r = gsl_rng_alloc(computesim_rng_type);
	ck_assert(xs && scratch && r);
	for (int k = 0; k < n; k++) {
		rng_stream(r, seed, (uint64_t)k);
		sample_trial(p, r, xs + k * stride, scratch, ovs, novs);
	}
	gsl_rng_free(r);
	free(scratch);
	return xs;
}

/* Column (input i, year y) over n trials of sc. */
static __attribute__((unused)) double *col_sc(const struct scenario *sc,
		      const double *xs, int n, int i, int y)
{
	size_t stride = (size_t)sc->ninputs * sc->years;
	double *c = malloc((size_t)n * sizeof *c);
	ck_assert_ptr_nonnull(c);
	for (int k = 0; k < n; k++)
		c[k] = xs[k * stride + (size_t)i * sc->years + y];
	return c;
}

/* The same for a scenario built in C. */
static __attribute__((unused)) double *run(const struct tsc *t, const struct sample_plan *p, int n,
		   uint64_t seed, const struct sample_override *ovs, int novs)
{
	return run_sc(&t->sc, p, n, seed, ovs, novs);
}

static __attribute__((unused)) double *col(const struct tsc *t, const double *xs, int n, int i, int y)
{
	return col_sc(&t->sc, xs, n, i, y);
}

/* run() under Latin hypercube sampling: the n trials are one design of
 * seed, each trial's position in its strata from rng_stream(seed, k). */
static __attribute__((unused)) double *run_lhs(const struct tsc *t,
					       const struct sample_plan *p,
					       int n, uint64_t seed)
{
	size_t stride = (size_t)t->sc.ninputs * t->sc.years;
	double *xs = malloc((size_t)n * stride * sizeof *xs);
	double *scratch = malloc(sample_scratch_size(p) * sizeof *scratch);
	double *e = malloc(((size_t)sample_n_innovations(p) + 1) * sizeof *e);
	gsl_rng *r = gsl_rng_alloc(computesim_rng_type);
	struct lhs_design *d = NULL;

	ck_assert_int_eq(lhs_design_new(&d, seed, 0, (uint64_t)n,
					sample_n_innovations(p)), 0);
	ck_assert(xs && scratch && e && r && d);
	for (int k = 0; k < n; k++) {
		rng_stream(r, seed, (uint64_t)k);
		sample_innovations_lhs(p, d, (uint64_t)k, r, e);
		sample_trial_from(p, e, xs + k * stride, scratch, NULL, 0);
	}
	lhs_design_free(d);
	gsl_rng_free(r);
	free(e);
	free(scratch);
	return xs;
}

static __attribute__((unused)) double spearman(const double *a, const double *b, int n)
{
	double *w = malloc(2 * (size_t)n * sizeof *w);
	ck_assert_ptr_nonnull(w);
	double r = gsl_stats_spearman(a, 1, b, 1, (size_t)n, w);
	free(w);
	return r;
}

static __attribute__((unused)) void setup(void)
{
	computesim_init();
}

#endif
