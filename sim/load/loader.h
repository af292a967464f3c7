/* loader.h — internals shared by the files of the scenario loader
 * (scenario.c: sections and keys; value.c: value forms and inputs;
 * loadmsg.c: messages, names and range checks they all share;
 * paths.c: --set splicing; corrpaths.c: the paths correlations name).
 * Not for other modules: they use scenario.h.
 *
 * Positions: a node that came from a --set value has no line and carries
 * set_arg k + 1, k the index of its --set argument; loader_error() then
 * names the argument instead of a file position. */
#ifndef COMPUTESIM_LOADER_H
#define COMPUTESIM_LOADER_H

#include <stddef.h>
#include <string.h>

#include "diag.h"
#include "number.h"
#include "scenario.h"
#include "schema.h"
#include "yamlread.h"

/* Most items one list may hold (procurement lines, contracts, workloads):
 * keeps every check fast and bounds the correlation matrix that check
 * factors (a few thousand inputs at most). */
#define LOADER_MAX_ITEMS 256
/* Most suggestions ("did you mean") computed in one load: each costs an
 * edit distance against every candidate. */
#define LOADER_MAX_SUGGEST 64

struct loader {
	struct scenario *sc;
	struct diag *d;
	const char *file;
	const struct scenario_set *sets;
	int nsets;
	int have_horizon;	/* start_year and years are valid */
	int has_industry;	/* the file has an industry section: keys
				   marked KF_NOINDUSTRY are refused */
	/* "" or " (the horizon comes from --set 'ARG')": added to messages
	 * about a year outside the horizon when a --set moved it */
	char horizon_note[300];
	/* "" or " that --set 'ARG' gives": added to the refusal of a
	 * market key the file writes beside an industry section a --set
	 * gave (whole, or the first of the --set keys that made it) */
	char industry_note[300];
	/* lists refused whole (not a list, too long) or with an item
	 * without a valid name: correlations naming their items say nothing
	 * more */
	const struct key_def *failed_list[8];
	int nfailed_list;
	/* sections a misspelt one was matched to ("did you mean"), or that
	 * --set keys into a section the file lacks were refused for (one
	 * message said it): not also reported missing, nor what their
	 * absence then asks for (indexes of schema_keys) */
	unsigned char section_named[256];
	int nsuggest;		/* suggestions computed so far */
};

/* Store n bytes at offset off of base (a struct scenario or an item);
 * read an int there. */
static inline void loader_put(void *base, size_t off, const void *v,
			      size_t n)
{
	memcpy((char *)base + off, v, n);
}

static inline int loader_get_int(const void *base, size_t off)
{
	int v;

	memcpy(&v, (const char *)base + off, sizeof v);
	return v;
}

/* ---- keys that are not inputs (keyscalar.c); v is the value node, path
 * its dotted path for messages; problems go to L ---- */

/* KEY_TEXT: the stored string (owned by the scenario) or NULL. Names
 * (KF_UNIQUE) must be [A-Za-z0-9_-], at most 64. */
char *loader_load_text(struct loader *L, const struct key_def *k,
		       void *base, const char *path, const struct ynode *v);
/* KEY_WHOLE: parse, range-check and store; 0 or -1. */
int loader_load_whole(struct loader *L, const struct key_def *k,
		      void *base, const char *path, const struct ynode *v);
/* KEY_BOOL: true / false (also True, TRUE, ...). */
void loader_load_bool(struct loader *L, const struct key_def *k,
		      void *base, const char *path, const struct ynode *v);
/* KEY_WORD: one of the row's words (exact, lower case), stored as its
 * index; anything else is an error naming the words. */
void loader_load_word(struct loader *L, const struct key_def *k,
		      void *base, const char *path, const struct ynode *v);
/* cloud.launch: never | {year: Y} | {trigger_surplus_share: x}. */
void loader_load_launch(struct loader *L, const char *path,
			const struct ynode *v);
/* KEY_PERCENTILES: increasing numbers in (0, 100). */
void loader_load_percentiles(struct loader *L, const char *path,
			     const struct ynode *v);

/* Record an error / a warning about node `at` (NULL: the file itself). */
void loader_error(struct loader *L, const struct ynode *at,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void loader_warning(struct loader *L, const struct ynode *at,
		    const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A node as messages show it: "`text`" (escaped, cut to fit buf),
 * "a mapping", "a list" or "nothing". Writes into buf and returns it. */
const char *loader_show(const struct ynode *n, char *buf, size_t size);
/* User text made safe to print (text_escape of text.h: control bytes and
 * invalid UTF-8 as \xHH, cut whole characters at a time with "..." to
 * fit buf, size >= 8). */
const char *loader_text(const char *s, char *buf, size_t size);

/* Number parsing: number_parse() of number.h. */

/* Append an input for `path` (row k gives range, flags and default) at
 * node `at` (NULL: a default), holding k's default as a fixed value.
 * Returns its index, or -1 on allocation failure (an error is recorded). */
int loader_add_input(struct loader *L, const char *path,
		     const struct key_def *k, const struct ynode *at);

/* Parse the value node v into input idx (row k): number, percentage,
 * "a to b", dist mapping or year series (which also appends the
 * series' then_growth input). Problems go to L; the input keeps a valid
 * (fixed) dist either way. */
void loader_value(struct loader *L, int idx, const struct key_def *k,
		  const struct ynode *v);
/* Value node v read again against row k (a key whose range depends on
 * another key's value: a capex_response's cap against its floor; own:
 * the key's own row), its messages naming path and the range as
 * range_of; the value read is dropped. 0, or -1 after an error. */
int loader_value_recheck(struct loader *L, const struct key_def *k,
			 const struct key_def *own, const char *range_of,
			 const char *path, const struct ynode *v);

/* correlations: key and value nodes; fills sc->corr with the pairs of
 * uncertain inputs (call after every input exists). */
void loader_correlations(struct loader *L, const struct ynode *key,
			 const struct ynode *v);

/* ---- shared by the value forms (value.c, distmap.c) ---- */

/* A value being parsed: where it goes and how it is named. */
struct vctx {
	struct loader *L;
	const struct key_def *k;	/* its row: range, flags */
	const char *path;		/* its dotted path, for messages */
	int in_series;			/* a point of a year series */
	double *span;			/* NULL, or [2]: widened to take in
					   every location parameter read */
	const char *range_of;		/* NULL: "the key's range"; else
					   what the range of k is */
	const struct key_def *k_own;	/* with range_of: the key's own row
					   (its warning, said once) */
};

/* The nearest of n names (names[i] at byte stride i * stride) to s when
 * close enough, else NULL; counts against LOADER_MAX_SUGGEST. */
const char *loader_nearest(struct loader *L, const char *s,
			   const char *const *names, size_t stride, int n);
/* " (did you mean `WHAT.then_growth`?)" into buf (size n) when part,
 * the third part of a --set path to the per-year key row, is a slip for
 * then_growth, as --grid and --vary suggest it; else "". */
const char *loader_tg_hint(struct loader *L, const struct key_def *row,
			   const char *part, const char *what, char *buf,
			   size_t n);
/* " (did you mean `s`?)" in buf, or "" when s is NULL. */
const char *loader_did_you_mean(const char *s, char *buf, size_t size);
/* A location parameter v read: c->span (when set) widened to take it in. */
void loader_span_take(const struct vctx *c, double v);
/* "; for 20% write `20%` or 0.2" (n 1) or "; for 8% to 15% write `8% to
 * 15%`" (n 2: the ends of "a to b"), when the key's range ends at or
 * below 1 (a share or a rate), each v[e] is in [2, 100] (1.2 is more
 * likely a slip than 1.2%), v[e] / 100 is in range and the text `as` has
 * no `%`; else "". Returns buf. */
const char *loader_percent_hint(const struct key_def *k, const double *v,
				int n, const char *as, char *buf, size_t size);
/* v (written as `as`; what: "" or "min: ") against the key's range;
 * 0, or -1 after an error. */
int loader_check_range(const struct vctx *c, const struct ynode *at,
		       double v, const char *what, const char *as);
/* A scalar number or percentage (a parameter named what); 0, or -1 after
 * an error. */
int loader_scalar_number(const struct vctx *c, const struct ynode *n,
			 const char *what, double *out);
/* Warn when more than 0.1% of d lies outside the key's range. */
void loader_warn_outside(const struct vctx *c, const struct ynode *at,
			 const struct dist *d);
/* A mapping with `dist:` at n into d (zeroed first); 0, or -1 after
 * errors (d then holds nothing to free). */
int loader_dist_map(const struct vctx *c, const struct ynode *n,
		    struct dist *d);

/* Apply the --set arguments to the tree (root must be a mapping). */
void loader_apply_sets(struct loader *L, struct ynode *root);

/* Allocate a scalar node (line: as given) / an empty mapping node; NULL
 * when out of memory. */
struct ynode *loader_new_scalar(const char *s, int set_arg);
struct ynode *loader_new_map(int set_arg);

#endif
