/* fuzz_scenario.c — libFuzzer target over the YAML reader and the scenario
 * loader (tools/fuzz.sh builds and runs it).
 *
 * Each input is read three times: by yaml_read() alone, with the reader's
 * promises checked (a tree on success and no errors; no tree and at least
 * one error on failure; positions 1-based; nesting within the limit; keys
 * are text and unique), by yaml_read_partial() (the same promises for the
 * tree it hands out with errors), and by scenario_load_buffer(), the path
 * a user's file takes. Lines at the top of the form `#set PATH=VALUE`
 * (YAML comments, so the file reads the same without them) are handed to
 * the loader as --set arguments, as the command line would, so --set
 * strings are fuzzed with the file. A scenario that loads then runs two
 * trials through the sampler and the model (every part of model v2), at
 * most 20 years, under the same sanitizers. The same bytes are then
 * written as a chart table and read by charttable_check, the reader that
 * stands between a hand-edited chart CSV and gnuplot: it must accept or
 * refuse them with one error, never crash. A broken promise aborts,
 * which libFuzzer reports as a crash with the input saved. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "charttable.h"
#include "csinit.h"
#include "diag.h"
#include "model.h"
#include "rng.h"
#include "sample.h"
#include "scenario.h"
#include "yamlread.h"

#define FUZZ_MAX_SETS 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void require(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_scenario: broken promise: %s\n", what);
		abort();
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Check the tree under n, which sits at nesting depth depth; returns the
 * number of nodes. partial: a tree yaml_read_partial() handed out with
 * errors, which may hold a text past the limit. */
static size_t check_tree(const struct ynode *n, int depth, int partial)
{
	size_t count = 1;

	require(n != NULL, "no NULL nodes");
	require(n->line >= 1 && n->col >= 1, "positions are 1-based");
	if (n->kind == YNODE_SCALAR) {
		require(n->str != NULL, "a scalar has text");
		require(n->n == 0, "a scalar has no children");
		/* a partial tree keeps a long text (and its error) */
		require(partial || strlen(n->str) <= YAMLREAD_MAX_SCALAR,
			"text within the length limit");
		require(!n->plain_null || !n->quoted,
			"a null is never quoted");
		return count;
	}
	require(depth + 1 <= YAMLREAD_MAX_DEPTH, "nesting within the limit");
	require(n->n == 0 || n->vals != NULL, "children are there");
	if (n->kind == YNODE_MAP && n->n > 0) {
		char **keys = malloc(n->n * sizeof *keys);

		require(keys != NULL, "memory");
		for (size_t i = 0; i < n->n; i++) {
			require(n->keys[i] != NULL, "a key is there");
			require(n->keys[i]->kind == YNODE_SCALAR,
				"keys are text");
			keys[i] = n->keys[i]->str;
			count += check_tree(n->keys[i], depth + 1, partial);
		}
		qsort(keys, n->n, sizeof *keys, cmp_str);
		for (size_t i = 1; i < n->n; i++)
			require(strcmp(keys[i - 1], keys[i]) != 0,
				"keys are unique");
		free(keys);
	}
	for (size_t i = 0; i < n->n; i++)
		count += check_tree(n->vals[i], depth + 1, partial);
	return count;
}

/* The `#set PATH=VALUE` lines at the top of data, into sets (their text
 * in buf, which the caller frees); returns how many. */
static int read_sets(const uint8_t *data, size_t size,
		     struct scenario_set *sets, char **buf)
{
	size_t pos = 0;
	int n = 0;

	*buf = malloc(size + 1);
	require(*buf != NULL, "memory");
	memcpy(*buf, data, size);
	(*buf)[size] = '\0';
	while (n < FUZZ_MAX_SETS && pos + 5 <= size &&
	       memcmp(*buf + pos, "#set ", 5) == 0) {
		char *line = *buf + pos + 5, *nl = strchr(line, '\n'), *eq;

		if (nl)
			*nl = '\0';
		pos = nl ? (size_t)(nl - *buf) + 1 : size;
		eq = strchr(line, '=');
		if (!eq || strlen(line) != strcspn(line, "\0"))
			continue;
		*eq = '\0';
		sets[n].arg = line;	/* the path is enough for messages */
		sets[n].path = line;
		sets[n].value = eq + 1;
		n++;
	}
	return n;
}

/* Two trials of a loaded scenario through sampler and model. */
static void run_trials_of(const struct scenario *sc)
{
	struct sample_plan *p = NULL;
	struct trial_outcome o;
	struct diag d;
	gsl_rng *r;
	double *x, *scr, *m, *ws;
	size_t y = (size_t)sc->years;

	if (sc->years > 20)
		return;	/* keeps each input fast */
	diag_init(&d);
	if (sample_plan_new(&p, sc, &d) < 0) {
		/* the loader checked the correlation matrix already */
		require(0, "a loaded scenario has a sample plan");
	}
	r = gsl_rng_alloc(computesim_rng_type);
	x = calloc((size_t)sc->ninputs * y + 1, sizeof *x);
	scr = calloc(sample_scratch_size(p) + 1, sizeof *scr);
	m = calloc((size_t)model_nmetrics(sc) * y + 1, sizeof *m);
	ws = calloc(model_ws_size(sc) + 1, sizeof *ws);
	require(r && x && scr && m && ws, "memory");
	for (uint64_t i = 0; i < 2; i++) {
		rng_stream(r, sc->seed, i);
		sample_trial(p, r, x, scr, NULL, 0);
		model_run_trial(sc, x, m, &o, ws);
		require(o.story >= STORY_OVERBUILD && o.story <= STORY_SHORTAGE,
			"a story");
		require(sc->has_industry ? o.industry != INDUSTRY_NONE
					 : o.industry == INDUSTRY_NONE,
			"an industry state exactly with an industry section");
		require(o.launch_t >= -1 && o.launch_t < sc->years,
			"launch year in the horizon");
	}
	free(x);
	free(scr);
	free(m);
	free(ws);
	gsl_rng_free(r);
	sample_plan_free(p);
	diag_free(&d);
}

/* data as dir/chart_capacity_demand.csv, then charttable_check. */
static void check_chart_table(const uint8_t *data, size_t size)
{
	static char dir[64];
	char path[128];
	struct diag d;
	FILE *f;
	int rc;

	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/fuzz_chart.XXXXXX");
		require(mkdtemp(dir) != NULL, "a temporary directory");
	}
	snprintf(path, sizeof path, "%s/chart_capacity_demand.csv", dir);
	f = fopen(path, "wb");
	require(f != NULL, "a chart table to write");
	fwrite(data, 1, size, f);
	fclose(f);
	diag_init(&d);
	rc = charttable_check(dir, "out", "chart_capacity_demand.csv", NULL,
			      &d);
	require(rc == 0 ? d.nerr == 0 : rc == -1 && d.nerr == 1,
		"charttable_check: 0, or -1 with one error");
	diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scenario_set sets[FUZZ_MAX_SETS];
	char *setbuf = NULL;
	int nsets;
	static FILE *devnull;
	struct ynode *root = NULL, *copy;
	struct scenario *sc = NULL;
	struct diag d;
	int rc;

	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		/* as main() does: GSL's beta inverse reports a failure to
		 * converge for some shapes, and dist.c falls back */
		computesim_init();
	}

	diag_init(&d);
	rc = yaml_read(&root, (const char *)data, size, "fuzz.yaml", &d);
	if (rc == 0) {
		require(root != NULL, "a tree on success");
		require(d.nerr == 0, "no errors on success");
		require(check_tree(root, 0, 0) <= YAMLREAD_MAX_NODES,
			"node count within the limit");
		copy = yaml_node_copy(root);
		require(copy != NULL, "a copy");
		yaml_node_free(copy);
	} else {
		require(rc == -1, "-1 on failure");
		require(root == NULL, "no tree on failure");
		require(d.nerr > 0, "an error on failure");
	}
	if (devnull)
		diag_print(&d, devnull);
	yaml_node_free(root);
	root = NULL;
	diag_free(&d);

	/* the partial read: a whole, valid tree also when it returns 1 */
	diag_init(&d);
	rc = yaml_read_partial(&root, (const char *)data, size, "fuzz.yaml",
			       &d);
	if (rc >= 0) {
		require(root != NULL, "partial: a tree");
		require(rc == 1 ? d.nerr > 0 : d.nerr == 0,
			"partial: 1 exactly when there are errors");
		require(check_tree(root, 0, rc == 1) <= YAMLREAD_MAX_NODES,
			"partial: node count within the limit");
	} else {
		require(rc == -1 && root == NULL && d.nerr > 0,
			"partial: no tree and an error on failure");
	}
	yaml_node_free(root);
	diag_free(&d);

	diag_init(&d);
	nsets = read_sets(data, size, sets, &setbuf);
	rc = scenario_load_buffer(&sc, (const char *)data, size, "fuzz.yaml",
				  sets, nsets, sample_check, &d);
	require(rc == 0 ? sc != NULL && d.nerr == 0
			: sc == NULL && d.nerr > 0,
		"scenario_load_buffer: result agrees with its errors");
	if (devnull)
		diag_print(&d, devnull);
	if (sc)
		run_trials_of(sc);
	scenario_free(sc);
	diag_free(&d);
	free(setbuf);
	check_chart_table(data, size);
	return 0;
}
