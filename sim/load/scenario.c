/* scenario.c — node tree + schema -> a validated struct scenario
 * (docs/format.md "A scenario", "Keys", "Bad input").
 *
 * The loader walks the YAML tree in document order, looks every key up in
 * the schema table (schema.c) and stores what it reads where the row says.
 * It never stops at the first problem: each one is recorded in the diag
 * with its position and the walk goes on, so `check` shows them all. Keys
 * that are absent get their row's default; inputs are created in the order
 * their keys appear in the file (a series' then_growth right after it),
 * then defaults in table order. Value forms live in value.c, --set
 * splicing in paths.c. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "loader.h"
#include "scenario.h"

static const double default_pct[] = {5, 10, 25, 50, 75, 90, 95};

/* " (first at line N)" for a node, or "" when it has no file position. */
static const char *first_at(const struct ynode *n, char *buf, size_t size)
{
	if (!n || n->line <= 0)
		return "";
	snprintf(buf, size, " (first at line %d)", n->line);
	return buf;
}

/* ---- sections, lists and items ----------------------------------------- */

static void load_keys(struct loader *L, const char *section, void *base,
		      const char *prefix, const struct ynode *map,
		      const struct ynode *pos, int quiet);

/* See scenario.h. */
int scenario_input_all_zero(const struct input *in)
{
	if (in->form != INPUT_VALUE)
		return 0;
	if (in->d.kind == DIST_FIXED)
		return in->d.a == 0;
	if (in->d.kind == DIST_CHOICE) {
		for (int i = 0; i < in->d.nvalues; i++)
			if (in->d.values[i] != 0)
				return 0;
		return in->d.nvalues > 0;
	}
	return 0;
}

/* A list of named items (KEY_LIST) at v. */
/* Does mapping m hold an unknown key that schema_suggest() matches to
 * row `want` of `section` (so that its message already names it)? */
static int misspelt(struct loader *L, const struct ynode *m,
		    const char *section, const struct key_def *want)
{
	for (size_t i = 0; i < m->n; i++) {
		if (schema_find(section, m->keys[i]->str))
			continue;
		if (L->nsuggest >= LOADER_MAX_SUGGEST)
			return 0;
		L->nsuggest++;
		if (schema_suggest(section, m->keys[i]->str) == want)
			return 1;
	}
	return 0;
}

/* Remember that list k was refused whole, or that an item of it has no
 * name: correlations naming its items add nothing then. */
static void list_failed(struct loader *L, const struct key_def *k)
{
	if (L->nfailed_list < (int)(sizeof L->failed_list /
				    sizeof L->failed_list[0]))
		L->failed_list[L->nfailed_list++] = k;
}

/* Of the values of keys a and b of mapping m, the first that a --set
 * gave (so that the message names the argument), else m. */
static const struct ynode *set_node(const struct ynode *m, const char *a,
				    const char *b)
{
	const struct ynode *v = yaml_map_get(m, a);

	if (v && v->set_arg)
		return v;
	v = yaml_map_get(m, b);
	return v && v->set_arg ? v : m;
}

static void load_list(struct loader *L, const struct key_def *k,
		      const char *path, const struct ynode *key,
		      const struct ynode *v)
{
	struct scenario *sc = L->sc;
	const struct key_def *name_row = schema_find(path, "name");
	const struct key_def *weight = NULL;
	char t[80], f[40];
	char *items;
	int n, nz = 0, nmissing = 0;

	if (v->kind == YNODE_SCALAR && v->plain_null && k->min_items == 0)
		return;
	if (v->kind != YNODE_SEQ) {
		loader_error(L, v, "%s must be a list of items with `name:` "
			     "(got %s)", path, loader_show(v, t, sizeof t));
		list_failed(L, k);
		return;
	}
	if ((int)v->n < k->min_items) {
		loader_error(L, v, "%s needs at least one item", path);
		list_failed(L, k);
		return;
	}
	if (v->n > LOADER_MAX_ITEMS) {
		loader_error(L, v, "%s has %zu items; at most %d are "
			     "supported", path, v->n, LOADER_MAX_ITEMS);
		list_failed(L, k);
		return;
	}
	n = (int)v->n;
	items = calloc((size_t)n ? (size_t)n : 1, k->item_size);
	if (!items) {
		loader_error(L, v, "out of memory");
		return;
	}
	loader_put(sc, k->off, &items, sizeof items);
	loader_put(sc, k->off_n, &n, sizeof n);
	for (int i = 0; i < schema_nkeys; i++)
		if (strcmp(schema_keys[i].section, path) == 0 &&
		    (schema_keys[i].flags & KF_WEIGHT))
			weight = &schema_keys[i];

	for (int i = 0; i < n; i++) {
		const struct ynode *it = v->vals[i];
		void *base = items + (size_t)i * k->item_size;
		const struct ynode *nn = yaml_map_get(it, "name");
		char prefix[256], what[300];
		char *name = NULL;

		snprintf(prefix, sizeof prefix, "%.200s[%d]", path, i + 1);
		if (it->kind != YNODE_MAP) {
			loader_error(L, it, "%s must be a mapping with `name:` "
				     "(got %s)", prefix,
				     loader_show(it, t, sizeof t));
			load_keys(L, path, base, prefix, NULL, it, 1);
			list_failed(L, k);	/* an item without a name */
			continue;
		}
		if (!nn) {
			/* `nam:` gets "did you mean `name`" from load_keys */
			if (!misspelt(L, it, path, name_row))
				loader_error(L, it, "missing required key "
					     "`name` in item %d of `%s`", i + 1,
					     path);
			list_failed(L, k);
		} else {
			snprintf(what, sizeof what, "%.250s.name", prefix);
			name = loader_load_text(L, name_row, base, what, nn);
			if (!name)
				list_failed(L, k);
		}
		for (int j = 0; name && j < i; j++) {
			char *other;

			memcpy(&other, items + (size_t)j * k->item_size +
			       name_row->off, sizeof other);
			if (other && strcmp(other, name) == 0) {
				const struct ynode *on =
					yaml_map_get(v->vals[j], "name");
				/* an item copied from an alias (`- *item`):
				 * its name node is the anchor's, the copy is
				 * where the alias is written */
				const struct ynode *at =
					nn->line < it->line ||
					(nn->line == it->line &&
					 nn->col < it->col) ? it : nn;

				loader_error(L, at, "duplicate name `%s` in "
					     "`%s`%s", name, path,
					     first_at(on, f, sizeof f));
				break;
			}
			/* paths would tell them apart, a reader would not */
			if (other && strcasecmp(other, name) == 0) {
				const struct ynode *on =
					yaml_map_get(v->vals[j], "name");
				if (on && on->line > 0)
					snprintf(f, sizeof f, " at line %d",
						 on->line);
				else
					f[0] = '\0';
				loader_error(L, nn, "name `%s` in `%s` differs "
					     "only in case from `%s`%s; names "
					     "must differ in more than case",
					     name, path, other, f);
				break;
			}
		}
		if (name)
			snprintf(prefix, sizeof prefix, "%.100s.%.100s", path,
				 name);
		load_keys(L, path, base, prefix, it, it, 0);
		if (k->item_size == sizeof(struct contract) &&
		    k->off == offsetof(struct scenario, contracts)) {
			const struct contract *ct = base;

			if (ct->start && ct->end && ct->start > ct->end)
				loader_error(L, set_node(it, "start", "end"),
					     "%s: start %d is after end %d",
					     prefix, ct->start, ct->end);
		}
		if (weight && scenario_input_all_zero(
			      &sc->inputs[loader_get_int(base, weight->off)]))
			nz++;
		if (weight && (!yaml_map_get(it, weight->name) ||
			       sc->inputs[loader_get_int(base, weight->off)]
				       .refused))
			nmissing++;	/* reported missing already, or its
					 * share refused: the 0 an error
					 * leaves is no share of 0 */
	}
	if (weight && n > 0 && nz == n && nmissing == 0) {
		/* a --set that zeroed a share is named, else the list */
		const struct ynode *at = key->line > 0 ? key : v;

		for (size_t i = 0; i < v->n; i++) {
			const struct ynode *w = yaml_map_get(v->vals[i],
							     weight->name);

			if (w && w->set_arg) {
				at = w;
				break;
			}
		}
		loader_error(L, at, "the shares in `%s` are all 0; at least "
			     "one must be > 0", path);
	}
}

/* An input's value when it is a plain fixed number: 1 and *v, else 0. */
static int fixed_value(const struct scenario *sc, int idx, double *v)
{
	const struct input *in;

	if (idx < 0 || idx >= sc->ninputs)
		return 0;
	in = &sc->inputs[idx];
	if (in->form != INPUT_VALUE || in->d.kind != DIST_FIXED)
		return 0;
	*v = in->d.a;
	return 1;
}

/* Node n of path.key (a capex_response's cap or floor) read again with its
 * range's lower end (is_lo) or upper end at bound, where that is stricter
 * than the key's own: what says why, in the messages. */
static void recheck_bound(struct loader *L, const char *path, const char *key,
			  const struct ynode *n, double bound, int is_lo,
			  const char *what)
{
	const struct key_def *k = schema_find(path, key);
	struct key_def k2;
	char full[560];

	if (!k || (is_lo ? !(bound > k->lo) : !(bound < k->hi)))
		return;
	k2 = *k;
	if (is_lo) {
		k2.lo = bound;
		k2.flags &= ~(unsigned)KF_LO_OPEN;
	} else {
		k2.hi = bound;
		k2.flags &= ~(unsigned)KF_HI_OPEN;
	}
	snprintf(full, sizeof full, "%.400s.%s (%s)", path, key, what);
	loader_value_recheck(L, &k2, k, is_lo ? "the range its floor allows" :
			     "the range its cap allows", full, n);
}

/* A capex_response mapping's cap must not lie below its floor (docs/format.md
 * "Keys"). Where both are fixed numbers, cap >= floor. Where one is a
 * distribution and the other fixed, the distribution's location
 * parameters (as every range is checked) must lie at or above the fixed
 * floor, or at or below the fixed cap. Where both are distributions, a
 * trial that draws a cap below its floor gets the cap (docs/model.md
 * applies min(cap, ...) last; docs/notes-model.md). */
static void check_floor_cap(struct loader *L, const char *path,
			    const struct ynode *v)
{
	const struct scenario *sc = L->sc;
	char fpath[512], cpath[512];
	int i_floor, i_cap, f_fixed, c_fixed;
	const struct ynode *cn = yaml_map_get(v, "cap");
	const struct ynode *fn = yaml_map_get(v, "floor");
	double fl = 0, cp = 0;

	/* this mapping's own inputs, by path (supply's or the industry's) */
	snprintf(fpath, sizeof fpath, "%.400s.floor", path);
	snprintf(cpath, sizeof cpath, "%.400s.cap", path);
	i_floor = scenario_find_input(sc, fpath);
	i_cap = scenario_find_input(sc, cpath);
	if (i_floor < 0 || i_cap < 0)
		return;
	f_fixed = fixed_value(sc, i_floor, &fl);
	c_fixed = fixed_value(sc, i_cap, &cp);
	if (f_fixed && c_fixed) {
		/* a --set that gave either is named (set_node), else the
		 * cap's node, else the floor's */
		const struct ynode *at = set_node(v, "floor", "cap");

		if (cp >= fl)
			return;
		if (at == v)
			at = cn ? cn : fn ? fn : v;
		if (cn)
			loader_error(L, at, "%s.cap %g is below its floor %g; "
				     "the cap must be >= the floor", path, cp,
				     fl);
		else
			loader_error(L, at, "%s.floor %g is above "
				     "the default cap %g; give a cap >= the "
				     "floor", path, fl, cp);
		return;
	}
	if (f_fixed && cn && sc->inputs[i_cap].form == INPUT_VALUE)
		recheck_bound(L, path, "cap", cn, fl, 1,
			      "at or above its floor");
	else if (c_fixed && fn && sc->inputs[i_floor].form == INPUT_VALUE)
		recheck_bound(L, path, "floor", fn, cp, 0, cn ?
			      "at or below its cap" :
			      "at or below its default cap");
}

/* Was a misspelt `industry:` matched to the section (its error said)? Then
 * what only the section's absence asks for (market_h100e, ...) is not
 * asked for as well. */
static int industry_misspelt(const struct loader *L)
{
	const struct key_def *ind = schema_find("", "industry");

	return ind && L->section_named[ind - schema_keys];
}

/* Where a missing key of the mapping v written at key is reported: v when
 * a --set gave it whole (the message then names the --set), else key. */
static const struct ynode *at_set(const struct ynode *key,
				  const struct ynode *v)
{
	return v && v->set_arg ? v : key;
}

/* A mapping of keys inside a section (KEY_SUBSECTION), written at v. */
static void load_subsection(struct loader *L, const char *path,
			    const struct ynode *key, const struct ynode *v)
{
	char t[80];

	if (v->kind != YNODE_MAP) {
		loader_error(L, v, "`%s` must be a mapping of keys such as "
			     "`sensitivity:` (got %s)", path,
			     loader_show(v, t, sizeof t));
		return;
	}
	load_keys(L, path, L->sc, path, v, at_set(key, v), 0);
	check_floor_cap(L, path, v);
}

/* One key of a section or an item, with its value node v. */
static void load_key(struct loader *L, const struct key_def *k, void *base,
		     const char *prefix, const struct ynode *key,
		     const struct ynode *v)
{
	char path[512];

	snprintf(path, sizeof path, "%.300s.%.100s", prefix, k->name);
	switch (k->kind) {
	case KEY_VALUE: {
		int idx = loader_add_input(L, path, k, v);

		if (idx < 0)
			return;
		int nerr = L->d->nerr;

		loader_put(base, k->off, &idx, sizeof idx);
		loader_value(L, idx, k, v);
		if (L->d->nerr > nerr)
			L->sc->inputs[idx].refused = 1;
		break;
	}
	case KEY_TEXT:
		loader_load_text(L, k, base, path, v);
		break;
	case KEY_WHOLE:
		loader_load_whole(L, k, base, path, v);
		break;
	case KEY_BOOL:
		loader_load_bool(L, k, base, path, v);
		break;
	case KEY_WORD:
		loader_load_word(L, k, base, path, v);
		break;
	case KEY_LAUNCH:
		loader_load_launch(L, path, v);
		break;
	case KEY_PERCENTILES:
		loader_load_percentiles(L, path, v);
		break;
	case KEY_LIST:
		load_list(L, k, path, key, v);
		break;
	case KEY_SUBSECTION:
		load_subsection(L, path, key, v);
		break;
	default:
		break;
	}
}

/* An absent key: its default. */
static void load_default(struct loader *L, const struct key_def *k,
			 void *base, const char *prefix)
{
	char path[512];

	snprintf(path, sizeof path, "%.300s.%.100s", prefix, k->name);
	switch (k->kind) {
	case KEY_VALUE: {
		int idx;

		if (k->flags & KF_NODEFAULT)
			break;	/* absent means none (power: unlimited) */
		idx = loader_add_input(L, path, k, NULL);

		if (idx >= 0)
			loader_put(base, k->off, &idx, sizeof idx);
		break;
	}
	case KEY_TEXT:
		if (!(k->flags & (KF_REQUIRED | KF_PATH))) {
			char *s = strdup("");
			if (!s)
				loader_error(L, NULL, "out of memory");
			else
				loader_put(base, k->off, &s, sizeof s);
		}
		break;
	case KEY_WHOLE:
		if (!(k->flags & KF_REQUIRED)) {
			if (k->store == STORE_INT) {
				int i = (int)k->def;
				loader_put(base, k->off, &i, sizeof i);
			} else if (k->store == STORE_LONG) {
				long l = (long)k->def;
				loader_put(base, k->off, &l, sizeof l);
			} else {
				uint64_t u = (uint64_t)k->def;
				loader_put(base, k->off, &u, sizeof u);
			}
		}
		break;
	case KEY_BOOL: {
		int b = k->def != 0;
		loader_put(base, k->off, &b, sizeof b);
		break;
	}
	case KEY_WORD: {
		int w = (int)k->def;
		loader_put(base, k->off, &w, sizeof w);
		break;
	}
	case KEY_LAUNCH:
		L->sc->launch = LAUNCH_NEVER;
		break;
	case KEY_PERCENTILES:
		if (scenario_set_percentiles(L->sc, default_pct, 7) < 0)
			loader_error(L, NULL, "out of memory");
		break;
	default:
		break;
	}
}

/* " (its keys: a, b, c)" listing the keys of section, into buf. */
static const char *key_list(const char *section, char *buf, size_t size)
{
	size_t n = (size_t)snprintf(buf, size, " (its keys: ");
	int first = 1;

	for (int i = 0; i < schema_nkeys && n < size; i++) {
		if (strcmp(schema_keys[i].section, section) != 0)
			continue;
		n += (size_t)snprintf(buf + n, size - n, "%s%s",
				      first ? "" : ", ", schema_keys[i].name);
		first = 0;
	}
	if (n + 2 < size)
		snprintf(buf + n, size - n, ")");
	else
		return "";	/* too many to list: say nothing */
	return buf;
}

/* The keys of one section or item (map; NULL when absent), stored in
 * base. Missing required keys are reported at pos unless quiet (the
 * section itself is missing or broken, which was reported already). */
static void load_keys(struct loader *L, const char *section, void *base,
		      const char *prefix, const struct ynode *map,
		      const struct ynode *pos, int quiet)
{
	unsigned char seen[256] = {0}, named[256] = {0};
	char t[80], m[96], all[600];
	int listed = 0;		/* the keys are listed once a mapping */

	for (size_t i = 0; map && i < map->n; i++) {
		const char *key = map->keys[i]->str;
		const struct key_def *k = schema_find(section, key);

		if (!k) {
			const struct key_def *s = NULL;

			if (L->nsuggest < LOADER_MAX_SUGGEST) {
				L->nsuggest++;
				s = schema_suggest(section, key);
			}
			if (s) {
				snprintf(m, sizeof m, " (did you mean `%s`?)",
					 s->name);
				named[s - schema_keys] = 1;
			}
			loader_error(L, map->keys[i], "unknown key `%s` in "
				     "`%s`%s", loader_text(key, t, sizeof t),
				     prefix, s ? m : listed++ ? "" :
				     key_list(section, all, sizeof all));
			continue;
		}
		if (seen[k - schema_keys])
			continue;	/* a duplicate key: the reader said so */
		seen[k - schema_keys] = 1;
		if ((k->flags & KF_NOINDUSTRY) && L->has_industry) {
			loader_error(L, map->keys[i], "`%s.%s` is not used "
				     "beside an `industry` section%s: the rented "
				     "market is then industry.rented_share of "
				     "the industry's demand; remove it", prefix,
				     key, L->industry_note);
			continue;
		}
		if (k->flags & KF_UNIQUE)
			continue;	/* names: load_list reads them first */
		load_key(L, k, base, prefix, map->keys[i], map->vals[i]);
	}
	for (int i = 0; i < schema_nkeys; i++) {
		const struct key_def *k = &schema_keys[i];

		if (strcmp(k->section, section) != 0 || seen[i] ||
		    (k->flags & KF_UNIQUE) ||
		    ((k->flags & KF_NOINDUSTRY) &&
		     (L->has_industry || industry_misspelt(L))))
			continue;
		/* not when a misspelt key was already matched to it */
		if ((k->flags & KF_REQUIRED) && !quiet && !named[i])
			loader_error(L, pos, "missing required key `%s` in "
				     "`%s`", k->name, prefix);
		load_default(L, k, base, prefix);
	}
}

/* A top-level section k written as key: v (both NULL when absent). */
static void load_section(struct loader *L, const struct key_def *k,
			 const struct ynode *key, const struct ynode *v,
			 const struct ynode *root)
{
	char t[80];

	if (!v) {
		if ((k->flags & KF_REQUIRED) &&
		    !L->section_named[k - schema_keys])
			loader_error(L, root, "missing required section `%s`",
				     k->name);
		load_keys(L, k->name, L->sc, k->name, NULL, root, 1);
	} else if (v->kind == YNODE_SCALAR && v->plain_null) {
		load_keys(L, k->name, L->sc, k->name, NULL, at_set(key, v), 0);
	} else if (v->kind != YNODE_MAP) {
		loader_error(L, v, "`%s` must be a mapping of keys (got %s)",
			     k->name, loader_show(v, t, sizeof t));
		load_keys(L, k->name, L->sc, k->name, NULL, at_set(key, v), 1);
	} else {
		load_keys(L, k->name, L->sc, k->name, v, at_set(key, v), 0);
	}
}

/* ---- the whole file ---------------------------------------------------- */

/* "out/<file stem>": the file name without directories and extension. */
static char *default_out_dir(const char *file)
{
	const char *base = strrchr(file, '/');
	const char *dot;
	size_t n;
	char *s;

	base = base ? base + 1 : file;
	dot = strrchr(base, '.');
	n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	if (n == 0) {
		base = "scenario";
		n = strlen(base);
	}
	s = malloc(n + 5);
	if (s) {
		memcpy(s, "out/", 4);
		memcpy(s + 4, base, n);
		s[n + 4] = '\0';
	}
	return s;
}

/* Validate the tree root into a new scenario. Returns 0 and *out, or -1
 * with *out NULL and every problem in d; nerr0 is d's error count before
 * the file was read (a reader error that left a tree also refuses it). */
/* When --set gave scenario.start_year or scenario.years, say so in
 * L->horizon_note: a year of the file outside the horizon is then the
 * argument's doing, not the file's. */
static void horizon_origin(struct loader *L, const struct ynode *root)
{
	const struct ynode *s = yaml_map_get(root, "scenario");
	static const char *const keys[] = {"years", "start_year"};
	char a[256];

	L->horizon_note[0] = '\0';
	for (int i = 0; i < 2; i++) {
		const struct ynode *v = yaml_map_get(s, keys[i]);

		if (v && v->set_arg > 0 && v->set_arg <= L->nsets) {
			snprintf(L->horizon_note, sizeof L->horizon_note,
				 " (the horizon comes from --set '%s')",
				 loader_text(L->sets[v->set_arg - 1].arg, a,
					     sizeof a));
			return;
		}
	}
}

static int load_root(struct scenario **out, struct ynode *root,
		     const char *file, const struct scenario_set *sets,
		     int nsets, scenario_check_fn check, struct diag *d,
		     int nerr0)
{
	struct scenario *sc = calloc(1, sizeof *sc);
	struct loader L = {.sc = sc, .d = d, .file = file, .sets = sets,
			   .nsets = nsets};
	const struct ynode *keys[256] = {0}, *vals[256] = {0};
	const struct key_def *scen = schema_find("", "scenario");
	char t[80];

	*out = NULL;
	if (!sc || !(sc->file = strdup(file))) {
		diag_error(d, file, 0, 0, "out of memory");
		scenario_free(sc);
		return -1;
	}
	/* inputs that may be absent (an index 0 would name a real one) */
	sc->i_power = sc->i_cr_beta = sc->i_cr_floor = sc->i_cr_cap = -1;
	sc->i_market = sc->i_market_growth = -1;
	sc->i_ind_stock = sc->i_ind_capex = sc->i_ind_compute_share = -1;
	sc->i_ind_cost = sc->i_ind_cost_decline = sc->i_ind_life = -1;
	sc->i_ind_start_ratio = sc->i_ind_growth = -1;
	sc->i_ind_efficiency = sc->i_ind_elasticity = -1;
	sc->i_ind_rented_share = sc->i_ind_price_response = -1;
	sc->i_icr_beta = sc->i_icr_floor = sc->i_icr_cap = -1;
	if (root->kind != YNODE_MAP) {
		loader_error(&L, root, "a scenario must be a mapping of "
			     "sections such as `scenario:` and `supply:` (got "
			     "%s)", loader_show(root, t, sizeof t));
		scenario_free(sc);
		return -1;
	}
	loader_apply_sets(&L, root);

	/* which sections are written, and where */
	for (size_t i = 0; i < root->n; i++) {
		const char *key = root->keys[i]->str;
		const struct key_def *k = schema_find("", key);

		if (!k) {
			const struct key_def *s = NULL;
			char m[96];

			if (L.nsuggest < LOADER_MAX_SUGGEST) {
				L.nsuggest++;
				s = schema_suggest("", key);
			}
			if (s) {
				snprintf(m, sizeof m, " (did you mean `%s`?)",
					 s->name);
				L.section_named[s - schema_keys] = 1;
			}
			loader_error(&L, root->keys[i], "unknown section `%s`%s",
				     loader_text(key, t, sizeof t),
				     s ? m : "");
			continue;
		}
		if (!keys[k - schema_keys]) {
			keys[k - schema_keys] = root->keys[i];
			vals[k - schema_keys] = root->vals[i];
		}
	}

	{
		const struct key_def *ind = schema_find("", "industry");
		const struct ynode *iv = ind ? vals[ind - schema_keys] : NULL;
		char a[256];

		L.has_industry = sc->has_industry =
			ind && keys[ind - schema_keys] != NULL;
		/* a section the file lacks, made by --set: a market key of
		 * the file refused beside it names that --set */
		L.industry_note[0] = '\0';
		if (L.has_industry && iv && iv->set_arg > 0 &&
		    iv->set_arg <= L.nsets)
			snprintf(L.industry_note, sizeof L.industry_note,
				 " that --set '%s' gives",
				 loader_text(L.sets[iv->set_arg - 1].arg, a,
					     sizeof a));
	}

	/* scenario first: the horizon is needed to read year series */
	load_section(&L, scen, keys[scen - schema_keys],
		     vals[scen - schema_keys], root);
	L.have_horizon = sc->start_year >= 1900 && sc->years >= 1;
	horizon_origin(&L, root);
	for (size_t i = 0; i < root->n; i++) {
		const struct key_def *k = schema_find("", root->keys[i]->str);

		if (!k || k == scen || keys[k - schema_keys] != root->keys[i] ||
		    k->kind != KEY_SECTION)
			continue;
		load_section(&L, k, root->keys[i], root->vals[i], root);
	}
	for (int i = 0; i < schema_nkeys; i++)
		if (schema_keys[i].section[0] == '\0' &&
		    schema_keys[i].kind == KEY_SECTION && !keys[i] &&
		    !(schema_keys[i].flags & KF_NODEFAULT) &&
		    &schema_keys[i] != scen)	/* loaded above */
			load_section(&L, &schema_keys[i], NULL, NULL, root);
	for (int i = 0; i < schema_nkeys; i++)
		if (schema_keys[i].kind == KEY_CORRELATIONS && keys[i])
			loader_correlations(&L, keys[i], vals[i]);

	if (!sc->out_dir && !(sc->out_dir = default_out_dir(file)))
		loader_error(&L, NULL, "out of memory");

	/* the positive-definite check, also when the file has other errors:
	 * every input holds a valid dist by now (a bad one a fixed value,
	 * whose pairs loader_correlations left out), so the pairs that
	 * resolved are checked (the sampler reports at sc->corr_line/col) */
	if (sc->ncorr > 0 && check) {
		struct diag tmp;
		/* a --set gave the list: name it rather than the file */
		const struct ynode *cv = yaml_map_get(root, "correlations");

		diag_init(&tmp);
		if (check(sc, &tmp) != 0) {
			if (tmp.nerr == 0)
				diag_error(&tmp, file, 0, 0, "correlation "
					   "matrix is not positive definite");
			for (size_t i = 0; i < tmp.n; i++)
				if (cv && cv->set_arg)
					loader_error(&L, cv, "%s",
						     tmp.v[i].msg);
				else
					diag_error(d, file, sc->corr_line,
						   sc->corr_col, "%s",
						   tmp.v[i].msg);
		}
		diag_free(&tmp);
	}
	if (d->nerr > nerr0) {
		scenario_free(sc);
		return -1;
	}
	*out = sc;
	return 0;
}

int scenario_load(struct scenario **out, const char *path,
		  const struct scenario_set *sets, int nsets,
		  scenario_check_fn check, struct diag *d)
{
	struct ynode *root = NULL;
	int rc, nerr0 = d->nerr;

	*out = NULL;
	if (yaml_read_file(&root, path, d) < 0 || !root) {
		yaml_node_free(root);
		return -1;
	}
	rc = load_root(out, root, path, sets, nsets, check, d, nerr0);
	yaml_node_free(root);
	return rc;
}

int scenario_load_buffer(struct scenario **out, const char *buf, size_t len,
			 const char *file, const struct scenario_set *sets,
			 int nsets, scenario_check_fn check, struct diag *d)
{
	struct ynode *root = NULL;
	int rc, nerr0 = d->nerr;

	*out = NULL;
	if (yaml_read_partial(&root, buf, len, file, d) < 0 || !root) {
		yaml_node_free(root);
		return -1;
	}
	rc = load_root(out, root, file, sets, nsets, check, d, nerr0);
	yaml_node_free(root);
	return rc;
}

void scenario_free(struct scenario *sc)
{
	if (!sc)
		return;
	for (int i = 0; i < sc->ninputs; i++) {
		struct input *in = &sc->inputs[i];

		free(in->path);
		dist_free(&in->d);
		for (int j = 0; j < in->npoints; j++)
			dist_free(&in->points[j]);
		free(in->points);
		free(in->point_t);
	}
	free(sc->inputs);
	for (int i = 0; i < sc->nproc; i++)
		free(sc->proc[i].name);
	free(sc->proc);
	for (int i = 0; i < sc->ncontracts; i++)
		free(sc->contracts[i].name);
	free(sc->contracts);
	for (int i = 0; i < sc->nwork; i++)
		free(sc->work[i].name);
	free(sc->work);
	free(sc->corr);
	free(sc->pct);
	free(sc->file);
	free(sc->name);
	free(sc->description);
	free(sc->out_dir);
	free(sc);
}
