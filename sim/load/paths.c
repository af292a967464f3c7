/* paths.c — dotted input paths (docs/format.md "A scenario": inputs by key,
 * list items by their name, a series' growth as PATH.then_growth): their
 * resolution (scenario_find_input, correlations) and --set PATH=VALUE,
 * which splices a YAML flow value into the tree before validation. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

int scenario_find_input(const struct scenario *sc, const char *path)
{
	if (!sc || !path)
		return -1;
	for (int i = 0; i < sc->ninputs; i++)
		if (strcmp(sc->inputs[i].path, path) == 0)
			return i;
	return -1;
}

/* ---- nodes ------------------------------------------------------------- */

struct ynode *loader_new_scalar(const char *s, int set_arg)
{
	struct ynode *n = calloc(1, sizeof *n);

	if (!n)
		return NULL;
	n->kind = YNODE_SCALAR;
	n->set_arg = set_arg;
	n->str = strdup(s);
	if (!n->str) {
		free(n);
		return NULL;
	}
	return n;
}

struct ynode *loader_new_map(int set_arg)
{
	struct ynode *n = calloc(1, sizeof *n);

	if (!n)
		return NULL;
	n->kind = YNODE_MAP;
	n->set_arg = set_arg;
	return n;
}

/* Mark every node under n as made by --set number arg - 1 (no file
 * position). */
static void mark(struct ynode *n, int arg)
{
	n->line = 0;
	n->col = 0;
	n->set_arg = arg;
	for (size_t i = 0; i < n->n; i++) {
		if (n->keys)
			mark(n->keys[i], arg);
		mark(n->vals[i], arg);
	}
}

/* j + 1 when a node under n (n included) came from --set number j other
 * than arg - 1, else 0. */
static int set_under(const struct ynode *n, int arg)
{
	if (n->set_arg && n->set_arg != arg)
		return n->set_arg;
	for (size_t i = 0; i < n->n; i++) {
		int r = set_under(n->vals[i], arg);

		if (r)
			return r;
	}
	return 0;
}

/* Set key in mapping map to val (taking ownership of val), replacing an
 * existing value of the file. Returns 0; -1 when out of memory; j + 1
 * when --set number j set that key, or something under it, already (a
 * later-wins rule would drop its value unseen); val is freed in the last
 * two cases. */
static int splice(struct ynode *map, const char *key, struct ynode *val,
		  int arg)
{
	struct ynode **k, **v, *kn;

	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->str, key) == 0) {
			int r = set_under(map->vals[i], arg);

			if (r) {
				yaml_node_free(val);
				return r;	/* set twice */
			}
			yaml_node_free(map->vals[i]);
			map->vals[i] = val;
			return 0;
		}
	kn = loader_new_scalar(key, arg);
	k = realloc(map->keys, (map->n + 1) * sizeof *k);
	if (k)
		map->keys = k;
	v = realloc(map->vals, (map->n + 1) * sizeof *v);
	if (v)
		map->vals = v;
	if (!kn || !k || !v) {
		yaml_node_free(kn);
		yaml_node_free(val);
		return -1;
	}
	map->keys[map->n] = kn;
	map->vals[map->n] = val;
	map->n++;
	return 0;
}

/* ---- --set ------------------------------------------------------------- */

static void set_error(struct loader *L, int k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_error(struct loader *L, int k, const char *fmt, ...)
{
	char msg[1024], a[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* column k + 1 (not printed without a line) keeps the --set
	 * errors in the order of the arguments */
	diag_error(L->d, L->file, 0, k + 1, "--set '%s': %s",
		   loader_text(L->sets[k].arg, a, sizeof a), msg);
}

/* splice() for --set number k (val: its value, named what + tail in
 * messages); reports what goes wrong. 0, or -1 after an error (val is
 * then freed). */
static int splice_set(struct loader *L, int k, struct ynode *map,
		      const char *key, struct ynode *val, const char *what,
		      const char *tail)
{
	int r = splice(map, key, val, k + 1);
	char a[256];

	if (r < 0)
		set_error(L, k, "out of memory");
	else if (r > 0)
		set_error(L, k, "`%s%s` would replace what --set '%s' set; "
			  "give each path once", what, tail,
			  loader_text(L->sets[r - 1].arg, a, sizeof a));
	return r == 0 ? 0 : -1;
}

/* " (did you mean `x`?)" for the key of `section` nearest to name. */
static const char *suggest_key(struct loader *L, const char *section,
			       const char *name, char *buf, size_t size)
{
	const struct key_def *s = NULL;

	if (L->nsuggest < LOADER_MAX_SUGGEST) {
		L->nsuggest++;
		s = schema_suggest(section, name);
	}
	if (!s)
		return "";
	snprintf(buf, size, " (did you mean `%s`?)", s->name);
	return buf;
}

/* The mapping at key of map, created empty when absent (or null); NULL
 * after an error. */
static struct ynode *child_map(struct loader *L, int k, struct ynode *map,
			       const char *key, const char *what)
{
	for (size_t i = 0; i < map->n; i++) {
		struct ynode *v = map->vals[i];

		if (strcmp(map->keys[i]->str, key) != 0)
			continue;
		if (v->kind == YNODE_MAP)
			return v;
		if (v->kind == YNODE_SCALAR && v->plain_null)
			break;
		set_error(L, k, "`%s` is not a mapping", what);
		return NULL;
	}
	{
		struct ynode *m = loader_new_map(k + 1);

		if (!m) {
			set_error(L, k, "out of memory");
			return NULL;
		}
		return splice_set(L, k, map, key, m, what, "") < 0 ? NULL : m;
	}
}

/* The item named `name` in the list at key of map, or NULL. */
static struct ynode *find_item(const struct ynode *map, const char *key,
			       const char *name)
{
	const struct ynode *list = yaml_map_get(map, key);

	if (!list || list->kind != YNODE_SEQ)
		return NULL;
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *nn = yaml_map_get(list->vals[i], "name");

		if (nn && nn->kind == YNODE_SCALAR && strcmp(nn->str, name) == 0)
			return list->vals[i];
	}
	return NULL;
}

/* " (did you mean `x`?)" for the item of the list at key of map whose
 * name is nearest to name, or "". */
static const char *suggest_item(struct loader *L, const struct ynode *map,
				const char *key, const char *name, char *buf,
				size_t size)
{
	const struct ynode *list = yaml_map_get(map, key);
	const char *names[LOADER_MAX_ITEMS];
	int n = 0;

	if (!list || list->kind != YNODE_SEQ)
		return "";
	for (size_t i = 0; i < list->n && n < LOADER_MAX_ITEMS; i++) {
		const struct ynode *nn = yaml_map_get(list->vals[i], "name");

		if (nn && nn->kind == YNODE_SCALAR)
			names[n++] = nn->str;
	}
	return loader_did_you_mean(loader_nearest(L, name, names,
						  sizeof names[0], n),
				   buf, size);
}

/* Where val goes: map[key], or map[key].then_growth when tg. */
static void place(struct loader *L, int k, struct ynode *map,
		  const char *key, int tg, struct ynode *val,
		  const char *what)
{
	if (tg) {
		struct ynode *s = (struct ynode *)yaml_map_get(map, key);

		if (!s || s->kind != YNODE_MAP || yaml_map_get(s, "dist")) {
			set_error(L, k, "`%s` is not a year series, so it "
				  "has no then_growth", what);
			yaml_node_free(val);
			return;
		}
		map = s;
		key = "then_growth";
	}
	splice_set(L, k, map, key, val, what, tg ? ".then_growth" : "");
}

/* The required keys of section sec that no --set gives (the file has no
 * such section), as "`a`, `b`" in buf; how many. */
static int keys_not_set(const struct loader *L, const char *sec, char *buf,
			size_t n)
{
	size_t ls = strlen(sec), used = 0;
	int c = 0;

	buf[0] = '\0';
	for (int i = 0; i < schema_nkeys; i++) {
		const struct key_def *kd = &schema_keys[i];
		size_t lk = strlen(kd->name);
		int given = 0;

		if (strcmp(kd->section, sec) != 0 ||
		    !(kd->flags & KF_REQUIRED))
			continue;
		for (int j = 0; j < L->nsets && !given; j++) {
			const char *p = L->sets[j].path;

			given = strncmp(p, sec, ls) == 0 && p[ls] == '.' &&
				strncmp(p + ls + 1, kd->name, lk) == 0 &&
				(p[ls + 1 + lk] == '\0' || p[ls + 1 + lk] == '.');
		}
		if (given)
			continue;
		if (used < n) {
			int w = snprintf(buf + used, n - used, "%s`%s`",
					 c ? ", " : "", kd->name);
			used += w > 0 ? (size_t)w : 0;
		}
		c++;
	}
	return c;
}

/* Apply --set number k to root (a mapping). */
static void apply_set(struct loader *L, struct ynode *root, int k)
{
	const struct scenario_set *s = &L->sets[k];
	struct ynode *val = NULL, *map;
	char *comp[8], *copy, t[256], m[96], what[512];
	int nc = 0, tg = 0;
	const struct key_def *row;
	struct diag tmp;

	if (strspn(s->value, " \t") == strlen(s->value)) {
		set_error(L, k, "no value after `=`");
		return;
	}
	diag_init(&tmp);
	if (yaml_read(&val, s->value, strlen(s->value), "--set", &tmp) < 0 ||
	    !val) {
		for (size_t i = 0; i < tmp.n; i++)
			set_error(L, k, "%s", tmp.v[i].msg);
		if (tmp.n == 0)
			set_error(L, k, "malformed value");
		diag_free(&tmp);
		yaml_node_free(val);
		return;
	}
	diag_free(&tmp);
	mark(val, k + 1);

	copy = strdup(s->path);
	if (!copy) {
		set_error(L, k, "out of memory");
		yaml_node_free(val);
		return;
	}
	for (char *p = copy, *dot; nc < 8; p = dot + 1) {
		comp[nc++] = p;
		dot = strchr(p, '.');
		if (!dot)
			break;
		*dot = '\0';
	}
	for (int i = 0; i < nc; i++)
		if (!*comp[i] || nc == 8) {
			set_error(L, k, "malformed path `%s`",
				  loader_text(s->path, t, sizeof t));
			goto out;
		}

	/* section */
	row = schema_find("", comp[0]);
	if (!row) {
		set_error(L, k, "unknown section `%s`%s",
			  loader_text(comp[0], t, sizeof t),
			  suggest_key(L, "", comp[0], m, sizeof m));
		goto out;
	}
	if (nc == 1) {
		place(L, k, root, comp[0], 0, val, comp[0]);
		val = NULL;
		goto out;
	}
	if (row->kind != KEY_SECTION) {
		set_error(L, k, "`%s` has no keys; set it whole", comp[0]);
		goto out;
	}
	/* a key of a section the file does not have: the section cannot be
	 * made from --set keys unless they give all its required ones (one
	 * message, not one per missing key and its consequences) */
	{
		const struct ynode *have = yaml_map_get(root, comp[0]);
		char need[512];

		if ((!have || (have->kind == YNODE_SCALAR && have->plain_null)) &&
		    keys_not_set(L, comp[0], need, sizeof need) > 0) {
			set_error(L, k, "the file has no `%s` section, and the "
				  "--set options do not give its required "
				  "keys %s; add the section to the file, or "
				  "give it whole (--set '%s={...}')", comp[0],
				  need, comp[0]);
			goto out;
		}
	}
	if (!(map = child_map(L, k, root, comp[0], comp[0])))
		goto out;

	/* key of the section */
	row = schema_find(comp[0], comp[1]);
	if (!row) {
		set_error(L, k, "unknown key `%s` in `%s`%s",
			  loader_text(comp[1], t, sizeof t), comp[0],
			  suggest_key(L, comp[0], comp[1], m, sizeof m));
		goto out;
	}
	snprintf(what, sizeof what, "%.200s.%.200s", comp[0], comp[1]);
	if (row->kind == KEY_LIST && nc >= 3) {
		struct ynode *item = find_item(map, comp[1], comp[2]);
		char sec[600];

		if (!item) {
			set_error(L, k, "no item named `%s` in `%s`%s",
				  loader_text(comp[2], t, sizeof t), what,
				  suggest_item(L, map, comp[1], comp[2], m,
					       sizeof m));
			goto out;
		}
		if (nc == 3) {
			set_error(L, k, "set a key of the item, e.g. "
				  "`%s.%s.share`", what, comp[2]);
			goto out;
		}
		snprintf(sec, sizeof sec, "%.500s", what);
		snprintf(what, sizeof what, "%.200s.%.150s.%.150s", sec,
			 comp[2], comp[3]);
		row = schema_find(sec, comp[3]);
		if (!row) {
			set_error(L, k, "unknown key `%s` in `%s.%s`%s",
				  loader_text(comp[3], t, sizeof t), sec,
				  comp[2], suggest_key(L, sec, comp[3], m,
						       sizeof m));
			goto out;
		}
		map = item;
		comp[1] = comp[3];
		if (nc > 4)
			comp[2] = comp[4];
		nc -= 2;
	}
	if (row->kind == KEY_SUBSECTION && nc >= 3) {
		char sec[600];

		snprintf(sec, sizeof sec, "%.500s", what);
		row = schema_find(sec, comp[2]);
		if (!row) {	/* before the mapping is made: nothing else */
			set_error(L, k, "unknown key `%s` in `%s`%s",
				  loader_text(comp[2], t, sizeof t), sec,
				  suggest_key(L, sec, comp[2], m, sizeof m));
			goto out;
		}
		if (!(map = child_map(L, k, map, comp[1], what)))
			goto out;
		snprintf(what, sizeof what, "%.300s.%.150s", sec, comp[2]);
		comp[1] = comp[2];
		if (nc > 3)
			comp[2] = comp[3];
		nc -= 1;
	}
	if (nc == 3 && strcmp(comp[2], "then_growth") == 0 &&
	    row->kind == KEY_VALUE && (row->flags & KF_PER_YEAR)) {
		tg = 1;
	} else if (nc != 2) {
		char sg[640];	/* a slip for then_growth: said, as --grid */

		set_error(L, k, "no input `%s`%s",
			  loader_text(s->path, t, sizeof t),
			  loader_tg_hint(L, row, nc == 3 ? comp[2] : NULL,
					 what, sg, sizeof sg));
		goto out;
	}
	if (row->flags & KF_UNIQUE) {
		set_error(L, k, "names cannot be set");
		goto out;
	}
	place(L, k, map, comp[1], tg, val, what);
	val = NULL;
out:
	yaml_node_free(val);
	free(copy);
}

void loader_apply_sets(struct loader *L, struct ynode *root)
{
	for (int k = 0; k < L->nsets; k++)
		apply_set(L, root, k);
}

/* ---- correlations ------------------------------------------------------ */

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
				 "`industry` section (the market is then the "
				 "industry's); name an industry input instead",
				 t);
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
