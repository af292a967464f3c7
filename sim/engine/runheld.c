/* runheld.c — --sensitivity's held runs, several at once (run.h,
 * run_held_all). A held run is a light run with one input held at a
 * quantile: every other input draws the base run's random numbers, so
 * every held run of a trial shares the trial's sample but for the held
 * input's rows (and the series that input is the growth of). Each trial
 * is sampled once here and run through the model once per held run
 * (sample_trial_override), instead of sampled again by a run_trials of
 * its own per held run: the same bits, in a fraction of the time. Only
 * what --sensitivity reads is kept: each trial's NPV and surplus flag,
 * the mean NPV (summed as run_trials sums it) and P(surplus); and
 * whether any figure of any trial was not finite or past RUN_HELD_BIG,
 * for the caller to rerun that held input with run_trials, whose checks
 * then say what went wrong in their own words. */
#include "run_impl.h"

#define RUN_HELD_BIG 1e140	/* past it a sum of squares may overflow */

struct hshared {
	const struct scenario *sc;
	const struct sample_plan *p;
	const struct run_opts *o;
	struct run_held *h;
	atomic_int *suspect;		/* [nh] */
	int nh, ts, nmy, c_surplus;
	size_t n, nb;
	const struct lhs_design *lhs;
	atomic_size_t next;
	atomic_int stopped;
};

struct hworker {
	struct hshared *s;
	gsl_rng *r;
	double *x, *xh, *scratch, *ws, *m, *e;
};

/* 1 when every figure of the trial is finite and within RUN_HELD_BIG. */
static int trial_fine(const double *m, size_t nmy,
		      const struct trial_outcome *out)
{
	int ok = fabs(out->npv) < RUN_HELD_BIG &&
		 fabs(out->idle_pv) < RUN_HELD_BIG &&
		 fabs(out->unpowered_pv) < RUN_HELD_BIG;

	for (size_t c = 0; c < nmy; c++)
		ok &= fabs(m[c]) < RUN_HELD_BIG;	/* NaN: 0 */
	return ok;
}

static void *held_thread(void *arg)
{
	struct hworker *w = arg;
	struct hshared *s = w->s;
	const struct run_opts *o = s->o;
	size_t col = (size_t)s->c_surplus + (size_t)s->ts;

	for (;;) {
		size_t b, i1;

		if (run_stop_flag(o, &s->stopped))
			break;
		b = atomic_fetch_add(&s->next, 1);
		if (b >= s->nb)
			break;
		i1 = (b + 1) * BLOCK < s->n ? (b + 1) * BLOCK : s->n;
		for (size_t i = b * BLOCK; i < i1; i++) {
			run_sample(s->p, s->lhs, w->r, o->seed, i, w->e, w->x,
				   w->scratch, NULL, 0);
			for (int h = 0; h < s->nh; h++) {
				struct trial_outcome out;

				sample_trial_override(s->p, w->x, w->xh,
						      w->scratch, &s->h[h].ov);
				model_run_trial(s->sc, w->xh, w->m, &out,
						w->ws);
				s->h[h].npv[i] = out.npv;
				s->h[h].sur[i] = w->m[col] > 0;
				if (!trial_fine(w->m, (size_t)s->nmy, &out))
					atomic_store(&s->suspect[h], 1);
			}
		}
	}
	return NULL;
}

static void hworker_free(struct hworker *w)
{
	if (w->r)
		gsl_rng_free(w->r);
	free(w->x);
	free(w->xh);
	free(w->scratch);
	free(w->ws);
	free(w->m);
	free(w->e);
}

static int hworker_init(struct hworker *w, struct hshared *s)
{
	size_t nx = (size_t)s->sc->ninputs * (size_t)s->sc->years;
	size_t nscr = sample_scratch_size(s->p), nws = model_ws_size(s->sc);
	size_t ne = (size_t)sample_n_innovations(s->p) + 1;

	memset(w, 0, sizeof *w);
	w->s = s;
	w->r = computesim_rng_type ? gsl_rng_alloc(computesim_rng_type) : NULL;
	w->x = calloc(nx ? nx : 1, sizeof *w->x);
	w->xh = calloc(nx ? nx : 1, sizeof *w->xh);
	w->scratch = calloc(nscr ? nscr : 1, sizeof *w->scratch);
	w->ws = calloc(nws ? nws : 1, sizeof *w->ws);
	w->m = calloc(s->nmy ? (size_t)s->nmy : 1, sizeof *w->m);
	w->e = calloc(ne, sizeof *w->e);
	return w->r && w->x && w->xh && w->scratch && w->ws && w->m && w->e
	       ? 0 : -1;
}

double run_held_bytes(const struct scenario *sc, long trials, int threads,
		      int nh)
{
	double t = threads > 0 ? threads : 1;
	double per = 8.0 * (2.0 * sc->ninputs * sc->years +
			    model_nmetrics(sc) * (double)sc->years + 256);

	return (double)nh * (sizeof(double) + 1) * (double)trials + t * per +
	       run_process_bytes(t);
}

int run_held_all(const struct scenario *sc, const struct sample_plan *p,
		 const struct run_opts *o, int ts, struct run_held *h, int nh)
{
	struct hshared s;
	struct hworker *w = NULL;
	struct lhs_design *lhs = NULL;
	int nthreads, nw = 0, rc = -1;

	memset(&s, 0, sizeof s);
	s.sc = sc;
	s.p = p;
	s.o = o;
	s.h = h;
	s.nh = nh;
	s.ts = ts;
	s.n = o->trials > 0 ? (size_t)o->trials : 0;
	s.nb = (s.n + BLOCK - 1) / BLOCK;
	s.nmy = model_nmetrics(sc) * sc->years;
	s.c_surplus = model_metric_index(sc, M_SURPLUS) * sc->years;
	atomic_init(&s.next, 0);
	atomic_init(&s.stopped, 0);
	s.suspect = calloc(nh > 0 ? (size_t)nh : 1, sizeof *s.suspect);
	for (int k = 0; k < nh; k++) {
		h[k].npv = malloc((s.n ? s.n : 1) * sizeof *h[k].npv);
		h[k].sur = malloc(s.n ? s.n : 1);
		if (!h[k].npv || !h[k].sur)
			goto done;
	}
	if (!s.suspect || ts < 0 || ts >= sc->years)
		goto done;
	for (int k = 0; k < nh; k++)
		atomic_init(&s.suspect[k], 0);
	if (o->sampling == SAMPLING_LHS) {
		if (lhs_design_new(&lhs, o->seed, 0, s.n,
				   sample_n_innovations(p)) < 0)
			goto done;
		s.lhs = lhs;
	}
	nthreads = run_threads(o, s.nb);
	w = calloc((size_t)nthreads, sizeof *w);
	if (!w)
		goto done;
	for (nw = 0; nw < nthreads; nw++)
		if (hworker_init(&w[nw], &s) < 0) {
			hworker_free(&w[nw]);
			goto done;
		}
	run_parallel(held_thread, w, sizeof *w, nw);
	if (atomic_load(&s.stopped)) {
		rc = 1;
		goto done;
	}
	for (int k = 0; k < nh; k++) {
		struct agg_moments m;
		long su = 0;

		agg_moments_blocked(&m, h[k].npv, s.n, TILE, BLOCK);
		for (size_t i = 0; i < s.n; i++)
			su += h[k].sur[i];
		h[k].npv_mean = m.mean;
		h[k].p_surplus = su / (double)s.n;
		h[k].suspect = atomic_load(&s.suspect[k]);
	}
	rc = 0;
done:
	for (int k = 0; k < nw; k++)
		hworker_free(&w[k]);
	free(w);
	lhs_design_free(lhs);
	free(s.suspect);
	return rc;
}
