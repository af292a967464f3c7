/* model.h — one Monte Carlo trial, year by year (docs/model.md "Supply" to
 * "The cloud option"). Pure computation: no allocation, no I/O.
 *
 * Metrics are numbered: the fixed ones below, in the order yearly.csv
 * lists them, with one demand_<workload>_h100e per workload inserted right
 * after demand_h100e. model_metric_index() maps the enum to the index in
 * a scenario's metric array. */
#ifndef COMPUTESIM_MODEL_H
#define COMPUTESIM_MODEL_H

#include <stddef.h>
#include "scenario.h"

enum metric {
	M_CAPEX, M_COMPUTE_CAPEX, M_NEW, M_OWNED, M_CONTRACT, M_CAPACITY,
	M_CAPACITY_GW, M_DEMAND,
	/* demand_<workload>_h100e for each workload go here */
	M_DEMAND_RATIO, M_UTILIZATION, M_SURPLUS, M_SURPLUS_SHARE,
	M_SHORTFALL, M_DEPRECIATION, M_IDLE_COST, M_PRICE, M_MARKET, M_SOLD,
	M_DISPLACED, M_DISPLACEMENT_COST, M_CLOUD_REVENUE, M_CLOUD_CASH,
	M_CLOUD_NPV, M_NET_IDLE_COST, M_SHORTFALL_COST, M_STRANDED,
	M_NFIXED,
	/* with an industry section only, after every other metric */
	M_IND_CAPEX = M_NFIXED, M_IND_SUPPLY, M_IND_DEMAND, M_IND_TIGHTNESS,
	M_NALL
};

/* Metrics an industry section adds. */
#define M_NINDUSTRY ((int)M_NALL - (int)M_NFIXED)

enum story { STORY_OVERBUILD, STORY_MISMATCH, STORY_SHORTAGE };

/* The industry's state at the horizon (docs/model.md "The two readings,
 * counted"): short when tau_{T-1} >= 1, else glut. */
enum industry_state { INDUSTRY_NONE = -1, INDUSTRY_SHORT, INDUSTRY_GLUT };

/* Their names in every output (summary.json's keys, trials.csv, the
 * tables, the charts), in the enums' order: "overbuild", "mismatch",
 * "shortage"; "short", "glut". */
extern const char *const story_names[3];
extern const char *const industry_state_names[2];

/* What a trial reports once (besides its metrics). Year indexes are
 * 0-based; -1 means "never" / "none". */
struct trial_outcome {
	int launch_t;		/* -1: not launched */
	int payback_t;		/* -1: never or not launched */
	int first_surplus_t;	/* -1: no surplus in any year */
	enum story story;
	enum industry_state industry;	/* INDUSTRY_NONE without a section */
	double npv;		/* cloud_npv_busd in the last year */
	double idle_pv;		/* sum_t DF_t * idle_cost_busd_t */
	double unpowered_pv;	/* its unpowered part: sum_t DF_t (dep_t +
				   contract_cost_t) stranded_t / (capacity_t
				   + stranded_t) */
};

/* Number of metrics for sc: M_NFIXED + number of workloads, + the
 * M_NINDUSTRY industry metrics with an industry section. */
int model_nmetrics(const struct scenario *sc);
/* Index of metric m in the metric array (shifts those after M_DEMAND);
 * an industry metric without an industry section gives -1. */
int model_metric_index(const struct scenario *sc, enum metric m);
/* Index of demand_<workload j>_h100e. */
int model_workload_metric(const struct scenario *sc, int j);
/* Name of metric index k ("capacity_h100e", "demand_training_h100e").
 * Writes into buf (size n) and returns buf. */
const char *model_metric_name(const struct scenario *sc, int k,
			      char *buf, size_t n);
/* Name of metric m itself, whatever the scenario ("industry_tightness");
 * NULL for an m out of range. */
const char *model_metric_name_any(enum metric m);

/* Doubles of workspace model_run_trial needs. */
size_t model_ws_size(const struct scenario *sc);

/* Run one trial on input values x (x[i * years + t], from sample_trial).
 * Writes m[k * years + t] for every metric k and year t, and *o. */
void model_run_trial(const struct scenario *sc, const double *x, double *m,
		     struct trial_outcome *o, double *ws);

#endif
