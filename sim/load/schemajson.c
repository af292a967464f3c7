/* schemajson.c — `computesim schema`: a JSON Schema (draft-07) of the
 * scenario format, generated from the key table (schema.c), so that an
 * editor with a YAML language server can complete keys and flag mistakes
 * (docs/format.md "A scenario": `# yaml-language-server: $schema=...`). The
 * committed copy is scenarios/schema.json; tests/cli_schema.sh checks
 * that it is current.
 *
 * The schema is a help, not the checker: it never refuses a file the
 * loader accepts, and `computesim check` stays the judge of what it
 * cannot say (ranges of distribution parameters, unique names, years of a
 * series inside the horizon, paths in correlations). What it knows about
 * `dist:` mappings (the names of the distributions and of their
 * parameters) is written here once, not read from a table: distmap.c
 * keeps its own, private. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "schema.h"

/* A decimal number as the loader reads it (value.c decimal_len). */
#define NUM "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?"

/* ---- a small pretty-printing JSON writer --------------------------------- */

struct jw {
	FILE *f;
	int depth;
	int first[32];	/* no member written yet at this depth */
	int inl;	/* > 0: depths from inl on are written on one line */
};

static void j_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* Start a member ("key": ) or, with key NULL, an array element. */
static void j_key(struct jw *w, const char *key)
{
	int inl = w->inl && w->depth >= w->inl;

	if (w->depth > 0)
		fputs(w->first[w->depth] ? (inl ? "" : "\n") :
		      (inl ? ", " : ",\n"), w->f);
	w->first[w->depth] = 0;
	if (!inl)
		fprintf(w->f, "%*s", 2 * w->depth, "");
	if (key) {
		j_string(w->f, key);
		fputs(": ", w->f);
	}
}

static void j_open(struct jw *w, const char *key, char c)
{
	j_key(w, key);
	fputc(c, w->f);
	w->first[++w->depth] = 1;
}

/* The same, with everything inside on one line: {"type": "number"}. */
static void j_open_inline(struct jw *w, const char *key, char c)
{
	j_open(w, key, c);
	if (!w->inl)
		w->inl = w->depth;
}

static void j_close(struct jw *w, char c)
{
	int empty = w->first[w->depth];

	if (!empty && !(w->inl && w->depth >= w->inl))
		fprintf(w->f, "\n%*s", 2 * (w->depth - 1), "");
	if (w->inl == w->depth)
		w->inl = 0;
	w->depth--;
	fputc(c, w->f);
}

static void j_str(struct jw *w, const char *key, const char *s)
{
	j_key(w, key);
	j_string(w->f, s);
}

/* A member whose value is JSON text already: true, 3, ["a", "b"]. */
static void j_raw(struct jw *w, const char *key, const char *raw)
{
	j_key(w, key);
	fputs(raw, w->f);
}

static void j_num(struct jw *w, const char *key, double v)
{
	j_key(w, key);
	fprintf(w->f, "%.17g", v);
}

static void j_ref(struct jw *w, const char *def)
{
	char ref[96];

	snprintf(ref, sizeof ref, "#/definitions/%s", def);
	j_open_inline(w, NULL, '{');
	j_str(w, "$ref", ref);
	j_close(w, '}');
}

/* ---- pieces of the schema ------------------------------------------------ */

/* minimum / exclusiveMinimum / maximum / exclusiveMaximum of a row. */
static void range(struct jw *w, const struct key_def *k)
{
	if (isfinite(k->lo))
		j_num(w, k->flags & KF_LO_OPEN ? "exclusiveMinimum" : "minimum",
		      k->lo);
	if (isfinite(k->hi))
		j_num(w, k->flags & KF_HI_OPEN ? "exclusiveMaximum" : "maximum",
		      k->hi);
}

/* "desc (range R; default D; per year)" for the editor's hover; a
 * section: "desc (required)". */
static void describe(struct jw *w, const struct key_def *k)
{
	char r[200], d[512];
	int req = strncmp(k->def_doc, "required", 8) == 0;

	schema_range_doc(k, r, sizeof r);
	if (k->kind == KEY_SECTION)
		snprintf(d, sizeof d, "%s (%s)", k->desc, k->def_doc);
	else
		snprintf(d, sizeof d, "%s (%s; %s%s%s)", k->desc, r,
			 req ? "" : "default ", k->def_doc,
			 !(k->flags & KF_PER_YEAR) ? "" :
			 k->flags & KF_ACTS1 ? "; per year, acts from year 1" :
			 "; per year");
	j_str(w, "description", d);
}

/* A value (KEY_VALUE) of row k: a number in range, "25%" / "a to b", a
 * `dist:` mapping (`dist` names which definition), or, when series, a
 * year series whose points take the same forms without resampling. */
static void value(struct jw *w, const struct key_def *k, const char *dist,
		  int series)
{
	const struct key_def *tg = schema_find(SCHEMA_SERIES, "then_growth");

	j_open(w, "anyOf", '[');
	j_open_inline(w, NULL, '{');
	j_str(w, "type", "number");
	range(w, k);
	j_close(w, '}');
	j_ref(w, "value_text");
	j_ref(w, dist);
	if (series) {
		j_open(w, NULL, '{');
		j_str(w, "description", "a year series: years (the first is "
		      "start_year) to values, and an optional then_growth that "
		      "grows the last listed value every later year");
		j_str(w, "type", "object");
		j_open(w, "patternProperties", '{');
		j_open(w, "^[0-9]{1,4}$", '{');
		value(w, k, "dist_in_series", 0);
		j_close(w, '}');
		j_close(w, '}');
		j_open(w, "properties", '{');
		j_open(w, "then_growth", '{');
		describe(w, tg);
		value(w, tg, "dist", 0);
		j_close(w, '}');
		j_close(w, '}');
		j_raw(w, "additionalProperties", "false");
		j_close(w, '}');
	}
	j_close(w, ']');
}

/* A number or a number-as-text within row k's range; pct: "25%" too. */
static void number(struct jw *w, const struct key_def *k, const char *type,
		   int pct)
{
	j_open_inline(w, "anyOf", '[');
	j_open(w, NULL, '{');
	j_str(w, "type", type);
	range(w, k);
	j_close(w, '}');
	j_ref(w, pct ? "number_text_pct" : "number_text");
	j_close(w, ']');
}

/* The launch forms: never, {year: Y}, {trigger_surplus_share: x}. */
static void launch(struct jw *w, const struct key_def *k)
{
	const struct key_def *y = schema_find("scenario", "start_year");

	j_open(w, "oneOf", '[');
	j_open_inline(w, NULL, '{');
	j_str(w, "const", "never");
	j_close(w, '}');
	for (int i = 0; i < 2; i++) {
		const char *name = i ? "trigger_surplus_share" : "year";
		char req[64];

		j_open(w, NULL, '{');
		j_str(w, "type", "object");
		j_open(w, "properties", '{');
		j_open(w, name, '{');
		j_str(w, "description", i ? "launch in the first year whose "
		      "surplus reaches this share of capacity" :
		      "launch in this year (inside the horizon)");
		number(w, i ? k : y, i ? "number" : "integer", i);
		j_close(w, '}');
		j_close(w, '}');
		snprintf(req, sizeof req, "[\"%s\"]", name);
		j_raw(w, "required", req);
		j_raw(w, "additionalProperties", "false");
		j_close(w, '}');
	}
	j_close(w, ']');
}

/* correlations[] (row k: the range of rho_s). */
static void correlations(struct jw *w, const struct key_def *k)
{
	j_open(w, "items", '{');
	j_str(w, "description", "[PATH, PATH, rho_s]: two different inputs "
	      "by dotted path and their rank correlation");
	j_str(w, "type", "array");
	j_open(w, "items", '[');
	for (int i = 0; i < 2; i++) {
		j_open_inline(w, NULL, '{');
		j_str(w, "type", "string");
		j_str(w, "description", "input path, e.g. "
		      "demand.workloads.NAME.growth or "
		      "supply.capex_busd.then_growth");
		j_close(w, '}');
	}
	j_open(w, NULL, '{');
	number(w, k, "number", 1);
	j_close(w, '}');
	j_close(w, ']');
	j_num(w, "minItems", 3);
	j_num(w, "maxItems", 3);
	j_raw(w, "additionalItems", "false");
	j_close(w, '}');
}

static void keys(struct jw *w, const char *section);

/* The schema of row k's value (not its name). */
static void key(struct jw *w, const struct key_def *k)
{
	char path[128];
	int optional = !(k->flags & KF_REQUIRED);

	describe(w, k);
	switch (k->kind) {
	case KEY_SECTION:
		keys(w, k->name);
		break;
	case KEY_TEXT:
		j_raw(w, "type", optional ? "[\"string\", \"number\", "
		      "\"boolean\", \"null\"]" :
		      "[\"string\", \"number\", \"boolean\"]");
		if (k->flags & KF_UNIQUE)
			j_str(w, "pattern", "^[A-Za-z0-9_-]{1,64}$");
		if (k->flags & KF_PATH)
			j_num(w, "minLength", 1);
		break;
	case KEY_WHOLE:
		number(w, k, "integer", 0);
		break;
	case KEY_BOOL:
		j_raw(w, "enum", "[true, false, \"true\", \"True\", \"TRUE\", "
		      "\"false\", \"False\", \"FALSE\"]");
		break;
	case KEY_WORD: {
		char list[160];
		size_t n = 0;

		/* the words are the table's own: plain lower-case letters */
		for (int i = 0; k->words[i] && n < sizeof list; i++)
			n += (size_t)snprintf(list + n, sizeof list - n,
					      "%s\"%s\"", i ? ", " : "[",
					      k->words[i]);
		if (n < sizeof list)
			snprintf(list + n, sizeof list - n, "]");
		j_raw(w, "enum", list);
		break;
	}
	case KEY_VALUE:
		value(w, k, k->flags & KF_PER_YEAR ? "dist" : "dist_per_trial",
		      (k->flags & KF_PER_YEAR) != 0);
		break;
	case KEY_LAUNCH:
		launch(w, k);
		break;
	case KEY_PERCENTILES:
		j_str(w, "type", "array");
		j_num(w, "minItems", 1);
		j_open_inline(w, "items", '{');
		j_open(w, "anyOf", '[');
		j_open(w, NULL, '{');
		j_str(w, "type", "number");
		j_num(w, "exclusiveMinimum", k->lo);
		j_num(w, "exclusiveMaximum", k->hi);
		j_close(w, '}');
		j_ref(w, "number_text");
		j_close(w, ']');
		j_close(w, '}');
		break;
	case KEY_LIST:
		j_raw(w, "type", k->min_items > 0 ? "\"array\"" :
		      "[\"array\", \"null\"]");
		if (k->min_items > 0)
			j_num(w, "minItems", k->min_items);
		j_open(w, "items", '{');
		snprintf(path, sizeof path, "%s.%s", k->section, k->name);
		keys(w, path);
		j_close(w, '}');
		break;
	case KEY_SUBSECTION:
		snprintf(path, sizeof path, "%s.%s", k->section, k->name);
		keys(w, path);
		break;
	case KEY_CORRELATIONS:
		j_raw(w, "type", "[\"array\", \"null\"]");
		correlations(w, k);
		break;
	}
}

/* An object with the rows of `section` as its properties ("" : the
 * root): type, required keys, no other keys. */
static void keys(struct jw *w, const char *section)
{
	int nreq = 0;

	for (int i = 0; i < schema_nkeys; i++)
		if (strcmp(schema_keys[i].section, section) == 0 &&
		    (schema_keys[i].flags & KF_REQUIRED) &&
		    !(schema_keys[i].flags & KF_NOINDUSTRY))
			nreq++;
	/* a section written empty (`cloud:`) is a section with no keys */
	j_raw(w, "type", nreq || !*section || strchr(section, '.') ?
	      "\"object\"" : "[\"object\", \"null\"]");
	if (nreq) {
		j_key(w, "required");
		fputc('[', w->f);
		for (int i = 0, n = 0; i < schema_nkeys; i++)
			if (strcmp(schema_keys[i].section, section) == 0 &&
			    (schema_keys[i].flags & KF_REQUIRED) &&
			    !(schema_keys[i].flags & KF_NOINDUSTRY)) {
				fputs(n++ ? ", " : "", w->f);
				j_string(w->f, schema_keys[i].name);
			}
		fputc(']', w->f);
	}
	j_open(w, "properties", '{');
	for (int i = 0; i < schema_nkeys; i++)
		if (strcmp(schema_keys[i].section, section) == 0) {
			j_open(w, schema_keys[i].name, '{');
			key(w, &schema_keys[i]);
			j_close(w, '}');
		}
	j_close(w, '}');
	j_raw(w, "additionalProperties", "false");
}

/* The `dist:` mapping; per_year: resample may be year or ar1. */
static void dist_def(struct jw *w)
{
	static const char *const params[] = {
		"value", "min", "max", "mean", "sd", "p5", "p95", "median",
		"gsd", "mode", "alpha", "beta", "lower", "upper"};

	j_open(w, "dist", '{');
	j_str(w, "description", "a distribution: fixed {value}, uniform "
	      "{min, max}, normal {mean, sd} or {p5, p95}, lognormal {p5, "
	      "p95}, {median, gsd} or {mean, sd}, triangular or pert {min, "
	      "mode, max}, beta {alpha, beta} (optionally min, max), choice "
	      "{values, weights}; continuous ones may add lower / upper; "
	      "resample: trial | year | ar1 (ar1 needs phi in (-1, 1))");
	j_str(w, "type", "object");
	j_raw(w, "required", "[\"dist\"]");
	j_open(w, "properties", '{');
	j_raw(w, "dist", "{\"enum\": [\"fixed\", \"uniform\", \"normal\", "
	      "\"lognormal\", \"triangular\", \"pert\", \"beta\", "
	      "\"choice\"]}");
	for (size_t i = 0; i < sizeof params / sizeof params[0]; i++)
		j_raw(w, params[i], "{\"$ref\": "
		      "\"#/definitions/number_or_text\"}");
	for (int i = 0; i < 2; i++) {
		j_open(w, i ? "weights" : "values", '{');
		j_str(w, "type", "array");
		j_num(w, "minItems", 1);
		j_raw(w, "items", "{\"$ref\": "
		      "\"#/definitions/number_or_text\"}");
		j_close(w, '}');
	}
	j_raw(w, "resample", "{\"enum\": [\"trial\", \"year\", \"ar1\"]}");
	j_open_inline(w, "phi", '{');
	j_open(w, "anyOf", '[');
	j_raw(w, NULL, "{\"type\": \"number\", \"exclusiveMinimum\": -1, "
	      "\"exclusiveMaximum\": 1}");
	j_ref(w, "number_text_pct");
	j_close(w, ']');
	j_close(w, '}');
	j_close(w, '}');
	j_raw(w, "additionalProperties", "false");
	j_close(w, '}');
}

static void definitions(struct jw *w)
{
	j_open(w, "definitions", '{');
	j_open(w, "number_text", '{');
	j_str(w, "description", "a number written as text");
	j_str(w, "type", "string");
	j_str(w, "pattern", "^" NUM "$");
	j_close(w, '}');
	j_open(w, "number_text_pct", '{');
	j_str(w, "description", "a number or a percentage (\"25%\") as text");
	j_str(w, "type", "string");
	j_str(w, "pattern", "^" NUM "%?$");
	j_close(w, '}');
	j_open(w, "number_or_text", '{');
	j_open_inline(w, "anyOf", '[');
	j_raw(w, NULL, "{\"type\": \"number\"}");
	j_ref(w, "number_text_pct");
	j_close(w, ']');
	j_close(w, '}');
	j_open(w, "value_text", '{');
	j_str(w, "description", "a number, a percentage (\"25%\") or a 90% "
	      "interval (\"a to b\": lognormal when 0 < a < b, else normal)");
	j_str(w, "type", "string");
	j_str(w, "pattern", "^(" NUM "%?|\\s*" NUM "%?\\s* to \\s*" NUM
	      "%?\\s*)$");
	j_close(w, '}');
	dist_def(w);
	j_open(w, "dist_per_trial", '{');
	j_str(w, "description", "a distribution drawn once per trial");
	j_open(w, "allOf", '[');
	j_ref(w, "dist");
	j_raw(w, NULL, "{\"properties\": {\"resample\": {\"const\": "
	      "\"trial\"}, \"phi\": false}}");
	j_close(w, ']');
	j_close(w, '}');
	j_open(w, "dist_in_series", '{');
	j_str(w, "description", "a distribution inside a year series: no "
	      "resample, no phi (a series is drawn once per trial)");
	j_open(w, "allOf", '[');
	j_ref(w, "dist");
	j_raw(w, NULL, "{\"properties\": {\"resample\": false, \"phi\": "
	      "false}}");
	j_close(w, ']');
	j_close(w, '}');
	j_close(w, '}');
}

/* `"branch": {"properties": {"sec": {"what": OPEN body CLOSE}}}`: a rule
 * on one section's keys (industry_rule). */
static void section_rule(struct jw *w, const char *branch, const char *sec,
			 const char *what, char open, const char *body,
			 char close)
{
	j_open(w, branch, '{');
	j_open(w, "properties", '{');
	j_open(w, sec, '{');
	j_key(w, what);
	fprintf(w->f, "%c%s%c", open, body, close);
	j_close(w, '}');
	j_close(w, '}');
	j_close(w, '}');
}

/* The keys refused beside an `industry` section (KF_NOINDUSTRY): with the
 * section none may be given; without it the required ones must be
 * (docs/format.md "Keys"). */
static void industry_rule(struct jw *w)
{
	char then[1024], els[1024];
	size_t nt = 0, ne = 0;
	const char *sec = NULL;

	for (int i = 0; i < schema_nkeys; i++) {
		const struct key_def *k = &schema_keys[i];

		if (!(k->flags & KF_NOINDUSTRY))
			continue;
		sec = k->section;	/* one section holds them: market */
		nt += (size_t)snprintf(then + nt, sizeof then - nt, "%s\"%s\": "
				       "false", nt ? ", " : "", k->name);
		if (k->flags & KF_REQUIRED)
			ne += (size_t)snprintf(els + ne, sizeof els - ne,
					       "%s\"%s\"", ne ? ", " : "",
					       k->name);
	}
	if (!sec)
		return;
	j_open(w, "if", '{');
	j_raw(w, "required", "[\"industry\"]");
	j_close(w, '}');
	section_rule(w, "then", sec, "properties", '{', then, '}');
	if (ne)
		section_rule(w, "else", sec, "required", '[', els, ']');
}

void schema_print_json(FILE *f)
{
	struct jw w = {f, 0, {0}, 0};

	j_open(&w, NULL, '{');
	j_str(&w, "$schema", "http://json-schema.org/draft-07/schema#");
	j_str(&w, "title", "computesim scenario");
	j_str(&w, "description", "A computesim scenario (docs/format.md). "
	      "Generated by `computesim schema` from the key table in "
	      "sim/load/schema.c; do not edit by hand. `computesim check` "
	      "remains the judge: it also checks what a schema cannot say.");
	keys(&w, "");
	industry_rule(&w);
	definitions(&w);
	j_close(&w, '}');
	fputc('\n', f);
}
