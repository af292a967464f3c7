/* keyscalar.c — the keys of the format that are not inputs (docs/format.md
 * "Keys"): text, fixed whole numbers, booleans, cloud.launch and the
 * percentiles; see loader.h. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "text.h"

/* ---- scalar keys ------------------------------------------------------- */

/* Names of list items appear in paths and metric names. */
static int valid_name(const char *s)
{
	if (!*s || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!(('a' <= *s && *s <= 'z') || ('A' <= *s && *s <= 'Z') ||
		      ('0' <= *s && *s <= '9') || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

/* KEY_TEXT. Returns the stored string (owned by the scenario) or NULL. */
char *loader_load_text(struct loader *L, const struct key_def *k,
		       void *base, const char *path, const struct ynode *v)
{
	char t[80];
	char *s;

	if (v->kind != YNODE_SCALAR) {
		loader_error(L, v, "%s must be text (got %s)", path,
			     loader_show(v, t, sizeof t));
		return NULL;
	}
	if (v->plain_null && (k->flags & KF_REQUIRED)) {
		loader_error(L, v, "%s has no value", path);
		return NULL;
	}
	if (k->flags & KF_UNIQUE && !valid_name(v->str)) {
		loader_error(L, v, "%s %s may only hold letters, digits, `_` "
			     "and `-`, up to 64 (names are part of paths)", path,
			     loader_show(v, t, sizeof t));
		return NULL;
	}
	if ((k->flags & KF_REQUIRED) && !v->str[strspn(v->str, " \t")]) {
		loader_error(L, v, "%s must not be empty", path);
		return NULL;
	}
	if ((k->flags & KF_PATH) && v->plain_null)
		return NULL;	/* the default, filled in at the end */
	if ((k->flags & KF_PATH) && !*v->str) {
		loader_error(L, v, "%s must not be empty", path);
		return NULL;
	}
	if ((k->flags & KF_PATH) && !text_path_own_name(v->str)) {
		loader_error(L, v, "%s must name a directory of its own, not "
			     "%s (e.g. out/run1): a run replaces its output "
			     "directory whole", path,
			     loader_show(v, t, sizeof t));
		return NULL;
	}
	s = strdup(v->plain_null ? "" : v->str);
	if (!s) {
		loader_error(L, v, "out of memory");
		return NULL;
	}
	loader_put(base, k->off, &s, sizeof s);
	if ((k->flags & KF_PATH) && !v->set_arg) {	/* output.dir */
		L->sc->out_dir_line = v->line;
		L->sc->out_dir_col = v->col;
	}
	return s;
}

/* A fixed whole number at v. Returns 0 with *out, or -1 after an error. */
static int parse_whole(struct loader *L, const char *path,
		       const struct ynode *v, long long *out)
{
	const char *s = v->str;
	char t[80];
	double x;

	if (v->kind == YNODE_MAP ||
	    (v->kind == YNODE_SCALAR && !v->plain_null && strstr(s, " to "))) {
		loader_error(L, v, "%s must be a fixed whole number, not a "
			     "distribution (got %s)", path,
			     loader_show(v, t, sizeof t));
		return -1;
	}
	if (v->kind != YNODE_SCALAR || v->plain_null) {
		loader_error(L, v, "%s must be a whole number (got %s)", path,
			     loader_show(v, t, sizeof t));
		return -1;
	}
	if (s[0] && strspn(s + (s[0] == '-' || s[0] == '+'), "0123456789") ==
		    strlen(s + (s[0] == '-' || s[0] == '+')) &&
	    s[(s[0] == '-' || s[0] == '+')] != '\0') {
		char *end;

		errno = 0;
		*out = strtoll(s, &end, 10);
		if (errno == ERANGE) {
			loader_error(L, v, "%s: %s is too large", path,
				     loader_show(v, t, sizeof t));
			return -1;
		}
		return 0;
	}
	if (number_parse(s, 0, &x) == NUM_OK && x == floor(x)) {
		if (fabs(x) >= 9e15) {
			loader_error(L, v, "%s: %s is too large", path,
				     loader_show(v, t, sizeof t));
			return -1;
		}
		*out = (long long)x;
		return 0;
	}
	if (number_parse(s, 1, &x) == NUM_OK)
		loader_error(L, v, "%s must be a whole number (got %s)", path,
			     loader_text(s, t, sizeof t));
	else
		loader_error(L, v, "%s must be a whole number (got %s)", path,
			     loader_show(v, t, sizeof t));
	return -1;
}

/* KEY_WHOLE: parse, range-check and store. Returns 0 or -1. */
int loader_load_whole(struct loader *L, const struct key_def *k,
		      void *base, const char *path, const struct ynode *v)
{
	long long w;
	char r[64], t[80];

	if (k->store == STORE_U64 && v->kind == YNODE_SCALAR &&
	    !v->plain_null && v->str[0] >= '0' && v->str[0] <= '9' &&
	    strspn(v->str, "0123456789") == strlen(v->str)) {
		char *end;
		unsigned long long u;

		errno = 0;
		u = strtoull(v->str, &end, 10);
		if (errno == ERANGE) {
			loader_error(L, v, "%s: %s is too large (at most "
				     "18446744073709551615)", path,
				     loader_show(v, t, sizeof t));
			return -1;
		}
		uint64_t u64 = u;
		loader_put(base, k->off, &u64, sizeof u64);
		return 0;
	}
	if (parse_whole(L, path, v, &w) < 0)
		return -1;
	if (!schema_in_range(k, (double)w)) {
		schema_range_text(k, r, sizeof r);
		loader_error(L, v, "%s must be %s (got %s)", path, r,
			     loader_text(v->str, t, sizeof t));
		return -1;
	}
	if (k->store == STORE_INT) {
		int i;

		if (w > INT_MAX || w < INT_MIN) {
			loader_error(L, v, "%s is too large (got %s)", path,
				     loader_text(v->str, t, sizeof t));
			return -1;
		}
		i = (int)w;
		loader_put(base, k->off, &i, sizeof i);
	} else if (k->store == STORE_LONG) {
		long l = (long)w;
		loader_put(base, k->off, &l, sizeof l);
	} else {
		uint64_t u = (uint64_t)w;
		loader_put(base, k->off, &u, sizeof u);
	}
	return 0;
}

void loader_load_bool(struct loader *L, const struct key_def *k,
		      void *base, const char *path, const struct ynode *v)
{
	static const char *const yes[] = {"true", "True", "TRUE"};
	static const char *const no[] = {"false", "False", "FALSE"};
	char t[80];
	int b = -1;

	for (int i = 0; v->kind == YNODE_SCALAR && i < 3; i++) {
		if (strcmp(v->str, yes[i]) == 0)
			b = 1;
		if (strcmp(v->str, no[i]) == 0)
			b = 0;
	}
	if (b < 0) {
		loader_error(L, v, "%s must be true or false (got %s)", path,
			     loader_show(v, t, sizeof t));
		return;
	}
	loader_put(base, k->off, &b, sizeof b);
}

void loader_load_word(struct loader *L, const struct key_def *k,
		      void *base, const char *path, const struct ynode *v)
{
	char t[80], list[160];
	size_t n = 0;
	int i;

	for (i = 0; v->kind == YNODE_SCALAR && k->words[i]; i++)
		if (strcmp(v->str, k->words[i]) == 0) {
			loader_put(base, k->off, &i, sizeof i);
			if (!v->set_arg && strcmp(k->name, "sampling") == 0) {
				L->sc->sampling_line = v->line;
				L->sc->sampling_col = v->col;
			}
			return;
		}
	list[0] = '\0';
	for (i = 0; k->words[i] && n < sizeof list; i++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
				      i == 0 ? "" : k->words[i + 1] ? ", "
				      : " or ", k->words[i]);
	loader_error(L, v, "%s must be %s (got %s)", path, list,
		     loader_show(v, t, sizeof t));
}

/* cloud.launch: never | {year: Y} | {trigger_surplus_share: x}. */
void loader_load_launch(struct loader *L, const char *path,
			const struct ynode *v)
{
	static const char *const keys[] = {"year", "trigger_surplus_share"};
	struct scenario *sc = L->sc;
	const struct ynode *yn = NULL, *tn = NULL;
	char t[80], m[80];

	if (v->kind == YNODE_SCALAR && !v->plain_null &&
	    strcmp(v->str, "never") == 0) {
		sc->launch = LAUNCH_NEVER;
		return;
	}
	if (v->kind == YNODE_MAP && yaml_map_get(v, "dist")) {
		loader_error(L, v, "%s must be fixed, not a distribution",
			     path);
		return;
	}
	if (v->kind != YNODE_MAP) {
		loader_error(L, v, "%s must be `never`, {year: Y} or "
			     "{trigger_surplus_share: x} (got %s)", path,
			     loader_show(v, t, sizeof t));
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		const char *key = v->keys[i]->str;

		if (strcmp(key, keys[0]) == 0) {
			yn = v->vals[i];
		} else if (strcmp(key, keys[1]) == 0) {
			tn = v->vals[i];
		} else {
			const char *best = loader_nearest(L, key, keys,
							  sizeof keys[0], 2);

			if (best)
				snprintf(m, sizeof m, " (did you mean `%s`?)",
					 best);
			loader_error(L, v->keys[i], "unknown key `%s` in `%s`%s",
				     loader_text(key, t, sizeof t), path,
				     best ? m : "");
			return;
		}
	}
	if ((yn != NULL) == (tn != NULL)) {
		loader_error(L, v, "%s takes either `year` or "
			     "`trigger_surplus_share`", path);
		return;
	}
	if (yn) {
		long long y;
		char p[128];

		snprintf(p, sizeof p, "%.100s.year", path);
		if (parse_whole(L, p, yn, &y) < 0)
			return;
		if (L->have_horizon && (y < sc->start_year ||
					y > sc->start_year + sc->years - 1)) {
			loader_error(L, yn, "%s: year %lld is outside the "
				     "horizon %d-%d%s", path, y, sc->start_year,
				     sc->start_year + sc->years - 1,
				     L->horizon_note);
			return;
		}
		sc->launch = LAUNCH_YEAR;
		sc->launch_t = L->have_horizon ? (int)(y - sc->start_year) : 0;
		return;
	}
	if (tn->kind == YNODE_MAP ||
	    (tn->kind == YNODE_SCALAR && !tn->plain_null &&
	     strstr(tn->str, " to "))) {
		loader_error(L, tn, "%s: trigger_surplus_share must be a fixed "
			     "number, not a distribution", path);
		return;
	}
	if (tn->kind != YNODE_SCALAR || tn->plain_null ||
	    number_parse(tn->str, 1, &sc->trigger) != NUM_OK) {
		loader_error(L, tn, "%s: trigger_surplus_share must be a "
			     "number or a percentage (got %s)", path,
			     loader_show(tn, t, sizeof t));
		return;
	}
	if (!(sc->trigger >= 0 && sc->trigger <= 1)) {
		/* the percent hint of the other shares; the row's range is
		 * the trigger's, [0, 1] */
		char h[96];

		loader_error(L, tn, "%s: trigger_surplus_share must be in "
			     "[0, 1] (got %s)%s", path,
			     loader_text(tn->str, t, sizeof t),
			     loader_percent_hint(schema_find("cloud", "launch"),
						 &sc->trigger, 1, tn->str, h,
						 sizeof h));
		return;
	}
	sc->launch = LAUNCH_TRIGGER;
}

int scenario_set_percentiles(struct scenario *sc, const double *p, int n)
{
	double *v = malloc((size_t)n * sizeof *v);

	if (!v)
		return -1;
	memcpy(v, p, (size_t)n * sizeof *v);
	free(sc->pct);
	sc->pct = v;
	sc->npct = n;
	return 0;
}

void loader_load_percentiles(struct loader *L, const char *path,
			     const struct ynode *v)
{
	double *p;
	char t[80];
	int bad = 0;

	if (v->kind != YNODE_SEQ || v->n == 0) {
		loader_error(L, v, "%s must be a non-empty list of increasing "
			     "numbers in (0, 100) (got %s)", path,
			     v->kind == YNODE_SEQ ? "an empty list" :
			     loader_show(v, t, sizeof t));
		return;
	}
	p = calloc(v->n, sizeof *p);
	if (!p) {
		loader_error(L, v, "out of memory");
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		const struct ynode *x = v->vals[i];
		enum num_status st = x->kind == YNODE_SCALAR && !x->plain_null ?
				     number_parse(x->str, 0, &p[i]) : NUM_TEXT;

		if (st != NUM_OK) {
			loader_error(L, x, "%s: each percentile must be a plain "
				     "number, e.g. 5 for the 5th (got %s)",
				     path, loader_show(x, t, sizeof t));
			bad = 1;
		} else if (!(p[i] > 0 && p[i] < 100)) {
			loader_error(L, x, "%s: each percentile must be in "
				     "(0, 100) (got %s)", path,
				     loader_text(x->str, t, sizeof t));
			bad = 1;
		} else if (i > 0 && !bad && !(p[i] > p[i - 1])) {
			loader_error(L, x, "%s must increase (got %s after %g)",
				     path, loader_text(x->str, t, sizeof t),
				     p[i - 1]);
			bad = 1;
		}
	}
	if (!bad && scenario_set_percentiles(L->sc, p, (int)v->n) < 0)
		loader_error(L, v, "out of memory");
	free(p);
}
