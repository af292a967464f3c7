/* precision.h — run until a target precision (--precision METRIC=SE):
 * the targets, the check between rounds (struct run_opts.round_check)
 * and what the run reports about them (docs/notes-engine.md "Stopping
 * at a target precision").
 *
 * A metric is one that breakeven takes (analysis_metric_parse) except
 * npv_p50; its standard error is analysis_metric_se's: sd / sqrt(n) for
 * a mean, agg_share_se for a share of trials. Under Latin
 * hypercube sampling the same formulas are used, as an upper bound.
 *
 * Ownership: precision_free() frees the targets (safe twice). */
#ifndef COMPUTESIM_PRECISION_H
#define COMPUTESIM_PRECISION_H

#include "analysis.h"
#include "run.h"

struct precision_target {
	const char *arg;	/* the --precision argument */
	struct analysis_metric m;
	double target;
};

struct precision {
	struct precision_target *t;
	int n;
};

/* Parse the --precision arguments args[0..nargs) for scenario sc into
 * *pr. Every problem goes to d ("--precision 'ARG': ..."): no '=', an
 * unknown metric (with a suggestion), a SE that is not a number > 0,
 * npv_p50, a metric given twice. Returns 0, or -1 (pr empty). */
int precision_parse(struct precision *pr, const struct scenario *sc,
		    const char *const *args, int nargs, struct diag *d);
void precision_free(struct precision *pr);

/* struct run_opts.round_check: 1 when every target of arg (a struct
 * precision) has a standard error at or below its value in r. */
int precision_check(void *arg, const struct run_result *r);

/* After the run: r->targets from pr (each target's final standard error
 * and whether it is met), and a warning in d for each one that the cap
 * left unmet, with the trials that would likely meet it. 0, or -1 out of
 * memory. */
int precision_report(const struct precision *pr, struct run_result *r,
		     struct diag *d);

#endif
