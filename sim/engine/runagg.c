/* runagg.c — the aggregation phase of a run: the percentiles of every
 * metric-year column (by radix selection, on threads; across ranks when
 * split) and the rank correlations of the inputs with the NPV; and the
 * check that a result's figures are finite. See run.c for the
 * determinism rules this keeps. */
#include "run_impl.h"

struct aggjob {
	struct shared *s;
	struct run_result *r;
	struct agg_qplan q;	/* requested levels, then 50 */
	int med_j;		/* index of 50 among the plan's levels */
	uint64_t *npv_r2;	/* twice the average ranks of npv */
	struct rank_ranked npv;	/* npv by its ranks (syy 0: npv has no
				   variation, every correlation NaN) */
	signed char *story;	/* [n]: each trial's story, in a byte (the
				   rank pass reads it at random) */
	size_t nstory[3];	/* trials of each story */
	size_t nitems, nranks_items;
	atomic_int fail;
};

struct aggworker {
	struct aggjob *j;
	double *out;
	double t_pct, t_rank;	/* CPU seconds, when profiling */
};

/* Percentiles of column c, its values at xd (double) or xf (float),
 * into r->pct and r->median. */
static void column_percentiles_of(struct aggworker *w, size_t c,
				  const double *xd, const float *xf)
{
	struct aggjob *j = w->j;
	struct run_result *r = j->r;
	int nl = j->q.nl;
	double lo = r->min[c], hi = r->max[c];

	if (lo == hi) {		/* a fixed value reads back exactly */
		for (int l = 0; l < nl; l++)
			w->out[l] = lo;
	} else if (xd) {
		if (agg_select(xd, &j->q, lo, hi, w->out) < 0)
			atomic_store(&j->fail, 1);
	} else {
		if (agg_select_float(xf, &j->q, lo, hi, w->out) < 0)
			atomic_store(&j->fail, 1);
		for (int l = 0; l < nl; l++)	/* undo float rounding past */
			w->out[l] = w->out[l] < lo ? lo	/* the extremes */
				  : w->out[l] > hi ? hi : w->out[l];
	}
	for (int l = 0; l < r->npct; l++)
		r->pct[c * (size_t)r->npct + (size_t)l] = w->out[l];
	r->median[c] = w->out[j->med_j];
}

/* Percentiles of column c into r->pct and r->median. */
static void column_percentiles(struct aggworker *w, size_t c)
{
	struct shared *s = w->j->s;

	column_percentiles_of(w, c, s->cold ? s->cold + c * s->cap : NULL,
			      s->colf ? s->colf + c * s->cap : NULL);
}

static int split_percentiles(struct aggworker *w);

void run_story_input_set(struct story_input *si, const double *med)
{
	si->median = med[0];	/* si->sd: from the blocks (collect) */
	for (int g = 0; g < 3; g++) {
		si->median_by[g] = med[g + 1];
		si->gap[g] = si->sd > 0 ? (med[g + 1] - med[0]) / si->sd
					: NAN;
	}
}

void run_story_bytes(signed char *out, size_t cnt[3], const int *story,
		     size_t n)
{
	cnt[0] = cnt[1] = cnt[2] = 0;
	for (size_t i = 0; i < n; i++) {
		int st = story[i];

		out[i] = (signed char)(st >= 0 && st < 3 ? st : -1);
		if (st >= 0 && st < 3)
			cnt[st]++;
	}
}

/* Spearman of uncertain input k with npv into r->rank_corr[k], and from
 * the same sort its medians by story into r->story_inputs[k]. */
static void input_rank_corr(struct aggworker *w, size_t k)
{
	struct aggjob *j = w->j;
	struct shared *s = j->s;
	size_t n = s->n;
	const double *x = s->tv + k * s->cap;
	double med[4];

	j->r->rank_corr[k] = NAN;
	/* npv without variation: no cross sums, every correlation NaN */
	if (rank_spearman_medians(&j->r->rank_corr[k], med, x,
				  j->npv.syy > 0 ? &j->npv : NULL, n,
				  j->story, j->nstory, 3) < 0) {
		atomic_store(&j->fail, 1);
		return;
	}
	run_story_input_set(&j->r->story_inputs[k], med);
}

static void *agg_thread(void *arg)
{
	struct aggworker *w = arg;
	struct aggjob *j = w->j;

	for (;;) {
		size_t it;

		if (run_stop_requested(j->s) || atomic_load(&j->fail))
			break;
		it = atomic_fetch_add(&j->s->next, 1);
		if (it >= j->nitems)
			break;
		double c0 = j->s->prof ? run_cpu_now() : 0;

		/* the rank correlations first: each is a few sorts */
		if (it < j->nranks_items) {
			input_rank_corr(w, it);
			if (j->s->prof)
				w->t_rank += run_cpu_now() - c0;
		} else {
			column_percentiles(w, it - j->nranks_items);
			if (j->s->prof)
				w->t_pct += run_cpu_now() - c0;
		}
	}
	return NULL;
}

/* A failure before the ranks' agreement below (split runs): the other
 * ranks learn of it there. -1. */
static int failed_before_agreement(struct shared *s)
{
	return s->o->split ? run_split_agree(s, -1) : -1;
}

/* Percentiles (full runs) and rank correlations, on nthreads threads.
 * 0, -1 on allocation failure, 1 when stopped. */
int run_aggregate(struct shared *s, struct run_result *r, int nthreads)
{
	struct aggjob j;
	struct aggworker *w;
	double *levels;
	int nl = r->npct, rc = 0;

	memset(&j, 0, sizeof j);
	j.s = s;
	j.r = r;
	atomic_init(&j.fail, 0);
	levels = malloc(((size_t)nl + 1) * sizeof *levels);
	if (!levels)
		return failed_before_agreement(s);
	memcpy(levels, r->pct_levels, (size_t)nl * sizeof *levels);
	j.med_j = -1;
	for (int l = 0; l < nl; l++)
		if (levels[l] == 50)
			j.med_j = l;
	if (j.med_j < 0) {
		j.med_j = nl;
		levels[nl++] = 50;
	}
	if (agg_qplan_new(&j.q, s->n, levels, nl) < 0) {
		free(levels);
		return failed_before_agreement(s);
	}
	free(levels);
	/* split: the rank correlations are distributed (run_split_ranks) */
	j.nranks_items = s->tv && !s->o->split ? (size_t)s->nunc : 0;
	if (j.nranks_items) {
		j.story = malloc(s->n);
		if (!j.story) {
			agg_qplan_free(&j.q);
			return -1;
		}
		run_story_bytes(j.story, j.nstory, s->story, s->n);
	}
	/* split: the columns are spread over the ranks (split_percentiles) */
	j.nitems = j.nranks_items +
		   (r->pct && !s->o->split ? (size_t)s->nmy : 0);
	if (j.nranks_items) {
		j.npv_r2 = malloc(s->n * sizeof *j.npv_r2);
		if (!j.npv_r2 ||
		    rank_average2(j.npv_r2, &j.npv.syy, s->npv, s->n) < 0) {
			agg_qplan_free(&j.q);
			free(j.npv_r2);
			free(j.story);
			return -1;
		}
		j.npv.r2 = j.npv_r2;
	}
	if ((size_t)nthreads > j.nitems)
		nthreads = j.nitems ? (int)j.nitems : 1;
	w = calloc((size_t)nthreads, sizeof *w);
	if (!w)
		rc = -1;
	for (int t = 0; w && t < nthreads && rc == 0; t++) {
		w[t].j = &j;
		w[t].out = malloc((size_t)(nl + 1) * sizeof *w[t].out);
		if (!w[t].out)
			rc = -1;
	}
	if (rc == 0) {
		atomic_store(&s->next, 0);
		run_parallel(agg_thread, w, sizeof *w, nthreads);
		if (atomic_load(&j.fail))
			rc = -1;
		else if (atomic_load(&s->stopped))
			rc = 1;
	}
	/* split: every rank takes the same next step (a failure, a stop) */
	if (s->o->split)
		rc = run_split_agree(s, rc);
	if (s->o->split && s->tv && s->nunc && rc == 0)
		rc = run_split_ranks(s, r);
	if (s->o->split && r->pct && rc == 0)
		rc = split_percentiles(w);
	for (int t = 0; w && t < nthreads; t++) {
		free(w[t].out);
		s->t_pct += w[t].t_pct;
		s->t_rank += w[t].t_rank;
	}
	free(w);
	free(j.npv_r2);
	free(j.story);
	agg_qplan_free(&j.q);
	return rc;
}


/* Percentiles when the columns are spread over the ranks: each column's
 * part on this rank (the trials it ran, packed) goes to
 * agg_select_split(), a radix selection whose counts are summed over the
 * ranks; every rank gets the same figures, bit for bit the one
 * process's. No column is gathered. 0, -1, or 1 when stopped (checked
 * before each column, on every rank alike). */
static int split_percentiles(struct aggworker *w)
{
	struct aggjob *j = w->j;
	struct shared *s = j->s;
	struct run_result *r = j->r;
	const struct run_split *sp = s->o->split;
	size_t el = s->cold ? sizeof(double) : sizeof(float);
	size_t own = run_own_count(s);
	size_t npct = (size_t)r->npct;
	int nl = j->q.nl, rc = 0;
	char *part;

	part = malloc((own ? own : 1) * el);
	if (sp->any(sp->arg, !part)) {
		free(part);
		return -1;
	}
	for (size_t c = 0; c < (size_t)s->nmy && rc == 0; c++) {
		double lo = r->min[c], hi = r->max[c];

		if ((rc = run_split_agree(s, 0)) != 0)
			break;
		if (s->cold)
			run_own_part(s, s->cold + c * s->cap, el, part);
		else
			run_own_part(s, s->colf + c * s->cap, el, part);
		if (lo == hi) {		/* as column_percentiles_of */
			for (int l = 0; l < nl; l++)
				w->out[l] = lo;
		} else {
			if (agg_select_split(part, !s->cold, own, &j->q, lo, hi,
					     w->out, sp) < 0) {
				rc = -1;
				break;
			}
			for (int l = 0; s->colf && l < nl; l++)
				w->out[l] = w->out[l] < lo ? lo
					  : w->out[l] > hi ? hi : w->out[l];
		}
		for (size_t l = 0; l < npct; l++)
			r->pct[c * npct + l] = w->out[l];
		r->median[c] = w->out[j->med_j];
	}
	free(part);
	return rc;
}

/* See run.h: ABSURD is far past anything the model's keys describe
 * (fleets of 1e9, prices of 1e5), where sums and products leave what a
 * double holds; the error itself has no position. */
#define ABSURD 1e30

void run_note_absurd_inputs(const struct scenario *sc, const char *file,
			    struct diag *d)
{
	for (int i = 0; i < sc->ninputs; i++) {
		const struct input *in = &sc->inputs[i];
		int np = in->form == INPUT_SERIES ? in->npoints : 1;

		for (int k = 0; k < np; k++) {
			const struct dist *pd = in->form == INPUT_SERIES ?
						&in->points[k] : &in->d;
			double m = dist_quantile(pd, 0.5);

			if (!(fabs(m) > ABSURD))
				continue;
			diag_warning(d, file, in->line, in->col, "%s%s: %.3g "
				     "is far beyond any plausible value, and "
				     "arithmetic on it leaves what a double "
				     "holds", in->from_set ? "--set " : "",
				     in->path, m);
			break;
		}
	}
}

/* See run.h. */
int run_rise_years(const double *p, int years, int *first, int *most)
{
	*first = *most = -1;
	for (int t = 0; p && t < years; t++) {
		if (p[t] < RUN_RISE_SHARE)
			continue;
		if (*first < 0)
			*first = t;
		if (*most < 0 || p[t] > p[*most])
			*most = t;
	}
	return *first >= 0;
}

/* A share of the trials to one decimal, as a percent; a share short of
 * 1 that would read 100.0% reads >99.9% (as output_share_text marks it). */
static void rise_share(char *buf, size_t n, double p)
{
	if (p < 1 && 100 * p >= 99.95)
		snprintf(buf, n, ">99.9%%");
	else
		snprintf(buf, n, "%.1f%%", 100 * p);
}

/* See run.h. */
int run_rise_text(char *buf, size_t n, const double *p, int years,
		  int start_year)
{
	int first, most;
	char a[16], b[16];

	if (n)
		buf[0] = '\0';
	if (!run_rise_years(p, years, &first, &most))
		return 0;
	rise_share(a, sizeof a, p[first]);
	if (most == first) {
		snprintf(buf, n, "%s of the trials in %d", a,
			 start_year + first);
		return 1;
	}
	rise_share(b, sizeof b, p[most]);
	snprintf(buf, n, "%s of the trials in %d (the first year with %g%% "
		 "or more) and %s in %d (the most)", a, start_year + first,
		 100 * RUN_RISE_SHARE, b, start_year + most);
	return 1;
}

/* See run.h: at industry.price_response, the power that turns tightness
 * into the rent (a warning is only possible where it is above 0). */
int run_note_rise_at(const double *p, const struct scenario *sc,
		     const char *file, const char *at, struct diag *d)
{
	const struct input *in;
	char when[160];

	if (!sc->has_industry || sc->i_ind_price_response < 0 ||
	    !run_rise_text(when, sizeof when, p, sc->years, sc->start_year))
		return 0;
	in = &sc->inputs[sc->i_ind_price_response];
	diag_warning(d, file, in->line, in->col, "%s%s: %sin %s, the "
		     "industry's tightness alone raises the rent more than "
		     "%g-fold from %d (industry_tightness over its %d value, "
		     "to the power price_response); the rent follows tightness "
		     "without bound, so those trials' rent and cloud NPV are "
		     "extrapolation far past anything observed",
		     in->from_set ? "--set " : "", in->path, at ? at : "",
		     when, RUN_RENT_RISE, sc->start_year, sc->start_year);
	return 1;
}

int run_result_check_finite(const struct run_result *r,
			    const struct scenario *sc, const char *file,
			    const char *at, struct diag *d)
{
	const char *sep = at && *at ? ", " : "";

	at = at && *at ? at : "";
	for (int t = 0; t < r->years; t++) {
		for (int k = 0; k < r->nmetrics; k++) {
			size_t c = (size_t)k * (size_t)r->years + (size_t)t;
			char name[96];
			int fin = isfinite(r->mean[c]) &&
				  isfinite(r->min[c]) && isfinite(r->max[c]);

			if (fin && (r->n < 2 || isfinite(r->sd[c])))
				continue;
			/* a NaN: min and max skip NaNs, so every trial NaN
			 * (min > max) or a mean no sum could overflow */
			double big = fmax(fabs(r->min[c]), fabs(r->max[c]));
			int nan = !fin && (r->min[c] > r->max[c] ||
					   big < DBL_MAX / (double)r->n);

			diag_error(d, file, 0, 0, fin ? "%s%s%s is too large "
				   "in %d in some trials to have a standard "
				   "deviation " RUN_SQUARE_PAST_DOUBLE
				   : nan ? "%s%s%s is not a number in %d in "
				   "some trials: " RUN_UNDEFINED
				   : "%s%s%s is not finite in %d in some "
				   "trials: " RUN_PAST_DOUBLE, at, sep,
				   model_metric_name(sc, k, name, sizeof name),
				   r->start_year + t);
			run_note_absurd_inputs(sc, file, d);
			return -1;
		}
	}
	/* the run-level idle PV: discount factors times idle costs, each
	 * finite, can overflow where no yearly metric does */
	if (!isfinite(r->stories.idle_pv_mean)) {
		diag_error(d, file, 0, 0, "%s%sidle_pv_busd is not finite in some "
			   "trials: the discount factors times the idle costs "
			   "pass what a double holds (about 1.8e308); check "
			   "the discount rate, growth rates and other inputs "
			   "for absurd values", at, sep);
		run_note_absurd_inputs(sc, file, d);
		return -1;
	}
	return 0;
}
