/* check_yamlnode.c — the node tree's own operations (sim/yamlnode.c):
 * yamlnode_new, the deep copy and its node/depth budget, yaml_map_get,
 * yaml_node_free, and the anchor table. Trees are built by hand here, not
 * read from YAML, so each test says exactly what it copies or looks up.
 * Leaks on the copy's failure paths are caught by the ASan build of
 * `make check` (LeakSanitizer), not by assertions. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "yamlnode.h"

/* ------------------------------------------------------------------ */
/* Building trees by hand                                              */

/* A scalar at line:col; str NULL leaves the node without text. */
static struct ynode *scalar(const char *str, int line, int col, int quoted,
			    int plain_null)
{
	struct ynode *n = yamlnode_new(YNODE_SCALAR, line, col);

	ck_assert_ptr_nonnull(n);
	if (str) {
		n->str = strdup(str);
		ck_assert_ptr_nonnull(n->str);
	}
	n->quoted = quoted;
	n->plain_null = plain_null;
	return n;
}

static struct ynode *coll(enum ynode_kind k, int line, int col)
{
	struct ynode *n = yamlnode_new(k, line, col);

	ck_assert_ptr_nonnull(n);
	return n;
}

/* Append key -> val to a mapping, or val to a sequence (key NULL). */
static void push(struct ynode *c, struct ynode *key, struct ynode *val)
{
	struct ynode **v = realloc(c->vals, (c->n + 1) * sizeof *v);

	ck_assert_ptr_nonnull(v);
	c->vals = v;
	if (c->kind == YNODE_MAP) {
		struct ynode **k = realloc(c->keys, (c->n + 1) * sizeof *k);

		ck_assert_ptr_nonnull(k);
		c->keys = k;
		c->keys[c->n] = key;
	}
	c->vals[c->n++] = val;
}

#define SAMPLE_NODES 18
#define SAMPLE_DEPTH 3

/* A mapping with every kind of node and flag, nested three collections
 * deep (root, list, the mapping inside it); SAMPLE_NODES nodes in all:
 *
 *   name: 'x y'          quoted
 *   empty:               plain_null, str ""
 *   tilde: ~             plain_null
 *   list:
 *     - 1
 *     - 'two'
 *     - {k: v}
 *     - []
 *     - {}
 *   nostr: <scalar without text>
 */
static struct ynode *sample(void)
{
	struct ynode *r = coll(YNODE_MAP, 1, 1);
	struct ynode *list = coll(YNODE_SEQ, 5, 3);
	struct ynode *kv = coll(YNODE_MAP, 7, 5);

	push(r, scalar("name", 1, 1, 0, 0), scalar("x y", 1, 7, 1, 0));
	push(r, scalar("empty", 2, 1, 0, 0), scalar("", 2, 7, 0, 1));
	push(r, scalar("tilde", 3, 1, 0, 0), scalar("~", 3, 8, 0, 1));
	push(kv, scalar("k", 7, 6, 0, 0), scalar("v", 7, 9, 0, 0));
	push(list, NULL, scalar("1", 5, 5, 0, 0));
	push(list, NULL, scalar("two", 6, 5, 1, 0));
	push(list, NULL, kv);
	push(list, NULL, coll(YNODE_SEQ, 8, 5));
	push(list, NULL, coll(YNODE_MAP, 9, 5));
	push(r, scalar("list", 4, 1, 0, 0), list);
	push(r, scalar("nostr", 10, 1, 0, 0), scalar(NULL, 10, 8, 0, 0));
	return r;
}

/* Nodes in the tree under n, n included. */
static size_t count(const struct ynode *n)
{
	size_t c = 1;

	for (size_t i = 0; i < n->n; i++)
		c += (n->keys ? count(n->keys[i]) : 0) + count(n->vals[i]);
	return c;
}

/* Collections nested in n, n included (a scalar is 0). */
static int depth_of(const struct ynode *n)
{
	int d = 0;

	if (n->kind == YNODE_SCALAR)
		return 0;
	for (size_t i = 0; i < n->n; i++) {
		int v = depth_of(n->vals[i]);

		if (n->keys && depth_of(n->keys[i]) > v)
			v = depth_of(n->keys[i]);
		if (v > d)
			d = v;
	}
	return d + 1;
}

/* c is a copy of n: same kinds, text, positions and flags everywhere, and
 * no node, string or array shared with n. */
static void assert_copy(const struct ynode *n, const struct ynode *c)
{
	ck_assert_ptr_nonnull(n);
	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_ne(n, c);
	ck_assert_int_eq(c->kind, n->kind);
	ck_assert_int_eq(c->line, n->line);
	ck_assert_int_eq(c->col, n->col);
	ck_assert_int_eq(c->quoted, n->quoted);
	ck_assert_int_eq(c->plain_null, n->plain_null);
	ck_assert_uint_eq(c->n, n->n);
	if (n->str) {
		ck_assert_ptr_nonnull(c->str);
		ck_assert_ptr_ne(c->str, n->str);
		ck_assert_str_eq(c->str, n->str);
	} else {
		ck_assert_ptr_null(c->str);
	}
	if (n->kind != YNODE_MAP)
		ck_assert_ptr_null(c->keys);
	if (n->n == 0)
		return;
	ck_assert_ptr_ne(c->vals, n->vals);
	if (n->kind == YNODE_MAP) {
		ck_assert_ptr_nonnull(c->keys);
		ck_assert_ptr_ne(c->keys, n->keys);
	}
	for (size_t i = 0; i < n->n; i++) {
		if (n->kind == YNODE_MAP)
			assert_copy(n->keys[i], c->keys[i]);
		assert_copy(n->vals[i], c->vals[i]);
	}
}

/* levels sequences nested one in the other, a scalar in the innermost. */
static struct ynode *chain(int levels)
{
	struct ynode *top = scalar("leaf", levels + 1, 1, 0, 0);

	for (int i = levels; i > 0; i--) {
		struct ynode *s = coll(YNODE_SEQ, i, i);

		push(s, NULL, top);
		top = s;
	}
	return top;
}

/* ------------------------------------------------------------------ */
/* Nodes                                                               */

START_TEST(test_yamlnode_new_is_empty)
{
	static const enum ynode_kind kinds[] = {
		YNODE_SCALAR, YNODE_MAP, YNODE_SEQ
	};

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		struct ynode *n = yamlnode_new(kinds[i], 12 + (int)i, 34);

		ck_assert_ptr_nonnull(n);
		ck_assert_int_eq(n->kind, kinds[i]);
		ck_assert_int_eq(n->line, 12 + (int)i);
		ck_assert_int_eq(n->col, 34);
		ck_assert_ptr_null(n->str);
		ck_assert_int_eq(n->quoted, 0);
		ck_assert_int_eq(n->plain_null, 0);
		ck_assert_ptr_null(n->keys);
		ck_assert_ptr_null(n->vals);
		ck_assert_uint_eq(n->n, 0);
		yaml_node_free(n);
	}
}
END_TEST

START_TEST(test_yamlnode_free_null)
{
	struct ynode *r = sample();

	yaml_node_free(NULL);
	ck_assert_uint_eq(count(r), SAMPLE_NODES);
	ck_assert_int_eq(depth_of(r), SAMPLE_DEPTH);
	yaml_node_free(r);	/* the whole tree: ASan reports any leak */
}
END_TEST

/* ------------------------------------------------------------------ */
/* Copies                                                              */

START_TEST(test_yamlnode_copy_preserves)
{
	struct ynode *r = sample();
	struct ynode *c = yaml_node_copy(r);

	assert_copy(r, c);
	ck_assert_uint_eq(count(c), SAMPLE_NODES);
	/* spot checks that do not go through assert_copy */
	ck_assert_str_eq(c->vals[0]->str, "x y");
	ck_assert_int_eq(c->vals[0]->quoted, 1);
	ck_assert_str_eq(c->vals[1]->str, "");
	ck_assert_int_eq(c->vals[1]->plain_null, 1);
	ck_assert_int_eq(c->vals[3]->kind, YNODE_SEQ);
	ck_assert_int_eq(c->vals[3]->vals[2]->kind, YNODE_MAP);
	ck_assert_int_eq(c->vals[3]->vals[2]->vals[0]->col, 9);
	ck_assert_ptr_null(c->vals[3]->vals[3]->vals);
	ck_assert_ptr_null(c->vals[4]->str);
	ck_assert_ptr_null(yaml_node_copy(NULL));
	yaml_node_free(c);
	yaml_node_free(r);
}
END_TEST

START_TEST(test_yamlnode_copy_is_deep)
{
	struct ynode *r = sample();
	struct ynode *ref = yaml_node_copy(r);	/* r as it was */
	struct ynode *c = yaml_node_copy(r);
	struct ynode *list;

	ck_assert_ptr_nonnull(ref);
	ck_assert_ptr_nonnull(c);
	/* mutate the copy everywhere: text, flags, positions, children */
	c->vals[0]->str[0] = 'Z';
	c->vals[0]->quoted = 0;
	c->vals[1]->plain_null = 0;
	c->keys[2]->line = 99;
	list = c->vals[3];
	yaml_node_free(list->vals[2]);
	list->vals[2] = scalar("new", 1, 1, 0, 0);
	list->vals[0]->str[0] = '9';
	c->vals[3]->vals[4]->kind = YNODE_SEQ;
	assert_copy(ref, r);	/* the original did not move */
	ck_assert_str_eq(r->vals[0]->str, "x y");
	ck_assert_str_eq(r->vals[3]->vals[0]->str, "1");
	ck_assert_int_eq(r->vals[3]->vals[2]->kind, YNODE_MAP);

	/* and the other way: the copy outlives its original */
	yaml_node_free(r);
	assert_copy(ref->vals[2], c->vals[2]);	/* parts left alone */
	assert_copy(ref->keys[4], c->keys[4]);
	assert_copy(ref->vals[3]->vals[1], c->vals[3]->vals[1]);
	ck_assert_str_eq(c->vals[0]->str, "Z y");
	ck_assert_str_eq(yaml_map_get(c, "list")->vals[2]->str, "new");
	yaml_node_free(c);
	yaml_node_free(ref);
}
END_TEST

START_TEST(test_yamlnode_copy_unlimited_depth)
{
	/* yaml_node_copy has no limits: deeper than the reader allows */
	struct ynode *r = chain(3 * YAMLREAD_MAX_DEPTH);
	struct ynode *c = yaml_node_copy(r);

	assert_copy(r, c);
	ck_assert_int_eq(depth_of(c), 3 * YAMLREAD_MAX_DEPTH);
	yaml_node_free(c);
	yaml_node_free(r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The budget                                                          */

START_TEST(test_yamlnode_budget_exact)
{
	struct ynode *r = sample();
	struct yamlnode_budget b = { SAMPLE_NODES, SAMPLE_DEPTH, 0, 0 };
	struct ynode *c = yamlnode_copy_limited(r, 0, &b);

	assert_copy(r, c);
	ck_assert_uint_eq(b.left, 0);
	ck_assert_int_eq(b.over, 0);
	ck_assert_int_eq(b.deep, 0);
	yaml_node_free(c);

	/* with room to spare, exactly the tree's nodes are taken */
	b = (struct yamlnode_budget){ SAMPLE_NODES + 5, SAMPLE_DEPTH, 0, 0 };
	c = yamlnode_copy_limited(r, 0, &b);
	assert_copy(r, c);
	ck_assert_uint_eq(b.left, 5);
	ck_assert_int_eq(b.over, 0);
	ck_assert_int_eq(b.deep, 0);
	yaml_node_free(c);
	yaml_node_free(r);
}
END_TEST

/* Every budget short of the tree's size fails, wherever the copy is when
 * it runs out (in a key, a value, a nested collection): NULL, over set,
 * nothing left, and the partial copy freed (ASan's leak check). */
START_TEST(test_yamlnode_budget_short)
{
	struct ynode *r = sample();

	for (size_t left = 0; left < SAMPLE_NODES; left++) {
		struct yamlnode_budget b = { left, SAMPLE_DEPTH, 0, 0 };
		struct ynode *c = yamlnode_copy_limited(r, 0, &b);

		ck_assert_msg(c == NULL, "left %zu: copy succeeded", left);
		ck_assert_int_eq(b.over, 1);
		ck_assert_int_eq(b.deep, 0);
		ck_assert_uint_eq(b.left, 0);
	}
	yaml_node_free(r);
}
END_TEST

START_TEST(test_yamlnode_budget_scalar)
{
	struct ynode *s = scalar("one", 3, 4, 1, 0);
	struct yamlnode_budget b = { 1, 0, 0, 0 };	/* depth 0: scalars */
	struct ynode *c = yamlnode_copy_limited(s, 0, &b);

	assert_copy(s, c);
	ck_assert_uint_eq(b.left, 0);
	ck_assert_int_eq(b.over, 0);
	ck_assert_int_eq(b.deep, 0);
	yaml_node_free(c);
	c = yamlnode_copy_limited(s, 0, &b);	/* nothing left */
	ck_assert_ptr_null(c);
	ck_assert_int_eq(b.over, 1);
	ck_assert_int_eq(b.deep, 0);
	yaml_node_free(s);
}
END_TEST

/* The outermost collection sits at depth + 1; max_depth is the deepest
 * allowed. Scalars never count. */
START_TEST(test_yamlnode_depth_limit)
{
	struct ynode *r = sample();
	struct ynode *e = coll(YNODE_MAP, 1, 1);
	struct ynode *s = scalar("x", 1, 1, 0, 0);
	struct yamlnode_budget b;
	struct ynode *c;

	/* exactly deep enough, starting at 0 and further in */
	for (int at = 0; at <= 5; at++) {
		b = (struct yamlnode_budget){ 1000, at + SAMPLE_DEPTH, 0, 0 };
		c = yamlnode_copy_limited(r, at, &b);
		assert_copy(r, c);
		ck_assert_int_eq(b.deep, 0);
		ck_assert_int_eq(b.over, 0);
		ck_assert_uint_eq(b.left, 1000 - SAMPLE_NODES);
		yaml_node_free(c);

		/* one level short: the innermost mapping is refused */
		b = (struct yamlnode_budget){ 1000, at + SAMPLE_DEPTH - 1,
					      0, 0 };
		c = yamlnode_copy_limited(r, at, &b);
		ck_assert_msg(c == NULL, "at %d: copy succeeded", at);
		ck_assert_int_eq(b.deep, 1);
		ck_assert_int_eq(b.over, 0);
	}

	/* an empty collection counts; a scalar does not */
	b = (struct yamlnode_budget){ 10, 1, 0, 0 };
	c = yamlnode_copy_limited(e, 0, &b);
	assert_copy(e, c);
	yaml_node_free(c);
	b = (struct yamlnode_budget){ 10, 0, 0, 0 };
	ck_assert_ptr_null(yamlnode_copy_limited(e, 0, &b));
	ck_assert_int_eq(b.deep, 1);
	ck_assert_int_eq(b.over, 0);
	b = (struct yamlnode_budget){ 10, 0, 0, 0 };
	c = yamlnode_copy_limited(s, 0, &b);
	assert_copy(s, c);
	ck_assert_int_eq(b.deep, 0);
	yaml_node_free(c);
	b = (struct yamlnode_budget){ 10, 2, 0, 0 };
	/* a scalar copies even from a depth already past max_depth */
	c = yamlnode_copy_limited(s, 7, &b);
	assert_copy(s, c);
	ck_assert_int_eq(b.deep, 0);
	yaml_node_free(c);

	yaml_node_free(s);
	yaml_node_free(e);
	yaml_node_free(r);
}
END_TEST

/* The reader's own limit: YAMLREAD_MAX_DEPTH nested sequences copy from
 * depth 0, one more does not (the partial copy is freed). */
START_TEST(test_yamlnode_depth_limit_reader)
{
	struct ynode *ok = chain(YAMLREAD_MAX_DEPTH);
	struct ynode *bad = chain(YAMLREAD_MAX_DEPTH + 1);
	struct yamlnode_budget b = { YAMLREAD_MAX_NODES, YAMLREAD_MAX_DEPTH,
				     0, 0 };
	struct ynode *c = yamlnode_copy_limited(ok, 0, &b);

	assert_copy(ok, c);
	ck_assert_uint_eq(b.left, YAMLREAD_MAX_NODES - YAMLREAD_MAX_DEPTH - 1);
	yaml_node_free(c);
	b = (struct yamlnode_budget){ YAMLREAD_MAX_NODES, YAMLREAD_MAX_DEPTH,
				      0, 0 };
	ck_assert_ptr_null(yamlnode_copy_limited(bad, 0, &b));
	ck_assert_int_eq(b.deep, 1);
	ck_assert_int_eq(b.over, 0);
	yaml_node_free(bad);
	yaml_node_free(ok);
}
END_TEST

/* ------------------------------------------------------------------ */
/* yaml_map_get                                                        */

START_TEST(test_yamlnode_map_get)
{
	struct ynode *m = coll(YNODE_MAP, 1, 1);
	struct ynode *seq = coll(YNODE_SEQ, 1, 1);
	struct ynode *empty = coll(YNODE_MAP, 1, 1);
	struct ynode *sc = scalar("a", 1, 1, 0, 0);
	struct ynode *v0 = scalar("first", 1, 4, 0, 0);
	struct ynode *v1 = scalar("b's", 2, 4, 0, 0);
	struct ynode *v2 = scalar("second", 3, 4, 0, 0);
	struct ynode *vx = scalar("under a key without text", 4, 4, 0, 0);
	struct ynode *vq = scalar("quoted key", 5, 4, 0, 0);

	push(m, coll(YNODE_SEQ, 4, 1), vx);	/* a key with no str */
	push(m, scalar("a", 1, 1, 0, 0), v0);
	push(m, scalar("b", 2, 1, 0, 0), v1);
	push(m, scalar("a", 3, 1, 0, 0), v2);	/* duplicate: first wins */
	push(m, scalar("c d", 5, 1, 1, 0), vq);
	push(seq, NULL, scalar("a", 1, 3, 0, 0));

	ck_assert_ptr_eq(yaml_map_get(m, "a"), v0);
	ck_assert_ptr_eq(yaml_map_get(m, "b"), v1);
	ck_assert_ptr_eq(yaml_map_get(m, "c d"), vq);
	ck_assert_ptr_null(yaml_map_get(m, "A"));	/* exact match */
	ck_assert_ptr_null(yaml_map_get(m, "ab"));
	ck_assert_ptr_null(yaml_map_get(m, ""));
	ck_assert_ptr_null(yaml_map_get(m, "zz"));
	ck_assert_ptr_null(yaml_map_get(m, NULL));
	ck_assert_ptr_null(yaml_map_get(empty, "a"));
	ck_assert_ptr_null(yaml_map_get(seq, "a"));	/* not mappings */
	ck_assert_ptr_null(yaml_map_get(sc, "a"));
	ck_assert_ptr_null(yaml_map_get(NULL, "a"));
	yaml_node_free(sc);
	yaml_node_free(seq);
	yaml_node_free(empty);
	yaml_node_free(m);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Anchors                                                             */

/* The same FNV-1a as hash_str in sim/yamlnode.c, used only to choose
 * names that collide; the collision test checks that they do. */
static size_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ull;
	}
	return (size_t)h;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	ck_assert_ptr_nonnull(d);
	return d;
}

/* Distinct node pointers for the table to hold; never dereferenced. */
static struct ynode *fake(size_t i)
{
	static struct ynode pool[16];

	return &pool[i % 16];
}

/* name is in a, pointing at n with size size. */
static void assert_anchor(const struct yamlnode_anchors *a, const char *name,
			  const struct ynode *n, size_t size)
{
	const struct yamlnode_anchor *s = yamlnode_anchor_get(a, name);

	ck_assert_msg(s != NULL, "anchor %s missing", name);
	ck_assert_ptr_nonnull(s->name);
	ck_assert_str_eq(s->name, name);
	ck_assert_ptr_eq(s->node, n);
	ck_assert_uint_eq(s->size, size);
}

START_TEST(test_yamlnode_anchor_empty)
{
	struct yamlnode_anchors a = { 0 };

	ck_assert_ptr_null(yamlnode_anchor_get(&a, "x"));
	ck_assert_ptr_null(yamlnode_anchor_get(&a, ""));
	yamlnode_anchors_free(&a);
	yamlnode_anchors_free(&a);	/* twice is fine */
	ck_assert_ptr_null(a.v);
	ck_assert_uint_eq(a.n, 0);
	ck_assert_uint_eq(a.cap, 0);
}
END_TEST

START_TEST(test_yamlnode_anchor_put_get)
{
	struct yamlnode_anchors a = { 0 };
	char *name = xstrdup("base");

	ck_assert_int_eq(yamlnode_anchor_put(&a, name, fake(1), 3), 0);
	ck_assert_ptr_eq(yamlnode_anchor_get(&a, "base")->name, name);
	ck_assert_int_eq(yamlnode_anchor_put(&a, xstrdup("other"), fake(2), 1),
			 0);
	ck_assert_int_eq(yamlnode_anchor_put(&a, xstrdup(""), fake(3), 7), 0);
	ck_assert_uint_eq(a.n, 3);
	ck_assert_uint_ge(a.cap, 2 * a.n);
	ck_assert_uint_eq(a.cap & (a.cap - 1), 0);	/* a power of two */
	assert_anchor(&a, "base", fake(1), 3);
	assert_anchor(&a, "other", fake(2), 1);
	assert_anchor(&a, "", fake(3), 7);
	ck_assert_ptr_null(yamlnode_anchor_get(&a, "bas"));
	ck_assert_ptr_null(yamlnode_anchor_get(&a, "based"));
	ck_assert_ptr_null(yamlnode_anchor_get(&a, "Base"));
	yamlnode_anchors_free(&a);
}
END_TEST

/* YAML lets a later anchor reuse a name; aliases after it see the latest.
 * The table keeps one entry and frees the second copy of the name. */
START_TEST(test_yamlnode_anchor_redefine)
{
	struct yamlnode_anchors a = { 0 };
	char buf[32];
	size_t cap;

	ck_assert_int_eq(yamlnode_anchor_put(&a, xstrdup("x"), fake(1), 1), 0);
	ck_assert_int_eq(yamlnode_anchor_put(&a, xstrdup("y"), fake(2), 2), 0);
	ck_assert_int_eq(yamlnode_anchor_put(&a, xstrdup("x"), fake(3), 9), 0);
	ck_assert_uint_eq(a.n, 2);
	assert_anchor(&a, "x", fake(3), 9);
	assert_anchor(&a, "y", fake(2), 2);
	ck_assert_int_eq(yamlnode_anchor_put(&a, xstrdup("x"), fake(4), 4), 0);
	assert_anchor(&a, "x", fake(4), 4);
	ck_assert_uint_eq(a.n, 2);

	/* redefine when the table is just full enough to grow on a put */
	for (size_t i = 2; i < 32; i++) {
		snprintf(buf, sizeof buf, "n%zu", i);
		ck_assert_int_eq(yamlnode_anchor_put(&a, xstrdup(buf), fake(i),
						     i), 0);
	}
	ck_assert_uint_eq(a.n, 32);
	cap = a.cap;
	ck_assert_int_eq(yamlnode_anchor_put(&a, xstrdup("y"), fake(5), 55), 0);
	ck_assert_uint_eq(a.n, 32);
	ck_assert_uint_ge(a.cap, cap);
	assert_anchor(&a, "y", fake(5), 55);
	assert_anchor(&a, "x", fake(4), 4);
	for (size_t i = 2; i < 32; i++) {
		snprintf(buf, sizeof buf, "n%zu", i);
		assert_anchor(&a, buf, fake(i), i);
	}
	yamlnode_anchors_free(&a);
}
END_TEST

#define MANY_ANCHORS 10000

/* 10,000 names: the table grows from its first size many times, and
 * every name stays reachable through every rehash. */
START_TEST(test_yamlnode_anchor_many)
{
	struct yamlnode_anchors a = { 0 };
	char buf[32];
	size_t cap = 0;
	int growths = 0;

	for (size_t i = 0; i < MANY_ANCHORS; i++) {
		snprintf(buf, sizeof buf, "anchor-%zu", i);
		ck_assert_int_eq(yamlnode_anchor_put(&a, xstrdup(buf), fake(i),
						     i), 0);
		ck_assert_uint_eq(a.n, i + 1);
		if (a.cap == cap)
			continue;
		/* just grown: everything so far is still there */
		if (cap)
			growths++;
		cap = a.cap;
		ck_assert_uint_eq(cap & (cap - 1), 0);
		for (size_t j = 0; j <= i; j++) {
			snprintf(buf, sizeof buf, "anchor-%zu", j);
			assert_anchor(&a, buf, fake(j), j);
		}
	}
	ck_assert_int_ge(growths, 5);
	ck_assert_uint_ge(a.cap, 2 * a.n);
	for (size_t i = 0; i < MANY_ANCHORS; i++) {
		snprintf(buf, sizeof buf, "anchor-%zu", i);
		assert_anchor(&a, buf, fake(i), i);
		snprintf(buf, sizeof buf, "anchor-%zu", i + MANY_ANCHORS);
		ck_assert_ptr_null(yamlnode_anchor_get(&a, buf));
	}
	yamlnode_anchors_free(&a);
}
END_TEST

#define NCOLL 5

/* Names whose hash lands on the last slot of the first table (64 slots):
 * they share one probe chain, which wraps around to slot 0. */
START_TEST(test_yamlnode_anchor_collisions)
{
	struct yamlnode_anchors a = { 0 };
	char names[NCOLL + 1][16];	/* the last one is never put */
	int found = 0;

	for (int i = 0; found < NCOLL + 1; i++) {
		snprintf(names[found], sizeof names[found], "c%d", i);
		if ((fnv1a(names[found]) & 63) == 63)
			found++;
	}
	for (int i = 0; i < NCOLL; i++)
		ck_assert_int_eq(yamlnode_anchor_put(&a, xstrdup(names[i]),
						     fake((size_t)i),
						     (size_t)i), 0);
	ck_assert_uint_eq(a.cap, 64);	/* still the first table */
	ck_assert_uint_eq(a.n, NCOLL);
	/* the premise: one chain from slot 63 round to slot NCOLL - 2 */
	for (int i = 0; i < NCOLL; i++) {
		ptrdiff_t at = yamlnode_anchor_get(&a, names[i]) - a.v;

		ck_assert_int_eq(at, (63 + i) % 64);
	}
	for (int i = 0; i < NCOLL; i++)
		assert_anchor(&a, names[i], fake((size_t)i), (size_t)i);
	/* absent but colliding: the probe walks the chain and stops */
	ck_assert_ptr_null(yamlnode_anchor_get(&a, names[NCOLL]));
	/* redefining one in the middle of the chain */
	ck_assert_int_eq(yamlnode_anchor_put(&a, xstrdup(names[2]), fake(9),
					     99), 0);
	ck_assert_uint_eq(a.n, NCOLL);
	for (int i = 0; i < NCOLL; i++)
		assert_anchor(&a, names[i], i == 2 ? fake(9) : fake((size_t)i),
			      i == 2 ? (size_t)99 : (size_t)i);
	ck_assert_ptr_null(yamlnode_anchor_get(&a, names[NCOLL]));
	yamlnode_anchors_free(&a);
}
END_TEST

START_TEST(test_yamlnode_anchors_free_reuse)
{
	struct yamlnode_anchors a = { 0 };
	char buf[32];

	for (size_t i = 0; i < 100; i++) {
		snprintf(buf, sizeof buf, "a%zu", i);
		ck_assert_int_eq(yamlnode_anchor_put(&a, xstrdup(buf), fake(i),
						     i), 0);
	}
	yamlnode_anchors_free(&a);
	ck_assert_ptr_null(a.v);
	ck_assert_uint_eq(a.n, 0);
	ck_assert_uint_eq(a.cap, 0);
	ck_assert_ptr_null(yamlnode_anchor_get(&a, "a0"));
	ck_assert_ptr_null(yamlnode_anchor_get(&a, "a99"));

	/* usable again, and nothing of before comes back */
	ck_assert_int_eq(yamlnode_anchor_put(&a, xstrdup("a1"), fake(7), 70),
			 0);
	ck_assert_uint_eq(a.n, 1);
	assert_anchor(&a, "a1", fake(7), 70);
	ck_assert_ptr_null(yamlnode_anchor_get(&a, "a0"));
	yamlnode_anchors_free(&a);
	yamlnode_anchors_free(&a);
	ck_assert_ptr_null(yamlnode_anchor_get(&a, "a1"));
}
END_TEST

Suite *yamlnode_suite(void);
Suite *yamlnode_suite(void)
{
	Suite *s = suite_create("yamlnode");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_yamlnode_new_is_empty);
	tcase_add_test(tc, test_yamlnode_free_null);
	tcase_add_test(tc, test_yamlnode_copy_preserves);
	tcase_add_test(tc, test_yamlnode_copy_is_deep);
	tcase_add_test(tc, test_yamlnode_copy_unlimited_depth);
	tcase_add_test(tc, test_yamlnode_budget_exact);
	tcase_add_test(tc, test_yamlnode_budget_short);
	tcase_add_test(tc, test_yamlnode_budget_scalar);
	tcase_add_test(tc, test_yamlnode_depth_limit);
	tcase_add_test(tc, test_yamlnode_depth_limit_reader);
	tcase_add_test(tc, test_yamlnode_map_get);
	tcase_add_test(tc, test_yamlnode_anchor_empty);
	tcase_add_test(tc, test_yamlnode_anchor_put_get);
	tcase_add_test(tc, test_yamlnode_anchor_redefine);
	tcase_add_test(tc, test_yamlnode_anchor_many);
	tcase_add_test(tc, test_yamlnode_anchor_collisions);
	tcase_add_test(tc, test_yamlnode_anchors_free_reuse);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(yamlnode_suite)
