/* run.c — run the trials of a scenario on threads and aggregate them
 * (docs/model.md "What a run reports", "The two readings, counted").
 *
 * Determinism. Trial i draws from rng_stream(seed, i) only (under Latin
 * hypercube sampling also from its strata, which the design computes from
 * i alone: sim/lhs.c). Threads take blocks of BLOCK trials from an
 * atomic counter; inside a block, trials run in order in tiles of TILE,
 * and each metric-year's tile is summed two-pass and merged (Chan) into
 * the block's moments; the blocks' moments are merged in block order at
 * the end. Counts are integers. Every other per-trial figure is stored
 * at its trial's index. So no number depends on how many threads ran or
 * which block each took: results are bit-identical for any --threads.
 *
 * Memory. A tile is TILE rows of metric-years as the model writes them;
 * after each tile it is transposed into one contiguous column per
 * metric-year (the layout that selection wants), in double when all
 * columns fit in COLUMNS_DOUBLE_MAX bytes, else in float (see
 * docs/notes-engine.md). Percentiles are then found by selection, one
 * column per work item, on the same number of threads.
 *
 * Rounds (--precision). The trials run in rounds that end at fixed block
 * boundaries (run_round_end); between rounds the block moments and counts
 * so far are collected, exactly as at the end, for the caller to decide
 * whether to go on. Columns are laid out for the cap (o->trials) and only
 * the trials run are written, so the pages of the rest are never touched.
 * Under LHS each round is a Latin hypercube design of its own. */
#include "memlimit.h"
#include "run_impl.h"

/* CPU time of the calling thread, in seconds. */
double run_cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int run_stop_requested(struct shared *s)
{
	return run_stop_flag(s->o, &s->stopped);
}

/* Progress bar on stderr; shown by whichever thread crosses a percent. */
static void progress(struct shared *s, size_t cnt)
{
	size_t d = atomic_fetch_add(&s->done, cnt) + cnt;
	int pc = (int)(100.0 * (double)d / (double)s->cap);
	int old = atomic_load(&s->shown);
	char bar[41];

	if (!s->progress || pc <= old ||
	    !atomic_compare_exchange_strong(&s->shown, &old, pc))
		return;
	for (int j = 0; j < 40; j++)
		bar[j] = j < pc * 40 / 100 ? '#' : '.';
	bar[40] = '\0';
	fprintf(stderr, "\r[%s] %3d%%  %zu/%zu trials", bar, pc, d, s->cap);
	fflush(stderr);
}

static float to_float(double x)
{
	if (x > FLT_MAX)
		return INFINITY;
	if (x < -FLT_MAX)
		return -INFINITY;
	return (float)x;
}

/* One trial: sample, its uncertain inputs' values into row tv of the
 * worker's tile of them, run the model into row m, count what it reports
 * once. */
static void run_one(struct worker *w, size_t i, double *m, double *tv)
{
	struct shared *s = w->s;
	const struct run_opts *o = s->o;
	struct trial_outcome out;
	int y = s->years;
	double t0 = s->prof ? run_cpu_now() : 0, t1 = 0;

	run_sample(s->p, s->lhs, w->r, o->seed, i, w->e, w->x, w->scratch,
		   o->ovs, o->novs);
	if (s->ntv)
		sample_trial_values(s->p, w->x, tv);
	if (s->prof)
		t1 = run_cpu_now();
	model_run_trial(s->sc, w->x, m, &out, w->ws);
	if (s->prof) {
		double t2 = run_cpu_now();
		w->t_sample += t1 - t0;
		w->t_model += t2 - t1;
	}

	for (int t = 0; t < y; t++) {
		w->surplus[t] += m[s->c_surplus + t] > 0;
		w->shortfall[t] += m[s->c_shortfall + t] > 0;
	}
	/* the rent's rise from tightness alone, (tau_t / tau_0)^kappa, past
	 * RUN_RENT_RISE from year 1: tau_t past tau_0 RUN_RENT_RISE^(1 /
	 * kappa) (see run.h); that limit, an exp, only when the trial's
	 * highest tau_t can pass it: not at or below tau_0, nor, with kappa
	 * at most 1 (a limit of RUN_RENT_RISE tau_0 or more), at or below
	 * RUN_RENT_RISE tau_0 */
	if (s->c_tight >= 0) {
		const double *tau = m + s->c_tight;
		double kappa = w->x[s->x_kappa], hi = 0;

		for (int t = 1; t < y; t++)
			hi = tau[t] > hi ? tau[t] : hi;
		if (kappa > 0 && tau[0] > 0 && hi > tau[0] &&
		    (kappa > 1 || hi > RUN_RENT_RISE * tau[0])) {
			double lim = tau[0] *
				     exp(log(RUN_RENT_RISE) / kappa);

			for (int t = 1; t < y; t++)
				w->rent_rise[t] += tau[t] > lim;
		}
	}
	w->launch[out.launch_t >= 0 && out.launch_t < y ? out.launch_t : y]++;
	if (out.payback_t >= 0 && out.payback_t < y)
		w->payback[out.payback_t]++;
	else if (out.launch_t >= 0 && out.launch_t < y)
		w->pb_never++;
	else
		w->pb_not_launched++;
	w->first[out.first_surplus_t >= 0 && out.first_surplus_t < y
			 ? out.first_surplus_t : y]++;
	if ((int)out.story >= 0 && (int)out.story < 3)
		w->story[out.story]++;
	s->npv[i] = out.npv;
	s->idle_pv[i] = out.idle_pv;
	s->unpowered_pv[i] = out.unpowered_pv;
	s->story[i] = (int)out.story;
	s->istate[i] = (signed char)out.industry;
	if (s->keep) {
		s->pb_t[i] = out.payback_t;
		s->la_t[i] = out.launch_t;
	}
}

/* Transpose a tile of cnt trials starting at trial t0 into the columns,
 * summing each column's tile into the block's moments bs. */
static void flush_tile(struct worker *w, size_t t0, size_t cnt,
		       struct agg_moments *bs)
{
	struct shared *s = w->s;
	size_t nmy = (size_t)s->nmy;

	if (s->sflag)	/* --sensitivity's held runs: a year's surplus */
		for (size_t j = 0; j < cnt; j++)
			s->sflag[t0 + j] = w->tile[j * nmy + (size_t)s->c_surplus +
						   (size_t)s->sflag_t] > 0;
	for (size_t c = 0; c < nmy; c++) {
		const double *src = w->tile + c;
		double *tmp = w->tmp, lo = w->mn[c], hi = w->mx[c], sum = 0;
		struct agg_moments tm;
		int same = 1;

		/* gather, and agg_moments_of's first pass on the way */
		for (size_t j = 0; j < cnt; j++) {
			double v = src[j * nmy];
			tmp[j] = v;
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
			sum += v;
			same &= v == src[0];
		}
		w->mn[c] = lo;
		w->mx[c] = hi;
		agg_moments_of_summed(&tm, tmp, cnt, 1, sum, same);
		agg_moments_merge(&bs[c], &tm);
		if (s->cold) {
			double *dst = s->cold + c * s->cap + t0;
			memcpy(dst, tmp, cnt * sizeof *tmp);
			/* where the next tile goes (see STREAM_AHEAD in agg.c) */
			for (size_t j = 0; j < TILE; j += 8)
				__builtin_prefetch(dst + TILE + j, 1);
		} else if (s->colf) {
			float *dst = s->colf + c * s->cap + t0;
			for (size_t j = 0; j < cnt; j++)
				dst[j] = to_float(tmp[j]);
			for (size_t j = 0; j < TILE; j += 16)
				__builtin_prefetch(dst + TILE + j, 1);
		}
	}
	/* the trial values the same way, a tile at a time (one trial's
	 * values went to as many pages as there are inputs: a tile's go to
	 * each page in one run), and their moments (their sds, for what each
	 * story assumed) */
	for (size_t k = 0; k < (size_t)s->ntv; k++) {
		const double *src = w->tv + k;
		double *tmp = w->tmp, sum = 0;
		struct agg_moments tm;
		int same = 1;

		for (size_t j = 0; j < cnt; j++) {
			double v = src[j * (size_t)s->nunc];
			tmp[j] = v;
			sum += v;
			same &= v == src[0];
		}
		agg_moments_of_summed(&tm, tmp, cnt, 1, sum, same);
		agg_moments_merge(&bs[nmy + k], &tm);
		memcpy(s->tv + k * s->cap + t0, tmp, cnt * sizeof *tmp);
	}
}

void *run_trial_thread(void *arg)
{
	struct worker *w = arg;
	struct shared *s = w->s;
	size_t nmy = (size_t)s->nmy;

	/* one round on one process: every page will be written */
	if (!s->o->round_check && !s->o->split) {
		size_t cols = s->cap * nmy;
		int k = w->index, np = s->nworkers;

		memlimit_prefault_part(s->cold, cols * sizeof *s->cold, k, np);
		memlimit_prefault_part(s->colf, cols * sizeof *s->colf, k, np);
		memlimit_prefault_part(s->tv, s->cap * (size_t)s->ntv *
				       sizeof *s->tv, k, np);
	}

	for (;;) {
		size_t b, b0, b1;
		struct agg_moments *bs;

		if (run_stop_requested(s))
			break;
		b = atomic_fetch_add(&s->next, 1);
		if (b >= s->nb)
			break;
		b0 = b * BLOCK;
		b1 = b0 + BLOCK < s->n ? b0 + BLOCK : s->n;
		bs = s->bstat + b * (size_t)s->nst;
		for (size_t c = 0; c < (size_t)s->nst; c++)
			agg_moments_init(&bs[c]);
		for (size_t t0 = b0; t0 < b1; t0 += TILE) {
			size_t t1 = t0 + TILE < b1 ? t0 + TILE : b1;
			double c0;

			for (size_t i = t0; i < t1; i++)
				run_one(w, i, w->tile + (i - t0) * nmy,
					w->tv + (i - t0) * (size_t)s->nunc);
			c0 = s->prof ? run_cpu_now() : 0;
			flush_tile(w, t0, t1 - t0, bs);
			if (s->prof)
				w->t_store += run_cpu_now() - c0;
		}
		progress(s, b1 - b0);
	}
	return NULL;
}

static void worker_free(struct worker *w)
{
	if (w->r)
		gsl_rng_free(w->r);
	free(w->x);
	free(w->scratch);
	free(w->ws);
	free(w->tile);
	free(w->tmp);
	free(w->tv);
	free(w->e);
	free(w->mn);
	free(w->mx);
	free(w->surplus);
	free(w->shortfall);
	free(w->rent_rise);
	free(w->launch);
	free(w->payback);
	free(w->first);
	memset(w, 0, sizeof *w);
}

static int worker_init(struct worker *w, struct shared *s)
{
	size_t y = (size_t)s->years, nmy = (size_t)s->nmy;
	size_t nx = (size_t)s->sc->ninputs * y;
	size_t nscr = sample_scratch_size(s->p), nws = model_ws_size(s->sc);

	memset(w, 0, sizeof *w);
	w->s = s;
	w->r = computesim_rng_type ? gsl_rng_alloc(computesim_rng_type) : NULL;
	w->x = calloc(nx ? nx : 1, sizeof *w->x);
	w->scratch = calloc(nscr ? nscr : 1, sizeof *w->scratch);
	w->ws = calloc(nws ? nws : 1, sizeof *w->ws);
	w->tile = calloc(TILE * nmy, sizeof *w->tile);
	w->tmp = calloc(TILE, sizeof *w->tmp);
	w->tv = calloc(TILE * (s->nunc ? (size_t)s->nunc : 1), sizeof *w->tv);
	w->e = calloc((size_t)sample_n_innovations(s->p) + 1, sizeof *w->e);
	w->mn = malloc(nmy * sizeof *w->mn);
	w->mx = malloc(nmy * sizeof *w->mx);
	w->surplus = calloc(y, sizeof *w->surplus);
	w->shortfall = calloc(y, sizeof *w->shortfall);
	w->rent_rise = calloc(y, sizeof *w->rent_rise);
	w->launch = calloc(y + 1, sizeof *w->launch);
	w->payback = calloc(y + 1, sizeof *w->payback);
	w->first = calloc(y + 1, sizeof *w->first);
	if (!w->r || !w->x || !w->scratch || !w->ws || !w->tile || !w->tmp ||
	    !w->tv || !w->e ||
	    !w->mn || !w->mx || !w->surplus || !w->shortfall ||
	    !w->rent_rise || !w->launch ||
	    !w->payback || !w->first) {
		worker_free(w);
		return -1;
	}
	for (size_t c = 0; c < nmy; c++) {
		w->mn[c] = INFINITY;
		w->mx[c] = -INFINITY;
	}
	return 0;
}

/* See run.h. */
void run_parallel(void *(*fn)(void *), void *args, size_t argsize,
		  int nthreads)
{
	pthread_t *th = calloc((size_t)nthreads, sizeof *th);
	int *ok = calloc((size_t)nthreads, sizeof *ok);
	char *a = args;

	for (int t = 1; th && ok && t < nthreads; t++)
		ok[t] = pthread_create(&th[t], NULL, fn,
				       a + (size_t)t * argsize) == 0;
	fn(a);
	for (int t = 1; th && ok && t < nthreads; t++)
		if (ok[t])
			pthread_join(th[t], NULL);
	free(th);
	free(ok);
}

/* ---- the run ---------------------------------------------------------- */

void run_result_free(struct run_result *r)
{
	if (!r)
		return;
#define FREE_ARRAY(f, count) free(r->f);
	RUN_RESULT_ARRAYS(FREE_ARRAY, r)
#undef FREE_ARRAY
	free(r);
}

int run_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0 &&
	    (n < 1 || CPU_COUNT(&set) < n))
		n = CPU_COUNT(&set);
	return n < 1 ? 1 : n > 1024 ? 1024 : (int)n;
}

static void shared_free(struct shared *s)
{
	free(s->cold);
	free(s->colf);
	free(s->bstat);
	free(s->tv);
	free(s->npv);
	free(s->idle_pv);
	free(s->unpowered_pv);
	free(s->pb_t);
	free(s->la_t);
	free(s->sflag);
	free(s->story);
	free(s->istate);
	lhs_design_free((struct lhs_design *)s->lhs);
	free(s->own_lo);
	free(s->own_hi);
	free(s->rank_trials);
	free(s->rnd);
}

/* The result arrays that do not depend on the trials. */
static struct run_result *result_new(const struct scenario *sc,
				     const struct sample_plan *p,
				     const struct run_opts *o, int nmetrics)
{
	struct run_result *r = calloc(1, sizeof *r);
	size_t y, nmy, npct;

	if (!r)
		return NULL;
	r->n = o->trials;
	r->cap = o->trials;
	r->sampling = o->sampling;
	r->years = sc->years;
	r->start_year = sc->start_year;
	r->nmetrics = nmetrics;
	r->npct = sc->npct;
	r->nunc = sample_n_uncertain(p);
	r->seed = o->seed;
	r->median_payback_t = -1;
	y = (size_t)sc->years;
	nmy = (size_t)nmetrics * y;
	npct = (size_t)sc->npct;
	r->pct_levels = malloc((npct ? npct : 1) * sizeof *r->pct_levels);
	r->mean = calloc(nmy, sizeof *r->mean);
	r->sd = calloc(nmy, sizeof *r->sd);
	r->min = calloc(nmy, sizeof *r->min);
	r->max = calloc(nmy, sizeof *r->max);
	if (o->full) {
		r->pct = calloc(nmy * (npct ? npct : 1), sizeof *r->pct);
		r->median = calloc(nmy, sizeof *r->median);
	}
	r->p_surplus = calloc(y, sizeof *r->p_surplus);
	r->p_shortfall = calloc(y, sizeof *r->p_shortfall);
	r->p_launched = calloc(y, sizeof *r->p_launched);
	r->p_paid_back = calloc(y, sizeof *r->p_paid_back);
	r->p_rent_rise = calloc(y, sizeof *r->p_rent_rise);
	r->npv_pct = calloc(npct ? npct : 1, sizeof *r->npv_pct);
	r->payback = calloc(y, sizeof *r->payback);
	r->first_surplus = calloc(y, sizeof *r->first_surplus);
	r->rank_corr = calloc(r->nunc ? (size_t)r->nunc : 1,
			      sizeof *r->rank_corr);
	r->unc_input = calloc(r->nunc ? (size_t)r->nunc : 1,
			      sizeof *r->unc_input);
	r->story_inputs = calloc(r->nunc ? (size_t)r->nunc : 1,
				 sizeof *r->story_inputs);
	if (!r->pct_levels || !r->mean || !r->sd || !r->min || !r->max ||
	    (o->full && (!r->pct || !r->median)) || !r->p_surplus ||
	    !r->p_shortfall || !r->p_launched || !r->p_paid_back ||
	    !r->p_rent_rise ||
	    !r->npv_pct || !r->payback || !r->first_surplus || !r->rank_corr ||
	    !r->unc_input || !r->story_inputs) {
		run_result_free(r);
		return NULL;
	}
	if (npct)
		memcpy(r->pct_levels, sc->pct, npct * sizeof *r->pct_levels);
	for (int k = 0; k < r->nunc; k++) {
		r->unc_input[k] = sample_uncertain_input(p, k);
		if (!o->full && !o->keep_trials) {	/* a light run keeps no
							   trial values: none */
			struct story_input *si = &r->story_inputs[k];

			r->rank_corr[k] = NAN;
			si->median = si->sd = NAN;
			for (int st = 0; st < 3; st++)
				si->median_by[st] = si->gap[st] = NAN;
		}
	}
	return r;
}

/* Sum the workers' counts and the blocks' moments into r. */
void run_collect(struct shared *s, struct worker *w, int nw,
		    struct run_result *r)
{
	size_t y = (size_t)s->years, nmy = (size_t)s->nmy;
	double n = (double)s->n;
	long cl = 0, cp = 0, never = 0, notl = 0, st[3] = {0, 0, 0};

	r->n = (long)s->n;
	r->median_payback_t = -1;
	for (int k = 0; k < s->ntv; k++) {	/* a light run: none */
		struct agg_moments m;

		agg_moments_init(&m);
		for (size_t b = 0; b < s->nb; b++)
			agg_moments_merge(&m, &s->bstat[b * (size_t)s->nst +
							 nmy + (size_t)k]);
		r->story_inputs[k].sd = agg_moments_sd(&m);
	}
	for (size_t c = 0; c < nmy; c++) {
		struct agg_moments m;

		agg_moments_init(&m);
		for (size_t b = 0; b < s->nb; b++)
			agg_moments_merge(&m, &s->bstat[b * (size_t)s->nst + c]);
		r->mean[c] = m.mean;
		r->sd[c] = agg_moments_sd(&m);
		r->min[c] = INFINITY;
		r->max[c] = -INFINITY;
		for (int t = 0; t < nw; t++) {
			r->min[c] = w[t].mn[c] < r->min[c] ? w[t].mn[c] : r->min[c];
			r->max[c] = w[t].mx[c] > r->max[c] ? w[t].mx[c] : r->max[c];
		}
	}
	for (size_t t = 0; t <= y; t++) {
		long su = 0, sh = 0, to = 0, la = 0, pb = 0, fs = 0;

		for (int k = 0; k < nw; k++) {
			if (t < y) {
				su += w[k].surplus[t];
				sh += w[k].shortfall[t];
				to += w[k].rent_rise[t];
			}
			la += w[k].launch[t];
			pb += w[k].payback[t];
			fs += w[k].first[t];
		}
		if (t == y) {
			r->first_surplus_none = fs / n;
			break;
		}
		cl += la;
		cp += pb;
		r->p_surplus[t] = su / n;
		r->p_shortfall[t] = sh / n;
		r->p_rent_rise[t] = to / n;
		r->p_launched[t] = cl / n;
		r->p_paid_back[t] = cp / n;
		r->payback[t] = pb / n;
		r->first_surplus[t] = fs / n;
		if (r->median_payback_t < 0 && 2 * (double)cp >= n)
			r->median_payback_t = (int)t;
	}
	for (int k = 0; k < nw; k++) {
		never += w[k].pb_never;
		notl += w[k].pb_not_launched;
		for (int j = 0; j < 3; j++)
			st[j] += w[k].story[j];
	}
	r->payback_never = never / n;
	r->payback_not_launched = notl / n;
	for (int j = 0; j < 3; j++)
		r->story[j] = st[j] / n;
}

/* The NPV's mean, sd, standard error and P(NPV > 0) of the trials, and
 * their stories' figures (after every round: --precision's story and
 * industry-state targets read them). */
static void npv_moments(const struct shared *s, struct run_result *r)
{
	struct agg_moments m;
	size_t pos = 0;

	agg_moments_blocked(&m, s->npv, s->n, TILE, BLOCK);
	r->npv_mean = m.mean;
	r->npv_sd = agg_moments_sd(&m);
	r->npv_se = agg_moments_se(&m);
	for (size_t i = 0; i < s->n; i++)
		pos += s->npv[i] > 0;
	r->p_npv_positive = (double)pos / (double)s->n;
	stories_figures(&r->stories, s->npv, s->idle_pv, s->unpowered_pv,
			s->story, s->istate, s->n, r->npv_mean, TILE, BLOCK);
}

/* The run-level NPV figures; takes over s->npv as the sorted r->npv.
 * 0 or -1. */
static int npv_figures(struct shared *s, struct run_result *r)
{
	npv_moments(s, r);
	if (s->keep || s->o->keep_npv) {
		r->trial_npv = malloc(s->n * sizeof *r->trial_npv);
		if (!r->trial_npv)
			return -1;
		memcpy(r->trial_npv, s->npv, s->n * sizeof *r->trial_npv);
	}
	r->trial_surplus = s->sflag;	/* in trial order, taken over */
	s->sflag = NULL;
	if (rank_sort(s->npv, s->n) < 0)
		return -1;
	r->npv = s->npv;
	s->npv = NULL;
	for (int j = 0; j < r->npct; j++)
		r->npv_pct[j] = agg_quantile_sorted(r->npv, s->n,
						    r->pct_levels[j]);
	return 0;
}

/* trial_values in trial order, [i * nunc + k], from the run's columns. */
static double *rows_of(const struct shared *s)
{
	size_t n = s->n, nunc = (size_t)s->nunc;
	double *tv = malloc((n * nunc > 0 ? n * nunc : 1) * sizeof *tv);

	if (!tv)
		return NULL;
	for (size_t k = 0; k < nunc; k++)
		for (size_t i = 0; i < n; i++)
			tv[i * nunc + k] = s->tv[k * s->cap + i];
	return tv;
}

int run_round_stop_at(void *arg, const struct run_result *r)
{
	return r->n >= *(const long *)arg;
}

long run_round_end(long done, long cap)
{
	long step = 4 * BLOCK, quarter = (done / 4 + BLOCK - 1) / BLOCK;

	if (quarter * BLOCK > step)
		step = quarter * BLOCK;
	return done >= cap || cap - done <= step ? cap : done + step;
}


/* Run the trials of rounds until one is stopped by o->round_check or the
 * cap is reached (one round without round_check): each round from
 * s->n to its end, on the workers w, under LHS with a design of its own.
 * 0, -1 on allocation failure, 1 when stopped by a signal. */
static int run_rounds(struct shared *s, struct worker *w, int nw,
		      struct run_result *r, double *t_trials)
{
	const struct run_opts *o = s->o;
	int nd = sample_n_innovations(s->p);

	for (;;) {
		size_t start = s->n;
		size_t end = o->round_check ? (size_t)run_round_end((long)start,
								    (long)s->cap)
					    : s->cap;
		double t0 = wall_now();

		if (o->sampling == SAMPLING_LHS) {
			struct lhs_design *d;

			lhs_design_free((struct lhs_design *)s->lhs);
			s->lhs = NULL;
			if (lhs_design_new(&d, o->seed, start, end - start,
					   nd) < 0)
				return -1;
			s->lhs = d;
		}
		s->n = end;
		s->nb = (end + BLOCK - 1) / BLOCK;
		if (!o->split) {
			atomic_store(&s->next, start / BLOCK);
			run_parallel(run_trial_thread, w, sizeof *w, nw);
		} else if (run_split_round(s, w, nw, start) < 0) {
			return -1;
		}
		*t_trials += wall_now() - t0;
		if (atomic_load(&s->stopped))
			return 1;
		r->rounds++;
		if (!o->round_check || end >= s->cap)
			return 0;
		if (run_collect_all(s, w, nw, r) < 0)
			return -1;
		npv_moments(s, r);
		if (o->round_check(o->round_arg, r))
			return 0;
	}
}

int run_trials(struct run_result **out, const struct scenario *sc,
	       const struct sample_plan *p, const struct run_opts *o)
{
	struct shared s;
	struct worker *w = NULL;
	struct run_result *r = NULL;
	int nthreads, nw = 0, rc = -1, fail;
	size_t nmy, cols;
	double t_start = wall_now(), t_trials = 0, t_agg = 0;
	double t_sample = 0, t_model = 0, t_store = 0;

	*out = NULL;
	if (o->trials <= 0 || sc->years <= 0)
		return -1;
	memset(&s, 0, sizeof s);
	s.sc = sc;
	s.p = p;
	s.o = o;
	s.cap = (size_t)o->trials;
	s.n = 0;
	s.nb = (s.cap + BLOCK - 1) / BLOCK;	/* until the rounds begin */
	s.years = sc->years;
	s.nmy = model_nmetrics(sc) * sc->years;
	s.nunc = sample_n_uncertain(p);
	s.c_surplus = model_metric_index(sc, M_SURPLUS) * sc->years;
	s.c_shortfall = model_metric_index(sc, M_SHORTFALL) * sc->years;
	s.c_tight = sc->has_industry && sc->i_ind_price_response >= 0 ?
		    model_metric_index(sc, M_IND_TIGHTNESS) * sc->years : -1;
	s.x_kappa = s.c_tight >= 0 ?
		    (size_t)sc->i_ind_price_response * (size_t)sc->years : 0;
	s.keep = o->keep_trials;
	s.progress = o->progress;
	s.prof = o->profile;
	atomic_init(&s.next, 0);
	atomic_init(&s.done, 0);
	atomic_init(&s.shown, -1);
	atomic_init(&s.stopped, 0);
	nmy = (size_t)s.nmy;
	if (s.cap > UINT32_MAX || nmy > SIZE_MAX / 8 / s.cap)
		return -1;	/* would not fit in memory anyway */

	r = result_new(sc, p, o, model_nmetrics(sc));
	if (!r)
		return -1;
	cols = s.cap * nmy;
	if (o->full) {
		if (cols * sizeof(double) <= COLUMNS_DOUBLE_MAX &&
		    !o->float_columns)
			s.cold = malloc(cols * sizeof *s.cold);
		else {
			s.colf = malloc(cols * sizeof *s.colf);
			r->pct_float = 1;
		}
	}
	s.nst = s.nmy + s.nunc;
	s.bstat = malloc(s.nb * (size_t)s.nst * sizeof *s.bstat);
	s.npv = malloc(s.cap * sizeof *s.npv);
	s.idle_pv = malloc(s.cap * sizeof *s.idle_pv);
	s.unpowered_pv = malloc(s.cap * sizeof *s.unpowered_pv);
	s.story = malloc(s.cap * sizeof *s.story);
	s.istate = malloc(s.cap * sizeof *s.istate);
	/* a light run's trial values serve nothing it reports */
	s.ntv = o->full || o->keep_trials ? s.nunc : 0;
	if (s.ntv)
		s.tv = malloc(s.cap * (size_t)s.ntv * sizeof *s.tv);
	if (s.keep) {
		s.pb_t = malloc(s.cap * sizeof *s.pb_t);
		s.la_t = malloc(s.cap * sizeof *s.la_t);
	}
	s.sflag_t = o->keep_surplus_t1 > 0 && o->keep_surplus_t1 <= sc->years
		    && !o->split ? o->keep_surplus_t1 - 1 : -1;
	if (s.sflag_t >= 0)
		s.sflag = malloc(s.cap ? s.cap : 1);
	if (o->split) {
		s.rank_trials = calloc((size_t)o->split->size,
				       sizeof *s.rank_trials);
		s.own_lo = malloc(sizeof *s.own_lo);
		s.own_hi = malloc(sizeof *s.own_hi);
	}
	fail = (o->full && !s.cold && !s.colf) || !s.bstat || !s.npv ||
	       !s.idle_pv || !s.unpowered_pv || !s.story || !s.istate ||
	       (s.ntv && !s.tv) ||
	       (s.keep && (!s.pb_t || !s.la_t)) ||
	       (s.sflag_t >= 0 && !s.sflag) ||
	       (o->split && (!s.rank_trials || !s.own_lo || !s.own_hi));
	nthreads = run_threads(o, s.nb);
	w = fail ? NULL : calloc((size_t)nthreads, sizeof *w);
	fail = fail || !w;
	for (nw = 0; !fail && nw < nthreads; nw++) {
		if (worker_init(&w[nw], &s) < 0) {
			fail = 1;
			break;
		}
		w[nw].index = nw;
	}
	/* a failure on one rank fails them all, before any collective */
	if (o->split && o->split->any(o->split->arg, fail))
		fail = 1;
	if (fail)
		goto done;
	s.nworkers = nw;
	rc = run_rounds(&s, w, nw, r, &t_trials);
	if (rc != 0)
		goto done;
	rc = -1;
	if (run_collect_all(&s, w, nw, r) < 0)
		goto done;
	for (int t = 0; t < nw; t++) {
		t_sample += w[t].t_sample;
		t_model += w[t].t_model;
		t_store += w[t].t_store;
		worker_free(&w[t]);
	}
	free(s.bstat);
	s.bstat = NULL;

	if (s.progress) {
		fputs("\r\033[K(aggregating...)", stderr);
		fflush(stderr);
	}
	t_agg = wall_now();
	rc = run_aggregate(&s, r, nthreads);
	t_agg = wall_now() - t_agg;
	if (rc != 0)
		goto done;
	free(s.cold);
	free(s.colf);
	s.cold = NULL;
	s.colf = NULL;
	rc = -1;
	if (npv_figures(&s, r) < 0)
		goto done;
	if (s.keep) {
		r->trial_values = rows_of(&s);
		r->trial_payback_t = s.pb_t;
		r->trial_launch_t = s.la_t;
		r->trial_story = s.story;
		r->trial_industry = s.istate;
		s.pb_t = s.la_t = s.story = NULL;
		s.istate = NULL;
		if (!r->trial_values)
			goto done;
	}
	rc = 0;
	if (s.prof)
		fprintf(stderr,
			"profile: %zu trial%s on %d thread%s: %.3f s in all\n"
			"profile:   trials      %.3f s wall; cpu: sampling %.3f, "
			"model %.3f, storing %.3f, other %.3f\n"
			"profile:   aggregation %.3f s wall; cpu: percentiles "
			"%.3f, rank correlations %.3f\n",
			s.n, s.n == 1 ? "" : "s", nthreads,
			nthreads == 1 ? "" : "s", wall_now() - t_start, t_trials,
			t_sample,
			t_model, t_store,
			t_trials * nthreads - t_sample - t_model - t_store,
			t_agg, s.t_pct, s.t_rank);
done:
	if (s.progress) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	for (int t = 0; w && t < nw; t++)
		worker_free(&w[t]);
	free(w);
	shared_free(&s);
	if (rc == 0)
		*out = r;
	else
		run_result_free(r);
	return rc;
}

/* ---- memory, known before the run ------------------------------------- */

/* See run.h. Follows run_trials' allocations phase by phase; the largest
 * phase is the peak (within 3% of the peak resident size measured with
 * GNU time on the docs/format.md example and meta-base, 2,000 to 1,000,000
 * trials, 1 to 1,024 threads, with and without kept trials):
 *   trials:      columns + block moments + npv + inputs (+ kept trials)
 *   aggregation: columns + npv + inputs (+ kept) + npv ranks + per rank
 *                job two arrays of n pairs (rank_order, its radix sort),
 *                up to min(threads, inputs) at once, + per percentile job
 *                its radix buffers (a few buckets of 2048; counted as
 *                n / 64 keys, twice, for uneven columns)
 *   after:       npv + inputs (+ kept, trial_npv) + rank_sort's two key
 *                arrays, then (kept) the inputs' copy by rows. */
double run_memory_bytes(const struct scenario *sc, long trials, int threads,
			int full, int keep)
{
	double n = (double)trials, nmy = (double)model_nmetrics(sc) * sc->years;
	double nb = ceil(n / BLOCK), nunc = scenario_n_uncertain(sc);
	double t = threads < 1 ? 1 : threads;
	double cols = 0, inputs, kept, trial, agg, after, jobs, pct;

	if (t > nb)
		t = nb;
	if (full)
		cols = n * nmy * (n * nmy * sizeof(double) <=
				  (double)COLUMNS_DOUBLE_MAX ? 8 : 4);
	if (!full && !keep)	/* a light run keeps no trial values */
		nunc = 0;
	inputs = 8 * n * nunc;
	/* every trial: npv, idle PV, its unpowered part, story, industry
	 * state; kept: payback and launch years */
	trial = (8 + 8 + 8 + sizeof(int) + 1) * n;
	kept = keep ? 2 * sizeof(int) * n : 0;
	trial += cols + nb * nmy * sizeof(struct agg_moments) + inputs + kept;
	jobs = nunc ? (t < nunc ? t : nunc) : 0;
	pct = full ? (t < nmy ? t : nmy) * 2 * 8 * (n / 64) : 0;
	agg = cols + (8 + 8 + 8 + sizeof(int) + 1) * n + inputs + kept +
	      (nunc ? 8 * n : 0) + jobs * 16 * n + pct;
	after = (8 + 8 + 8 + sizeof(int) + 1) * n + inputs + kept +
		(keep ? 8 * n : 0) + (keep ? inputs : 16 * n);
	/* the result's per metric-year arrays, the workers' tiles; the
	 * program and its threads */
	return fmax(trial, fmax(agg, after)) +
	       nmy * (8.0 + sc->npct + 2 * 8) * 8 +
	       t * TILE * (nmy * 2 + nunc) * 8 + run_process_bytes(t);
}

double run_result_bytes(const struct scenario *sc, long trials, int keep)
{
	double n = (double)trials, nunc = scenario_n_uncertain(sc);

	return 8 * n + (keep ? 8 * n * nunc + 8 * n + 3 * sizeof(int) * n +
			       n : 0) +
	       (double)model_nmetrics(sc) * sc->years * (8.0 + sc->npct) * 8;
}

long run_double_columns_max(const struct scenario *sc)
{
	double nmy = (double)model_nmetrics(sc) * sc->years;

	return nmy > 0 ? (long)floor((double)COLUMNS_DOUBLE_MAX /
				     (nmy * sizeof(double))) : LONG_MAX;
}
