/* distmap.c — a value written as a mapping with `dist:` (docs/format.md
 * "Values"): which distribution, which of its parameter sets, the ranges
 * of its location parameters, truncation and resampling; then the
 * constructor of dist.h and dist_prepare().
 *
 * Every independent error of one mapping is reported in one run
 * (STYLE.md 5): each parameter is checked on its own, the rules between
 * two parameters on every pair that was read as numbers, the choice lists
 * and the resampling each on their own. An error that only follows from
 * another is left out: nothing about a missing parameter after an unknown
 * or foreign key (the intended set is unclear), no "mode outside min and
 * max" when min >= max, no shape limit after "not a number", no "ar1
 * needs phi" where ar1 itself is refused, and the probability left by
 * lower / upper is checked only when nothing else about the distribution
 * is wrong. When `dist` names no distribution, the parameters are still
 * checked as far as they go without it (numbers, ranges, pairs,
 * resampling).
 *
 * Positions: an error about one parameter points at its value; one about
 * two (min >= max, p5 >= p95, lower >= upper, mode outside [min, max], a
 * mix of parameter sets) points at the value of the one written later and
 * shows both values; a missing parameter points at the mapping itself. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dist.h"
#include "loader.h"
#include "suggest.h"
#include "text.h"

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
/* Parameters that are plain numbers (choice's lists, resample and phi
 * are read on their own). */
#define NUMBERS (LOCATION | B(P_SD) | B(P_GSD) | B(P_ALPHA) | B(P_BETA))

/* Beta shapes computesim accepts: outside them GSL's beta inverse CDF
 * fails or runs for seconds to forever (alpha = beta = 1e6 never
 * returns); dist_beta() refuses them too. */
#define BETA_SHAPE_MIN 0.1
#define BETA_SHAPE_MAX 1000

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

/* The names above, for messages. */
#define DIST_NAMES "fixed, uniform, normal, lognormal, triangular, pert, " \
		   "beta or choice"

/* One mapping being checked. */
struct dmap {
	const struct vctx *c;
	const struct ynode *n;		/* the mapping */
	const struct dist_def *dd;	/* NULL: `dist` names none */
	const struct ynode *pn[NPARAM];	/* each parameter's value */
	size_t at[NPARAM];		/* where it is in the mapping */
	double pv[NPARAM];
	unsigned num;		/* parameters read as (finite) numbers */
	unsigned form;		/* the parameter set given (0: none) */
	int keys_bad;		/* an unknown or foreign key */
	int dist_bad;		/* errors the distribution depends on */
	int other_bad;		/* errors it does not (resample, phi) */
	double *cv, *cw;	/* choice's values and weights */
	int nchoice;
};

#define HAS(m, p) (((m)->num & B(p)) != 0)

/* Of parameters p and q (both given), the value written later. */
static const struct ynode *later(const struct dmap *m, int p, int q)
{
	return m->at[p] > m->at[q] ? m->pn[p] : m->pn[q];
}

/* Parameter p as written, for messages (buf of 80). */
static const char *as_written(const struct dmap *m, int p, char *buf)
{
	return loader_text(m->pn[p]->str, buf, 80);
}

/* Which distribution `dist` names; NULL after an error. */
static const struct dist_def *dist_named(struct dmap *m,
					 const struct ynode *dn)
{
	struct loader *L = m->c->L;
	char t[80], s[160];
	const char *best;

	if (dn->kind != YNODE_SCALAR || dn->plain_null) {
		loader_error(L, dn, "%s: `dist` must name a distribution: "
			     DIST_NAMES " (got %s)", m->c->path,
			     loader_show(dn, t, sizeof t));
		return NULL;
	}
	for (int i = 0; i < NDISTS; i++)
		if (strcmp(dn->str, dist_defs[i].name) == 0)
			return &dist_defs[i];
	best = loader_nearest(L, dn->str, &dist_defs[0].name,
			      sizeof dist_defs[0], NDISTS);
	if (best)
		loader_error(L, dn, "%s: unknown distribution %s%s",
			     m->c->path, loader_show(dn, t, sizeof t),
			     loader_did_you_mean(best, s, sizeof s));
	else
		loader_error(L, dn, "%s: unknown distribution %s (use "
			     DIST_NAMES ")", m->c->path,
			     loader_show(dn, t, sizeof t));
	return NULL;
}

/* The parameter a key names, or -1. */
static int param_of(const char *key)
{
	for (int j = 0; j < NPARAM; j++)
		if (strcmp(key, param_name[j]) == 0)
			return j;
	return -1;
}

/* Which parameters are written, and do they belong to the distribution
 * (any known one does when the distribution is unknown). */
static void dmap_keys(struct dmap *m)
{
	struct loader *L = m->c->L;
	const struct dist_def *dd = m->dd;
	const struct ynode *n = m->n;
	unsigned all = ~0u;
	char t[80], s[160];

	if (dd) {
		all = dd->form[0] | dd->form[1] | dd->form[2] | dd->optional |
		      B(P_RESAMPLE) | B(P_PHI);
		if (dd->continuous)
			all |= B(P_LOWER) | B(P_UPPER);
	}
	for (size_t i = 0; i < n->n; i++) {
		const char *key = n->keys[i]->str;
		int p = param_of(key);

		if (strcmp(key, "dist") == 0)
			continue;
		if (p < 0) {
			const char *best = loader_nearest(L, key, param_name,
							  sizeof param_name[0],
							  NPARAM);

			if (best || !dd)
				loader_error(L, n->keys[i], "%s: unknown key "
					     "`%s` in a distribution%s",
					     m->c->path,
					     loader_text(key, t, sizeof t),
					     loader_did_you_mean(best, s,
								 sizeof s));
			else
				loader_error(L, n->keys[i], "%s: unknown key "
					     "`%s` in a distribution (dist: %s "
					     "takes %s; also %sresample, phi)",
					     m->c->path,
					     loader_text(key, t, sizeof t),
					     dd->name, dd->takes,
					     dd->continuous ? "lower, upper, " :
					     "");
			m->keys_bad = 1;
		} else if ((p == P_LOWER || p == P_UPPER) && dd &&
			   !dd->continuous) {
			loader_error(L, n->keys[i], "%s: `%s` cannot truncate a "
				     "%s distribution (only continuous ones)",
				     m->c->path, key, dd->name);
			m->keys_bad = 1;
		} else if (!(all & B(p))) {
			loader_error(L, n->keys[i], "%s: `%s` does not belong "
				     "to dist: %s (it takes %s)", m->c->path,
				     key, dd->name, dd->takes);
			m->keys_bad = 1;
		} else if (!m->pn[p]) {
			m->pn[p] = n->vals[i];
			m->at[p] = i;
		}
	}
}

/* The parameter set: complete, missing some, or a mix of two. Sets
 * m->form when one set is given whole. */
static void dmap_form(struct dmap *m)
{
	const struct dist_def *dd = m->dd;
	unsigned forms = dd->form[0] | dd->form[1] | dd->form[2];
	unsigned given = 0;
	int sub = -1;

	for (int p = 0; p < NPARAM; p++)
		if (m->pn[p] && (forms & B(p)))
			given |= B(p);
	for (int f = 0; f < 3 && dd->form[f]; f++) {
		if (given == dd->form[f])
			m->form = given;
		if ((given & ~dd->form[f]) == 0 && sub < 0)
			sub = f;
	}
	if (m->form)
		return;
	m->dist_bad = 1;
	if (sub < 0) {
		/* a mix: point at the first key, in written order, that
		 * leaves every set; list the set's keys as written */
		const struct ynode *at = m->n;
		unsigned sofar = 0;
		char list[120] = "";
		int k = 0;

		for (size_t i = 0; i < m->n->n; i++) {
			int p = param_of(m->n->keys[i]->str);
			size_t l = strlen(list);
			int fits = 0;

			if (p < 0 || !(given & B(p)) || m->pn[p] !=
			    m->n->vals[i])
				continue;
			sofar |= B(p);
			for (int f = 0; f < 3 && dd->form[f]; f++)
				if ((sofar & ~dd->form[f]) == 0)
					fits = 1;
			if (!fits && at == m->n)
				at = m->pn[p];
			snprintf(list + l, sizeof list - l, "%s`%s`",
				 k++ == 0 ? "" : sofar == given ? " and " :
				 ", ", param_name[p]);
		}
		loader_error(m->c->L, at, "%s: dist: %s takes %s, not a mix "
			     "(got %s)", m->c->path, dd->name, dd->takes,
			     list);
	} else {
		unsigned miss = dd->form[sub] & ~given;
		char list[80] = "";

		for (int p = 0, k = 0; p < NPARAM; p++)
			if (miss & B(p)) {
				size_t l = strlen(list);

				miss &= ~B(p);
				snprintf(list + l, sizeof list - l, "%s`%s`",
					 k++ == 0 ? "" : miss ? ", " : " and ",
					 param_name[p]);
			}
		loader_error(m->c->L, m->n, "%s: dist: %s needs %s (it takes "
			     "%s)", m->c->path, dd->name, list, dd->takes);
	}
}

/* Each plain number on its own: a number, in the key's range (location
 * parameters), > 0 where a scale, > 0 where a lognormal needs it, beta's
 * shapes within computesim's limits. */
static void dmap_numbers(struct dmap *m)
{
	const struct vctx *c = m->c;
	const char *dname = m->dd ? m->dd->name : "";
	char t[80], what[16];

	for (int p = 0; p < NPARAM; p++) {
		const struct ynode *x = m->pn[p];
		double v;

		if (!x || !(B(p) & NUMBERS))
			continue;
		if (loader_scalar_number(c, x, param_name[p], &m->pv[p]) < 0) {
			m->dist_bad = 1;
			continue;
		}
		m->num |= B(p);
		v = m->pv[p];
		if (p == P_ALPHA || p == P_BETA) {
			if (!(v >= BETA_SHAPE_MIN && v <= BETA_SHAPE_MAX)) {
				loader_error(c->L, x, "%s: `%s` must lie in "
					     "[%g, %g] (got %s): computesim's "
					     "limit, outside which GSL's beta "
					     "inverse CDF fails or never "
					     "returns", c->path,
					     param_name[p], BETA_SHAPE_MIN,
					     (double)BETA_SHAPE_MAX,
					     as_written(m, p, t));
				m->dist_bad = 1;
			}
			continue;
		}
		if (p == P_SD || p == P_GSD) {
			double min = p == P_GSD ? 1 : 0;

			if (!(v > min)) {
				loader_error(c->L, x, "%s: `%s` must be > %g "
					     "(got %s)", c->path, param_name[p],
					     min, as_written(m, p, t));
				m->dist_bad = 1;
			}
			continue;
		}
		/* a lognormal's p5, median and mean must be > 0: said
		 * instead of the key's range where that is the stricter
		 * rule (a range starting at or below 0) */
		if (strcmp(dname, "lognormal") == 0 && (p == P_P5 ||
		    p == P_MEDIAN || p == P_MEAN) && !(v > 0) &&
		    !(c->k->lo > 0)) {
			loader_error(c->L, x, "%s: `%s` must be > 0 for a "
				     "lognormal (got %s)", c->path,
				     param_name[p], as_written(m, p, t));
			m->dist_bad = 1;
			continue;
		}
		/* a location parameter; truncating exactly at an open end
		 * is what keeps the draws inside it: lower: -1 for "> -1" */
		if ((p == P_LOWER || p == P_UPPER) &&
		    (v == c->k->lo || v == c->k->hi))
			continue;
		snprintf(what, sizeof what, "%s: ", param_name[p]);
		if (loader_check_range(c, x, v, what, x->str) < 0)
			m->dist_bad = 1;
	}
}

/* The rules between two parameters, on those read as numbers. */
static void dmap_pairs(struct dmap *m)
{
	const struct vctx *c = m->c;
	const double *pv = m->pv;
	char t1[80], t2[80], t3[80];
	int minmax_ok = 1;

	if (HAS(m, P_P5) && HAS(m, P_P95) && !(pv[P_P5] < pv[P_P95])) {
		loader_error(c->L, later(m, P_P5, P_P95), "%s: p5 must be below "
			     "p95 (got p5: %s, p95: %s)", c->path,
			     as_written(m, P_P5, t1), as_written(m, P_P95, t2));
		m->dist_bad = 1;
	}
	if (HAS(m, P_MIN) && HAS(m, P_MAX)) {
		if (!(pv[P_MIN] < pv[P_MAX])) {
			loader_error(c->L, later(m, P_MIN, P_MAX), "%s: min "
				     "must be below max (got min: %s, max: "
				     "%s)", c->path, as_written(m, P_MIN, t1),
				     as_written(m, P_MAX, t2));
			m->dist_bad = 1;
			minmax_ok = 0;
		}
	} else if (m->dd && strcmp(m->dd->name, "beta") == 0) {
		/* a beta scaled by one of them: the other is 0 or 1 */
		if (HAS(m, P_MIN) && !(pv[P_MIN] < 1)) {
			loader_error(c->L, m->pn[P_MIN], "%s: min must be "
				     "below max (got min: %s; max is 1 when "
				     "not given)", c->path,
				     as_written(m, P_MIN, t1));
			m->dist_bad = 1;
		} else if (HAS(m, P_MAX) && !(pv[P_MAX] > 0)) {
			loader_error(c->L, m->pn[P_MAX], "%s: min must be "
				     "below max (got max: %s; min is 0 when "
				     "not given)", c->path,
				     as_written(m, P_MAX, t1));
			m->dist_bad = 1;
		}
	}
	/* mode: only where min < max leaves room for one */
	if (HAS(m, P_MODE) && minmax_ok) {
		const struct ynode *at = NULL;

		/* at the mode: the one value that sits between the others */
		if ((HAS(m, P_MIN) && pv[P_MODE] < pv[P_MIN]) ||
		    (HAS(m, P_MAX) && pv[P_MODE] > pv[P_MAX]))
			at = m->pn[P_MODE];
		if (at && HAS(m, P_MIN) && HAS(m, P_MAX))
			loader_error(c->L, at, "%s: mode must lie between min "
				     "and max (got min: %s, mode: %s, max: "
				     "%s)", c->path, as_written(m, P_MIN, t1),
				     as_written(m, P_MODE, t2),
				     as_written(m, P_MAX, t3));
		else if (at)
			loader_error(c->L, at, "%s: mode must lie between min "
				     "and max (got %s: %s, mode: %s)", c->path,
				     HAS(m, P_MIN) ? "min" : "max",
				     as_written(m, HAS(m, P_MIN) ? P_MIN :
						P_MAX, t1),
				     as_written(m, P_MODE, t2));
		if (at)
			m->dist_bad = 1;
	}
	if (HAS(m, P_LOWER) && HAS(m, P_UPPER) &&
	    !(pv[P_LOWER] < pv[P_UPPER])) {
		loader_error(c->L, later(m, P_LOWER, P_UPPER), "%s: lower must "
			     "be below upper (got lower: %s, upper: %s)",
			     c->path, as_written(m, P_LOWER, t1),
			     as_written(m, P_UPPER, t2));
		m->dist_bad = 1;
	}
}

/* choice's values and weights, each list and each item on its own; on
 * success m->cv, m->cw and m->nchoice hold them (the caller frees). */
static void dmap_choice(struct dmap *m)
{
	const struct vctx *c = m->c;
	const struct ynode *vals = m->pn[P_VALUES], *wts = m->pn[P_WEIGHTS];
	size_t nv = 0;		/* values, when a usable list */
	int bad = 0, wbad = 0;
	double sum = 0, x;
	char t[80];

	if (vals && (vals->kind != YNODE_SEQ || vals->n == 0)) {
		loader_error(c->L, vals, "%s: `values` must be a non-empty "
			     "list of numbers (got %s)", c->path,
			     vals->kind == YNODE_SEQ ? "an empty list" :
			     loader_show(vals, t, sizeof t));
		bad = 1;
	} else if (vals) {
		nv = vals->n;
		for (size_t i = 0; i < nv; i++) {
			const struct ynode *e = vals->vals[i];

			if (loader_scalar_number(c, e, "values", &x) < 0 ||
			    loader_check_range(c, e, x, "values: ",
					       e->str) < 0)
				bad = 1;
		}
	}
	if (wts && wts->kind != YNODE_SEQ) {
		char cnt[32] = "";

		if (nv)
			snprintf(cnt, sizeof cnt, "%zu ", nv);
		loader_error(c->L, wts, "%s: `weights` must be a list of %s"
			     "number%s, one per value (got %s)", c->path, cnt,
			     text_s(nv), loader_show(wts, t, sizeof t));
		bad = wbad = 1;
	} else if (wts) {
		if (nv && wts->n != nv) {
			loader_error(c->L, wts, "%s: `weights` must be a list "
				     "of %zu number%s, one per value (got %zu)",
				     c->path, nv, text_s(nv), wts->n);
			bad = wbad = 1;
		}
		for (size_t i = 0; i < wts->n; i++) {
			const struct ynode *e = wts->vals[i];

			if (loader_scalar_number(c, e, "weights", &x) < 0) {
				bad = wbad = 1;
			} else if (x < 0) {
				loader_error(c->L, e, "%s: choice weights must "
					     "be >= 0 (got %s)", c->path,
					     loader_text(e->str, t, sizeof t));
				bad = wbad = 1;
			} else {
				sum += x;
			}
		}
		if (!wbad && !(sum > 0)) {
			loader_error(c->L, wts, "%s: at least one choice "
				     "weight must be > 0 (got %s)", c->path,
				     wts->n ? "only zeros" : "an empty list");
			bad = 1;
		}
	}
	if (bad) {
		m->dist_bad = 1;
		return;
	}
	if (!vals)
		return;
	m->cv = calloc(nv, sizeof *m->cv);
	m->cw = calloc(nv, sizeof *m->cw);
	if (!m->cv || !m->cw) {
		loader_error(c->L, vals, "out of memory");
		m->dist_bad = 1;
		return;
	}
	for (size_t i = 0; i < nv; i++) {
		/* read cleanly above: these cannot fail */
		(void)number_parse(vals->vals[i]->str, 1, &m->cv[i]);
		m->cw[i] = 1;
		if (wts)
			(void)number_parse(wts->vals[i]->str, 1, &m->cw[i]);
	}
	m->nchoice = (int)nv;
}

/* Does the mapping hold a key, not resample, that suggest_nearest
 * takes for `resample` (resmaple:, resample_:)? */
static int resample_misspelt(const struct dmap *m)
{
	static const char *const rs[] = {"resample"};

	for (size_t i = 0; m->keys_bad && i < m->n->n; i++)
		if (strcmp(m->n->keys[i]->str, "resample") != 0 &&
		    suggest_nearest(m->n->keys[i]->str, rs, sizeof rs[0], 1))
			return 1;
	return 0;
}

/* resample and phi. Returns the resample mode (RESAMPLE_TRIAL when it
 * is not given or refused). */
static int dmap_resample(struct dmap *m)
{
	const struct vctx *c = m->c;
	struct loader *L = c->L;
	const struct ynode *r = m->pn[P_RESAMPLE], *ph = m->pn[P_PHI];
	int mode = RESAMPLE_TRIAL, refused = 0;
	char t[80];

	if (r) {
		mode = -1;
		if (r->kind == YNODE_SCALAR && !r->plain_null)
			for (int i = 0; i < 3; i++)
				if (strcmp(r->str, resample_name[i]) == 0)
					mode = i;
		if (c->in_series) {
			loader_error(L, r, "%s: values in a year series may "
				     "not carry `resample` (a series is drawn "
				     "once per trial)", c->path);
			refused = 1;
		} else if (r->kind != YNODE_SCALAR || r->plain_null) {
			loader_error(L, r, "%s: `resample` must be trial, year "
				     "or ar1 (got %s)", c->path,
				     loader_show(r, t, sizeof t));
			refused = 1;
		} else if (mode < 0) {
			const char *best = loader_nearest(L, r->str,
							  resample_name,
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
			refused = 1;
		} else if (mode != RESAMPLE_TRIAL &&
			   !(c->k->flags & KF_PER_YEAR)) {
			loader_error(L, r, "%s may not be resampled by year: it "
				     "is drawn once per trial (only \"per "
				     "year\" keys may)", c->path);
			refused = 1;
		}
	}
	if (ph && c->in_series) {
		loader_error(L, ph, "%s: values in a year series may not "
			     "carry `phi` (a series is drawn once per trial)",
			     c->path);
		m->other_bad = 1;
	} else if (ph) {
		if (loader_scalar_number(c, ph, "phi", &m->pv[P_PHI]) < 0) {
			m->other_bad = 1;
		} else if (!(m->pv[P_PHI] > -1 && m->pv[P_PHI] < 1)) {
			loader_error(L, ph, "%s: phi must be in (-1, 1) (got "
				     "%s)", c->path,
				     loader_text(ph->str, t, sizeof t));
			m->other_bad = 1;
		}
		/* no resample given beside an unknown key like it: that
		 * key is the misspelt resample, whose error says enough */
		if (mode >= 0 && mode != RESAMPLE_AR1 &&
		    (r || !resample_misspelt(m))) {
			loader_error(L, ph, "%s: `phi` is only used with "
				     "resample: ar1 (%s%s)", c->path,
				     r ? "got resample: " : "no resample is "
				     "given", r ? resample_name[mode] : "");
			m->other_bad = 1;
		}
	} else if (mode == RESAMPLE_AR1 && !refused) {
		loader_error(L, r, "%s: resample: ar1 needs `phi` in (-1, 1)",
			     c->path);
		m->other_bad = 1;
	}
	if (refused) {
		m->other_bad = 1;
		mode = RESAMPLE_TRIAL;
	}
	return mode;
}

/* The distribution itself, from parameters that passed every check.
 * Returns 0, or -1 after an error (d then holds nothing to free). */
static int dmap_build(struct dmap *m, struct dist *d)
{
	const struct vctx *c = m->c;
	const double *pv = m->pv;
	const char *name = m->dd->name, *why = "";
	double lo = m->pn[P_LOWER] ? pv[P_LOWER] : -INFINITY;
	double hi = m->pn[P_UPPER] ? pv[P_UPPER] : INFINITY;
	unsigned form = m->form;
	int rc;

	memset(d, 0, sizeof *d);
	if (strcmp(name, "fixed") == 0)
		rc = dist_fixed(d, pv[P_VALUE], &why);
	else if (strcmp(name, "uniform") == 0)
		rc = dist_uniform(d, pv[P_MIN], pv[P_MAX], &why);
	else if (strcmp(name, "normal") == 0)
		rc = form & B(P_SD) ?
		     dist_normal_mean_sd(d, pv[P_MEAN], pv[P_SD], &why) :
		     dist_normal_p5_p95(d, pv[P_P5], pv[P_P95], &why);
	else if (strcmp(name, "lognormal") == 0)
		rc = form & B(P_P5) ?
		     dist_lognormal_p5_p95(d, pv[P_P5], pv[P_P95], &why) :
		     form & B(P_GSD) ?
		     dist_lognormal_median_gsd(d, pv[P_MEDIAN], pv[P_GSD],
					       &why) :
		     dist_lognormal_mean_sd(d, pv[P_MEAN], pv[P_SD], &why);
	else if (strcmp(name, "triangular") == 0)
		rc = dist_triangular(d, pv[P_MIN], pv[P_MODE], pv[P_MAX],
				     &why);
	else if (strcmp(name, "pert") == 0)
		rc = dist_pert(d, pv[P_MIN], pv[P_MODE], pv[P_MAX], &why);
	else if (strcmp(name, "beta") == 0)
		rc = dist_beta(d, pv[P_ALPHA], pv[P_BETA],
			       m->pn[P_MIN] ? pv[P_MIN] : 0,
			       m->pn[P_MAX] ? pv[P_MAX] : 1, &why);
	else
		rc = dist_choice(d, m->cv, m->cw, m->nchoice, &why);
	if (rc < 0) {		/* the checks above should leave none */
		loader_error(c->L, m->n, "%s: %s", c->path, why);
		dist_free(d);
		return -1;
	}
	if (dist_prepare(d, lo, hi, &why) < 0) {
		char t1[80], t2[80];

		/* lower < upper was checked: what is left is the mass
		 * between them, or memory */
		if (strcmp(why, "out of memory") == 0)
			loader_error(c->L, m->n, "%s: %s", c->path, why);
		else if (m->pn[P_LOWER] && m->pn[P_UPPER])
			loader_error(c->L, later(m, P_LOWER, P_UPPER),
				     "%s: lower: %s and upper: %s leave almost "
				     "no probability to draw from (less than "
				     "1e-12 of the distribution lies between "
				     "them)", c->path,
				     as_written(m, P_LOWER, t1),
				     as_written(m, P_UPPER, t2));
		else if (m->pn[P_LOWER])
			loader_error(c->L, m->pn[P_LOWER], "%s: lower: %s "
				     "leaves almost no probability to draw "
				     "from (less than 1e-12 of the "
				     "distribution lies above it)", c->path,
				     as_written(m, P_LOWER, t1));
		else
			loader_error(c->L, m->pn[P_UPPER], "%s: upper: %s "
				     "leaves almost no probability to draw "
				     "from (less than 1e-12 of the "
				     "distribution lies below it)", c->path,
				     as_written(m, P_UPPER, t1));
		dist_free(d);
		return -1;
	}
	return 0;
}

/* A mapping with `dist:` at node n into d. */
int loader_dist_map(const struct vctx *c, const struct ynode *n,
		    struct dist *d)
{
	struct dmap m;
	int resample, rc = -1;

	memset(&m, 0, sizeof m);
	memset(d, 0, sizeof *d);
	m.c = c;
	m.n = n;
	m.dd = dist_named(&m, yaml_map_get(n, "dist"));
	if (!m.dd)
		m.dist_bad = 1;
	dmap_keys(&m);
	/* after an unknown or foreign key the intended set is unclear */
	if (m.dd && !m.keys_bad)
		dmap_form(&m);
	dmap_numbers(&m);
	dmap_pairs(&m);
	if (m.pn[P_VALUES] || m.pn[P_WEIGHTS])
		dmap_choice(&m);
	resample = dmap_resample(&m);
	if (!m.dist_bad && !m.keys_bad && dmap_build(&m, d) == 0) {
		if (!m.other_bad) {
			d->resample = (enum dist_resample)resample;
			d->phi = resample == RESAMPLE_AR1 ? m.pv[P_PHI] : 0;
			loader_warn_outside(c, n, d);
			rc = 0;
		} else {
			dist_free(d);
		}
	}
	free(m.cv);
	free(m.cw);
	return rc;
}
