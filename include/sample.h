/* sample.h — latent paths and the Gaussian copula (docs/model.md "Sampling").
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
struct lhs_design;

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
/* The correlation-matrix check a loader needs (scenario_check_fn of
 * scenario.h): builds sc's plan and frees it. 0, or -1 with the problem
 * in d. */
int sample_check(const struct scenario *sc, struct diag *d);
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

/* The standard normal innovations of one trial, in the order sample_trial
 * draws them: e_0 of each per-trial path (path order: per-trial, ar1,
 * per-year, as docs/model.md "Sampling" orders the copula), then for each
 * year t the e_t of each ar1 and per-year path. Their number: */
int sample_n_innovations(const struct sample_plan *p);
/* The uncertain input (index k < sample_n_uncertain) whose path
 * innovation dim drives; -1 when dim is out of range. A per-year
 * input's innovations are one per year; a series has one. */
int sample_innovation_input(const struct sample_plan *p, int dim);

/* sample_trial with the innovations e[0 .. sample_n_innovations) given
 * instead of drawn (Latin hypercube sampling, Sobol' matrices). With the
 * normals sample_trial would draw from r, the result is the same bits. */
void sample_trial_from(const struct sample_plan *p, const double *e,
		       double *x, double *scratch,
		       const struct sample_override *ovs, int novs);

/* x = base with the one override o, to the bit what sample_trial (or
 * sample_trial_from) with ovs = o, novs = 1 gives from the same
 * innovations, where base and scratch are what that call left without
 * overrides: --sensitivity's held runs sample each trial once and hold
 * each input in turn (run_held_all). */
void sample_trial_override(const struct sample_plan *p, const double *base,
			   double *x, const double *scratch,
			   const struct sample_override *o);

/* The innovations sample_trial draws from r (plain Monte Carlo). */
void sample_innovations_mc(const struct sample_plan *p, gsl_rng *r,
			   double *e);

/* Latin hypercube innovations of trial lh->start + j of design lh (one
 * dimension per innovation: lh->ndim == sample_n_innovations): in each
 * dimension its stratum from the design, its place inside the stratum a
 * uniform from r, which the caller has keyed to this trial. */
void sample_innovations_lhs(const struct sample_plan *p,
			    const struct lhs_design *lh, uint64_t j,
			    gsl_rng *r, double *e);

/* Trial values (docs/model.md "Sampling": series -> mean of the listed
 * values some year uses, per-year -> mean over the years it acts,
 * per-trial -> its value) of the uncertain inputs, tv[k] for k < sample_n_uncertain(). */
void sample_trial_values(const struct sample_plan *p, const double *x,
			 double *tv);

#endif
