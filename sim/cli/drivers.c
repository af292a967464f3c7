/* drivers.c — computesim drivers SCENARIO.yaml: which uncertain inputs
 * decide the answer, as Sobol' indices (first order and total effect) of
 * NPV, P(NPV > 0) (the indicator NPV > 0) and each story's indicator,
 * with bootstrap intervals; and, from the same trials, what each story
 * assumed. Writes drivers.csv, story_inputs.csv, the chart's data
 * (drivers.png) and prints the largest indices. See
 * docs/notes-analysis.md "computesim drivers".
 *
 * The matrices (sobol.h): row j of A is trial j of the plain Monte Carlo
 * run (its innovations from rng_stream(seed, j)), row j of B is trial
 * n + j; AB_i is A with input i's innovations taken from B. An input's
 * innovations are those sample_innovation_input assigns it: one for an
 * input drawn per trial and for a year series, one a year for a per-year
 * input (its whole path is one input), and a series' then_growth has its
 * own. So A and B together are the trials 0 .. 2n-1 of `run --trials 2n`
 * (story_inputs.csv equals that run's story_inputs), and every matrix
 * shares its random numbers with the others (common random numbers).
 *
 * Under computesim-mpi the matrices go to the ranks whole (evaluate);
 * every rank then holds every output and computes the rest as here.
 *
 * Correlated inputs: what is swapped is an input's own innovation w_i;
 * the copula then builds its latent from it and the innovations of the
 * inputs before it in copula order (docs/model.md "Sampling"). So the index of
 * the first input of a correlated pair counts what it moves in the second
 * too, and the second's only what it adds of its own. */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "analysis.h"
#include "model.h"
#include "output.h"
#include "stop.h"
#include "rank.h"
#include "rng.h"
#include "runsplit.h"
#include "sobol.h"
#include "text.h"

#define DRV_BOOT 200		/* bootstrap resamples */
#define DRV_LEVEL 0.95		/* of the intervals */
#define DRV_ROWS 64		/* base rows a thread takes at a time */
#define DRV_PRINT 10		/* inputs printed for NPV */
#define DRV_CHART 20		/* inputs in the chart */
#define DRV_FEW 100		/* fewer base trials get a warning */

/* The outputs whose variance is decomposed; the industry's state at the
 * horizon only with an industry section (n_outputs). */
enum { OUT_NPV, OUT_POS, OUT_OVERBUILD, OUT_MISMATCH, OUT_SHORTAGE,
       OUT_SHORT, NOUT };
static const char *const out_name[NOUT] = {
	"npv_busd", "npv_positive", "overbuild", "mismatch", "shortage",
	"industry_short"};
static const char *const out_label[NOUT] = {
	"NPV", "P(NPV > 0)", "overbuild", "mismatch", "shortage",
	"industry short at the horizon"};

struct drv_index {
	int k;			/* uncertain input */
	double s1, s1_lo, s1_hi, st, st_lo, st_hi;
};

struct drivers {
	struct analysis_ctx a;
	const struct cli *c;
	size_t n;		/* base rows */
	int k, nd;		/* uncertain inputs, innovations */
	int *dim0, *dims;	/* input k's innovations: dims[dim0[k] ..
				   dim0[k + 1]) */
	int m0, m1;		/* the matrices this rank evaluates: [m0, m1)
				   of A, B, AB_0, AB_1 ... (all but split) */
	size_t b0, b1;		/* the bootstrap resamples it computes */
	int nout;		/* outputs: n_outputs() */
	double *f[NOUT];	/* [(2 + k) * n]: A, B, then AB_0, AB_1 ... */
	double *tv;		/* [2 * k * n]: trial values, input i's of
				   A at i * n, of B at (k + i) * n */
	signed char *story;	/* [2n]: A's rows then B's */
	/* results */
	double var[NOUT], sum1[NOUT], sum1_lo[NOUT], sum1_hi[NOUT];
	struct drv_index *ix[NOUT];	/* [k], largest total first */
	struct story_input *si;	/* [k] */
	atomic_size_t next;
	atomic_long not_finite;	/* 1 + the least metric-year (k * years +
				   t) inf or nan in an A or B row; 0 none */
};

/* One thread's workspace for the model runs. */
struct drv_worker {
	struct drivers *dv;
	gsl_rng *r;
	double *ea, *eb, *e, *x, *scratch, *m, *ws, *tv;
	/* the bootstrap */
	uint32_t *idx;		/* [n]: a resample's counts */
	double *work;		/* [2n]: sobol_estimate's scratch */
	double *boot;		/* [nout][DRV_BOOT][2k + 1] */
	double *s1, *st;
};

/* The outputs a scenario has: the industry's state (the last) only
 * with an industry section (without one it is never short). */
static int n_outputs(const struct scenario *sc)
{
	return sc->has_industry ? NOUT : OUT_SHORT;
}

/* Run the trial with innovations e: its NPV and story into the outputs
 * at column col of every f; with tv (col < 2n: a row of A or B), its
 * trial values and story too. */
static void eval(struct drv_worker *w, const double *e, size_t col,
		 double *tv)
{
	struct drivers *dv = w->dv;
	struct trial_outcome out;

	sample_trial_from(dv->a.plan, e, w->x, w->scratch, NULL, 0);
	model_run_trial(dv->a.sc, w->x, w->m, &out, w->ws);
	dv->f[OUT_NPV][col] = out.npv;
	dv->f[OUT_POS][col] = out.npv > 0;
	dv->f[OUT_OVERBUILD][col] = out.story == STORY_OVERBUILD;
	dv->f[OUT_MISMATCH][col] = out.story == STORY_MISMATCH;
	dv->f[OUT_SHORTAGE][col] = out.story == STORY_SHORTAGE;
	if (dv->nout > OUT_SHORT)
		dv->f[OUT_SHORT][col] = out.industry == INDUSTRY_SHORT;
	if (tv) {
		/* A: trial j = col, B: trial n + j = col */
		size_t mat = col / dv->n, j = col % dv->n;
		size_t nm = (size_t)model_nmetrics(dv->a.sc) *
			    (size_t)dv->a.sc->years;
		double z = 0;

		/* A's and B's rows are the trials of `run --trials 2N`:
		 * refused as run refuses them, when a metric is inf or nan
		 * (z is then nan, else 0); the rows of AB_i mix them, and
		 * their NPVs are checked after (npv_finite) */
		for (size_t i = 0; i < nm; i++)
			z += w->m[i] - w->m[i];
		if (z != 0 || z != z) {
			long c = 1, old = atomic_load(&dv->not_finite);

			while (isfinite(w->m[c - 1]))
				c++;
			/* the least over the rows, whatever the threads */
			while ((old == 0 || c < old) &&
			       !atomic_compare_exchange_weak(&dv->not_finite,
							     &old, c))
				;
		}
		sample_trial_values(dv->a.plan, w->x, w->tv);
		for (int k = 0; k < dv->k; k++)
			tv[(mat * (size_t)dv->k + (size_t)k) * dv->n + j] =
				w->tv[k];
		dv->story[col] = (signed char)out.story;
	}
}

/* Base rows j of this rank's matrices [m0, m1): A (0), B (1), AB_i
 * (2 + i). A row of AB_i needs the innovations of both A's and B's. */
static void *eval_thread(void *arg)
{
	struct drv_worker *w = arg;
	struct drivers *dv = w->dv;
	size_t n = dv->n, nb = (n + DRV_ROWS - 1) / DRV_ROWS;
	uint64_t seed = dv->a.o.seed;
	int need_a = dv->m0 == 0 || dv->m1 > 2, need_b = dv->m1 > 1;

	for (;;) {
		size_t b = atomic_fetch_add(&dv->next, 1);

		if (b >= nb || stop_requested())
			break;
		for (size_t j = b * DRV_ROWS; j < n && j < (b + 1) * DRV_ROWS;
		     j++) {
			if (need_a) {
				rng_stream(w->r, seed, j);
				sample_innovations_mc(dv->a.plan, w->r, w->ea);
			}
			if (need_b) {
				rng_stream(w->r, seed, n + j);
				sample_innovations_mc(dv->a.plan, w->r, w->eb);
			}
			if (dv->m0 == 0)
				eval(w, w->ea, j, dv->tv);
			if (dv->m0 <= 1 && dv->m1 > 1)
				eval(w, w->eb, n + j, dv->tv);
			for (int i = dv->m0 > 2 ? dv->m0 - 2 : 0;
			     i < dv->m1 - 2; i++) {
				memcpy(w->e, w->ea, (size_t)dv->nd * sizeof *w->e);
				for (int d = dv->dim0[i]; d < dv->dim0[i + 1]; d++)
					w->e[dv->dims[d]] = w->eb[dv->dims[d]];
				eval(w, w->e, (size_t)(2 + i) * n + j, NULL);
			}
		}
		analysis_progress(dv->c, "drivers", (long)((b + 1) * DRV_ROWS),
				  (long)(nb * DRV_ROWS) + 1);
	}
	return NULL;
}

/* Bootstrap resamples b: every output's indices and the sum of its
 * first-order ones, into w->boot. */
static void *boot_thread(void *arg)
{
	struct drv_worker *w = arg;
	struct drivers *dv = w->dv;
	size_t n = dv->n, stride = 2 * (size_t)dv->k + 1;

	for (;;) {
		size_t b = dv->b0 + atomic_fetch_add(&dv->next, 1);

		if (b >= dv->b1 || stop_requested())
			break;
		sobol_resample(w->idx, n, dv->a.o.seed, b);
		for (int o = 0; o < dv->nout; o++) {
			double v, sum = 0;
			double *row = w->boot + ((size_t)o * DRV_BOOT + b) *
							stride;

			sobol_estimate(dv->f[o], dv->f[o] + n, dv->f[o] + 2 * n,
				       n, dv->k, w->idx, w->work, w->s1, w->st,
				       &v);
			for (int i = 0; i < dv->k; i++) {
				row[2 * i] = w->s1[i];
				row[2 * i + 1] = w->st[i];
				sum += w->s1[i];
			}
			row[2 * dv->k] = sum;
		}
	}
	return NULL;
}

static void worker_free(struct drv_worker *w)
{
	if (w->r)
		gsl_rng_free(w->r);
	free(w->ea);
	free(w->eb);
	free(w->e);
	free(w->x);
	free(w->scratch);
	free(w->m);
	free(w->ws);
	free(w->tv);
	free(w->idx);
	free(w->work);
	free(w->s1);
	free(w->st);
	memset(w, 0, sizeof *w);
}

static int worker_init(struct drv_worker *w, struct drivers *dv,
		       double *boot)
{
	const struct scenario *sc = dv->a.sc;
	size_t y = (size_t)sc->years;
	size_t nk = (size_t)(dv->k > 0 ? dv->k : 1);

	memset(w, 0, sizeof *w);
	w->dv = dv;
	w->boot = boot;
	w->r = gsl_rng_alloc(computesim_rng_type);
	w->ea = calloc((size_t)dv->nd + 1, sizeof *w->ea);
	w->eb = calloc((size_t)dv->nd + 1, sizeof *w->eb);
	w->e = calloc((size_t)dv->nd + 1, sizeof *w->e);
	w->x = calloc((size_t)sc->ninputs * y + 1, sizeof *w->x);
	w->scratch = calloc(sample_scratch_size(dv->a.plan) + 1,
			    sizeof *w->scratch);
	w->m = calloc((size_t)model_nmetrics(sc) * y, sizeof *w->m);
	w->ws = calloc(model_ws_size(sc) + 1, sizeof *w->ws);
	w->tv = calloc(nk, sizeof *w->tv);
	w->idx = malloc(dv->n * sizeof *w->idx);
	w->work = malloc(2 * dv->n * sizeof *w->work);
	w->s1 = calloc(nk, sizeof *w->s1);
	w->st = calloc(nk, sizeof *w->st);
	if (!w->r || !w->ea || !w->eb || !w->e || !w->x || !w->scratch ||
	    !w->m || !w->ws || !w->tv || !w->idx || !w->s1 || !w->st ||
	    !w->work) {
		worker_free(w);
		return -1;
	}
	return 0;
}

/* Each input's innovations (sample_innovation_input), grouped. */
static int group_dims(struct drivers *dv)
{
	const struct sample_plan *p = dv->a.plan;
	int *cnt;

	dv->dim0 = calloc((size_t)dv->k + 2, sizeof *dv->dim0);
	dv->dims = calloc((size_t)dv->nd + 1, sizeof *dv->dims);
	cnt = calloc((size_t)dv->k + 1, sizeof *cnt);
	if (!dv->dim0 || !dv->dims || !cnt) {
		free(cnt);
		return -1;
	}
	for (int d = 0; d < dv->nd; d++)
		dv->dim0[sample_innovation_input(p, d) + 1]++;
	for (int i = 0; i < dv->k; i++)
		dv->dim0[i + 1] += dv->dim0[i];
	for (int d = 0; d < dv->nd; d++) {
		int i = sample_innovation_input(p, d);
		dv->dims[dv->dim0[i] + cnt[i]++] = d;
	}
	free(cnt);
	return 0;
}

static int by_total(const void *x, const void *y)
{
	const struct drv_index *a = x, *b = y;
	double ta = isnan(a->st) ? -1 : a->st, tb = isnan(b->st) ? -1 : b->st;

	if (ta != tb)
		return ta < tb ? 1 : -1;
	return a->k - b->k;
}

/* An index's six cells: first order and its interval, total and its
 * interval. */
static void put_index(FILE *f, const struct drv_index *x)
{
	output_csv_num(f, x->s1);
	fputc(',', f);
	output_csv_num(f, x->s1_lo);
	fputc(',', f);
	output_csv_num(f, x->s1_hi);
	fputc(',', f);
	output_csv_num(f, x->st);
	fputc(',', f);
	output_csv_num(f, x->st_lo);
	fputc(',', f);
	output_csv_num(f, x->st_hi);
}

/* Point estimates, bootstrap intervals, the story inputs. 0, -1 out of
 * memory, 1 stopped. Split between ranks (c->split), the bootstrap's
 * resamples go to the ranks in contiguous ranges (each resample depends
 * on its number only) and their indices are then shared; the rest is
 * computed on every rank. */
static int analyse(struct drivers *dv, int nthreads)
{
	const struct run_split *sp = dv->c->split;
	size_t n = dv->n, stride = 2 * (size_t)dv->k + 1;
	double *boot = malloc((size_t)dv->nout * DRV_BOOT * stride *
			      sizeof *boot);
	double *v = malloc(DRV_BOOT * sizeof *v);
	double *s1 = calloc((size_t)dv->k + 1, sizeof *s1);
	double *st = calloc((size_t)dv->k + 1, sizeof *st);
	double *x = malloc(2 * n * sizeof *x);
	struct drv_worker *w = calloc((size_t)nthreads, sizeof *w);
	int nw = 0, rc = -1;

	if (boot && v && s1 && st && x && w) {
		rc = 0;
		for (nw = 0; nw < nthreads && rc == 0; nw++)
			if (worker_init(&w[nw], dv, boot) < 0)
				rc = -1;
	}
	dv->b0 = sp ? run_split_lo(DRV_BOOT, sp->rank, sp->size) : 0;
	dv->b1 = sp ? run_split_lo(DRV_BOOT, sp->rank + 1, sp->size)
		    : DRV_BOOT;
	if (rc == 0) {
		atomic_store(&dv->next, 0);
		run_parallel(boot_thread, w, sizeof *w, nw);
		rc = stop_requested() ? 1 : 0;
	}
	if (sp)
		rc = run_split_status(sp, rc);
	for (int o = 0; sp && o < dv->nout && rc == 0; o++)
		rc = run_split_allgather_items(sp, boot + (size_t)o * DRV_BOOT *
					       stride, DRV_BOOT, DRV_BOOT,
					       stride * sizeof *boot);
	if (rc != 0)
		goto done;
	rc = -1;	/* what follows fails but for the end */
	for (int o = 0; o < dv->nout; o++) {
		dv->ix[o] = calloc((size_t)dv->k + 1, sizeof *dv->ix[o]);
		if (!dv->ix[o])
			goto done;
		sobol_estimate(dv->f[o], dv->f[o] + n, dv->f[o] + 2 * n, n,
			       dv->k, NULL, w[0].work, s1, st, &dv->var[o]);
		dv->sum1[o] = 0;
		for (int i = 0; i <= dv->k; i++) {
			const double *col = boot + (size_t)o * DRV_BOOT * stride;
			double lo, hi;

			for (int h = 0; h < 2 && i < dv->k; h++) {
				for (int b = 0; b < DRV_BOOT; b++)
					v[b] = col[(size_t)b * stride +
						   2 * (size_t)i + (size_t)h];
				sobol_interval(v, DRV_BOOT, DRV_LEVEL, &lo, &hi);
				if (h == 0) {
					dv->ix[o][i].s1_lo = lo;
					dv->ix[o][i].s1_hi = hi;
				} else {
					dv->ix[o][i].st_lo = lo;
					dv->ix[o][i].st_hi = hi;
				}
			}
			if (i == dv->k) {	/* the sum of first orders */
				for (int b = 0; b < DRV_BOOT; b++)
					v[b] = col[(size_t)b * stride +
						   2 * (size_t)dv->k];
				sobol_interval(v, DRV_BOOT, DRV_LEVEL,
					       &dv->sum1_lo[o], &dv->sum1_hi[o]);
				break;
			}
			dv->ix[o][i].k = i;
			dv->ix[o][i].s1 = s1[i];
			dv->ix[o][i].st = st[i];
			dv->sum1[o] += s1[i];
		}
		qsort(dv->ix[o], (size_t)dv->k, sizeof *dv->ix[o], by_total);
	}
	/* what each story assumed, over the 2n trials of A and B */
	dv->si = calloc((size_t)dv->k + 1, sizeof *dv->si);
	if (!dv->si)
		goto done;
	{
		size_t cnt[3] = {0, 0, 0}, m = 2 * n;

		for (size_t j = 0; j < m; j++)
			if (dv->story[j] >= 0 && dv->story[j] < 3)
				cnt[dv->story[j]]++;
		for (int k = 0; k < dv->k; k++) {
			struct story_input *si = &dv->si[k];
			struct agg_moments mo;
			double rho, med[4];

			/* input k's values in the 2n trials: A's, then B's */
			memcpy(x, dv->tv + (size_t)k * n, n * sizeof *x);
			memcpy(x + n, dv->tv + ((size_t)dv->k + (size_t)k) * n,
			       n * sizeof *x);
			if (rank_spearman_medians(&rho, med, x, NULL, m,
						  dv->story, cnt, 3) < 0)
				goto done;
			agg_moments_blocked(&mo, x, m, RUN_TILE, RUN_BLOCK);
			si->median = med[0];
			si->sd = agg_moments_sd(&mo);
			for (int g = 0; g < 3; g++) {
				si->median_by[g] = med[g + 1];
				si->gap[g] = si->sd > 0 ?
					(med[g + 1] - med[0]) / si->sd : NAN;
			}
		}
	}
	rc = 0;
done:
	for (int t = 0; w && t < nw; t++)
		worker_free(&w[t]);
	free(w);
	free(boot);
	free(v);
	free(s1);
	free(st);
	free(x);
	return rc;
}

static const char *input_path(const struct drivers *dv, int k)
{
	return dv->a.sc->inputs[sample_uncertain_input(dv->a.plan, k)].path;
}

/* "*" after an input rank-correlated with another (the tornado's mark),
 * else "": its indices carry what it moves through its partner. */
static const char *star(const struct drivers *dv, int k)
{
	return analysis_n_partners(dv->a.sc, sample_uncertain_input(
					   dv->a.plan, k)) > 0 ? "*" : "";
}

static int write_csv(const struct drivers *dv, const char *dir,
		     struct diag *d)
{
	FILE *f = output_open(dir, "drivers.csv", d);

	if (!f)
		return -1;
	fputs("output,input,first_order,first_lo,first_hi,total,total_lo,"
	      "total_hi,variance\n", f);
	for (int o = 0; o < dv->nout; o++)
		for (int i = 0; i < dv->k; i++) {
			const struct drv_index *x = &dv->ix[o][i];

			fprintf(f, "%s,", out_name[o]);
			output_csv_text(f, input_path(dv, x->k));
			fputc(',', f);
			put_index(f, x);
			fputc(',', f);
			output_csv_num(f, dv->var[o]);
			fputc('\n', f);
		}
	return output_close(f, dir, "drivers.csv", d);
}

static int write_story_inputs(const struct drivers *dv, const char *dir,
			      struct diag *d)
{
	FILE *f = output_open(dir, "story_inputs.csv", d);

	if (!f)
		return -1;
	fputs("input,median,sd", f);
	for (int s = 0; s < 3; s++)
		fprintf(f, ",%s_median,%s_gap", story_names[s],
			story_names[s]);
	fputc('\n', f);
	for (int k = 0; k < dv->k; k++) {
		const struct story_input *si = &dv->si[k];

		output_csv_text(f, input_path(dv, k));
		fputc(',', f);
		output_csv_num(f, si->median);
		fputc(',', f);
		output_csv_num(f, si->sd);
		for (int s = 0; s < 3; s++) {
			fputc(',', f);
			output_csv_num(f, si->median_by[s]);
			fputc(',', f);
			output_csv_num(f, si->gap[s]);
		}
		fputc('\n', f);
	}
	return output_close(f, dir, "story_inputs.csv", d);
}

/* chart_drivers.csv: NPV's indices, largest total first, at most
 * DRV_CHART inputs, and the scenario's number of correlated pairs in
 * every row (plots/drivers.gp). */
static int write_chart(const struct drivers *dv, const char *dir,
		       struct diag *d)
{
	FILE *f = output_open(dir, "chart_drivers.csv", d);
	if (!f)
		return -1;
	fputs("label,first,first_lo,first_hi,total,total_lo,total_hi,"
	      "correlated_pairs\n", f);
	for (int i = 0; i < dv->k && i < DRV_CHART; i++) {
		const struct drv_index *x = &dv->ix[OUT_NPV][i];

		/* drivers.gp's labels get at most 45% of the width: about
		 * 58 characters */
		analysis_chart_path(f, input_path(dv, x->k), 56);
		fputc(',', f);
		put_index(f, x);
		/* the scenario's, for the chart's note (as stdout's) */
		fprintf(f, ",%d\n", dv->a.sc->ncorr);
	}
	return output_close(f, dir, "chart_drivers.csv", d);
}

static int write_all(const char *dir, void *arg, struct diag *d)
{
	struct drivers *dv = arg;

	if (write_csv(dv, dir, d) < 0 || write_story_inputs(dv, dir, d) < 0)
		return -1;
	/* with the scenario's name (plot.c reads it back) */
	if (dv->k > 0 && !isnan(dv->var[OUT_NPV]) && dv->var[OUT_NPV] > 0 &&
	    (write_chart(dv, dir, d) < 0 ||
	     output_write_title(dir, dv->a.sc->name, d) < 0))
		return -1;
	return analysis_plot(dir, dv->c, dv->a.sc->plots, d);
}

/* x for "%.3f": 0 where it would print "-0.000" (a bound of -0.00016) */
static double no_neg0(double x)
{
	return x < 0 && x > -0.0005 ? 0.0 : x;
}

/* "0.31 [0.29, 0.33]" into buf. */
static const char *fmt_ci(char *buf, size_t n, double v, double lo,
			  double hi)
{
	if (isnan(v))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.3f [%.3f, %.3f]", no_neg0(v), no_neg0(lo),
			 no_neg0(hi));
	return buf;
}

static void print_table(const struct drivers *dv, const char *final)
{
	char a[64], b[64], nm[1024];
	size_t wmax = 5;
	int outside = 0;	/* an estimate printed outside [0, 1] */

	printf("%s: Sobol' indices, %zu base trials x (%d inputs + 2) = "
	       "%zu model runs, seed %llu; %d%% bootstrap intervals (%d "
	       "resamples)\n\n", text_shown(nm, sizeof nm, dv->a.sc->name ?
					     dv->a.sc->name : "scenario"),
	       dv->n, dv->k, dv->n * ((size_t)dv->k + 2),
	       (unsigned long long)dv->a.o.seed, (int)(100 * DRV_LEVEL),
	       DRV_BOOT);
	for (int i = 0; i < dv->k && i < DRV_PRINT; i++) {
		int k = dv->ix[OUT_NPV][i].k;
		size_t l = strlen(input_path(dv, k)) + strlen(star(dv, k));

		wmax = l > wmax ? l : wmax;
	}
	if (isnan(dv->var[OUT_NPV]) || !(dv->var[OUT_NPV] > 0)) {
		printf("NPV does not vary: no indices\n");
	} else {
		printf("NPV: variance %.4g $B^2; sum of first-order indices "
		       "%s\n", dv->var[OUT_NPV],
		       fmt_ci(a, sizeof a, dv->sum1[OUT_NPV],
			      dv->sum1_lo[OUT_NPV], dv->sum1_hi[OUT_NPV]));
		printf("  %-*s  %-22s  %s\n", (int)wmax, "input",
		       "first order", "total");
		for (int i = 0; i < dv->k && i < DRV_PRINT; i++) {
			const struct drv_index *x = &dv->ix[OUT_NPV][i];
			char in[600];

			snprintf(in, sizeof in, "%s%s", input_path(dv, x->k),
				 star(dv, x->k));
			printf("  %-*s  %-22s  %s\n", (int)wmax, in,
			       fmt_ci(a, sizeof a, x->s1, x->s1_lo, x->s1_hi),
			       fmt_ci(b, sizeof b, x->st, x->st_lo, x->st_hi));
			/* as printed, to 3 decimals: -0.000 is 0 */
			outside |= x->s1 < -0.0005 || x->s1 > 1.0005 ||
				   x->st < -0.0005 || x->st > 1.0005;
		}
		if (dv->k > DRV_PRINT)
			printf("  (%d more in drivers.csv)\n", dv->k - DRV_PRINT);
	}
	for (int o = OUT_POS; o < dv->nout; o++) {
		printf("%s, largest totals:", out_label[o]);
		if (isnan(dv->var[o]) || !(dv->var[o] > 0)) {
			printf(" none (it does not vary)\n");
			continue;
		}
		for (int i = 0; i < dv->k && i < 3; i++) {
			const struct drv_index *x = &dv->ix[o][i];
			printf("%s %s%s %.2f", i ? "," : "",
			       input_path(dv, x->k), star(dv, x->k), x->st);
			outside |= x->st < -0.005 || x->st > 1.005;
		}
		putchar('\n');
	}
	if (outside)
		printf("(an index below 0 or above 1 is Monte Carlo noise about "
		       "a value near that end: its interval in drivers.csv "
		       "says how much; more --trials narrow it)\n");
	if (dv->a.sc->ncorr > 0)
		printf("(*: rank-correlated with another input; %d correlated "
		       "pair%s: of a pair, the input drawn first "
		       "(per-trial inputs, then ar1, then per-year ones, each "
		       "in file order) also carries what it moves through its "
		       "partner, the other only its own part; reordering the "
		       "file can move them: docs/notes-analysis.md, "
		       "\"Correlated inputs\")\n", dv->a.sc->ncorr,
		       text_s(dv->a.sc->ncorr));
	printf("Output: %s\n", final);
}

static void drivers_free(struct drivers *dv)
{
	for (int o = 0; o < NOUT; o++) {
		free(dv->f[o]);
		free(dv->ix[o]);
	}
	free(dv->dim0);
	free(dv->dims);
	free(dv->tv);
	free(dv->story);
	free(dv->si);
	analysis_ctx_free(&dv->a);
}

/* Every rank's matrices to every rank, after this rank's ended with
 * status rc: the worst status of any rank (-1 before 1 before 0), and
 * with 0 every matrix's outputs everywhere, and A's and B's trial values
 * and stories. */
static int evaluate_share(struct drivers *dv, const struct run_split *sp,
			  int rc)
{
	size_t nm = (size_t)dv->k + 2, n = dv->n;

	rc = run_split_status(sp, rc);
	for (int o = 0; o < dv->nout && rc == 0; o++)
		rc = run_split_allgather_items(sp, dv->f[o], nm, nm,
					       n * sizeof *dv->f[o]);
	if (rc == 0)
		rc = run_split_allgather_items(sp, dv->tv, nm, 2, (size_t)dv->k *
					       n * sizeof *dv->tv);
	if (rc == 0)
		rc = run_split_allgather_items(sp, dv->story, nm, 2,
					       n * sizeof *dv->story);
	return rc;
}

/* The model runs: 0, -1 out of memory, 1 stopped. Split between ranks
 * (c->split), the matrices go to the ranks whole, in contiguous ranges
 * of A, B, AB_0, AB_1 ... (run_split_lo): each rank evaluates its
 * matrices' rows on its threads, and the outputs are then shared, so
 * every rank holds every matrix's, as the one process does. */
static int evaluate(struct drivers *dv, int nthreads)
{
	const struct run_split *sp = dv->c->split;
	size_t nm = (size_t)dv->k + 2, cols = nm * dv->n;
	struct drv_worker *w;
	int nw = 0, rc = 0;

	dv->m0 = sp ? (int)run_split_lo(nm, sp->rank, sp->size) : 0;
	dv->m1 = sp ? (int)run_split_lo(nm, sp->rank + 1, sp->size) : (int)nm;
	for (int o = 0; o < dv->nout; o++) {
		dv->f[o] = malloc(cols * sizeof *dv->f[o]);
		if (!dv->f[o])
			rc = -1;
	}
	dv->tv = malloc(((size_t)dv->k * 2 * dv->n + 1) * sizeof *dv->tv);
	dv->story = malloc(2 * dv->n * sizeof *dv->story);
	w = calloc((size_t)nthreads, sizeof *w);
	if (rc < 0 || !dv->tv || !dv->story || !w || group_dims(dv) < 0)
		rc = -1;
	for (nw = 0; rc == 0 && nw < nthreads; nw++)
		if (worker_init(&w[nw], dv, NULL) < 0)
			rc = -1;
	if (rc == 0) {
		atomic_store(&dv->next, 0);
		if (dv->m1 > dv->m0)
			run_parallel(eval_thread, w, sizeof *w, nw);
		analysis_progress(dv->c, "drivers", 1, 1);
		if (stop_requested())
			rc = 1;
	}
	for (int t = 0; w && t < nw; t++)
		worker_free(&w[t]);
	free(w);
	if (sp) {	/* the least refused metric-year of every rank's rows */
		long nf = atomic_load(&dv->not_finite);
		double mn = nf > 0 ? (double)nf : INFINITY, mx = mn;

		if (sp->minmax(sp->arg, &mn, &mx, 1) == 0 && isfinite(mn))
			atomic_store(&dv->not_finite, (long)mn);
	}
	if (rc == 0 && atomic_load(&dv->not_finite))
		rc = -2;
	return sp ? evaluate_share(dv, sp, rc) : rc;
}

/* Whether the model runs' NPVs can be analysed: every one finite, and
 * their squares summed too (the variances). 0, or -2 with the error in
 * d, as run_result_check_finite says it for a run. */
static int npv_finite(const struct drivers *dv, struct diag *d)
{
	size_t cols = ((size_t)dv->k + 2) * dv->n;
	double big = 0;

	for (size_t i = 0; i < cols; i++) {
		double v = fabs(dv->f[OUT_NPV][i]);

		if (!(v <= big))
			big = v;	/* NaN stays */
	}
	if (isfinite(big * big * (double)cols))
		return 0;
	diag_error(d, dv->c->files[0], 0, 0, isfinite(big) ?
		   "npv_busd is too large in some model runs to have a "
		   "variance " RUN_SQUARE_PAST_DOUBLE :
		   "npv_busd is not finite in some model runs: "
		   RUN_NOT_FINITE);
	return -2;
}

/* See cli.h: what evaluate and analyse keep for n base trials: every
 * output of every matrix's rows (n_outputs() of (k + 2) n doubles), the
 * A and B rows' trial values (2 k n) and stories (2 n), each thread's bootstrap
 * index and work arrays (3 n), beside the program and scenario (about
 * 12 MiB). Within 1% of GNU time's peak on meta-base at 200,000 base
 * trials (699 MB against 700 MB). */
double drivers_memory_bytes(const struct scenario *sc, long n, int threads)
{
	double k = scenario_n_uncertain(sc);

	return (double)n * (8.0 * n_outputs(sc) * (k + 2) + 16.0 * k + 2 +
			    24.0 * (threads > 0 ? threads : 1)) +
	       12.0 * 1048576;
}

int cmd_drivers(const struct cli *c)
{
	struct drivers *dv = calloc(1, sizeof *dv);
	struct diag d;
	char *final = NULL;
	int rc, nthreads;

	if (!dv) {
		fputs("error: out of memory\n", stderr);
		return 1;
	}
	diag_init(&d);
	dv->c = c;
	if (analysis_ctx_load(&dv->a, c, c->files[0], &d) < 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		free(dv);
		return 2;
	}
	dv->n = (size_t)dv->a.o.trials;
	dv->nout = n_outputs(dv->a.sc);
	dv->k = sample_n_uncertain(dv->a.plan);
	dv->nd = sample_n_innovations(dv->a.plan);
	if (dv->a.sc->sampling == SAMPLING_LHS)
		diag_warning(&d, dv->a.sc->file, dv->a.sc->sampling_line,
			     dv->a.sc->sampling_col, "drivers: "
			     "simulation.sampling: lhs is not used: the A and "
			     "B matrices are plain Monte Carlo trials (those "
			     "of run --trials 2N)");
	if (dv->n < DRV_FEW && dv->k > 0)
		diag_warning(&d, NULL, 0, 0, "drivers: %zu base trials are "
			     "too few for the indices to mean much: each is "
			     "an average over them, and below %d its error "
			     "swamps it (the bootstrap intervals can be nan); "
			     "use --trials 1000 or more", dv->n, DRV_FEW);
	if (dv->k == 0)
		diag_warning(&d, NULL, 0, 0, "drivers: %s has no uncertain "
			     "inputs; drivers.csv has no rows", dv->a.sc->file);
	if (2 * dv->n > UINT32_MAX) {
		diag_error(&d, NULL, 0, 0, "drivers: --trials %zu is too many "
			   "base trials (at most %u)", dv->n,
			   (unsigned)(UINT32_MAX / 2));
		diag_print(&d, stderr);
		diag_free(&d);
		drivers_free(dv);
		free(dv);
		return 2;
	}
	{	/* too big for the memory this process may use: refused
		 * before the first model run, as run does */
		const struct scenario *sc = dv->a.sc;
		struct cli_memory mem = {CLI_MEM_DRIVERS, &sc, 1,
					 dv->a.o.threads, 0, 0, 1, c->split};

		if (cli_memory_check(&mem, (long)dv->n, 1, NULL, &d) < 0) {
			diag_print(&d, stderr);
			diag_free(&d);
			drivers_free(dv);
			free(dv);
			return 1;
		}
	}
	if (c->out)
		final = strdup(c->out);
	else
		final = analysis_default_dir(dv->a.sc->out_dir, "-drivers");
	nthreads = dv->a.o.threads;
	if (final && (rc = analysis_check_out(final, c, dv->a.sc, &d)) < 0) {
		diag_print(&d, stderr);
		free(final);
		drivers_free(dv);
		free(dv);
		diag_free(&d);
		return rc == -2 ? 2 : 1;
	}
	rc = final ? evaluate(dv, nthreads) : -1;
	if (rc == -2) {	/* evaluate set not_finite, on every rank */
		long bad = atomic_load(&dv->not_finite) - 1;
		int y = dv->a.sc->years;
		char name[96];

		diag_error(&d, c->files[0], 0, 0, "%s is not finite in %d in "
			   "some trials of the A and B matrices: "
			   RUN_NOT_FINITE,
			   model_metric_name(dv->a.sc, (int)(bad / y), name,
					     sizeof name),
			   dv->a.sc->start_year + (int)(bad % y));
		run_note_absurd_inputs(dv->a.sc, c->files[0], &d);
	}
	if (rc == 0)
		rc = npv_finite(dv, &d);
	if (rc == 0)
		rc = analyse(dv, nthreads);
	if (rc == -1)
		diag_error(&d, NULL, 0, 0, "drivers: out of memory (%zu base "
			   "trials x %d inputs; use fewer --trials)", dv->n,
			   dv->k);
	if (rc == 0)
		rc = analysis_write_dir(final, c, write_all, dv, &d);
	analysis_print_diag(&d, c);
	if ((rc == 0 || rc == ANALYSIS_CHARTS_FAILED) && !c->quiet)
		print_table(dv, final);
	rc = final ? analysis_exit(rc, final) : 1;
	free(final);
	drivers_free(dv);
	free(dv);
	diag_free(&d);
	return rc;
}
