/* yamlread.h — libyaml events -> a small tree of nodes with positions.
 *
 * The reader uses libyaml's event API (never its document loader) and
 * enforces its own limits, so that no input can make it slow or large:
 * nesting depth, alias expansions, key and scalar length, node count.
 * Aliases are expanded into copies (counted against the budget); anchors
 * are resolved. Every node keeps the 1-based line and column of its first
 * character (columns count characters); the outermost node of an alias's
 * copy takes the alias's position. Duplicate mapping keys are reported as
 * errors here (the first one stands). Explicitly tagged nodes are refused.
 * docs/notes-yamlread.md lists every message.
 *
 * Ownership: yaml_node_free() frees a node and everything under it. */
#ifndef COMPUTESIM_YAMLREAD_H
#define COMPUTESIM_YAMLREAD_H

#include <stddef.h>
#include "diag.h"

#define YAMLREAD_MAX_DEPTH 64		/* nesting of mappings/sequences */
#define YAMLREAD_MAX_NODES 200000	/* after alias expansion */
#define YAMLREAD_MAX_SCALAR 4096	/* bytes in one scalar or key */
#define YAMLREAD_MAX_INPUT (4u << 20)	/* bytes in one document */
#define YAMLREAD_MAX_ERRORS DIAG_MAX_KEPT	/* then stop reading */

enum ynode_kind { YNODE_SCALAR, YNODE_MAP, YNODE_SEQ };

struct ynode {
	enum ynode_kind kind;
	int line, col;		/* 1-based position of the node; 0 for a
				   node made by --set */
	int set_arg;		/* 0: from the file; k + 1: made from the
				   value of --set argument k */
	/* YNODE_SCALAR */
	char *str;		/* NUL-terminated text */
	int quoted;		/* 1 if '...', "...", | or > (never a number) */
	int plain_null;		/* 1 for an empty plain scalar or ~ / null */
	/* YNODE_MAP: keys[i] (scalar nodes) -> vals[i]; YNODE_SEQ: vals[i] */
	struct ynode **keys;
	struct ynode **vals;
	size_t n;
};

/* Parse a whole YAML stream from memory. Exactly one document is allowed.
 * file is used for messages only. On success *out is the root and 0 is
 * returned; on any error *out is NULL, errors are in d, and -1 is returned.
 * An empty stream (or only comments, or `---` alone) is an error
 * ("file is empty", at 1:1). Every error is collected that can be: the
 * read stops only at a libyaml syntax error or a limit. */
int yaml_read(struct ynode **out, const char *buf, size_t len,
	      const char *file, struct diag *d);

/* As yaml_read(), but when the only errors are ones the tree survives (a
 * duplicate key: the first stands; a tag: ignored; a text too long or
 * holding a NUL; an alias without its anchor: an empty value), *out is
 * the whole tree and 1 is returned, so that a caller can go on to report
 * the file's other errors. 0 and -1 as yaml_read(). */
int yaml_read_partial(struct ynode **out, const char *buf, size_t len,
		      const char *file, struct diag *d);

/* Read the file at path (at most YAMLREAD_MAX_INPUT bytes) and parse it
 * with yaml_read_partial(). Errors about the file itself ("cannot open: No
 * such file or directory") carry path and no position. */
int yaml_read_file(struct ynode **out, const char *path, struct diag *d);

void yaml_node_free(struct ynode *n);

/* Look up a key of a mapping; NULL when absent or n is not a mapping. */
struct ynode *yaml_map_get(const struct ynode *n, const char *key);

/* Deep copy (for --set splicing). NULL on allocation failure. */
struct ynode *yaml_node_copy(const struct ynode *n);

#endif
