/* runsplit.c — a run split between processes (MPI ranks, through the
 * function pointers of runsplit.h): which trials each rank runs in a
 * round, the per-trial figures every rank gets from the others, and the
 * workers' counts summed over the ranks before the one block-order merge
 * (run_collect) that threads and ranks share. */
#include "run_impl.h"

/* The counts and displacements, in bytes of elem per trial, of the trial
 * range [lo(q), hi(q)) each rank q ran in the round that began at block
 * b0 and ends at trial s->n. */
void run_round_parts(const struct shared *s, size_t b0, size_t elem,
		     size_t *cnt, size_t *dsp)
{
	const struct run_split *sp = s->o->split;
	size_t nb = s->nb - b0;

	for (int q = 0; q < sp->size; q++) {
		size_t lo = (b0 + run_split_lo(nb, q, sp->size)) * BLOCK;
		size_t hi = (b0 + run_split_lo(nb, q + 1, sp->size)) * BLOCK;

		hi = hi < s->n ? hi : s->n;
		lo = lo < hi ? lo : hi;
		cnt[q] = (hi - lo) * elem;
		dsp[q] = lo * elem;
	}
}

/* Every rank gets every rank's trials of the round at base, elem bytes a
 * trial, a column of the cap's length. */
static int share_trials(const struct shared *s, size_t b0, void *base,
			size_t elem, size_t *cnt, size_t *dsp)
{
	const struct run_split *sp = s->o->split;

	run_round_parts(s, b0, elem, cnt, dsp);
	return sp->allgather(sp->arg, base, cnt, dsp);
}

/* See run_impl.h. */
int run_split_agree(struct shared *s, int rc)
{
	if (rc == 0 && run_stop_requested(s))
		rc = 1;
	rc = run_split_status(s->o->split, rc);
	if (rc == 1)
		atomic_store(&s->stopped, 1);
	return rc;
}

/* One round on this rank: its share of the round's blocks (contiguous,
 * in block order: run_split_lo) on its threads; then every rank gets
 * every block's moments and every trial's small per-trial figures (NPV,
 * idle PV, story, industry state, input values, kept years), so that
 * what follows runs the one-process code on the same numbers. The
 * metric columns stay where they were computed (split_percentiles). */
int run_split_round(struct shared *s, struct worker *w, int nw,
		       size_t start)
{
	const struct run_split *sp = s->o->split;
	size_t b0 = start / BLOCK, nb = s->nb, end = s->n, lo, hi;
	size_t nst = (size_t)s->nst * sizeof *s->bstat;
	size_t *cnt = malloc(2 * (size_t)sp->size * sizeof *cnt);
	size_t *dsp = cnt ? cnt + sp->size : NULL;
	void *p;
	int rc = 0;

	lo = b0 + run_split_lo(nb - b0, sp->rank, sp->size);
	hi = b0 + run_split_lo(nb - b0, sp->rank + 1, sp->size);
	s->nb = hi;
	s->n = hi * BLOCK < end ? hi * BLOCK : end;
	atomic_store(&s->next, lo);
	if (hi > lo)
		run_parallel(run_trial_thread, w, sizeof *w, nw);
	s->nb = nb;
	s->n = end;
	/* the trial ranges this rank holds columns of */
	p = realloc(s->own_lo, (s->nown + 1) * sizeof *s->own_lo);
	if (p)
		s->own_lo = p;
	p = p ? realloc(s->own_hi, (s->nown + 1) * sizeof *s->own_hi) : NULL;
	if (p)
		s->own_hi = p;
	p = p ? realloc(s->rnd, 3 * (s->nrnd + 1) * sizeof *s->rnd) : NULL;
	if (p) {
		s->rnd = p;
		s->rnd[3 * s->nrnd] = b0;
		s->rnd[3 * s->nrnd + 1] = nb;
		s->rnd[3 * s->nrnd + 2] = end;
		s->nrnd++;
	}
	/* a failure on any rank, or a stop (a rank whose blocks were done
	 * before the signal stops too) */
	if (run_split_agree(s, !cnt || !p ? -1 : 0) < 0) {
		free(cnt);
		return -1;
	}
	s->own_lo[s->nown] = lo * BLOCK < end ? lo * BLOCK : end;
	s->own_hi[s->nown++] = hi * BLOCK < end ? hi * BLOCK : end;
	run_round_parts(s, b0, 1, cnt, dsp);
	for (int q = 0; q < sp->size; q++)
		s->rank_trials[q] += cnt[q];
	/* the blocks' moments: block b's at b * nst, by rank */
	for (int q = 0; q < sp->size; q++) {
		size_t bl = b0 + run_split_lo(nb - b0, q, sp->size);
		size_t bh = b0 + run_split_lo(nb - b0, q + 1, sp->size);

		cnt[q] = (bh - bl) * nst;
		dsp[q] = bl * nst;
	}
	rc |= sp->allgather(sp->arg, s->bstat, cnt, dsp);
	rc |= share_trials(s, b0, s->npv, sizeof *s->npv, cnt, dsp);
	rc |= share_trials(s, b0, s->idle_pv, sizeof *s->idle_pv, cnt, dsp);
	rc |= share_trials(s, b0, s->unpowered_pv, sizeof *s->unpowered_pv,
			   cnt, dsp);
	rc |= share_trials(s, b0, s->story, sizeof *s->story, cnt, dsp);
	rc |= share_trials(s, b0, s->istate, sizeof *s->istate, cnt, dsp);
	/* the inputs' values: every rank's for trials.csv; else each rank
	 * keeps its own (the rank correlations are distributed: runrank.c) */
	for (int k = 0; s->keep && k < s->nunc; k++)
		rc |= share_trials(s, b0, s->tv + (size_t)k * s->cap,
				   sizeof *s->tv, cnt, dsp);
	if (s->keep) {
		rc |= share_trials(s, b0, s->pb_t, sizeof *s->pb_t, cnt, dsp);
		rc |= share_trials(s, b0, s->la_t, sizeof *s->la_t, cnt, dsp);
	}
	free(cnt);
	return rc ? -1 : 0;
}

/* run_collect() over every rank's workers: one process, run_collect() itself;
 * split, the workers' counts summed (integers: exact in any order) and
 * their extremes taken over the ranks first, as one worker. The block
 * moments are then merged by run_collect() in block order on every rank, the
 * one merge that threads and ranks share. 0 or -1. */
int run_collect_all(struct shared *s, struct worker *w, int nw,
		       struct run_result *r)
{
	const struct run_split *sp = s->o->split;
	size_t y = (size_t)s->years, nmy = (size_t)s->nmy;
	size_t nl = 6 * y + 3 + 5, at;
	struct worker t;
	long *v;
	int rc;

	if (!sp) {
		run_collect(s, w, nw, r);
		return 0;
	}
	memset(&t, 0, sizeof t);
	v = calloc(nl, sizeof *v);
	t.mn = malloc((nmy ? nmy : 1) * sizeof *t.mn);
	t.mx = malloc((nmy ? nmy : 1) * sizeof *t.mx);
	rc = sp->any(sp->arg, !v || !t.mn || !t.mx) ? -1 : 0;
	if (rc == 0) {
		t.surplus = v;
		t.shortfall = v + y;
		t.launch = v + 2 * y;
		t.payback = v + 3 * y + 1;
		t.first = v + 4 * y + 2;
		t.rent_rise = v + 5 * y + 3;
		at = 6 * y + 3;
		for (size_t c = 0; c < nmy; c++) {
			t.mn[c] = INFINITY;
			t.mx[c] = -INFINITY;
		}
		for (int k = 0; k < nw; k++) {
			for (size_t i = 0; i < y; i++) {
				t.surplus[i] += w[k].surplus[i];
				t.shortfall[i] += w[k].shortfall[i];
				t.rent_rise[i] += w[k].rent_rise[i];
			}
			for (size_t i = 0; i <= y; i++) {
				t.launch[i] += w[k].launch[i];
				t.payback[i] += w[k].payback[i];
				t.first[i] += w[k].first[i];
			}
			v[at] += w[k].pb_never;
			v[at + 1] += w[k].pb_not_launched;
			for (int j = 0; j < 3; j++)
				v[at + 2 + j] += w[k].story[j];
			for (size_t c = 0; c < nmy; c++) {
				t.mn[c] = w[k].mn[c] < t.mn[c] ? w[k].mn[c]
							       : t.mn[c];
				t.mx[c] = w[k].mx[c] > t.mx[c] ? w[k].mx[c]
							       : t.mx[c];
			}
		}
		if (sp->sum_long(sp->arg, v, nl) < 0 ||
		    sp->minmax(sp->arg, t.mn, t.mx, nmy) < 0)
			rc = -1;
	}
	if (rc == 0) {
		t.pb_never = v[at];
		t.pb_not_launched = v[at + 1];
		for (int j = 0; j < 3; j++)
			t.story[j] = v[at + 2 + j];
		run_collect(s, &t, 1, r);
	}
	free(v);
	free(t.mn);
	free(t.mx);
	return rc;
}


size_t run_own_count(const struct shared *s)
{
	size_t own = 0;

	for (size_t i = 0; i < s->nown; i++)
		own += s->own_hi[i] - s->own_lo[i];
	return own;
}

void run_own_part(const struct shared *s, const void *col, size_t el,
		  void *out)
{
	size_t at = 0;

	for (size_t i = 0; i < s->nown; i++) {
		size_t m = s->own_hi[i] - s->own_lo[i];

		memcpy((char *)out + at * el,
		       (const char *)col + s->own_lo[i] * el, m * el);
		at += m;
	}
}

/* ---- Work that goes to the ranks whole (runsplit.h, run.h) ---- */

int run_split_status(const struct run_split *sp, int rc)
{
	long v[3] = {rc == -2, rc < 0, rc != 0};	/* one collective */

	if (sp->sum_long(sp->arg, v, 3) < 0)
		return -1;
	return v[0] ? -2 : v[1] ? -1 : v[2] ? 1 : 0;
}

long *run_split_each_long(const struct run_split *sp, const long *mine,
			  size_t k)
{
	size_t n = (size_t)sp->size * k;
	long *all = calloc(n ? n : 1, sizeof *all);

	if (sp->any(sp->arg, !all)) {
		free(all);
		return NULL;
	}
	memcpy(all + (size_t)sp->rank * k, mine, k * sizeof *mine);
	if (sp->sum_long(sp->arg, all, n) < 0) {
		free(all);
		return NULL;
	}
	return all;
}

int run_split_allgather_items(const struct run_split *sp, void *buf,
			      size_t n, size_t lim, size_t size)
{
	size_t *cnt = malloc(2 * (size_t)sp->size * sizeof *cnt), *dsp;
	int rc;

	if (sp->any(sp->arg, !cnt)) {
		free(cnt);
		return -1;
	}
	dsp = cnt + sp->size;
	for (int q = 0; q < sp->size; q++) {
		size_t lo = run_split_lo(n, q, sp->size);
		size_t hi = run_split_lo(n, q + 1, sp->size);

		lo = lo < lim ? lo : lim;
		hi = hi < lim ? hi : lim;
		cnt[q] = (hi - lo) * size;
		dsp[q] = lo * size;
	}
	rc = sp->allgather(sp->arg, buf, cnt, dsp);
	free(cnt);
	return rc < 0 ? -1 : 0;
}

/* The arrays of result r (RUN_RESULT_ARRAYS), in one order for packing
 * and unpacking, after the struct itself: with buf NULL, only their
 * size; with in 0, copied into buf; with in 1, copied out of buf into
 * new arrays, r holding the sender's struct (so a pointer is non-NULL
 * where the sender has that array). Returns their bytes; *ok becomes 0
 * when an allocation failed (the arrays not made are NULL). */
static size_t result_arrays(struct run_result *r, unsigned char *buf,
			    int in, int *ok)
{
	size_t at = 0;

#define ARRAY(f, count)							\
	{								\
		size_t nb_ = (count) * sizeof *r->f;			\
		int has_ = r->f != NULL;				\
		if (has_ && in) {					\
			r->f = *ok ? malloc(nb_ ? nb_ : 1) : NULL;	\
			if (r->f)					\
				memcpy(r->f, buf + at, nb_);		\
			else						\
				*ok = 0;				\
		} else if (has_ && buf) {				\
			memcpy(buf + at, r->f, nb_);			\
		}							\
		at += has_ ? nb_ : 0;					\
	}
	RUN_RESULT_ARRAYS(ARRAY, r)
#undef ARRAY
	return at;
}

int run_result_share(struct run_result **r, const struct run_split *sp,
		     int root)
{
	const size_t head = sizeof **r;
	uint64_t len = 0;
	unsigned char *buf = NULL;
	int ok = 1;

	if (sp->rank == root) {
		len = head + result_arrays(*r, NULL, 0, &ok);
		buf = malloc(len);
		if (buf) {
			memcpy(buf, *r, head);
			result_arrays(*r, buf + head, 0, &ok);
		}
	} else {
		run_result_free(*r);
		*r = NULL;
	}
	if (sp->any(sp->arg, sp->rank == root && !buf) ||
	    sp->bcast(sp->arg, root, &len, sizeof len) < 0) {
		free(buf);
		return -1;
	}
	if (sp->rank != root)
		buf = malloc(len);
	if (sp->any(sp->arg, !buf) || sp->bcast(sp->arg, root, buf, len) < 0) {
		free(buf);
		return -1;
	}
	if (sp->rank != root) {
		struct run_result *t = malloc(head);

		if (t) {
			memcpy(t, buf, head);
			result_arrays(t, buf + head, 1, &ok);
		}
		if (!t || !ok) {
			run_result_free(t);
			t = NULL;
			ok = 0;
		}
		*r = t;
	}
	free(buf);
	return sp->any(sp->arg, !ok) ? -1 : 0;
}
