/* run.h — run the trials of a scenario on threads and aggregate them.
 *
 * Trials are independent: trial i draws from rng_stream(seed, i) only (and
 * under Latin hypercube sampling from its strata in a design keyed by the
 * seed and the trials it covers), and every sum is combined in a fixed
 * order of fixed-size blocks of trials, so a result is bit-identical for
 * any number of threads.
 *
 * Ownership: run_result_free() frees a result (accepts NULL). A result
 * does not point into the scenario (it copies what it needs). */
#ifndef COMPUTESIM_RUN_H
#define COMPUTESIM_RUN_H

#include <signal.h>
#include <stdint.h>
#include "model.h"
#include "sample.h"
#include "scenario.h"
#include "stories.h"

struct run_split;

struct diag;
struct run_result;

struct run_opts {
	long trials;		/* > 0; with round_check, the cap */
	uint64_t seed;
	int threads;		/* >= 1 */
	int full;		/* 1: per-year percentiles of every metric;
				   0: light run for analyses (means, sds,
				   probabilities and run-level figures only:
				   no rank correlations or story inputs, NaN
				   there, unless keep_trials) */
	int keep_trials;	/* 1: keep per-trial inputs for trials.csv */
	int keep_surplus_t1;	/* 1 + the year whose surplus flag each
				   trial keeps in trial_surplus (0: none;
				   one process only, not with split) */
	int keep_npv;		/* 1: keep trial_npv alone (--sensitivity's
				   paired errors) */
	int progress;		/* 1: progress bar on stderr */
	const struct sample_override *ovs;	/* overrides, may be NULL */
	int novs;
	volatile sig_atomic_t *stop;	/* set by a signal: stop early */
	int profile;		/* 1: time the phases on stderr (the command
				   layer sets it from COMPUTESIM_PROFILE) */
	int float_columns;	/* 1: keep the percentile columns in float
				   whatever their size (tests; 0 chooses:
				   double when they fit in 1 GiB) */
	int sampling;		/* enum sampling (scenario.h): SAMPLING_LHS
				   makes the trials one Latin hypercube
				   design (one per round with rounds) */
	/* Rounds (--precision): when round_check is set, the trials run in
	 * rounds that end at run_round_end()'s boundaries, and after each
	 * round but one that reaches o->trials (the cap),
	 * round_check(round_arg, r) sees the figures so far and returns 1
	 * to stop there, 0 to go on. r then has n, mean and sd by
	 * metric-year, the four probabilities by year, npv_mean, npv_sd,
	 * npv_se, p_npv_positive and story; nothing else is filled yet. */
	int (*round_check)(void *arg, const struct run_result *r);
	void *round_arg;
	/* Split between processes (runsplit.h): each rank runs its share of
	 * each round's blocks, and every rank ends with the same result,
	 * bit for bit the one process's. NULL: one process. */
	const struct run_split *split;
};

/* The first round boundary after `done` trials, for a cap of `cap`
 * trials: 4096 trials, then 25% more each round (at least 4096), in
 * whole blocks of 1024 trials, and never past the cap. The boundaries
 * depend on nothing else, so where a run stops does not depend on the
 * threads. */
long run_round_end(long done, long cap);

/* A round_check that stops once r->n reaches *(const long *)arg: a run
 * with the same cap that stops where another one did, through the same
 * rounds (under LHS, the same designs). */
int run_round_stop_at(void *arg, const struct run_result *r);

/* A --precision target and where the run left it (filled by the caller
 * after the run: sim/precision.c). */
struct run_target {
	char metric[128];	/* as written: npv_mean, p_surplus@2030 */
	double target;		/* the standard error asked for */
	double se;		/* the final standard error */
	int met;		/* se <= target */
};

/* Everything a run reports (docs/model.md "What a run reports"). Arrays by
 * metric k and year t are indexed [k * years + t]; percentiles add
 * [(k * years + t) * npct + j]. */
struct run_result {
	long n;			/* trials run */
	long cap;		/* o->trials: n, or more when rounds stopped
				   early */
	int rounds;		/* rounds run (1 without round_check) */
	int sampling;		/* enum sampling */
	int years, start_year, nmetrics, npct, nunc;
	uint64_t seed;		/* the seed the trials drew from */
	double *pct_levels;	/* copy of the requested percentiles */
	double *mean, *sd;	/* per metric-year */
	double *pct;		/* per metric-year and percentile; NULL when
				   the run was not full */
	double *median;		/* per metric-year: the 50th percentile,
				   requested or not (stdout table); NULL
				   when the run was not full */
	double *min, *max;	/* per metric-year, over the trials */
	int pct_float;		/* 1: percentiles were taken from values
				   stored as float to save memory (means
				   and sds always come from doubles) */
	double *p_surplus, *p_shortfall, *p_launched, *p_paid_back;  /* [t] */
	double *p_rent_rise;	/* [t]: share of trials in which the
				   industry's tightness alone has raised
				   the rent more than RUN_RENT_RISE-fold
				   since year 0; all 0 without an industry
				   section */

	/* run level */
	double npv_mean, npv_sd, npv_se, p_npv_positive;
	double *npv_pct;	/* [npct] */
	double *npv;		/* per trial, sorted ascending (for charts) */
	double *payback;	/* [t]: share of trials paying back in year t */
	double payback_never, payback_not_launched;
	int median_payback_t;	/* first t with p_paid_back >= 0.5, or -1 */
	double *first_surplus;	/* [t] */
	double first_surplus_none;
	double story[3];	/* enum story */
	struct story_figures stories;	/* NPV by story, hedge ratio, by
					   industry state */
	double *rank_corr;	/* [nunc]: Spearman with npv; NAN: no variation */
	int *unc_input;		/* [nunc]: input index of each uncertain input */
	struct story_input *story_inputs;	/* [nunc]: what each story's
						   trials assumed */
	struct run_target *targets;	/* --precision, NULL: none (owned) */
	int ntargets;

	/* per trial, when keep_trials (else NULL), in trial order;
	 * trial_npv also when keep_npv */
	double *trial_values;	/* [i * nunc + k] */
	double *trial_npv;
	unsigned char *trial_surplus;	/* with keep_surplus_t1: 1 when the
					   trial has a surplus that year */
	int *trial_payback_t, *trial_launch_t, *trial_story;
	signed char *trial_industry;	/* enum industry_state */
};

/* Run o->trials trials of sc with plan p. Returns 0, -1 on allocation
 * failure, or 1 when stopped through o->stop (no result then). */
int run_trials(struct run_result **out, const struct scenario *sc,
	       const struct sample_plan *p, const struct run_opts *o);
void run_result_free(struct run_result *r);
/* A whole result from rank root to every rank of sp (collective): root
 * keeps *r, every other rank gets a new one in *r (its own, if any, is
 * freed), a copy of root's number for number, per-trial arrays and
 * targets included. 0, or -1 on every rank when any is out of memory
 * (the caller frees *r as ever; NULL where it failed). */
int run_result_share(struct run_result **r, const struct run_split *sp,
		     int root);
/* Beside an error that a metric is not finite: a warning at each input
 * of sc whose median (a series: a listed point's) is beyond 1e30 in
 * magnitude (run_result_check_finite calls it; drivers too). */
void run_note_absurd_inputs(const struct scenario *sc, const char *file,
			    struct diag *d);

/* 0 when every metric of r is finite in every trial and has a finite
 * sd, else -1 with an error in d naming file (may be NULL), the first
 * such metric and year, after at (may be NULL: "at x = 2", which run of
 * an analysis it was): absurd inputs (a growth of 1e200 a year)
 * overflow, and a result of inf and nan is no result; values past about
 * 1.3e154 have no sd a double holds. Checked by the means, minima and
 * maxima (a light run has them too), which a single trial's inf or nan
 * makes not finite. */
int run_result_check_finite(const struct run_result *r,
			    const struct scenario *sc, const char *file,
			    const char *at, struct diag *d);
/* The rise of the rent that tightness alone makes, (tau_t / tau_0)^kappa
 * with kappa = industry.price_response (docs/model.md: the yearly ratios
 * multiply up to it), above which a run counts a trial's year t >= 1 as
 * out of range (p_rent_rise). The rent follows tightness without bound,
 * and a tenfold rise from tightness is far past anything observed: there
 * the rent and the cloud NPV extrapolate. A tightness that falls takes
 * the rent toward 0, which bounds what the option earns, so only a rise
 * counts; with kappa 0 (the key's default) tightness does not move the
 * rent, and year 0's rent is the file's price. run_note_rise_at warns
 * from RUN_RISE_SHARE of the trials in some year. */
#define RUN_RENT_RISE 10.0
#define RUN_RISE_SHARE 0.05
/* Of p, a run's p_rent_rise (years shares; sweep and breakeven keep
 * one per run): the first year index with RUN_RISE_SHARE or more of the
 * trials past RUN_RENT_RISE into *first and the year with the most into
 * *most: 1, or 0 when no year has that share (both -1). */
int run_rise_years(const double *p, int years, int *first, int *most);
/* Those years as the one text the warning and report.md share, into buf
 * (size n): "5.1% of the trials in 2038 (the first year with 5% or more)
 * and 12.3% in 2040 (the most)", the second part only when the years
 * differ; a share short of every trial never reads 100.0%. 1, or 0 with
 * buf empty when run_rise_years finds no year. */
int run_rise_text(char *buf, size_t n, const double *p, int years,
		  int start_year);
/* The warning, at industry.price_response, when p has such a year; at
 * (may be NULL: "at x = 2, ", which run of an analysis) goes before the
 * years. 1 when it warned, else 0. */
int run_note_rise_at(const double *p, const struct scenario *sc,
		     const char *file, const char *at, struct diag *d);

/* What those errors say after naming the figure, also drivers': it is
 * not finite (past what a double holds; or, with no trial infinite, not a
 * number), or it has no variance a double holds. */
#define RUN_PAST_DOUBLE "the inputs take it past what a double holds " \
	"(about 1.8e308); check growth rates and other inputs for absurd " \
	"values"
#define RUN_UNDEFINED "the model met an undefined step (0/0, infinity " \
	"minus infinity, a negative number to a fractional power); check " \
	"the inputs for values outside their keys' ranges (any warnings " \
	"above) and for absurd combinations, such as an efficiency gain " \
	"and elasticity that turn demand negative"
/* drivers' checks, which do not tell the two apart */
#define RUN_NOT_FINITE "the inputs take it past what a double holds " \
	"(about 1.8e308) or to an undefined step (0/0, a negative number " \
	"to a fractional power); check growth rates, values outside the " \
	"keys' ranges (any warnings above) and other inputs for absurd " \
	"values"
#define RUN_SQUARE_PAST_DOUBLE "(its square passes what a double holds, " \
	"about 1.8e308); check growth rates and other inputs for absurd " \
	"values"

/* Bytes a run of sc with these options keeps at its peak (the largest of
 * its phases: trials, aggregation, after), for knowing before the run
 * whether it fits in memory. Counts the uncertain inputs itself (no
 * sample plan needed). threads as run_trials uses them; full and keep as
 * in struct run_opts. */
double run_memory_bytes(const struct scenario *sc, long trials, int threads,
			int full, int keep);
/* The most trials whose percentile columns a full run keeps in double;
 * past it they are kept in float, half the size, so that
 * run_memory_bytes drops there (it is non-decreasing on either side). */
long run_double_columns_max(const struct scenario *sc);
/* Bytes a finished result of that run keeps (what an analysis holds on
 * to while it runs the next one). */
double run_result_bytes(const struct scenario *sc, long trials, int keep);

/* --sensitivity's held runs, several at once (runheld.c): each trial is
 * sampled once and run through the model with each held input in turn
 * (sample_trial_override), the same bits as a light run_trials with that
 * one override gives. For held run k, with override h[k].ov: the mean
 * NPV as that run sums it, P(surplus) in year ts, and each trial's NPV
 * and surplus flag in year ts (npv[i], sur[i]: allocated here, also on
 * failure; the caller frees them). suspect is 1 when some figure of
 * some trial is not finite or so large that a sum of squares could pass
 * a double: run_trials's checks would speak, so rerun that one with
 * run_trials for their message. o->trials trials; o without rounds
 * (round_check) or split. 0, 1 when stopped (o->stop), -1 out of
 * memory. */
struct run_held {
	struct sample_override ov;
	double npv_mean, p_surplus;
	double *npv;
	unsigned char *sur;
	int suspect;
};
int run_held_all(const struct scenario *sc, const struct sample_plan *p,
		 const struct run_opts *o, int ts, struct run_held *h, int nh);
/* Bytes run_held_all keeps at its peak for nh held runs, the program and
 * its threads included (as run_memory_bytes counts them). */
double run_held_bytes(const struct scenario *sc, long trials, int threads,
		      int nh);

/* Number of online CPUs (>= 1). */
int run_default_threads(void);

/* Run fn(args + t * argsize) for t < nthreads on nthreads threads, the
 * caller being thread 0; a thread that cannot be started leaves its share
 * to the others (fn should take its work from a shared counter). */
void run_parallel(void *(*fn)(void *), void *args, size_t argsize,
		  int nthreads);

/* How a run sums a figure over the trials (agg_moments_blocked): tiles of
 * RUN_TILE trials merged into blocks of RUN_BLOCK, blocks in order. */
#define RUN_TILE 64
#define RUN_BLOCK 1024

#endif
