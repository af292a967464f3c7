/* sample_impl.h — the sample plan's insides, shared by the two files
 * that build it: sim/sample.c (paths, sampling) and sim/corrmat.c (the
 * latent correlation matrix and its Cholesky factor). Not for other
 * modules: they use sample.h. */
#ifndef COMPUTESIM_SAMPLE_IMPL_H
#define COMPUTESIM_SAMPLE_IMPL_H

#include "sample.h"

/* How a path's value is computed from its latent. */
enum path_eval { EVAL_NORMAL, EVAL_LOGNORMAL, EVAL_GENERAL, EVAL_SERIES };

struct path {
	int input;		/* index in sc->inputs */
	int sched;		/* enum dist_resample (series: trial) */
	enum path_eval eval;
	const struct dist *d;	/* value inputs */
	double a, b;		/* EVAL_NORMAL / EVAL_LOGNORMAL parameters */
	double phi, sphi;	/* ar1: phi, sqrt(1 - phi^2) */
	double ldiag;		/* L[k][k] */
	int l0, l1, l2;		/* off-diagonal entries of row k: [l0, l1)
				   in per-trial columns, [l1, l2) in the others */
};

struct sample_plan {
	const struct scenario *sc;
	int years, ninputs;
	int n, ntrial;		/* paths; the first ntrial are per-trial */
	struct path *paths;
	int *lcol;		/* off-diagonal L entries, by row */
	double *lval;
	int correlated;		/* any off-diagonal entry */
	int *path_of;		/* input -> path index, -1 for none */
	int nunc;
	int *unc;		/* uncertain inputs, scenario order */
	int nseries;
	int *series;		/* every series input, scenario order */
	double *tmpl;		/* [ninputs * years]: fixed values */
};

/* Factor the latent correlation matrix of p's paths (docs/model.md
 * "Sampling") and store L in p (ldiag, l0..l2, lcol, lval, correlated).
 * Returns 0, -1 when it is not positive definite (reported in d), -2 on
 * allocation failure (sim/corrmat.c). */
int sample_plan_factor(struct sample_plan *p, struct diag *d);

#endif
