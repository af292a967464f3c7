/* run_impl.h — what the files of the run share (run.c: the trial
 * phase, the rounds and the run; runagg.c: the aggregation phase,
 * percentiles and rank correlations; runsplit.c: a run split between
 * ranks; runheld.c: --sensitivity's held runs in passes). Private to
 * sim/engine: other modules use run.h. */
#ifndef COMPUTESIM_RUN_IMPL_H
#define COMPUTESIM_RUN_IMPL_H

#include <float.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "agg.h"
#include "diag.h"
#include "lhs.h"
#include "rank.h"
#include "rng.h"
#include "run.h"
#include "runsplit.h"

#define BLOCK RUN_BLOCK		/* trials a thread takes at a time */
#define TILE RUN_TILE		/* trials per transpose and partial sum */
#define COLUMNS_DOUBLE_MAX ((size_t)1 << 30)	/* bytes */

/* What all threads of a run share. Written only through atomics, or at
 * indexes that belong to one trial or one block. */
struct shared {
	const struct scenario *sc;
	const struct sample_plan *p;
	const struct run_opts *o;
	size_t n, nb;			/* trials and blocks up to the end of
					   the current round */
	size_t cap;			/* o->trials: the stride of columns */
	const struct lhs_design *lhs;	/* the round's design, or NULL */
	int years, nmy, nunc;
	int c_surplus, c_shortfall;	/* first column of those metrics */
	int c_tight;			/* industry_tightness's, or -1 */
	size_t x_kappa;			/* price_response's value in a
					   trial's inputs (with c_tight) */
	int keep;
	double *cold;			/* [c * cap + i], full run in double */
	float *colf;			/* [c * cap + i], full run in float */
	struct agg_moments *bstat;	/* [b * nst + c]: the metric-years,
					   then the uncertain inputs' trial
					   values (c = nmy + k) */
	int nst;			/* nmy + nunc */
	int ntv;			/* inputs whose trial values are kept:
					   nunc in a full run (rank
					   correlations, story inputs,
					   trials.csv), 0 in a light one */
	double *tv;			/* [k * cap + i]: by input,
					   column-major; NULL when ntv 0 */
	double *npv, *idle_pv, *unpowered_pv;	/* [i] */
	int *story;			/* [i] */
	signed char *istate;		/* [i]: enum industry_state */
	int *pb_t, *la_t;		/* [i], when keep */
	unsigned char *sflag;		/* [i]: surplus in year sflag_t, when
					   o->keep_surplus_t1 (flush_tile) */
	int sflag_t;			/* -1: none */
	atomic_size_t next;		/* next block / work item */
	atomic_size_t done;		/* trials finished (progress) */
	atomic_int shown;		/* percent last shown */
	atomic_int stopped;
	int progress;
	int prof;			/* COMPUTESIM_PROFILE: time the phases */
	int nworkers;			/* each maps its part of the columns'
					   pages first (run_trial_thread) */
	double t_pct, t_rank;		/* CPU seconds of the aggregation */
	/* split between ranks (o->split): the trial ranges this rank ran,
	 * and how many trials each rank ran */
	size_t *own_lo, *own_hi;
	size_t nown;
	size_t *rank_trials;		/* [size] */
	size_t *rnd;			/* [3 * round]: each round's first
					   block, blocks and trials */
	size_t nrnd;
};

/* Every array of struct run_result r with its number of elements, as
 * X(field, count): the one list that run_result_free (run.c) and
 * run_result_share (runsplit.c) go through, so an array added to the
 * struct is added here once. */
#define RUN_RESULT_Y(r) ((size_t)(r)->years)
#define RUN_RESULT_NMY(r) ((size_t)(r)->nmetrics * (size_t)(r)->years)
#define RUN_RESULT_ARRAYS(X, r)						\
	X(pct_levels, (size_t)(r)->npct)				\
	X(mean, RUN_RESULT_NMY(r))					\
	X(sd, RUN_RESULT_NMY(r))					\
	X(pct, RUN_RESULT_NMY(r) * (size_t)(r)->npct)			\
	X(median, RUN_RESULT_NMY(r))					\
	X(min, RUN_RESULT_NMY(r))					\
	X(max, RUN_RESULT_NMY(r))					\
	X(p_surplus, RUN_RESULT_Y(r))					\
	X(p_shortfall, RUN_RESULT_Y(r))					\
	X(p_launched, RUN_RESULT_Y(r))					\
	X(p_paid_back, RUN_RESULT_Y(r))					\
	X(p_rent_rise, RUN_RESULT_Y(r))					\
	X(npv_pct, (size_t)(r)->npct)					\
	X(npv, (size_t)(r)->n)						\
	X(payback, RUN_RESULT_Y(r))					\
	X(first_surplus, RUN_RESULT_Y(r))				\
	X(rank_corr, (size_t)(r)->nunc)					\
	X(unc_input, (size_t)(r)->nunc)					\
	X(story_inputs, (size_t)(r)->nunc)				\
	X(targets, (r)->ntargets > 0 ? (size_t)(r)->ntargets : 0)	\
	X(trial_values, (size_t)(r)->n * (size_t)(r)->nunc)		\
	X(trial_npv, (size_t)(r)->n)					\
	X(trial_surplus, (size_t)(r)->n)				\
	X(trial_payback_t, (size_t)(r)->n)				\
	X(trial_launch_t, (size_t)(r)->n)				\
	X(trial_story, (size_t)(r)->n)					\
	X(trial_industry, (size_t)(r)->n)

/* One thread's private state for the trial phase. */
struct worker {
	struct shared *s;
	gsl_rng *r;
	double *x, *scratch, *ws, *tile, *tmp, *tv;
	double *e;			/* innovations of a trial (LHS) */
	double *mn, *mx;		/* [nmy] */
	long *surplus, *shortfall;	/* [years] */
	long *rent_rise;		/* [years]: the rent's rise from
					   tightness past RUN_RENT_RISE */
	long *launch, *payback, *first;	/* [years + 1]; [years]: none */
	long pb_never, pb_not_launched, story[3];
	double t_sample, t_model, t_store;	/* CPU seconds, when prof */
	int index;			/* 0 .. s->nworkers - 1 */
};


/* Trial i's inputs into x, with the overrides ovs: its stream r keyed by
 * (seed, i), its innovations (into e) from the Latin hypercube design lhs
 * when the round has one. Every run of trials draws them here, so that
 * --sensitivity's held runs (runheld.c) draw the bits a light run does. */
static inline void run_sample(const struct sample_plan *p,
			      const struct lhs_design *lhs, gsl_rng *r,
			      uint64_t seed, size_t i, double *e, double *x,
			      double *scratch,
			      const struct sample_override *ovs, int novs)
{
	rng_stream(r, seed, (uint64_t)i);
	if (lhs) {
		sample_innovations_lhs(p, lhs, i - lhs->start, r, e);
		sample_trial_from(p, e, x, scratch, ovs, novs);
	} else {
		sample_trial(p, r, x, scratch, ovs, novs);
	}
}

/* The program itself and each of t threads' stack and heap, in bytes
 * (measured: about 10 MiB, and 0.25 MiB a thread): part of every peak
 * the memory estimates give. */
static inline double run_process_bytes(double t)
{
	return 16.0 * 1048576 + t * 262144.0;
}

/* 1 once o->stop was set, for every thread: the first to see it sets
 * *stopped, which the others read. */
static inline int run_stop_flag(const struct run_opts *o,
				atomic_int *stopped)
{
	if (o->stop && *o->stop)
		atomic_store(stopped, 1);
	return atomic_load(stopped);
}

/* The threads a run of nb blocks uses: o->threads, at least 1 and no
 * more than there are blocks. */
static inline int run_threads(const struct run_opts *o, size_t nb)
{
	int n = o->threads < 1 ? 1 : o->threads;

	return (size_t)n > nb ? (nb ? (int)nb : 1) : n;
}

/* CPU time of the calling thread, in seconds. */
double run_cpu_now(void);
/* 1 once the run was asked to stop (o->stop), for every thread. */
int run_stop_requested(struct shared *s);
/* Split runs: this rank's status rc (0, or -1 failed), and whether it
 * was asked to stop (run_stop_requested), agreed over the ranks as
 * run_split_status does: -1 when any failed, else 1 when any was asked
 * to stop (s->stopped then set on every rank), else 0; a collective. A
 * signal reaches the ranks at different moments, and a rank that stopped
 * on its own would leave the others waiting in the next collective
 * (runsplit.c). */
int run_split_agree(struct shared *s, int rc);
/* The counts and displacements, in bytes of elem per trial, of the trial
 * range each rank ran in the round that began at block b0 (split runs). */
void run_round_parts(const struct shared *s, size_t b0, size_t elem,
		     size_t *cnt, size_t *dsp);
/* Split runs: the trials this rank ran (the sum of its ranges), and
 * their elements of column col (el bytes each, indexed by trial) packed
 * into out in trial order (runsplit.c). */
size_t run_own_count(const struct shared *s);
void run_own_part(const struct shared *s, const void *col, size_t el,
		  void *out);
/* Percentiles (full runs) and rank correlations, on nthreads threads
 * (runagg.c). 0, -1 on allocation failure, 1 when stopped. */
int run_aggregate(struct shared *s, struct run_result *r, int nthreads);

/* An input's medians med[0] (all trials), med[1 + g] (story g) into si,
 * with their gaps from med[0] in si's sd (runagg.c). */
void run_story_input_set(struct story_input *si, const double *med);
/* Each trial's story (enum story) in a byte, -1 for none (the rank
 * passes read it at random), and the trials of each story into cnt
 * (runagg.c). */
void run_story_bytes(signed char *out, size_t cnt[3], const int *story,
		     size_t n);
/* A split run's rank correlations and medians by story of the inputs,
 * distributed: each rank with its own trials (runrank.c). 0, -1, or 1
 * when stopped, alike on every rank. */
int run_split_ranks(struct shared *s, struct run_result *r);

/* A worker thread of the trial phase: blocks from s->next until none is
 * left (run.c). */
void *run_trial_thread(void *arg);
/* The workers' counts and the blocks' moments into r, merged in block
 * order (run.c): the one merge threads and ranks share. */
void run_collect(struct shared *s, struct worker *w, int nw,
		 struct run_result *r);
/* A split run (runsplit.c): every rank's per-trial figures of the round
 * that began at trial start; run_collect over every rank's workers. 0 or
 * -1. */
int run_split_round(struct shared *s, struct worker *w, int nw,
		    size_t start);
int run_collect_all(struct shared *s, struct worker *w, int nw,
		    struct run_result *r);

#endif
