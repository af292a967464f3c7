/* yamlnode.c — the node tree's own operations: allocation, free,
 * lookup, deep copy within a node and depth budget, and the anchor table;
 * see yamlnode.h. Split from yamlread.c, which keeps everything that
 * follows libyaml's events; nothing here knows libyaml. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yamlnode.h"

/* ------------------------------------------------------------------ */
/* Nodes                                                               */

struct ynode *yamlnode_new(enum ynode_kind k, int line, int col)
{
	struct ynode *n = calloc(1, sizeof *n);

	if (!n)
		return NULL;
	n->kind = k;
	n->line = line;
	n->col = col;
	return n;
}

void yaml_node_free(struct ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++) {
		if (n->keys)
			yaml_node_free(n->keys[i]);
		if (n->vals)
			yaml_node_free(n->vals[i]);
	}
	free(n->keys);
	free(n->vals);
	free(n->str);
	free(n);
}

struct ynode *yaml_map_get(const struct ynode *n, const char *key)
{
	if (!n || n->kind != YNODE_MAP || !key)
		return NULL;
	for (size_t i = 0; i < n->n; i++)
		if (n->keys[i] && n->keys[i]->str &&
		    strcmp(n->keys[i]->str, key) == 0)
			return n->vals[i];
	return NULL;
}

/* Deep copy of n, whose outermost collection sits at nesting depth
 * depth + 1. NULL on allocation failure or when the budget runs out
 * (b->over / b->deep tell which). */
struct ynode *yamlnode_copy_limited(const struct ynode *n, int depth,
				    struct yamlnode_budget *b)
{
	struct ynode *c;

	if (b->left == 0) {
		b->over = 1;
		return NULL;
	}
	if (n->kind != YNODE_SCALAR && depth + 1 > b->max_depth) {
		b->deep = 1;
		return NULL;
	}
	b->left--;
	c = yamlnode_new(n->kind, n->line, n->col);
	if (!c)
		return NULL;
	c->quoted = n->quoted;
	c->plain_null = n->plain_null;
	c->set_arg = n->set_arg;
	if (n->str) {
		c->str = strdup(n->str);
		if (!c->str)
			goto fail;
	}
	if (n->n == 0)
		return c;
	c->vals = calloc(n->n, sizeof *c->vals);
	if (!c->vals)
		goto fail;
	if (n->kind == YNODE_MAP) {
		c->keys = calloc(n->n, sizeof *c->keys);
		if (!c->keys)
			goto fail;
	}
	for (size_t i = 0; i < n->n; i++) {
		c->n = i + 1;	/* what yaml_node_free must release */
		if (c->keys) {
			c->keys[i] = yamlnode_copy_limited(n->keys[i],
							   depth + 1, b);
			if (!c->keys[i])
				goto fail;
		}
		c->vals[i] = yamlnode_copy_limited(n->vals[i], depth + 1, b);
		if (!c->vals[i])
			goto fail;
	}
	return c;
fail:
	yaml_node_free(c);
	return NULL;
}

struct ynode *yaml_node_copy(const struct ynode *n)
{
	struct yamlnode_budget b = { SIZE_MAX, INT32_MAX, 0, 0 };

	if (!n)
		return NULL;
	return yamlnode_copy_limited(n, 0, &b);
}

/* ------------------------------------------------------------------ */
/* Anchors: name -> node, open addressing (FNV-1a). A node an anchor
 * points at stays alive until the end of the read (in the tree or in the
 * reader's graveyard). */

static size_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ull;
	}
	return (size_t)h;
}

static struct yamlnode_anchor *anchor_slot(const struct yamlnode_anchors *a,
					   const char *name)
{
	size_t i;

	if (a->cap == 0)
		return NULL;
	i = hash_str(name) & (a->cap - 1);
	while (a->v[i].name && strcmp(a->v[i].name, name) != 0)
		i = (i + 1) & (a->cap - 1);
	return &a->v[i];
}

struct yamlnode_anchor *yamlnode_anchor_get(const struct yamlnode_anchors *a,
					    const char *name)
{
	struct yamlnode_anchor *s = anchor_slot(a, name);

	return s && s->name ? s : NULL;
}

/* Define (or redefine: YAML lets a later anchor reuse a name) name -> n.
 * Takes ownership of name. -1 on allocation failure. */
int yamlnode_anchor_put(struct yamlnode_anchors *a, char *name,
			struct ynode *n, size_t size)
{
	struct yamlnode_anchor *s;

	if (2 * (a->n + 1) > a->cap) {
		struct yamlnode_anchors b = { NULL, 0,
					      a->cap ? 2 * a->cap : 64 };

		b.v = calloc(b.cap, sizeof *b.v);
		if (!b.v) {
			free(name);
			return -1;
		}
		for (size_t i = 0; i < a->cap; i++)
			if (a->v[i].name) {
				*anchor_slot(&b, a->v[i].name) = a->v[i];
				b.n++;
			}
		free(a->v);
		*a = b;
	}
	s = anchor_slot(a, name);
	if (s->name) {
		free(name);
	} else {
		s->name = name;
		a->n++;
	}
	s->node = n;
	s->size = size;
	return 0;
}

void yamlnode_anchors_free(struct yamlnode_anchors *a)
{
	for (size_t i = 0; i < a->cap; i++)
		free(a->v[i].name);
	free(a->v);
	memset(a, 0, sizeof *a);
}
