/* run.h — run the trials of a scenario on threads and aggregate them.
 *
 * Trials are independent: trial i draws from rng_stream(seed, i) only, and
 * every sum is combined in a fixed order of fixed-size blocks of trials, so
 * a result is bit-identical for any number of threads.
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

struct diag;

struct run_opts {
	long trials;		/* > 0 */
	uint64_t seed;
	int threads;		/* >= 1 */
	int full;		/* 1: per-year percentiles of every metric;
				   0: light run for analyses (means, sds,
				   probabilities and run-level figures only) */
	int keep_trials;	/* 1: keep per-trial inputs for trials.csv */
	int progress;		/* 1: progress bar on stderr */
	const struct sample_override *ovs;	/* overrides, may be NULL */
	int novs;
	volatile sig_atomic_t *stop;	/* set by a signal: stop early */
	int float_columns;	/* 1: keep the percentile columns in float
				   whatever their size (tests; 0 chooses:
				   double when they fit in 1 GiB) */
};

/* Everything a run reports (MODEL.md "What a run reports"). Arrays by
 * metric k and year t are indexed [k * years + t]; percentiles add
 * [(k * years + t) * npct + j]. */
struct run_result {
	long n;			/* trials run */
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

	/* per trial, when keep_trials (else NULL), in trial order */
	double *trial_values;	/* [i * nunc + k] */
	double *trial_npv;
	int *trial_payback_t, *trial_launch_t, *trial_story;
	signed char *trial_industry;	/* enum industry_state */
};

/* Run o->trials trials of sc with plan p. Returns 0, -1 on allocation
 * failure, or 1 when stopped through o->stop (no result then). */
int run_trials(struct run_result **out, const struct scenario *sc,
	       const struct sample_plan *p, const struct run_opts *o);
void run_result_free(struct run_result *r);
/* 0 when every metric of r is finite in every trial, else -1 with an
 * error in d naming file (may be NULL), the first such metric and year:
 * absurd inputs (a growth of 1e200 a year) overflow, and a result of inf
 * and nan is no result. Needs a full run (min and max). */
int run_result_check_finite(const struct run_result *r,
			    const struct scenario *sc, const char *file,
			    struct diag *d);

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

/* Number of online CPUs (>= 1). */
int run_default_threads(void);

#endif
