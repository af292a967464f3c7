/* corrpaths.c — the input paths a scenario's correlations name
 * (docs/format.md "Correlations"): each pair resolved to its two uncertain
 * inputs, and a path that names no input refused with why (a section, a
 * list item, a fixed value, a key unused beside an industry section) and
 * the nearest path. paths.c resolves one path and applies --set. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

struct path_ix {
	const char *path;
	int idx;
};

static int cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct path_ix *)a)->path,
		      ((const struct path_ix *)b)->path);
}

struct pair {
	int a, b, item;
	const struct ynode *node;
};

static int cmp_pair(const void *x, const void *y)
{
	const struct pair *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return p->item < q->item ? -1 : p->item > q->item;
}

/* What a key of kind k is, for "`PATH` is ..., not an uncertain input". */
static const char *kind_text(enum key_kind k)
{
	switch (k) {
	case KEY_SECTION:
		return "a section";
	case KEY_TEXT:
		return "text";
	case KEY_WHOLE:
		return "a whole number (never drawn)";
	case KEY_BOOL:
		return "true or false";
	case KEY_WORD:
		return "a setting";
	case KEY_LAUNCH:
		return "the launch rule";
	case KEY_PERCENTILES:
		return "the list of percentiles reported";
	case KEY_LIST:
		return "a list";
	case KEY_CORRELATIONS:
		return "the correlations";
	case KEY_SUBSECTION:
		return "a mapping of keys";
	default:
		return "not a number";
	}
}

/* The first key of list section sec that is an input (for examples). */
static const char *first_value(const char *sec)
{
	for (int i = 0; i < schema_nkeys; i++)
		if (schema_keys[i].kind == KEY_VALUE &&
		    strcmp(schema_keys[i].section, sec) == 0)
			return schema_keys[i].name;
	return "share";
}

/* Why input path p (a series or a plain value of the scenario, or
 * neither) has no then_growth, into buf. */
static void series_without_growth(struct loader *L, const char *p,
				  char *buf, size_t size)
{
	int i = scenario_find_input(L->sc, p);
	char t[256];

	loader_text(p, t, sizeof t);
	if (i >= 0 && L->sc->inputs[i].form == INPUT_SERIES)
		snprintf(buf, size, "`%s` is a year series without a "
			 "then_growth; give it one (then_growth: ...) to name "
			 "it", t);
	else
		snprintf(buf, size, "`%s` is not a year series, so it has no "
			 "then_growth", t);
}

/* A path that names no input but a key of the format (cloud.term_years,
 * supply.procurement, a name): why, into buf, and 1; an item that is not
 * in its list: 3 (and why); 2 when the path is under a list the loader
 * refused whole (nothing to add); 0 when the path means nothing (then:
 * unknown path). */
static int not_input(struct loader *L, const char *path, char *buf,
		     size_t size)
{
	char copy[512], *c[6], t[256], sec[300];
	const struct key_def *r0, *r1, *r3;
	int nc = 0;

	if (strlen(path) >= sizeof copy)
		return 0;
	strcpy(copy, path);
	for (char *p = copy, *dot; nc < 6; p = dot + 1) {
		c[nc++] = p;
		if (!(dot = strchr(p, '.')))
			break;
		*dot = '\0';
	}
	loader_text(path, t, sizeof t);
	if (!(r0 = schema_find("", c[0])) || nc > 5)
		return 0;
	if (nc == 1 || r0->kind != KEY_SECTION) {
		snprintf(buf, size, "`%s` is %s, not an uncertain input", t,
			 kind_text(r0->kind));
		return 1;
	}
	if (!(r1 = schema_find(c[0], c[1])))
		return 0;
	if (r1->kind == KEY_VALUE) {
		if ((r1->flags & KF_NOINDUSTRY) && L->has_industry) {
			snprintf(buf, size, "`%s` is not used beside an "
				 "`industry` section%.200s (the market is then "
				 "the industry's); name an industry input "
				 "instead", t, L->industry_note);
			return 1;
		}
		if (nc == 3 && strcmp(c[2], "then_growth") == 0) {
			snprintf(sec, sizeof sec, "%.140s.%.140s", c[0], c[1]);
			series_without_growth(L, sec, buf, size);
			return 1;
		}
		return 0;
	}
	/* every key of a mapping such as capex_response is an input, so a
	 * path under it that did not resolve names a key of a mapping the
	 * scenario leaves out, or an unknown key */
	if (r1->kind == KEY_SUBSECTION && nc > 2) {
		snprintf(sec, sizeof sec, "%.140s.%.140s", c[0], c[1]);
		if (nc > 3 || !schema_find(sec, c[2]))
			return 0;
		snprintf(buf, size, "`%.200s` is not an input of this "
			 "scenario: it gives no `%.200s` mapping", t, sec);
		return 1;
	}
	if (r1->kind != KEY_LIST || nc == 2) {
		snprintf(buf, size, "`%s` is %s, not an uncertain input", t,
			 kind_text(r1->kind));
		if (r1->kind == KEY_LIST)
			snprintf(buf + strlen(buf), size - strlen(buf),
				 "; name a key of one of its items, e.g. "
				 "`%s.NAME.%s`", t, first_value(t));
		return 1;
	}
	for (int i = 0; i < L->nfailed_list; i++)
		if (L->failed_list[i] == r1)
			return 2;
	{
		int count;	/* a required list left empty: said already */

		memcpy(&count, (const char *)L->sc + r1->off_n, sizeof count);
		if (count == 0 && r1->min_items > 0)
			return 2;
	}
	snprintf(sec, sizeof sec, "%.140s.%.140s", c[0], c[1]);
	if (nc == 3) {
		snprintf(buf, size, "`%s` is an item, not an uncertain input; "
			 "name one of its keys, e.g. `%s.%s`", t, t,
			 first_value(sec));
		return 1;
	}
	if (!(r3 = schema_find(sec, c[3])))
		return 0;
	if (r3->kind != KEY_VALUE) {
		snprintf(buf, size, "`%s` is %s, not an uncertain input", t,
			 kind_text(r3->kind));
		return 1;
	}
	if (nc == 5 && strcmp(c[4], "then_growth") == 0) {
		size_t len = (size_t)(c[4] - c[0]) - 1;	/* S.L.NAME.KEY */
		char in[512];

		memcpy(in, path, len);
		in[len] = '\0';
		if (scenario_find_input(L->sc, in) >= 0) {
			series_without_growth(L, in, buf, size);
			return 1;
		}
	}
	if (nc == 4 || (nc == 5 && strcmp(c[4], "then_growth") == 0)) {
		char nm[128];

		snprintf(buf, size, "no item named `%s` in `%s`",
			 loader_text(c[2], nm, sizeof nm), sec);
		return 3;
	}
	return 0;
}

/* For path S.L.NAME.KEY whose item NAME is missing: " (did you mean
 * `S.L.OTHER.KEY`?)" with OTHER the nearest item name of list S.L among
 * the input paths ix, or "". */
static const char *near_item(struct loader *L, const struct path_ix *ix,
			     int nix, const char *path, char *buf, size_t size)
{
	const char *names[LOADER_MAX_ITEMS], *best, *d1, *d2, *rest;
	size_t lens[LOADER_MAX_ITEMS], plen;
	char name[128], tmp[LOADER_MAX_ITEMS][65];
	int n = 0;

	if (L->nsuggest >= LOADER_MAX_SUGGEST)
		return "";	/* the budget of suggestions is spent */
	d1 = strchr(path, '.');
	d2 = d1 ? strchr(d1 + 1, '.') : NULL;
	rest = d2 ? strchr(d2 + 1, '.') : NULL;
	if (!rest || (size_t)(rest - d2 - 1) >= sizeof name)
		return "";
	plen = (size_t)(d2 - path) + 1;		/* "S.L." */
	memcpy(name, d2 + 1, (size_t)(rest - d2 - 1));
	name[rest - d2 - 1] = '\0';
	for (int i = 0; i < nix && n < LOADER_MAX_ITEMS; i++) {
		const char *p = ix[i].path, *e;
		int dup = 0;

		if (strncmp(p, path, plen) != 0 || !(e = strchr(p + plen, '.')))
			continue;
		lens[n] = (size_t)(e - p - (ptrdiff_t)plen);
		if (lens[n] >= sizeof tmp[0])
			continue;
		for (int j = 0; j < n && !dup; j++)
			dup = lens[j] == lens[n] &&
			      memcmp(tmp[j], p + plen, lens[n]) == 0;
		if (dup)
			continue;
		memcpy(tmp[n], p + plen, lens[n]);
		tmp[n][lens[n]] = '\0';
		names[n] = tmp[n];
		n++;
	}
	best = loader_nearest(L, name, names, sizeof names[0], n);
	if (!best)
		return "";
	snprintf(buf, size, " (did you mean `%.*s%s%s`?)", (int)plen, path,
		 best, rest);
	return buf;
}

/* Resolve the path at node n; -1 after an error. */
static int corr_path(struct loader *L, const struct path_ix *ix, int nix,
		     const struct ynode *n)
{
	struct path_ix key, *hit;
	char t[80], m[600], why[600];

	if (n->kind != YNODE_SCALAR || n->plain_null) {
		loader_error(L, n, "correlations: expected an input path "
			     "(got %s)", loader_show(n, t, sizeof t));
		return -1;
	}
	key.path = n->str;
	hit = nix ? bsearch(&key, ix, (size_t)nix, sizeof *ix, cmp_path) : NULL;
	if (hit)
		return hit->idx;
	switch (not_input(L, n->str, why, sizeof why)) {
	case 1:		/* a key that is not an input */
		loader_error(L, n, "correlations: %s", why);
		return -1;
	case 2:
		return -1;	/* its list was refused: said already */
	case 3:		/* a missing item: name the nearest */
		loader_error(L, n, "correlations: %s%s", why,
			     near_item(L, ix, nix, n->str, m, sizeof m));
		return -1;
	default:
		break;
	}
	{
		/* a path into a section whose misspelt name was said
		 * (`industy:`): nothing more to say */
		char sec[64];
		size_t sl = strcspn(n->str, ".");
		const struct key_def *sk;

		snprintf(sec, sizeof sec, "%.*s", (int)(sl < 63 ? sl : 63),
			 n->str);
		sk = schema_find("", sec);
		if (sk && sk->kind == KEY_SECTION &&
		    L->section_named[sk - schema_keys])
			return -1;
	}
	m[0] = '\0';
	{
		const char *best = nix ? loader_nearest(L, n->str, &ix[0].path,
							sizeof ix[0], nix)
				       : NULL;

		if (best)
			snprintf(m, sizeof m, " (did you mean `%s`?)", best);
	}
	loader_error(L, n, "correlations: unknown path %s%s",
		     loader_show(n, t, sizeof t), m);
	return -1;
}

void loader_correlations(struct loader *L, const struct ynode *key,
			 const struct ynode *v)
{
	struct scenario *sc = L->sc;
	struct path_ix *ix = NULL;
	struct pair *pairs = NULL;
	int np = 0;
	char t[80];

	if (key->line > 0) {
		sc->corr_line = key->line;
		sc->corr_col = key->col;
	}
	if (v->kind == YNODE_SCALAR && v->plain_null)
		return;
	if (v->kind != YNODE_SEQ) {
		loader_error(L, v, "correlations must be a list of [PATH, PATH, "
			     "rho_s] (got %s)", loader_show(v, t, sizeof t));
		return;
	}
	ix = calloc((size_t)sc->ninputs + 1, sizeof *ix);
	pairs = calloc(v->n + 1, sizeof *pairs);
	sc->corr = calloc(v->n + 1, sizeof *sc->corr);
	if (!ix || !pairs || !sc->corr) {
		loader_error(L, v, "out of memory");
		goto out;
	}
	for (int i = 0; i < sc->ninputs; i++) {
		ix[i].path = sc->inputs[i].path;
		ix[i].idx = i;
	}
	qsort(ix, (size_t)sc->ninputs, sizeof *ix, cmp_path);

	for (size_t i = 0; i < v->n; i++) {
		const struct ynode *it = v->vals[i];
		int a, b, bad = 0;
		double rho = 0;

		if (it->kind != YNODE_SEQ || it->n != 3) {
			loader_error(L, it, "each correlation is [PATH, PATH, "
				     "rho_s] (got %s)",
				     it->kind == YNODE_SEQ ?
				     "a list of another length" :
				     loader_show(it, t, sizeof t));
			continue;
		}
		a = corr_path(L, ix, sc->ninputs, it->vals[0]);
		b = corr_path(L, ix, sc->ninputs, it->vals[1]);
		{
			const struct ynode *r = it->vals[2];

			if (r->kind != YNODE_SCALAR || r->plain_null ||
			    number_parse(r->str, 1, &rho) != NUM_OK) {
				loader_error(L, r, "correlations: rho_s must be "
					     "a number in [-1, 1] (got %s)",
					     loader_show(r, t, sizeof t));
				bad = 1;
			} else if (!(rho >= -1 && rho <= 1)) {
				loader_error(L, r, "correlations: rho_s must be "
					     "in [-1, 1] (got %s)",
					     loader_text(r->str, t, sizeof t));
				bad = 1;
			}
		}
		if (a < 0 || b < 0)
			continue;
		if (a == b) {
			loader_error(L, it, "correlations: `%s` is paired with "
				     "itself", sc->inputs[a].path);
			continue;
		}
		pairs[np].a = a < b ? a : b;
		pairs[np].b = a < b ? b : a;
		pairs[np].item = (int)i;
		pairs[np].node = it;
		np++;
		if (bad)
			continue;
		if (!sc->inputs[a].uncertain || !sc->inputs[b].uncertain) {
			/* a fixed input: the pair is ignored, and said when
			 * the file fixes it, or leaves it at a fixed default
			 * (likely a slip); not when a --set does (to see
			 * that input's effect), nor after an error (a value
			 * refused is left at its fixed default) */
			const struct input *ia = &sc->inputs[a],
					   *ib = &sc->inputs[b];
			const struct input *f =
				!ia->uncertain && !ia->from_set ? ia :
				!ib->uncertain && !ib->from_set ? ib : NULL;

			if (f && L->d->nerr == 0)
				loader_warning(L, it, "correlations: `%s` is "
					       "fixed, so its pair with `%s` "
					       "is ignored (a correlation ties "
					       "two uncertain inputs)",
					       f->path,
					       (f == ia ? ib : ia)->path);
			continue;
		}
		sc->corr[sc->ncorr].a = a;
		sc->corr[sc->ncorr].b = b;
		sc->corr[sc->ncorr].rho_s = rho;
		sc->corr[sc->ncorr].line = it->line > 0 ? it->line : 0;
		sc->corr[sc->ncorr].col = it->line > 0 ? it->col : 0;
		sc->ncorr++;
	}

	qsort(pairs, (size_t)np, sizeof *pairs, cmp_pair);
	for (int i = 1, first = 0; i < np; i++) {
		char f[40] = "";

		if (pairs[i].a != pairs[first].a ||
		    pairs[i].b != pairs[first].b) {
			first = i;
			continue;
		}
		if (pairs[first].node->line > 0)
			snprintf(f, sizeof f, " (first at line %d)",
				 pairs[first].node->line);
		loader_error(L, pairs[i].node, "correlations: `%s` and `%s` "
			     "are paired twice%s", sc->inputs[pairs[i].a].path,
			     sc->inputs[pairs[i].b].path, f);
	}
out:
	free(ix);
	free(pairs);
}
