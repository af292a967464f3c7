/* scenario.h — a loaded, validated scenario (docs/format.md), ready to sample.
 *
 * Every numeric input of the format — including ones left at their default
 * and ones fixed by the file — is one struct input in sc->inputs; the model
 * refers to inputs only by their index there (fields named i_*). The
 * sampler fills, for every trial, x[i * years + t] for every input i and
 * year index t, so the model never looks at a distribution.
 *
 * Ownership: scenario_free() frees the scenario and everything it points
 * to (strings, inputs and their dists, lists). It accepts NULL. */
#ifndef COMPUTESIM_SCENARIO_H
#define COMPUTESIM_SCENARIO_H

#include <stdint.h>
#include "diag.h"
#include "dist.h"

enum input_form { INPUT_VALUE, INPUT_SERIES };

struct input {
	char *path;		/* dotted path: "supply.procurement.nvidia.share" */
	int line, col;		/* where written; 0 for a default */
	int from_set;		/* 1 when a --set gave its value */
	enum input_form form;
	struct dist d;		/* INPUT_VALUE */
	/* INPUT_SERIES: listed points, point_t[0] == 0, increasing */
	int npoints;
	int *point_t;		/* year index of each listed value */
	struct dist *points;	/* the listed values (one latent per trial) */
	int then_growth;	/* input index of the series' then_growth, or -1 */
	int series;		/* for a then_growth input: index of its series;
				   else -1 */
	int acts_from;		/* first year index where the value is used:
				   1 for growth/change inputs, else 0; a
				   then_growth's: its series' last listed
				   year + 1 */
	int per_year_ok;	/* may be a series or resampled per year */
	double range_lo, range_hi;	/* key's range, for warnings/overrides */
	double loc_lo, loc_hi;	/* INPUT_VALUE: the least and greatest of its
				   location parameters as written (a fixed
				   value: both it), which its key's range
				   is checked on */
	int refused;		/* 1 when its value was refused (an error): it
				   holds a placeholder, which checks of other
				   keys leave alone */
	int uncertain;		/* 1 when draws can differ between trials or
				   years: a non-fixed dist, or a series with a
				   non-fixed point (a series' then_growth is
				   an input of its own, with its own flag) */
};

struct proc_line {
	char *name;
	int i_share, i_cost, i_cost_decline, i_kw, i_kw_decline;
};

struct contract {
	char *name;
	int start, end;		/* calendar years, inclusive */
	int i_total, i_price;
};

struct workload {
	char *name;
	int i_share, i_growth, i_efficiency, i_elasticity;
};

enum launch_kind { LAUNCH_NEVER, LAUNCH_YEAR, LAUNCH_TRIGGER };

/* simulation.sampling: plain Monte Carlo, or Latin hypercube sampling
 * (docs/notes-sampling.md); the words of its schema row, in this order. */
enum sampling { SAMPLING_MC, SAMPLING_LHS };

/* A sampling's word ("mc", "lhs": files, summary.json, messages), and
 * what a heading says after the trials and seed ("" or " (Latin
 * hypercube)"). */
static inline const char *sampling_word(int s)
{
	return s == SAMPLING_LHS ? "lhs" : "mc";
}

static inline const char *sampling_note(int s)
{
	return s == SAMPLING_LHS ? " (Latin hypercube)" : "";
}

struct correlation {
	int a, b;		/* input indexes */
	double rho_s;		/* rank correlation as written */
	int line, col;
};

struct scenario {
	char *file;		/* path as given on the command line */
	char *name, *description;
	int start_year, years;
	long trials;
	uint64_t seed;
	int sampling;		/* enum sampling */
	double *pct;		/* requested percentiles, in (0, 100), increasing */
	int npct;

	struct input *inputs;
	int ninputs;

	/* supply */
	int i_base, i_base_life, i_base_book, i_capex, i_compute_share,
	    i_lag, i_life, i_availability, i_pue, i_kw_base;
	int i_power;		/* supply.power_gw; -1: unlimited */
	/* supply.capex_response; i_cr_beta -1: capex as planned */
	int i_cr_beta, i_cr_floor, i_cr_cap;
	struct proc_line *proc;
	int nproc;
	struct contract *contracts;
	int ncontracts;

	/* demand */
	int i_start_ratio, i_reserve;
	struct workload *work;
	int nwork;

	/* market; i_market and i_market_growth are -1 with an industry */
	int i_price, i_price_change, i_market, i_market_growth;

	/* industry (docs/model.md "Market for rented compute", second form);
	 * has_industry 0: every i_ind_* and i_icr_* is -1 */
	int has_industry;
	int i_ind_stock, i_ind_capex, i_ind_compute_share, i_ind_cost,
	    i_ind_cost_decline, i_ind_life, i_ind_start_ratio, i_ind_growth,
	    i_ind_efficiency, i_ind_elasticity, i_ind_rented_share,
	    i_ind_price_response;
	/* industry.capex_response; i_icr_beta -1: capex as planned */
	int i_icr_beta, i_icr_floor, i_icr_cap;

	/* cloud (all inputs present, at defaults when no cloud section) */
	enum launch_kind launch;
	int launch_t;		/* LAUNCH_YEAR: year index */
	double trigger;		/* LAUNCH_TRIGGER: theta */
	int term_years;
	int i_launch_cost, i_fixed_cost, i_ramp, i_sellable, i_max_share,
	    i_price_impact, i_billed, i_opex, i_discount;

	/* correlations that name two uncertain inputs (others dropped) */
	struct correlation *corr;
	int ncorr;
	int corr_line, corr_col;	/* position of the correlations key */

	char *out_dir;		/* output.dir or out/<file stem> */
	int out_dir_line, out_dir_col;	/* output.dir's value in the file
					 * (0: the default, or a --set) */
	int sampling_line, sampling_col;	/* simulation.sampling's value
						 * in the file (0: none) */
	int plots;		/* output.plots */
};

/* One --set PATH=VALUE, applied to the YAML tree before validation. */
struct scenario_set {
	const char *arg;	/* the whole argument, for messages */
	const char *path;
	const char *value;	/* YAML flow text */
};

/* A check of a loaded scenario that the loader cannot make itself: the
 * engine's factor of the correlation matrix (sample_check in sample.h).
 * The loader calls it once every input holds a valid distribution, also
 * when the file has other errors, so that `check` reports everything in
 * one run; it returns 0, or -1 with errors in d. The command layer hands
 * it in, so the loader never calls up into the engine. */
typedef int (*scenario_check_fn)(const struct scenario *sc, struct diag *d);

/* Load and validate path, applying sets (may be 0); check (may be NULL:
 * no correlation-matrix check) as above. Collects every problem in d
 * (errors and warnings). Returns 0 and *out, or -1 with *out NULL. */
int scenario_load(struct scenario **out, const char *path,
		  const struct scenario_set *sets, int nsets,
		  scenario_check_fn check, struct diag *d);
/* Same from memory (tests, fuzzing); file names the buffer in messages. */
int scenario_load_buffer(struct scenario **out, const char *buf, size_t len,
			 const char *file, const struct scenario_set *sets,
			 int nsets, scenario_check_fn check, struct diag *d);
void scenario_free(struct scenario *sc);

/* Replace sc's requested percentiles with p[0..n-1] (the loader's
 * `simulation.percentiles`; compare needs 5/50/95 whatever the scenario
 * asks for). Returns 0 or -1 (memory). */
int scenario_set_percentiles(struct scenario *sc, const double *p, int n);

/* Whether input in is 0 in every trial (fixed at 0, or a choice of 0s):
 * a list's shares may not all be (docs/format.md "Keys"). */
int scenario_input_all_zero(const struct input *in);

/* How many of sc's inputs are uncertain (a sample plan's own count,
 * without a plan: for memory estimates). */
static inline int scenario_n_uncertain(const struct scenario *sc)
{
	int k = 0;

	for (int i = 0; i < sc->ninputs; i++)
		k += sc->inputs[i].uncertain;
	return k;
}

/* The first listed point of a series that some year uses: 1 when it is
 * a rate (acting from year 1) whose year-1 point replaces its year-0 one
 * at once, else 0 (docs/model.md "Units and time"). */
static inline int series_first_used_point(int acts_from, int npoints,
					  const int *point_t)
{
	return acts_from > 0 && npoints > 1 && point_t[1] <= acts_from;
}

static inline int input_first_used_point(const struct input *in)
{
	return series_first_used_point(in->acts_from, in->npoints,
				       in->point_t);
}

/* Resolve a dotted path to an input index; -1 if no such input. */
int scenario_find_input(const struct scenario *sc, const char *path);

/* Print the key reference (markdown table) generated from the schema. */
void scenario_print_keys(FILE *f);

#endif
