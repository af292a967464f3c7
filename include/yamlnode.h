/* yamlnode.h — the node tree's own operations, shared by the YAML reader:
 * allocating and copying nodes within a budget, and the anchor table.
 *
 * Internal to the reader (sim/yamlread.c); nothing here knows libyaml.
 * The public node API (yaml_node_free, yaml_map_get, yaml_node_copy) is
 * implemented in sim/yamlnode.c but stays declared in yamlread.h, which
 * is all that callers include.
 *
 * Ownership: yamlnode_new() and yamlnode_copy_limited() return a node the
 * caller frees with yaml_node_free(). The anchor table owns its names but
 * not the nodes it points at: a node an anchor names must stay alive until
 * yamlnode_anchors_free() (the reader keeps dropped ones in a graveyard). */
#ifndef COMPUTESIM_YAMLNODE_H
#define COMPUTESIM_YAMLNODE_H

#include <stddef.h>
#include "yamlread.h"

/* A new, empty node of kind k at the 1-based line and column; NULL on
 * allocation failure. */
struct ynode *yamlnode_new(enum ynode_kind k, int line, int col);

/* Budget of a deep copy: nodes left to create and the deepest collection
 * nesting allowed. over/deep say which limit stopped the copy. The reader
 * gives an alias copy what is left of YAMLREAD_MAX_NODES and
 * YAMLREAD_MAX_DEPTH; yaml_node_copy() copies without limits. */
struct yamlnode_budget {
	size_t left;
	int max_depth;
	int over, deep;
};

/* Deep copy of n within budget b (contract above its definition in
 * sim/yamlnode.c); each node created takes one from b->left. */
struct ynode *yamlnode_copy_limited(const struct ynode *n, int depth,
				    struct yamlnode_budget *b);

/* Anchors: name -> node, with the node's size in nodes; a hash table
 * (open addressing, FNV-1a). Zero-initialised is empty. */
struct yamlnode_anchor {
	char *name;
	struct ynode *node;
	size_t size;		/* nodes in it, so that an alias that would
				   pass the budget fails before copying */
};

struct yamlnode_anchors {
	struct yamlnode_anchor *v;
	size_t n, cap;		/* cap: 0 or a power of two */
};

/* The anchor named name, or NULL. */
struct yamlnode_anchor *yamlnode_anchor_get(const struct yamlnode_anchors *a,
					    const char *name);

/* Define or redefine name -> n (size nodes); takes ownership of name
 * even on failure. -1 on allocation failure. */
int yamlnode_anchor_put(struct yamlnode_anchors *a, char *name,
			struct ynode *n, size_t size);

/* Free the names and the table (not the nodes); a is empty afterwards. */
void yamlnode_anchors_free(struct yamlnode_anchors *a);

#endif
