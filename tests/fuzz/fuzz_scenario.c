/* fuzz_scenario.c — libFuzzer target over the YAML reader and the scenario
 * loader (tools/fuzz.sh builds and runs it).
 *
 * Each input is read three times: by yaml_read() alone, with the reader's
 * promises checked (a tree on success and no errors; no tree and at least
 * one error on failure; positions 1-based; nesting within the limit; keys
 * are text and unique), by yaml_read_partial() (the same promises for the
 * tree it hands out with errors), and by scenario_load_buffer(), the path
 * a user's file takes. A broken promise aborts, which libFuzzer reports as a crash
 * with the input saved. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "diag.h"
#include "scenario.h"
#include "yamlread.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct ynode *root = NULL, *copy;
	struct scenario *sc = NULL;
	struct diag d;
	int rc;

	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		/* as main() does: GSL's beta inverse reports a failure to
		 * converge for some shapes, and dist.c falls back */
		gsl_set_error_handler_off();
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
	rc = scenario_load_buffer(&sc, (const char *)data, size, "fuzz.yaml",
				  NULL, 0, &d);
	require(rc == 0 ? sc != NULL && d.nerr == 0
			: sc == NULL && d.nerr > 0,
		"scenario_load_buffer: result agrees with its errors");
	if (devnull)
		diag_print(&d, devnull);
	scenario_free(sc);
	diag_free(&d);
	return 0;
}
