/* schema.h — the one table of scenario keys (docs/format.md "Keys").
 *
 * Every key of the format is one row of schema_keys[]: its section, name,
 * kind, range, default, whether it may vary by year, the year index from
 * which it acts, where the loader stores it, and a one-line description.
 * The loader (scenario.c), the checker's messages and `computesim keys`
 * (scenario_print_keys) read only this table, so a new key is one row
 * (plus the struct field the model reads).
 *
 * Sections are rows too (section "", kind KEY_SECTION or
 * KEY_CORRELATIONS); keys of list items have the list's dotted name as
 * their section ("supply.procurement"); the `then_growth` of a year series
 * is the row in section SCHEMA_SERIES.
 *
 * Everything here is constant data: nothing to free. */
#ifndef COMPUTESIM_SCHEMA_H
#define COMPUTESIM_SCHEMA_H

#include <stddef.h>
#include <stdio.h>

enum key_kind {
	KEY_SECTION,		/* a top-level mapping of keys */
	KEY_TEXT,		/* a scalar kept as text */
	KEY_WHOLE,		/* a fixed whole number, never a distribution */
	KEY_BOOL,		/* true / false */
	KEY_WORD,		/* one of the row's words, stored as its
				   index (an int) */
	KEY_VALUE,		/* a number or a distribution: one struct input */
	KEY_LAUNCH,		/* cloud.launch: never | {year} | {trigger...} */
	KEY_PERCENTILES,	/* increasing numbers in (0, 100) */
	KEY_LIST,		/* a list of named items */
	KEY_SUBSECTION,		/* a mapping of keys inside a section
				   (supply.capex_response): its keys are the
				   rows of section "PARENT.NAME" */
	KEY_CORRELATIONS	/* a list of [PATH, PATH, rho_s] */
};

/* How a row's value is stored at `off` (in struct scenario, or in the
 * item struct for a key of a list item). */
enum key_store {
	STORE_NONE,		/* handled by the loader itself */
	STORE_INPUT,		/* int: index into sc->inputs */
	STORE_INT,		/* int */
	STORE_LONG,		/* long */
	STORE_U64,		/* uint64_t */
	STORE_STR,		/* char *, owned by the scenario */
	STORE_BOOL,		/* int, 0 or 1 */
	STORE_WORD		/* int: index in the row's words */
};

/* Row flags. */
#define KF_REQUIRED	0x01u	/* no default: must be written */
#define KF_PER_YEAR	0x02u	/* may be a year series / resampled yearly */
#define KF_ACTS1	0x04u	/* a growth/change input: acts from year 1 */
#define KF_WEIGHT	0x08u	/* a share that is a weight (normalised) */
#define KF_LO_OPEN	0x10u	/* range excludes lo */
#define KF_HI_OPEN	0x20u	/* range excludes hi */
#define KF_UNIQUE	0x40u	/* text unique within its list (names) */
#define KF_PATH		0x80u	/* text that is a path: not empty; null
				   means the default */
#define KF_NODEFAULT	0x100u	/* absent: no input at all (index -1), as
				   supply.power_gw, absent = unlimited; a
				   section: absent, nothing is loaded */
#define KF_NOINDUSTRY	0x200u	/* refused beside an industry section
				   (and not required then) */

/* Pseudo-section of the then_growth of a year series. */
#define SCHEMA_SERIES "(series)"

struct key_def {
	const char *section;	/* "" for a section; "supply";
				   "supply.procurement" for an item key */
	const char *name;
	enum key_kind kind;
	unsigned flags;		/* KF_* */
	double lo, hi;		/* numeric range; -HUGE_VAL / HUGE_VAL: none */
	double def;		/* default of a number, a bool or a whole */
	const char *def_doc;	/* the default as the key reference shows it */
	const char *range_doc;	/* range column text; NULL: from lo/hi */
	const char *desc;	/* one line for the key reference */
	enum key_store store;
	size_t off;		/* field of struct scenario / of the item */
	size_t off_n;		/* KEY_LIST: the count field (int) */
	size_t item_size;	/* KEY_LIST: size of one item struct */
	int min_items;		/* KEY_LIST: fewest items allowed */
	const char *const *words;	/* KEY_WORD: the words, NULL-ended;
					   def is the default's index */
};

/* Rows of schema_keys: a new key is a new row, and this count, which a
 * _Static_assert in schema.c holds to the table (so a row added or lost by
 * a merge does not pass unseen). */
#define SCHEMA_NKEYS 87

extern const struct key_def schema_keys[];
extern const int schema_nkeys;

/* The row of key `name` in `section` ("" for a section); NULL if none. */
const struct key_def *schema_find(const char *section, const char *name);

/* The row of the input at dotted path (`supply.capex_busd`,
 * `supply.procurement.nvidia.cost_decline`, `PATH.then_growth`: the
 * series row); NULL when the path names no value key. */
const struct key_def *schema_for_path(const char *path);

/* The unit of a value key's numbers for axis labels ("$B", "fraction per
 * year", "USD per H100e-hour", ...), from its name and range; "" when it
 * has none (a ratio such as pue). */
const char *schema_unit(const struct key_def *k);

/* The key of `section` nearest to `name` by edit distance, when it is
 * close enough to be a likely typo; NULL otherwise. */
const struct key_def *schema_suggest(const char *section, const char *name);


/* 1 when v lies in the row's range. */
int schema_in_range(const struct key_def *k, double v);

/* The row's numeric range as text for messages: "> 0", ">= 1",
 * "in [0, 1]", "in (0, 1]", "< 1", or "any number". */
void schema_range_text(const struct key_def *k, char *buf, size_t n);

/* 1 when section names a KEY_SUBSECTION ("supply.capex_response"), 0
 * for a top-level section or a list ("supply.procurement"). */
int schema_is_subsection(const char *section);

/* The full dotted name of a row for the key reference:
 * "supply.pue", "supply.procurement[].share", "correlations[]". */
void schema_key_name(const struct key_def *k, char *buf, size_t n);

/* The range column of the key reference: the row's range_doc, else its
 * range in words ("whole number, 1900–2200", "weight >= 0", "(0, 1]"). */
void schema_range_doc(const struct key_def *k, char *buf, size_t n);

/* Print the JSON Schema (draft-07) of the scenario format, generated
 * from schema_keys[] (schemajson.c; `computesim schema`). */
void schema_print_json(FILE *f);

#endif
