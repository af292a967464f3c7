/* sample.c — latent paths and the Gaussian copula (docs/model.md "Sampling").
 *
 * A trial's randomness is its list of standard normal innovations (the
 * e of steps 2 and 3 below, in that order): sample_trial draws them from
 * the trial's stream; sample_trial_from takes them given, so that Latin
 * hypercube sampling (sample_innovations_lhs, sim/lhs.c) and Sobol'
 * matrices (sim/drivers.c) use the same paths and copula.
 *
 * A plan gives every uncertain input one latent path, orders the paths
 * per-trial, then ar1, then per-year (within a group in scenario order,
 * which is file order with a series' then_growth right after its series),
 * and holds the lower Cholesky factor L of the latent correlation matrix
 * in that order, stored by row as its nonzero off-diagonal entries
 * (factored in corrmat.c; the plan's insides are in sample_impl.h).
 *
 * One trial (sample_trial):
 *   1. x = the template (fixed inputs' values in every year);
 *   2. one innovation e per per-trial path, in path order; their latents
 *      z = L w use only per-trial columns (L is lower triangular and the
 *      per-trial paths come first), so they are constant over the years,
 *      and each per-trial value is computed once and copied to every year;
 *   3. for each year t: one innovation per ar1/per-year path, in path
 *      order (ar1: w_t = phi w_{t-1} + sqrt(1-phi^2) e_t, w_0 = e_0;
 *      year: w_t = e_t), then z_t = L w_t, where the per-trial columns'
 *      part was computed once in step 2, and x_t = F^-1(Phi(z_t));
 *   4. overrides of value inputs;
 *   5. year series, after their then_growth (docs/model.md "Units and time").
 * The innovations drawn depend only on the plan, never on overrides: an
 * overridden input still draws its innovations and still feeds L, so
 * every other input gets bit-identical values (common random numbers).
 * Every ar1/per-year path draws e_0 too, also for an input that acts from
 * year 1: w_0 starts an ar1 recursion, and other paths correlated with it
 * may act in year 0; the cost is one normal per path and trial. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "lhs.h"
#include "sample_impl.h"

void sample_plan_free(struct sample_plan *p)
{
	if (!p)
		return;
	free(p->paths);
	free(p->lcol);
	free(p->lval);
	free(p->path_of);
	free(p->unc);
	free(p->series);
	free(p->tmpl);
	free(p);
}

static int path_group(const struct input *in)
{
	if (in->form == INPUT_SERIES)
		return RESAMPLE_TRIAL;
	return (int)in->d.resample;
}

static void path_setup(struct path *pa, const struct input *in, int idx)
{
	memset(pa, 0, sizeof *pa);
	pa->input = idx;
	pa->sched = path_group(in);
	pa->ldiag = 1;
	if (in->form == INPUT_SERIES) {
		pa->eval = EVAL_SERIES;
		return;
	}
	const struct dist *d = &in->d;
	int plain = d->lower == -INFINITY && d->upper == INFINITY;
	pa->d = d;
	pa->a = d->a;
	pa->b = d->b;
	if (d->kind == DIST_NORMAL && plain)
		pa->eval = EVAL_NORMAL;
	else if (d->kind == DIST_LOGNORMAL && plain)
		pa->eval = EVAL_LOGNORMAL;
	else
		pa->eval = EVAL_GENERAL;
	if (pa->sched == RESAMPLE_AR1) {
		pa->phi = d->phi;
		pa->sphi = sqrt(fmax(0, 1 - d->phi * d->phi));
	}
}

int sample_plan_new(struct sample_plan **out, const struct scenario *sc,
		    struct diag *d)
{
	struct sample_plan *p = calloc(1, sizeof *p);

	*out = NULL;
	if (!p)
		goto oom;
	p->sc = sc;
	p->years = sc->years;
	p->ninputs = sc->ninputs;
	int ni = sc->ninputs, T = sc->years;

	p->path_of = malloc((size_t)(ni ? ni : 1) * sizeof *p->path_of);
	p->unc = malloc((size_t)(ni ? ni : 1) * sizeof *p->unc);
	p->series = malloc((size_t)(ni ? ni : 1) * sizeof *p->series);
	p->paths = malloc((size_t)(ni ? ni : 1) * sizeof *p->paths);
	p->tmpl = calloc((size_t)(ni ? ni : 1) * (size_t)T, sizeof *p->tmpl);
	if (!p->path_of || !p->unc || !p->series || !p->paths || !p->tmpl)
		goto oom;

	for (int i = 0; i < ni; i++) {
		const struct input *in = &sc->inputs[i];
		p->path_of[i] = -1;
		if (in->uncertain)
			p->unc[p->nunc++] = i;
		if (in->form == INPUT_SERIES)
			p->series[p->nseries++] = i;
		else if (!in->uncertain) {
			double v = dist_quantile(&in->d, 0.5);
			for (int t = 0; t < T; t++)
				p->tmpl[(size_t)i * T + t] = v;
		}
	}
	/* Copula order: per-trial, ar1, per-year; scenario order within. */
	static const int groups[3] = {RESAMPLE_TRIAL, RESAMPLE_AR1,
				      RESAMPLE_YEAR};
	for (int g = 0; g < 3; g++) {
		for (int k = 0; k < p->nunc; k++) {
			int i = p->unc[k];
			if (path_group(&sc->inputs[i]) != groups[g])
				continue;
			path_setup(&p->paths[p->n], &sc->inputs[i], i);
			p->path_of[i] = p->n++;
		}
		if (g == 0)
			p->ntrial = p->n;
	}

	/* R and its factor L (the loader drops pairs with a fixed input) */
	int st = sample_plan_factor(p, d);
	if (st == -1)
		goto fail;
	if (st < 0)
		goto oom;
	*out = p;
	return 0;
oom:
	diag_error(d, sc->file, 0, 0, "out of memory building the sample plan");
fail:
	sample_plan_free(p);
	return -1;
}

int sample_check(const struct scenario *sc, struct diag *d)
{
	struct sample_plan *p = NULL;
	int rc = sample_plan_new(&p, sc, d);

	sample_plan_free(p);
	return rc;
}

/* The scratch space of a trial, n doubles each: w (current unit
 * paths), zc (per-trial part of other paths' z), zs (per-trial latents,
 * read by series; sample_trial_override reads them again). */
enum { SCRATCH_W, SCRATCH_ZC, SCRATCH_ZS, SCRATCH_PARTS };

size_t sample_scratch_size(const struct sample_plan *p)
{
	return SCRATCH_PARTS * (size_t)(p->n ? p->n : 1);
}

int sample_n_uncertain(const struct sample_plan *p)
{
	return p->nunc;
}

int sample_uncertain_input(const struct sample_plan *p, int k)
{
	return k >= 0 && k < p->nunc ? p->unc[k] : -1;
}

static inline double path_value(const struct path *pa, double z)
{
	switch (pa->eval) {
	case EVAL_NORMAL:
		return pa->a + pa->b * z;
	case EVAL_LOGNORMAL:
		return exp(pa->a + pa->b * z);
	default:
		return dist_from_latent(pa->d, z);
	}
}

/* The last override of input i in ovs, or NULL. */
static const struct sample_override *find_override(
	const struct sample_override *ovs, int novs, int i)
{
	const struct sample_override *o = NULL;
	for (int k = 0; k < novs; k++)
		if (ovs[k].input == i)
			o = &ovs[k];
	return o;
}

/* Step 4 of one override: a value input's rows take its value (a series
 * is filled with its growth, step 5; an input out of range: nothing). */
static void value_override(const struct sample_plan *p,
			   const struct sample_override *o, double *x)
{
	const int T = p->years;
	const struct input *in;
	double v, *xi;

	if (o->input < 0 || o->input >= p->ninputs)
		return;
	in = &p->sc->inputs[o->input];
	if (in->form == INPUT_SERIES)
		return;
	v = o->use_value ? o->value : dist_quantile(&in->d, o->u);
	xi = x + (size_t)o->input * T;
	for (int t = 0; t < T; t++)
		xi[t] = v;
}

/* Fill series input i (docs/model.md "Units and time"): listed points share
 * the latent z; between points the last listed value; after the last,
 * x_t = x_{t-1} (1 + g_t) with g the then_growth input, or x_{t-1}. */
static void fill_series(const struct sample_plan *p, int i, double z,
			const struct sample_override *o, double *x)
{
	const struct input *in = &p->sc->inputs[i];
	int T = p->years, np = in->npoints, j = 0;
	double *xi = x + (size_t)i * T;
	const double *g = in->then_growth >= 0 ?
			  x + (size_t)in->then_growth * T : NULL;
	int last = np > 0 ? in->point_t[np - 1] : 0;
	double v = 0;

	for (int t = 0; t < T; t++) {
		if (j < np && in->point_t[j] == t) {
			const struct dist *pd = &in->points[j];
			if (!o)
				v = dist_from_latent(pd, z);
			else if (o->use_value)
				v = o->value;
			else
				v = dist_quantile(pd, o->u);
			j++;
			xi[t] = v;
		} else if (t > last && g) {
			xi[t] = xi[t - 1] * (1 + g[t]);
		} else {
			xi[t] = t > 0 ? xi[t - 1] : v;
		}
	}
}

/* One trial from its innovations: drawn from r (ziggurat) when ein is
 * NULL, else read from ein in the order sample_trial draws them (see
 * sample_n_innovations). Inlined into both callers, so the plain path
 * keeps the code it had. */
static inline __attribute__((always_inline)) void trial_core(
	const struct sample_plan *p, gsl_rng *r, const double *ein, double *x,
	double *scratch, const struct sample_override *ovs, int novs)
{
	int j = 0;
	const int T = p->years, n = p->n, nt = p->ntrial;
	const struct path *pa = p->paths;
	const int *lcol = p->lcol;
	const double *lval = p->lval;
	double *w = scratch + SCRATCH_W * n, *zc = scratch + SCRATCH_ZC * n;
	double *zs = scratch + SCRATCH_ZS * n;

	memcpy(x, p->tmpl, (size_t)p->ninputs * T * sizeof *x);

	/* per-trial paths: one innovation each, constant latent */
	for (int k = 0; k < nt; k++)
		w[k] = ein ? ein[j++] : gsl_ran_gaussian_ziggurat(r, 1.0);
	for (int k = 0; k < nt; k++) {
		double z = w[k];
		if (p->correlated) {
			z *= pa[k].ldiag;
			for (int e = pa[k].l0; e < pa[k].l1; e++)
				z += lval[e] * w[lcol[e]];
		}
		zs[k] = z;
		if (pa[k].eval == EVAL_SERIES)
			continue;
		double v = path_value(&pa[k], z);
		double *xi = x + (size_t)pa[k].input * T;
		int t = 0;
		for (; t + 1 < T; t += 2) {	/* two a store */
			xi[t] = v;
			xi[t + 1] = v;
		}
		if (t < T)
			xi[t] = v;
	}

	/* ar1 and per-year paths */
	if (p->correlated)
		for (int k = nt; k < n; k++) {
			double s = 0;
			for (int e = pa[k].l0; e < pa[k].l1; e++)
				s += lval[e] * w[lcol[e]];
			zc[k] = s;
		}
	for (int t = 0; t < T; t++) {
		for (int k = nt; k < n; k++) {
			double ek = ein ? ein[j++]
					: gsl_ran_gaussian_ziggurat(r, 1.0);
			if (pa[k].sched == RESAMPLE_AR1 && t > 0)
				w[k] = pa[k].phi * w[k] + pa[k].sphi * ek;
			else
				w[k] = ek;
		}
		for (int k = nt; k < n; k++) {
			double z = w[k];
			if (p->correlated) {
				z = zc[k] + pa[k].ldiag * w[k];
				for (int e = pa[k].l1; e < pa[k].l2; e++)
					z += lval[e] * w[lcol[e]];
			}
			x[(size_t)pa[k].input * T + t] = path_value(&pa[k], z);
		}
	}

	/* overrides of value inputs (series: below, with their growth) */
	for (int k = 0; k < novs; k++)
		value_override(p, &ovs[k], x);

	for (int s = 0; s < p->nseries; s++) {
		int i = p->series[s], k = p->path_of[i];
		const struct sample_override *o =
			novs ? find_override(ovs, novs, i) : NULL;
		fill_series(p, i, k >= 0 ? zs[k] : 0, o, x);
	}
}

void sample_trial(const struct sample_plan *p, gsl_rng *r, double *x,
		  double *scratch, const struct sample_override *ovs, int novs)
{
	trial_core(p, r, NULL, x, scratch, ovs, novs);
}

void sample_trial_from(const struct sample_plan *p, const double *e,
		       double *x, double *scratch,
		       const struct sample_override *ovs, int novs)
{
	trial_core(p, NULL, e, x, scratch, ovs, novs);
}

void sample_trial_override(const struct sample_plan *p, const double *base,
			   double *x, const double *scratch,
			   const struct sample_override *o)
{
	const int T = p->years;
	const double *zs = scratch + SCRATCH_ZS * p->n;

	memcpy(x, base, (size_t)p->ninputs * T * sizeof *x);
	if (o->input < 0 || o->input >= p->ninputs)
		return;
	value_override(p, o, x);	/* step 4 */
	/* step 5 for the series it changes: itself, or those it is the
	 * then_growth of (the others are the base's to the bit) */
	for (int s = 0; s < p->nseries; s++) {
		int i = p->series[s], k = p->path_of[i];
		const struct input *si = &p->sc->inputs[i];

		if (i == o->input || si->then_growth == o->input)
			fill_series(p, i, k >= 0 ? zs[k] : 0,
				    i == o->input ? o : NULL, x);
	}
}

int sample_n_innovations(const struct sample_plan *p)
{
	return p->ntrial + (p->n - p->ntrial) * p->years;
}

int sample_innovation_input(const struct sample_plan *p, int dim)
{
	int k, m = p->n - p->ntrial;

	if (dim < 0 || dim >= sample_n_innovations(p))
		return -1;
	k = dim < p->ntrial ? dim : p->ntrial + (dim - p->ntrial) % m;
	for (int u = 0; u < p->nunc; u++)
		if (p->unc[u] == p->paths[k].input)
			return u;
	return -1;
}

void sample_innovations_mc(const struct sample_plan *p, gsl_rng *r,
			   double *e)
{
	int nd = sample_n_innovations(p);

	for (int d = 0; d < nd; d++)
		e[d] = gsl_ran_gaussian_ziggurat(r, 1.0);
}

void sample_innovations_lhs(const struct sample_plan *p,
			    const struct lhs_design *lh, uint64_t j,
			    gsl_rng *r, double *e)
{
	int nd = sample_n_innovations(p);

	for (int d = 0; d < nd; d++)
		e[d] = lhs_normal(lh, d, j, gsl_rng_uniform_pos(r));
}

void sample_trial_values(const struct sample_plan *p, const double *x,
			 double *tv)
{
	const int T = p->years;

	for (int k = 0; k < p->nunc; k++) {
		int i = p->unc[k];
		const struct input *in = &p->sc->inputs[i];
		const double *xi = x + (size_t)i * T;
		double s = 0;
		int m = 0;

		if (in->form == INPUT_SERIES) {
			for (int j = input_first_used_point(in); j < in->npoints; j++)
				if (in->point_t[j] >= 0 && in->point_t[j] < T) {
					s += xi[in->point_t[j]];
					m++;
				}
			tv[k] = m ? s / m : xi[0];
		} else if (in->d.resample == RESAMPLE_TRIAL) {
			tv[k] = xi[0];
		} else {
			int from = in->acts_from < T ? in->acts_from : 0;
			if (from < 0)
				from = 0;
			for (int t = from; t < T; t++)
				s += xi[t];
			tv[k] = s / (T - from);
		}
	}
}
