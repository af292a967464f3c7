/* sample.h — latent paths and the Gaussian copula (MODEL.md "Sampling").
 *
 * A plan is built once per run from a scenario: which inputs are
 * uncertain, their order (per-trial, ar1, per-year), the lower Cholesky
 * factor of the latent correlation matrix. sample_trial() then fills one
 * trial's values for every input and year. Plans are read-only while
 * trials run and may be shared by threads.
 *
 * Ownership: sample_plan_free() frees the plan (accepts NULL). The plan
 * keeps a pointer to the scenario, which must outlive it. */
#ifndef COMPUTESIM_SAMPLE_H
#define COMPUTESIM_SAMPLE_H

#include <gsl/gsl_rng.h>
#include "diag.h"
#include "scenario.h"

struct sample_plan;

/* Hold one input at a fixed value or quantile in every trial and year,
 * while every other input is drawn from exactly the same random numbers
 * as without the override (common random numbers). For a series, every
 * listed point is held at its own quantile u (value: all points = value,
 * and then_growth still applies after the last listed year). */
struct sample_override {
	int input;		/* input index, -1: none */
	int use_value;		/* 1: value; 0: quantile u of its dist */
	double value, u;
};

/* Returns 0, or -1 with an error in d when the correlation matrix is not
 * positive definite (position: the scenario's correlations key). The
 * error names a set of inputs whose correlations cannot all hold, found
 * where the factorisation first fails and narrowed to the inputs that
 * conflict (the first six in copula order and a count of the rest). The
 * time grows with the correlated inputs only. */
int sample_plan_new(struct sample_plan **out, const struct scenario *sc,
		    struct diag *d);
void sample_plan_free(struct sample_plan *p);

/* Number of doubles of scratch space sample_trial needs. */
size_t sample_scratch_size(const struct sample_plan *p);

/* Uncertain inputs (those with a trial value), in scenario order. */
int sample_n_uncertain(const struct sample_plan *p);
int sample_uncertain_input(const struct sample_plan *p, int k);

/* Draw one trial: x[i * years + t] for every input i and year t, from r,
 * which the caller has keyed to this trial (rng_stream). ovs: overrides
 * (novs may be 0). The stream is consumed the same way whatever the
 * overrides, so results differ only through the overridden inputs. */
void sample_trial(const struct sample_plan *p, gsl_rng *r, double *x,
		  double *scratch, const struct sample_override *ovs, int novs);

/* Trial values (MODEL.md "Sampling": series -> mean of listed values,
 * per-year -> mean over the years it acts, per-trial -> its value) of the
 * uncertain inputs, tv[k] for k < sample_n_uncertain(). */
void sample_trial_values(const struct sample_plan *p, const double *x,
			 double *tv);

#endif
