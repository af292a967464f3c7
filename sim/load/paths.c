/* paths.c — dotted input paths (docs/format.md "A scenario": inputs by key,
 * list items by their name, a series' growth as PATH.then_growth): their
 * resolution (scenario_find_input) and --set PATH=VALUE, which splices a
 * YAML flow value into the tree before validation. The paths correlations
 * name are resolved in corrpaths.c. */
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

/* " (did you mean `demand.workloads.training.growth`?)" when name is
 * the name of an item of one of the file's lists, in section sec (NULL:
 * any section), and rest what followed it in the path ("growth"; "" for
 * nothing): the short paths the table's story-input lines print; else
 * "". */
static const char *item_path_hint(const struct ynode *root, const char *sec,
				  const char *name, const char *rest,
				  char *buf, size_t size)
{
	for (int r = 0; r < schema_nkeys; r++) {
		const struct key_def *row = &schema_keys[r];
		const struct ynode *map;

		if (row->kind != KEY_LIST || strchr(row->section, '.') ||
		    (sec && strcmp(row->section, sec) != 0))
			continue;
		map = yaml_map_get(root, row->section);
		if (!map || map->kind != YNODE_MAP ||
		    !find_item(map, row->name, name))
			continue;
		snprintf(buf, size, " (did you mean `%s.%s.%.100s%s%.150s`?)",
			 row->section, row->name, name, *rest ? "." : "",
			 rest);
		return buf;
	}
	return "";
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
	char *comp[8], *copy, t[256], m[96], what[512], ih[320];
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
		const char *h = item_path_hint(root, NULL, comp[0],
					       s->path + (nc > 1 ?
					       strlen(comp[0]) + 1 :
					       strlen(comp[0])), ih, sizeof ih);

		set_error(L, k, "unknown section `%s`%s",
			  loader_text(comp[0], t, sizeof t),
			  *h ? h : suggest_key(L, "", comp[0], m, sizeof m));
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
	 * made from --set keys unless they give all its required ones; one
	 * message, at the first such key, and the section then counts as
	 * named, so what its absence asks for (market_h100e without an
	 * industry) is not asked as well */
	{
		const struct ynode *have = yaml_map_get(root, comp[0]);
		char need[512];

		if ((!have || (have->kind == YNODE_SCALAR && have->plain_null)) &&
		    keys_not_set(L, comp[0], need, sizeof need) > 0) {
			if (!L->section_named[row - schema_keys])
				set_error(L, k, "the file has no `%s` section, "
					  "and the --set options do not give "
					  "its required keys %s; add the "
					  "section to the file, or give it "
					  "whole (--set '%s={...}')", comp[0],
					  need, comp[0]);
			L->section_named[row - schema_keys] = 1;
			goto out;
		}
	}
	if (!(map = child_map(L, k, root, comp[0], comp[0])))
		goto out;

	/* key of the section */
	row = schema_find(comp[0], comp[1]);
	if (!row) {
		size_t at = strlen(comp[0]) + 1 + strlen(comp[1]);
		const char *h = item_path_hint(root, comp[0], comp[1],
					       s->path + at + (nc > 2), ih,
					       sizeof ih);

		set_error(L, k, "unknown key `%s` in `%s`%s",
			  loader_text(comp[1], t, sizeof t), comp[0],
			  *h ? h : suggest_key(L, comp[0], comp[1], m,
					       sizeof m));
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
