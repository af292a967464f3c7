/* distmap.c — a value written as a mapping with `dist:` (FORMAT.md
 * "Values"): which distribution, which of its parameter sets, the ranges
 * of its location parameters, truncation and resampling; then the
 * constructor of dist.h and dist_prepare(). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dist.h"
#include "loader.h"

enum param {
	P_VALUE, P_MIN, P_MAX, P_MEAN, P_SD, P_P5, P_P95, P_MEDIAN, P_GSD,
	P_MODE, P_ALPHA, P_BETA, P_VALUES, P_WEIGHTS, P_LOWER, P_UPPER,
	P_RESAMPLE, P_PHI, NPARAM
};

static const char *const param_name[NPARAM] = {
	"value", "min", "max", "mean", "sd", "p5", "p95", "median", "gsd",
	"mode", "alpha", "beta", "values", "weights", "lower", "upper",
	"resample", "phi"
};

#define B(p) (1u << (p))
/* Parameters checked against the key's range. */
#define LOCATION (B(P_VALUE) | B(P_MIN) | B(P_MAX) | B(P_MEAN) | B(P_P5) | \
		  B(P_P95) | B(P_MEDIAN) | B(P_MODE) | B(P_LOWER) |       \
		  B(P_UPPER))
#define POSITIVE (B(P_SD) | B(P_GSD) | B(P_ALPHA) | B(P_BETA))

struct dist_def {
	const char *name;
	unsigned form[3];	/* alternative parameter sets (0: none) */
	unsigned optional;
	int continuous;		/* may be truncated */
	const char *takes;	/* for messages */
};

static const struct dist_def dist_defs[] = {
	{"fixed", {B(P_VALUE)}, 0, 0, "value"},
	{"uniform", {B(P_MIN) | B(P_MAX)}, 0, 1, "min, max"},
	{"normal", {B(P_MEAN) | B(P_SD), B(P_P5) | B(P_P95)}, 0, 1,
	 "{mean, sd} or {p5, p95}"},
	{"lognormal", {B(P_P5) | B(P_P95), B(P_MEDIAN) | B(P_GSD),
		       B(P_MEAN) | B(P_SD)}, 0, 1,
	 "{p5, p95}, {median, gsd} or {mean, sd}"},
	{"triangular", {B(P_MIN) | B(P_MODE) | B(P_MAX)}, 0, 1,
	 "min, mode, max"},
	{"pert", {B(P_MIN) | B(P_MODE) | B(P_MAX)}, 0, 1, "min, mode, max"},
	{"beta", {B(P_ALPHA) | B(P_BETA)}, B(P_MIN) | B(P_MAX), 1,
	 "alpha, beta and optionally min, max"},
	{"choice", {B(P_VALUES)}, B(P_WEIGHTS), 0,
	 "values and optionally weights"},
};
#define NDISTS ((int)(sizeof dist_defs / sizeof dist_defs[0]))

static const char *const resample_name[] = {"trial", "year", "ar1"};

/* choice's values and weights. Returns 0 or -1 after errors. */
static int choice_lists(const struct vctx *c, const struct ynode *vals,
			const struct ynode *wts, double **v, double **w,
			int *n)
{
	char t[80];
	int bad = 0;
	double sum = 0;

	*v = *w = NULL;
	*n = 0;
	if (vals->kind != YNODE_SEQ || vals->n == 0) {
		loader_error(c->L, vals, "%s: `values` must be a non-empty "
			     "list of numbers (got %s)", c->path,
			     vals->kind == YNODE_SEQ ? "an empty list" :
			     loader_show(vals, t, sizeof t));
		return -1;
	}
	if (wts && wts->kind == YNODE_SEQ && wts->n != vals->n) {
		loader_error(c->L, wts, "%s: `weights` must be a list of %zu "
			     "numbers, one per value (got %zu)", c->path,
			     vals->n, wts->n);
		return -1;
	}
	if (wts && wts->kind != YNODE_SEQ) {
		loader_error(c->L, wts, "%s: `weights` must be a list of %zu "
			     "numbers, one per value (got %s)", c->path,
			     vals->n, loader_show(wts, t, sizeof t));
		return -1;
	}
	*v = calloc(vals->n, sizeof **v);
	*w = calloc(vals->n, sizeof **w);
	if (!*v || !*w) {
		loader_error(c->L, vals, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < vals->n; i++) {
		const struct ynode *x = vals->vals[i];

		if (loader_scalar_number(c, x, "values", &(*v)[i]) < 0 ||
		    loader_check_range(c, x, (*v)[i], "values: ", x->str) < 0)
			bad = 1;
		(*w)[i] = 1;
		if (!wts)
			continue;
		x = wts->vals[i];
		if (loader_scalar_number(c, x, "weights", &(*w)[i]) < 0) {
			bad = 1;
		} else if ((*w)[i] < 0) {
			loader_error(c->L, x, "%s: choice weights must be >= 0 "
				     "(got %s)", c->path,
				     loader_text(x->str, t, sizeof t));
			bad = 1;
		}
		sum += (*w)[i] > 0 ? (*w)[i] : 0;
	}
	if (wts && !bad && !(sum > 0)) {
		loader_error(c->L, wts, "%s: at least one choice weight must "
			     "be > 0", c->path);
		bad = 1;
	}
	*n = (int)vals->n;
	return bad ? -1 : 0;
}

/* A mapping with `dist:` at node n into d. */
int loader_dist_map(const struct vctx *c, const struct ynode *n,
			  struct dist *d)
{
	struct loader *L = c->L;
	const struct ynode *dn = yaml_map_get(n, "dist");
	const struct ynode *pn[NPARAM] = {0};
	const struct dist_def *dd = NULL;
	double pv[NPARAM] = {0};
	unsigned present = 0, all = 0, form = 0;
	char t[80], m[160];
	const char *why = "";
	int bad = 0, resample = RESAMPLE_TRIAL, nchoice = 0;
	double *cv = NULL, *cw = NULL, lo = -INFINITY, hi = INFINITY;

	if (dn->kind != YNODE_SCALAR || dn->plain_null) {
		loader_error(L, dn, "%s: `dist` must name a distribution "
			     "(got %s)", c->path, loader_show(dn, t, sizeof t));
		return -1;
	}
	for (int i = 0; i < NDISTS; i++)
		if (strcmp(dn->str, dist_defs[i].name) == 0)
			dd = &dist_defs[i];
	if (!dd) {
		const char *best = loader_nearest(L, dn->str,
						  &dist_defs[0].name,
						  sizeof dist_defs[0], NDISTS);

		loader_error(L, dn, "%s: unknown distribution %s%s", c->path,
			     loader_show(dn, t, sizeof t),
			     loader_did_you_mean(best, m, sizeof m));
		return -1;
	}
	all = dd->form[0] | dd->form[1] | dd->form[2] | dd->optional |
	      B(P_RESAMPLE) | B(P_PHI);
	if (dd->continuous)
		all |= B(P_LOWER) | B(P_UPPER);

	/* which parameters are written, and do they belong here */
	for (size_t i = 0; i < n->n; i++) {
		const char *key = n->keys[i]->str;
		int p = -1;

		if (strcmp(key, "dist") == 0)
			continue;
		for (int j = 0; j < NPARAM; j++)
			if (strcmp(key, param_name[j]) == 0)
				p = j;
		if (p < 0) {
			const char *best = loader_nearest(L, key, param_name,
							  sizeof param_name[0],
							  NPARAM);

			loader_error(L, n->keys[i], "%s: unknown key `%s` in a "
				     "distribution%s", c->path,
				     loader_text(key, t, sizeof t),
				     loader_did_you_mean(best, m, sizeof m));
			bad = 1;
		} else if ((p == P_LOWER || p == P_UPPER) && !dd->continuous) {
			loader_error(L, n->keys[i], "%s: `%s` cannot truncate a "
				     "%s distribution (only continuous ones)",
				     c->path, key, dd->name);
			bad = 1;
		} else if (!(all & B(p))) {
			loader_error(L, n->keys[i], "%s: `%s` does not belong "
				     "to dist: %s (it takes %s)", c->path, key,
				     dd->name, dd->takes);
			bad = 1;
		} else if (!pn[p]) {
			pn[p] = n->vals[i];
			present |= B(p);
		}
	}

	/* the parameter set */
	{
		unsigned forms = dd->form[0] | dd->form[1] | dd->form[2];
		unsigned given = present & forms;
		int sub = -1;

		for (int f = 0; f < 3 && dd->form[f]; f++) {
			if (given == dd->form[f])
				form = dd->form[f];
			if ((given & ~dd->form[f]) == 0 && sub < 0)
				sub = f;
		}
		if (bad) {
			/* an unknown or foreign key: the set is unclear */
		} else if (!form && sub < 0) {
			loader_error(L, n, "%s: dist: %s takes %s, not a mix",
				     c->path, dd->name, dd->takes);
			bad = 1;
		} else if (!form) {
			unsigned miss = dd->form[sub] & ~given;
			char list[80] = "";

			for (int p = 0, k = 0; p < NPARAM; p++)
				if (miss & B(p)) {
					size_t l = strlen(list);

					miss &= ~B(p);
					snprintf(list + l, sizeof list - l,
						 "%s`%s`", k++ == 0 ? "" :
						 miss ? ", " : " and ",
						 param_name[p]);
				}
			loader_error(L, n, "%s: dist: %s needs %s (it takes %s)",
				     c->path, dd->name, list, dd->takes);
			bad = 1;
		}
	}

	/* numbers, ranges, positivity */
	for (int p = 0; p < NPARAM; p++) {
		if (!pn[p] || p == P_VALUES || p == P_WEIGHTS ||
		    p == P_RESAMPLE)
			continue;
		if (loader_scalar_number(c, pn[p], param_name[p], &pv[p]) < 0) {
			bad = 1;
			continue;
		}
		if (p == P_PHI) {
			if (!(pv[p] > -1 && pv[p] < 1)) {
				loader_error(L, pn[p], "%s: phi must be in "
					     "(-1, 1) (got %s)", c->path,
					     loader_text(pn[p]->str, t,
							 sizeof t));
				bad = 1;
			}
		} else if (B(p) & POSITIVE) {
			double min = p == P_GSD ? 1 : 0;

			if (!(pv[p] > min)) {
				loader_error(L, pn[p], "%s: `%s` must be > %g "
					     "(got %s)", c->path, param_name[p],
					     min, loader_text(pn[p]->str, t,
							      sizeof t));
				bad = 1;
			}
		} else if (B(p) & LOCATION) {
			char what[16];

			/* truncating exactly at an open end is what keeps
			 * the draws inside it: lower: -1 for "> -1" */
			if ((p == P_LOWER || p == P_UPPER) &&
			    (pv[p] == c->k->lo || pv[p] == c->k->hi))
				continue;
			snprintf(what, sizeof what, "%s: ", param_name[p]);
			if (loader_check_range(c, pn[p], pv[p], what,
					       pn[p]->str) < 0)
				bad = 1;
		}
	}
	if (pn[P_VALUES] && choice_lists(c, pn[P_VALUES], pn[P_WEIGHTS], &cv,
					 &cw, &nchoice) < 0)
		bad = 1;

	/* resampling */
	if (pn[P_RESAMPLE]) {
		const struct ynode *r = pn[P_RESAMPLE];

		resample = -1;
		if (r->kind == YNODE_SCALAR && !r->plain_null)
			for (int i = 0; i < 3; i++)
				if (strcmp(r->str, resample_name[i]) == 0)
					resample = i;
		if (c->in_series) {
			loader_error(L, r, "%s: values in a year series may "
				     "not carry `resample` (a series is drawn "
				     "once per trial)", c->path);
			bad = 1;
		} else if (resample < 0) {
			const char *best = NULL;

			if (r->kind == YNODE_SCALAR && !r->plain_null)
				best = loader_nearest(L, r->str, resample_name,
						      sizeof resample_name[0],
						      3);

			if (best)
				loader_error(L, r, "%s: unknown resample mode "
					     "%s (did you mean `%s`?)", c->path,
					     loader_show(r, t, sizeof t), best);
			else
				loader_error(L, r, "%s: unknown resample mode "
					     "%s (use trial, year or ar1)",
					     c->path,
					     loader_show(r, t, sizeof t));
			bad = 1;
		} else if (resample != RESAMPLE_TRIAL &&
			   !(c->k->flags & KF_PER_YEAR)) {
			loader_error(L, r, "%s may not be resampled by year: it "
				     "is drawn once per trial (only \"per "
				     "year\" keys may)", c->path);
			bad = 1;
		}
	}
	if (!c->in_series && resample == RESAMPLE_AR1 && !pn[P_PHI]) {
		loader_error(L, pn[P_RESAMPLE], "%s: resample: ar1 needs `phi` "
			     "in (-1, 1)", c->path);
		bad = 1;
	} else if (c->in_series && pn[P_PHI] && !pn[P_RESAMPLE]) {
		loader_error(L, pn[P_PHI], "%s: values in a year series may not "
			     "carry `phi` (a series is drawn once per trial)",
			     c->path);
		bad = 1;
	} else if (!c->in_series && pn[P_PHI] && resample != RESAMPLE_AR1 &&
		   resample >= 0) {
		loader_error(L, pn[P_PHI], "%s: `phi` is only used with "
			     "resample: ar1", c->path);
		bad = 1;
	}

	/* orderings the constructors would refuse, with clearer words */
	if (!bad && (form & B(P_P5)) && !(pv[P_P5] < pv[P_P95])) {
		loader_error(L, n, "%s: p5 must be below p95 (got p5: %s, "
			     "p95: %s)", c->path, pn[P_P5]->str,
			     pn[P_P95]->str);
		bad = 1;
	}
	if (!bad && pn[P_MIN] && pn[P_MAX] && !(pv[P_MIN] < pv[P_MAX])) {
		loader_error(L, n, "%s: min must be below max (got min: %s, "
			     "max: %s)", c->path, pn[P_MIN]->str,
			     pn[P_MAX]->str);
		bad = 1;
	}
	if (!bad && pn[P_MODE] && !(pv[P_MODE] >= pv[P_MIN] &&
				    pv[P_MODE] <= pv[P_MAX])) {
		loader_error(L, pn[P_MODE], "%s: mode must lie between min and "
			     "max (got %s)", c->path, pn[P_MODE]->str);
		bad = 1;
	}
	if (pn[P_LOWER] && !bad) {
		lo = pv[P_LOWER];
	}
	if (pn[P_UPPER] && !bad) {
		hi = pv[P_UPPER];
	}
	if (!bad && !(lo < hi)) {
		loader_error(L, n, "%s: lower must be below upper (got lower: "
			     "%s, upper: %s)", c->path, pn[P_LOWER]->str,
			     pn[P_UPPER]->str);
		bad = 1;
	}
	if (bad) {
		free(cv);
		free(cw);
		return -1;
	}

	memset(d, 0, sizeof *d);
	{
		int rc;
		double bmin = pn[P_MIN] ? pv[P_MIN] : 0;
		double bmax = pn[P_MAX] ? pv[P_MAX] : 1;

		if (strcmp(dd->name, "fixed") == 0)
			rc = dist_fixed(d, pv[P_VALUE], &why);
		else if (strcmp(dd->name, "uniform") == 0)
			rc = dist_uniform(d, pv[P_MIN], pv[P_MAX], &why);
		else if (strcmp(dd->name, "normal") == 0)
			rc = form & B(P_SD) ?
			     dist_normal_mean_sd(d, pv[P_MEAN], pv[P_SD], &why) :
			     dist_normal_p5_p95(d, pv[P_P5], pv[P_P95], &why);
		else if (strcmp(dd->name, "lognormal") == 0)
			rc = form & B(P_P5) ?
			     dist_lognormal_p5_p95(d, pv[P_P5], pv[P_P95], &why) :
			     form & B(P_GSD) ?
			     dist_lognormal_median_gsd(d, pv[P_MEDIAN],
						       pv[P_GSD], &why) :
			     dist_lognormal_mean_sd(d, pv[P_MEAN], pv[P_SD],
						    &why);
		else if (strcmp(dd->name, "triangular") == 0)
			rc = dist_triangular(d, pv[P_MIN], pv[P_MODE],
					     pv[P_MAX], &why);
		else if (strcmp(dd->name, "pert") == 0)
			rc = dist_pert(d, pv[P_MIN], pv[P_MODE], pv[P_MAX],
				       &why);
		else if (strcmp(dd->name, "beta") == 0)
			rc = dist_beta(d, pv[P_ALPHA], pv[P_BETA], bmin, bmax,
				       &why);
		else
			rc = dist_choice(d, cv, cw, nchoice, &why);
		free(cv);
		free(cw);
		if (rc >= 0)
			rc = dist_prepare(d, lo, hi, &why);
		if (rc < 0) {
			loader_error(L, n, "%s: %s", c->path, why);
			dist_free(d);
			return -1;
		}
	}
	d->resample = (enum dist_resample)resample;
	d->phi = resample == RESAMPLE_AR1 ? pv[P_PHI] : 0;
	loader_warn_outside(c, n, d);
	return 0;
}

