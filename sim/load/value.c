/* value.c — the value forms of docs/format.md "Values": numbers, percentages,
 * "a to b" intervals, `dist:` mappings and year series, each turned into
 * one struct input (or, for a series' then_growth, two). Every problem is
 * recorded and parsing goes on; an input always ends with a valid dist. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dist.h"
#include "loader.h"
#include "suggest.h"

/* ---- inputs ------------------------------------------------------------ */

/* A fixed dist with value v, prepared without truncation. */
static int fixed_dist(struct dist *d, double v, const char **why)
{
	memset(d, 0, sizeof *d);
	if (dist_fixed(d, v, why) < 0)
		return -1;
	return dist_prepare(d, -INFINITY, INFINITY, why);
}

int loader_add_input(struct loader *L, const char *path,
		     const struct key_def *k, const struct ynode *at)
{
	struct scenario *sc = L->sc;
	struct input *in;
	const char *why = "";

	if (sc->ninputs % 16 == 0) {
		struct input *v = realloc(sc->inputs, ((size_t)sc->ninputs + 16)
						      * sizeof *v);
		if (!v) {
			loader_error(L, NULL, "out of memory");
			return -1;
		}
		sc->inputs = v;
	}
	in = &sc->inputs[sc->ninputs];
	memset(in, 0, sizeof *in);
	in->path = strdup(path);
	if (!in->path) {
		loader_error(L, NULL, "out of memory");
		return -1;
	}
	if (at && at->line > 0) {
		in->line = at->line;
		in->col = at->col;
	}
	in->from_set = at && at->set_arg;
	in->form = INPUT_VALUE;
	in->then_growth = -1;
	in->series = -1;
	in->acts_from = k->flags & KF_ACTS1 ? 1 : 0;
	in->per_year_ok = k->flags & KF_PER_YEAR ? 1 : 0;
	in->range_lo = k->lo;
	in->range_hi = k->hi;
	in->loc_lo = in->loc_hi = k->def;
	sc->ninputs++;
	if (fixed_dist(&in->d, k->def, &why) < 0)
		loader_error(L, at, "%s: %s", path, why);
	return sc->ninputs - 1;
}

/* "a to b" at scalar node n into d. Returns 0 or -1 after errors. */
static int parse_interval(const struct vctx *c, const struct ynode *n,
			  struct dist *d)
{
	const char *s = n->str, *to = strstr(s, " to ");
	char ends[2][128], t[80], t2[80];
	double v[2];
	const char *why = "";
	int bad = 0;

	for (int e = 0; e < 2; e++) {
		const char *p = e ? to + 4 : s;
		size_t len = e ? strlen(p) : (size_t)(to - s);

		while (len && isspace((unsigned char)*p))
			p++, len--;
		while (len && isspace((unsigned char)p[len - 1]))
			len--;
		if (len == 0 || len >= sizeof ends[e]) {
			loader_error(c->L, n, "%s: malformed interval %s "
				     "(write \"a to b\")", c->path,
				     loader_show(n, t, sizeof t));
			return -1;
		}
		memcpy(ends[e], p, len);
		ends[e][len] = '\0';
	}
	for (int e = 0; e < 2; e++) {
		switch (number_parse(ends[e], 1, &v[e])) {
		case NUM_OK:
			break;
		case NUM_NONFINITE:
			loader_error(c->L, n, "%s: `%s` is not a finite number "
				     "(in %s)", c->path,
				     loader_text(ends[e], t2, sizeof t2),
				     loader_show(n, t, sizeof t));
			return -1;
		default:
			loader_error(c->L, n, "%s: malformed number `%s` in "
				     "\"a to b\" (each end a number such as "
				     "0.5, 1.5e6 or 25%%)", c->path,
				     loader_text(ends[e], t, sizeof t));
			return -1;
		}
	}
	if (!(v[0] < v[1])) {
		loader_error(c->L, n, "%s: in \"a to b\" a must be below b "
			     "(got %s)", c->path, loader_show(n, t, sizeof t));
		return -1;
	}
	loader_span_take(c, v[0]);
	loader_span_take(c, v[1]);
	for (int e = 0; e < 2; e++)
		if (!schema_in_range(c->k, v[e])) {
			char r[64], h[96];

			schema_range_text(c->k, r, sizeof r);
			/* the hint once, on the first end out of range */
			loader_error(c->L, n, "%s must be %s (got %s in %s)%s",
				     c->path, r, ends[e],
				     loader_show(n, t, sizeof t),
				     bad ? "" : loader_percent_hint(c->k, v, 2,
					n->str, h, sizeof h));
			bad = 1;
		}
	if (bad)
		return -1;
	memset(d, 0, sizeof *d);
	if (dist_interval(d, v[0], v[1], &why) < 0 ||
	    dist_prepare(d, -INFINITY, INFINITY, &why) < 0) {
		loader_error(c->L, n, "%s: %s", c->path, why);
		return -1;
	}
	loader_warn_outside(c, n, d);
	return 0;
}

/* A scalar value: number, percentage or "a to b". */
static int parse_scalar_value(const struct vctx *c, const struct ynode *n,
			      struct dist *d)
{
	char t[80];
	const char *why = "";
	double v;

	if (n->plain_null) {
		loader_error(c->L, n, "%s has no value (give a number, a "
			     "percentage, \"a to b\" or a mapping with "
			     "`dist:`)", c->path);
		return -1;
	}
	if (strstr(n->str, " to "))
		return parse_interval(c, n, d);
	switch (number_parse(n->str, 1, &v)) {
	case NUM_OK:
		break;
	case NUM_NONFINITE:
		loader_error(c->L, n, "%s must be a finite number (got %s)",
			     c->path, loader_show(n, t, sizeof t));
		return -1;
	case NUM_MALFORMED:
		loader_error(c->L, n, "%s: malformed number %s (a value is a "
			     "number such as 120 or 1.5e6, a percentage such "
			     "as 25%%, \"a to b\" or a mapping with `dist:`)",
			     c->path, loader_show(n, t, sizeof t));
		return -1;
	default:
		loader_error(c->L, n, "%s must be a number, a percentage, "
			     "\"a to b\" or a mapping with `dist:` (got %s)",
			     c->path, loader_show(n, t, sizeof t));
		return -1;
	}
	if (loader_check_range(c, n, v, "", n->str) < 0)
		return -1;
	if (fixed_dist(d, v, &why) < 0) {
		loader_error(c->L, n, "%s: %s", c->path, why);
		return -1;
	}
	return 0;
}

/* One value that is not a series: a scalar or a `dist:` mapping. */
static int parse_point(const struct vctx *c, const struct ynode *n,
		       struct dist *d)
{
	char t[80];

	memset(d, 0, sizeof *d);
	if (n->kind == YNODE_SCALAR)
		return parse_scalar_value(c, n, d);
	if (n->kind == YNODE_MAP && yaml_map_get(n, "dist"))
		return loader_dist_map(c, n, d);
	loader_error(c->L, n, "%s must be a number, a percentage, \"a to b\" "
		     "or a mapping with `dist:` (got %s)", c->path,
		     loader_show(n, t, sizeof t));
	return -1;
}

/* ---- year series ------------------------------------------------------- */

/* Is s a year as a series key: digits only, at most 4? */
static int year_key(const char *s, int *year)
{
	size_t n = strlen(s);

	if (n == 0 || n > 4 || strspn(s, "0123456789") != n)
		return 0;
	*year = (int)strtol(s, NULL, 10);	/* at most 4 digits */
	return 1;
}

/* A growth above this, 1000% a year, is taken for percent points
 * written without `%` (a growth of 150 for 150%): a warning. */
#define GROWTH_LIMIT 10

/* A growth key: a yearly change that can fall by 100% at most and rise
 * without bound (growth, then_growth, market_growth, price_change; not
 * the discount rate, drawn once, nor an elasticity, from 0). */
static int growth_key(const struct key_def *k)
{
	return (k->flags & KF_PER_YEAR) && k->lo == -1 && isinf(k->hi) &&
	       k->hi > 0;
}

/* A rate above limit a year (a discount rate of 9 for 9%, limit 1; a
 * growth of 150 for 150%, limit GROWTH_LIMIT): a warning, unless the end
 * above it is written in percent ("150%", "5% to 120%"). For "a to b"
 * with both ends above it and neither in percent, the range in percent;
 * else the end above it. */
static void warn_rate(struct loader *L, const struct ynode *v,
		      const char *path, const double *span, double limit)
{
	const char *to = NULL, *hi_text = NULL;
	int lo_pct = 0, hi_pct = 0;

	if (v->kind == YNODE_SCALAR) {
		to = strstr(v->str, " to ");
		hi_text = to ? to + 4 : v->str;
		hi_pct = strchr(hi_text, '%') != NULL;
		lo_pct = to && memchr(v->str, '%', (size_t)(to - v->str));
	} else if (v->kind == YNODE_MAP) {
		/* a `dist:` mapping: the parameter that gave the end above
		 * the limit, written in percent ("max: 2000%") or not */
		for (size_t i = 0; i < v->n && !hi_pct; i++) {
			const struct ynode *p = v->vals[i];
			double x;

			hi_pct = p->kind == YNODE_SCALAR &&
				 strchr(p->str, '%') &&
				 number_parse(p->str, 1, &x) == NUM_OK &&
				 x == span[1];
		}
	}
	if (hi_pct)
		return;
	if (to && span[0] > limit && !lo_pct)
		loader_warning(L, v, "%s: %g to %g is %g%% to %g%% a year; for "
			       "percents write `%g%% to %g%%`", path, span[0],
			       span[1], 100 * span[0], 100 * span[1], span[0],
			       span[1]);
	else
		loader_warning(L, v, "%s: %g is %g%% a year; for %g%% write "
			       "`%g%%` or %g", path, span[1], 100 * span[1],
			       span[1], span[1], span[1] / 100);
}

/* A value of key k read at v, its location parameters spanning span,
 * that is likely percent points written without `%`: a discount rate of
 * 9 (900% a year), a growth of 150 (15000%); warn_rate says so. */
static void warn_percent_points(struct loader *L, const struct key_def *k,
				const struct ynode *v, const char *path,
				const double *span)
{
	if (!(span[0] <= span[1]))
		return;
	if (strcmp(k->name, "discount_rate") == 0 && span[1] > 1)
		warn_rate(L, v, path, span, 1);
	else if (growth_key(k) && span[1] > GROWTH_LIMIT)
		warn_rate(L, v, path, span, GROWTH_LIMIT);
}

/* Warn when series idx (row k), carried on past its last listed year by
 * its then_growth (input ti, written at node tg), leaves the key's range
 * inside the horizon at the medians: the last listed value's and the
 * growth's, each dist_quantile(d, 0.5). The sampler grows the series as
 * x_t = x_{t-1} (1 + g_t) (sample.c), so a decline rate or a share can
 * pass its bound years after the last value the file lists. Nothing when
 * the series or its growth had errors (the file is refused anyway). */
static void warn_series_growth(struct loader *L, int idx, int ti,
			       const struct key_def *k,
			       const struct ynode *tg)
{
	const struct scenario *sc = L->sc;
	const struct input *in = &sc->inputs[idx], *g = &sc->inputs[ti];
	char r[64];
	double x0, x, gm;
	int last, t;

	if (!L->have_horizon || in->form != INPUT_SERIES || in->npoints < 1)
		return;
	last = in->point_t[in->npoints - 1];
	x0 = dist_quantile(&in->points[in->npoints - 1], 0.5);
	gm = dist_quantile(&g->d, 0.5);
	x = x0;
	for (t = last + 1; t < sc->years; t++) {
		x *= 1 + gm;
		if (!schema_in_range(k, x))
			break;
	}
	if (t >= sc->years)
		return;
	schema_range_text(k, r, sizeof r);
	loader_warning(L, tg, "%s takes the series out of its range (%s) by "
		       "%d at the medians (%.4g in %d, then %+.3g%% a year, gives "
		       "%.4g); list later years, or give then_growth a value "
		       "that keeps it in range", g->path,
		       strncmp(r, "in ", 3) == 0 ? r + 3 : r,
		       sc->start_year + t, x0, sc->start_year + last,
		       100 * gm, x);
}

static void parse_series(struct loader *L, int idx, const struct key_def *k,
			 const struct ynode *n)
{
	struct scenario *sc = L->sc;
	const struct ynode *tg = NULL;
	struct vctx c = {L, k, sc->inputs[idx].path, 1, NULL, NULL, NULL};
	struct dist *pts;
	const struct ynode *v0 = NULL;	/* the first point's value */
	int *pt, np = 0, prev = 0, uncertain = 0, bad = 0, j0;
	char t[80];

	if (!(k->flags & KF_PER_YEAR)) {
		loader_error(L, n, "%s may not be a year series: it is drawn "
			     "once per trial (only \"per year\" keys may)",
			     c.path);
		return;
	}
	pts = calloc(n->n, sizeof *pts);
	pt = calloc(n->n, sizeof *pt);
	if (!pts || !pt) {
		free(pts);
		free(pt);
		loader_error(L, n, "out of memory");
		return;
	}
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *key = n->keys[i];
		int y;

		if (strcmp(key->str, "then_growth") == 0) {
			tg = n->vals[i];
			continue;
		}
		if (!year_key(key->str, &y)) {
			static const char *const tgname[] = {"then_growth"};
			char m[64];

			loader_error(L, key, "%s: %s is not a year (a year "
				     "series maps years to values, plus an "
				     "optional then_growth)%s", c.path,
				     loader_show(key, t, sizeof t),
				     loader_did_you_mean(loader_nearest(L,
					key->str, tgname, sizeof tgname[0], 1),
					m, sizeof m));
			bad = 1;
			continue;
		}
		if (L->have_horizon) {
			int y0 = sc->start_year, y1 = y0 + sc->years - 1;

			if (np == 0 && y != y0) {
				loader_error(L, key, "%s: a year series must "
					     "start at start_year %d (got %d)%s",
					     c.path, y0, y, L->horizon_note);
				bad = 1;
			} else if (y < y0 || y > y1) {
				loader_error(L, key, "%s: year %d is outside "
					     "the horizon %d-%d%s", c.path, y,
					     y0, y1, L->horizon_note);
				bad = 1;
			} else if (np > 0 && y <= prev) {
				loader_error(L, key, "%s: the years of a series "
					     "must increase (got %d after %d)",
					     c.path, y, prev);
				bad = 1;
			}
		}
		prev = y;
		{
			double sp[2] = {INFINITY, -INFINITY};

			c.span = sp;
			if (parse_point(&c, n->vals[i], &pts[np]) < 0)
				bad = 1;
			else
				warn_percent_points(L, k, n->vals[i], c.path,
						    sp);
			c.span = NULL;
		}
		pt[np] = L->have_horizon ? y - sc->start_year : np;
		if (np == 0)
			v0 = n->vals[i];
		np++;
	}
	if (np == 0) {
		loader_error(L, n, "%s: a year series needs at least one year, "
			     "starting at start_year", c.path);
		bad = 1;
	}
	/* uncertain through a point some year uses: a key acting from
	 * year 1 never uses a year-0 point that a year-1 point replaces
	 * (docs/model.md "Units and time"), so whatever it draws moves
	 * nothing; said when it draws (a fixed one is how such a series
	 * must start), and a series uncertain only there is fixed */
	j0 = L->have_horizon ? series_first_used_point(
		     sc->inputs[idx].acts_from, np, pt) : 0;
	for (int j = j0; j < np; j++)
		uncertain |= !dist_is_fixed(&pts[j]);
	if (!bad && j0 > 0 && !dist_is_fixed(&pts[0]))
		loader_warning(L, v0, "%s: the %d value is never used (the "
			       "key acts from %d on, and the %d value "
			       "replaces it), so its uncertainty moves "
			       "nothing; give it as a fixed number", c.path,
			       sc->start_year + pt[0],
			       sc->start_year + sc->inputs[idx].acts_from,
			       sc->start_year + pt[1]);
	{
		struct input *in = &sc->inputs[idx];

		if (!bad) {
			dist_free(&in->d);
			in->form = INPUT_SERIES;
			in->npoints = np;
			in->point_t = pt;
			in->points = pts;
			in->uncertain = uncertain;
			pt = NULL;
			pts = NULL;
		}
	}
	for (int i = 0; pts && i < np; i++)
		dist_free(&pts[i]);
	free(pts);
	free(pt);

	if (tg) {
		const struct key_def *tk = schema_find(SCHEMA_SERIES,
						       "then_growth");
		char path[512];
		int ti;

		snprintf(path, sizeof path, "%s.then_growth", c.path);
		ti = loader_add_input(L, path, tk, tg);
		if (ti < 0)
			return;
		if (tg->kind == YNODE_MAP && !yaml_map_get(tg, "dist")) {
			loader_error(L, tg, "%s: then_growth may not itself be "
				     "a year series", path);
		} else {
			int nerr = L->d->nerr;

			loader_value(L, ti, tk, tg);
			if (L->d->nerr == nerr)
				warn_series_growth(L, idx, ti, k, tg);
		}
		sc->inputs[idx].then_growth = ti;
		sc->inputs[ti].series = idx;
		/* it acts after the last listed year only (docs/model.md,
		 * "Sampling": its trial value is the mean over those) */
		if (sc->inputs[idx].form == INPUT_SERIES &&
		    sc->inputs[idx].npoints > 0)
			sc->inputs[ti].acts_from = sc->inputs[idx].point_t[
				sc->inputs[idx].npoints - 1] + 1;
	}
}

void loader_value(struct loader *L, int idx, const struct key_def *k,
		  const struct ynode *v)
{
	double span[2] = {INFINITY, -INFINITY};
	struct vctx c = {L, k, L->sc->inputs[idx].path, 0, span, NULL, NULL};
	struct dist d;

	if (v->kind == YNODE_MAP && !yaml_map_get(v, "dist")) {
		int series = 0, y;

		for (size_t i = 0; i < v->n; i++)
			if (year_key(v->keys[i]->str, &y) ||
			    strcmp(v->keys[i]->str, "then_growth") == 0)
				series = 1;
		if (series) {
			parse_series(L, idx, k, v);
			return;
		}
		/* a key that is `dist` misspelt (`dsit:`) is named, and
		 * reported where it is */
		for (size_t i = 0; i < v->n; i++) {
			static const char *const dist_key[] = {"dist"};
			char t[80];

			if (loader_nearest(L, v->keys[i]->str, dist_key,
					   sizeof dist_key[0], 1)) {
				loader_error(L, v->keys[i], "%s: a mapping here "
					     "needs `dist:` (did you mean `dist` "
					     "for %s?)", c.path,
					     loader_show(v->keys[i], t,
							 sizeof t));
				return;
			}
		}
		loader_error(L, v, "%s: a mapping here needs `dist:`%s",
			     c.path, k->flags & KF_PER_YEAR ?
			     " (or years, for a year series)" : "");
		return;
	}
	if (parse_point(&c, v, &d) < 0)
		return;
	dist_free(&L->sc->inputs[idx].d);
	L->sc->inputs[idx].d = d;
	L->sc->inputs[idx].uncertain = !dist_is_fixed(&d);
	if (span[0] <= span[1]) {
		L->sc->inputs[idx].loc_lo = span[0];
		L->sc->inputs[idx].loc_hi = span[1];
	}
	warn_percent_points(L, k, v, c.path, span);
}

int loader_value_recheck(struct loader *L, const struct key_def *k,
			 const struct key_def *own, const char *range_of,
			 const char *path, const struct ynode *v)
{
	struct vctx c = {L, k, path, 0, NULL, range_of, own};
	struct dist d;

	if (v->kind == YNODE_MAP && !yaml_map_get(v, "dist"))
		return 0;	/* a series: its points were read already */
	if (parse_point(&c, v, &d) < 0)
		return -1;
	dist_free(&d);
	return 0;
}
