/* check_yamlread.c — the YAML reader: positions, scalar flags, limits and
 * the exact text and place of every error it reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"
#include "yamlread.h"

/* Parse text (NUL-terminated) into *out, diagnostics into d. */
static int rd(const char *text, struct ynode **out, struct diag *d)
{
	diag_init(d);
	return yaml_read(out, text, strlen(text), "t.yaml", d);
}

/* Same for a buffer that may hold NUL bytes. */
static int rdn(const char *buf, size_t len, struct ynode **out,
	       struct diag *d)
{
	diag_init(d);
	return yaml_read(out, buf, len, "t.yaml", d);
}

/* CPU seconds of this process: the time limits below are about the
 * reader's work, not about how busy the machine is. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds since t0; YAMLREAD_TIMES=1 prints them (to see margins) */
static double elapsed(double t0)
{
	double t = now() - t0;

	if (getenv("YAMLREAD_TIMES"))
		fprintf(stderr, "cpu %.3f s\n", t);
	return t;
}

/* Entry i of d is an error at line:col saying msg, about t.yaml. */
static void assert_err(const struct diag *d, size_t i, int line, int col,
		       const char *msg)
{
	ck_assert_uint_gt(d->n, i);
	ck_assert_int_eq(d->v[i].level, DIAG_ERROR);
	ck_assert_ptr_nonnull(d->v[i].file);
	ck_assert_str_eq(d->v[i].file, "t.yaml");
	ck_assert_str_eq(d->v[i].msg, msg);
	ck_assert_int_eq(d->v[i].line, line);
	ck_assert_int_eq(d->v[i].col, col);
}

/* text fails with exactly one error, msg at line:col. */
static void assert_fails_once(const char *text, int line, int col,
			      const char *msg)
{
	struct ynode *root = (struct ynode *)1;
	struct diag d;

	ck_assert_int_eq(rd(text, &root, &d), -1);
	ck_assert_ptr_null(root);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.nerr, 1);
	assert_err(&d, 0, line, col, msg);
	diag_free(&d);
}

static void assert_pos(const struct ynode *n, int line, int col)
{
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->line, line);
	ck_assert_int_eq(n->col, col);
}

static char *repeat(const char *pre, char c, size_t n, const char *post)
{
	size_t lp = strlen(pre), lq = strlen(post);
	char *s = malloc(lp + n + lq + 1);

	ck_assert_ptr_nonnull(s);
	memcpy(s, pre, lp);
	memset(s + lp, c, n);
	memcpy(s + lp + n, post, lq + 1);
	return s;
}

START_TEST(test_yamlread_positions)
{
	const char *text =
		"# a comment\n"
		"a: 1\n"
		"bb:   two words\n"
		"c:\n"
		"  d: {e: 1, f: [x, y]}\n"
		"  g:\n"
		"    - 10\n"
		"    -   20\n"
		"    - [3,  4]\n"
		"h: >\n"
		"  folded\n"
		"  text\n"
		"i: \"multi\n"
		"  line\"\n"
		"j: é1\n";
	struct ynode *r, *c, *d, *g, *n;
	struct diag dg;

	ck_assert_int_eq(rd(text, &r, &dg), 0);
	ck_assert_uint_eq(dg.n, 0);
	ck_assert_int_eq(r->kind, YNODE_MAP);
	assert_pos(r, 2, 1);
	ck_assert_uint_eq(r->n, 6);
	assert_pos(r->keys[0], 2, 1);
	assert_pos(r->vals[0], 2, 4);
	ck_assert_str_eq(r->vals[0]->str, "1");
	assert_pos(r->keys[1], 3, 1);
	assert_pos(r->vals[1], 3, 7);
	ck_assert_str_eq(r->vals[1]->str, "two words");

	c = yaml_map_get(r, "c");
	assert_pos(c, 5, 3);
	ck_assert_int_eq(c->kind, YNODE_MAP);
	d = yaml_map_get(c, "d");	/* flow mapping */
	assert_pos(d, 5, 6);
	ck_assert_int_eq(d->kind, YNODE_MAP);
	assert_pos(d->keys[0], 5, 7);
	assert_pos(d->vals[0], 5, 10);
	assert_pos(d->keys[1], 5, 13);
	n = d->vals[1];			/* flow sequence */
	assert_pos(n, 5, 16);
	ck_assert_int_eq(n->kind, YNODE_SEQ);
	ck_assert_uint_eq(n->n, 2);
	ck_assert_ptr_null(n->keys);
	assert_pos(n->vals[0], 5, 17);
	assert_pos(n->vals[1], 5, 20);
	ck_assert_str_eq(n->vals[1]->str, "y");

	g = yaml_map_get(c, "g");	/* block sequence */
	assert_pos(g, 7, 5);
	ck_assert_int_eq(g->kind, YNODE_SEQ);
	ck_assert_uint_eq(g->n, 3);
	assert_pos(g->vals[0], 7, 7);
	assert_pos(g->vals[1], 8, 9);
	assert_pos(g->vals[2], 9, 7);
	assert_pos(g->vals[2]->vals[1], 9, 12);

	n = yaml_map_get(r, "h");	/* multi-line block scalar */
	assert_pos(n, 10, 4);
	ck_assert_str_eq(n->str, "folded text\n");
	n = yaml_map_get(r, "i");	/* multi-line quoted scalar */
	assert_pos(n, 13, 4);
	ck_assert_str_eq(n->str, "multi line");
	n = yaml_map_get(r, "j");	/* after a two-byte character */
	assert_pos(n, 15, 4);
	ck_assert_str_eq(n->str, "é1");
	yaml_node_free(r);
	diag_free(&dg);
}
END_TEST

START_TEST(test_yamlread_position_after_multibyte)
{
	struct ynode *r;
	struct diag d;

	/* columns count characters, as people do, not bytes */
	ck_assert_int_eq(rd("{é: 1, ü: 2}\n", &r, &d), 0);
	assert_pos(r->vals[1], 1, 11);
	yaml_node_free(r);
	diag_free(&d);
}
END_TEST

/* Lines as an editor counts them (LF, CR, CRLF), not as libyaml does
 * (also NEL, LS, PS): nodes after such a character keep their line; a
 * BOM takes no column; an error at the end of a file without a final
 * newline is on the line after the last, as it is without them. */
START_TEST(test_yamlread_positions_odd_breaks)
{
	struct ynode *r;
	struct diag d;

	/* LS, NEL and PS inside quoted values, CRLF ends */
	ck_assert_int_eq(rd("a: \"x\xe2\x80\xa8y\"\r\n"
			    "c: \"p\xc2\x85" "q\xe2\x80\xa9r\"\r\n"
			    "b: 2\r\n", &r, &d), 0);
	assert_pos(r->vals[0], 1, 4);
	assert_pos(r->keys[1], 2, 1);
	assert_pos(r->keys[2], 3, 1);
	assert_pos(r->vals[2], 3, 4);
	ck_assert_str_eq(r->vals[0]->str, "x\xe2\x80\xa8y");
	yaml_node_free(r);
	diag_free(&d);
	/* a BOM, then an LS in a quoted value: the column after it is
	 * that of the same line without the BOM */
	ck_assert_int_eq(rd("\xef\xbb\xbf{a: \"\xe2\x80\xa8\", b: 1}\n",
			    &r, &d), 0);
	assert_pos(r->keys[1], 1, 10);
	yaml_node_free(r);
	diag_free(&d);
	/* the end of a file without a final newline: as without the LS */
	assert_fails_once("a: \"\xe2\x80\xa8\"\nb: [", 3, 1,
			  "YAML syntax error: did not find expected node "
			  "content (while parsing a flow node that starts at "
			  "line 3, column 1)");
}
END_TEST

START_TEST(test_yamlread_quoted_and_plain)
{
	const char *text =
		"a: 1\n"
		"b: '1'\n"
		"c: \"1\"\n"
		"d: |\n"
		"  1\n"
		"e: >\n"
		"  1\n"
		"'f': x\n";
	struct ynode *r;
	struct diag d;

	ck_assert_int_eq(rd(text, &r, &d), 0);
	ck_assert_int_eq(yaml_map_get(r, "a")->quoted, 0);
	ck_assert_int_eq(yaml_map_get(r, "b")->quoted, 1);
	ck_assert_str_eq(yaml_map_get(r, "b")->str, "1");
	ck_assert_int_eq(yaml_map_get(r, "c")->quoted, 1);
	ck_assert_int_eq(yaml_map_get(r, "d")->quoted, 1);
	ck_assert_str_eq(yaml_map_get(r, "d")->str, "1\n");
	ck_assert_int_eq(yaml_map_get(r, "e")->quoted, 1);
	ck_assert_int_eq(r->keys[0]->quoted, 0);
	ck_assert_int_eq(r->keys[5]->quoted, 1);
	ck_assert_str_eq(yaml_map_get(r, "f")->str, "x");
	yaml_node_free(r);
	diag_free(&d);
}
END_TEST

START_TEST(test_yamlread_null)
{
	const char *text =
		"a:\n"
		"b: ~\n"
		"c: null\n"
		"d: Null\n"
		"e: NULL\n"
		"f: ''\n"
		"g: \"null\"\n"
		"h: nULL\n"
		"i: 0\n";
	static const int want[] = { 1, 1, 1, 1, 1, 0, 0, 0, 0 };
	struct ynode *r;
	struct diag d;

	ck_assert_int_eq(rd(text, &r, &d), 0);
	ck_assert_uint_eq(r->n, 9);
	for (size_t i = 0; i < 9; i++) {
		ck_assert_int_eq(r->vals[i]->kind, YNODE_SCALAR);
		ck_assert_msg(r->vals[i]->plain_null == want[i],
			      "key %s: plain_null %d, want %d",
			      r->keys[i]->str, r->vals[i]->plain_null,
			      want[i]);
	}
	ck_assert_str_eq(r->vals[0]->str, "");
	assert_pos(r->vals[0], 1, 3);
	yaml_node_free(r);
	diag_free(&d);

	ck_assert_int_eq(rd("j: [~, x, {k: }]\n", &r, &d), 0);
	ck_assert_int_eq(r->vals[0]->vals[0]->plain_null, 1);
	ck_assert_int_eq(r->vals[0]->vals[1]->plain_null, 0);
	ck_assert_int_eq(r->vals[0]->vals[2]->vals[0]->plain_null, 1);
	yaml_node_free(r);
	diag_free(&d);
}
END_TEST

START_TEST(test_yamlread_duplicate_key)
{
	const char *text =
		"a: 1\n"
		"b:\n"
		"  x: 1\n"
		"  y: 2\n"
		"  x: 3\n"
		"a: 4\n"
		"c: {p: 1, q: 2, p: 3}\n"
		"'a': 5\n";
	struct ynode *r = (struct ynode *)1;
	struct diag d;

	ck_assert_int_eq(rd(text, &r, &d), -1);
	ck_assert_ptr_null(r);
	ck_assert_uint_eq(d.n, 4);
	/* found as each mapping closes: inner ones first */
	assert_err(&d, 0, 5, 3, "duplicate key `x` in `b` (first at line 3, "
		   "column 3)");
	assert_err(&d, 1, 7, 17, "duplicate key `p` in `c` (first at line 7, "
		   "column 5)");
	assert_err(&d, 2, 6, 1, "duplicate key `a` (first at line 1, column 1)");
	assert_err(&d, 3, 8, 1, "duplicate key `a` (first at line 1, column 1)");
	diag_free(&d);
}
END_TEST

START_TEST(test_yamlread_duplicate_key_many)
{
	/* 20000 keys, one repeated at the end: found, and fast */
	size_t n = 20000, cap = n * 16 + 64, len = 0;
	char *text = malloc(cap);
	struct ynode *r;
	struct diag d;
	double t0;

	ck_assert_ptr_nonnull(text);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, "k%zu: %zu\n",
					i, i);
	len += (size_t)snprintf(text + len, cap - len, "k17: x\n");
	t0 = now();
	ck_assert_int_eq(rdn(text, len, &r, &d), -1);
	ck_assert_double_lt(elapsed(t0), 1.0);
	ck_assert_uint_eq(d.n, 1);
	assert_err(&d, 0, 20001, 1,
		   "duplicate key `k17` (first at line 18, column 1)");
	diag_free(&d);
	free(text);
}
END_TEST

START_TEST(test_yamlread_too_many_errors)
{
	/* 50000 copies of one key: 100 errors, then the reader gives up;
	 * fast although every key equals every other */
	size_t n = 50000, len = 0;
	char *text = malloc(6 * n + 4);
	struct ynode *r;
	struct diag d;
	double t0;

	ck_assert_ptr_nonnull(text);
	text[len++] = '{';
	for (size_t i = 0; i < n; i++) {
		memcpy(text + len, "a: 1, ", 6);
		len += 6;
	}
	text[len - 2] = '}';
	t0 = now();
	ck_assert_int_eq(rdn(text, len - 1, &r, &d), -1);
	ck_assert_double_lt(elapsed(t0), 1.0);
	/* 100 kept, the 101st counted and dropped, then the reader stops */
	ck_assert_uint_eq(d.n, YAMLREAD_MAX_ERRORS);
	ck_assert_int_eq(d.nerr, YAMLREAD_MAX_ERRORS + 1);
	ck_assert_int_eq(d.dropped[0], 1);
	ck_assert_int_eq(d.stopped, 1);	/* the count is a floor */
	assert_err(&d, 0, 1, 8, "duplicate key `a` (first at line 1, column 2)");
	assert_err(&d, 99, 1, 602,
		   "duplicate key `a` (first at line 1, column 2)");
	diag_free(&d);
	free(text);
}
END_TEST

START_TEST(test_yamlread_depth_limit)
{
	char *text = repeat("", '[', 10000, "");
	double t0 = now();

	assert_fails_once(text, 1, 65, "nesting is deeper than 64 levels");
	ck_assert_double_lt(elapsed(t0), 0.5);
	free(text);

	/* block style, one level per line: the error is on line 65 */
	{
		size_t cap = 200000, len = 0;
		char *b = malloc(cap);

		ck_assert_ptr_nonnull(b);
		for (int i = 0; i < 100; i++) {
			len += (size_t)snprintf(b + len, cap - len, "%*sk:\n",
						i, "");
		}
		assert_fails_once(b, 65, 65,
				  "nesting is deeper than 64 levels");
		free(b);
	}
}
END_TEST

START_TEST(test_yamlread_depth_64_is_fine)
{
	char *text = repeat("", '[', 64, "");
	size_t l = strlen(text);
	struct ynode *r, *n;
	struct diag d;
	int depth = 0;

	text = realloc(text, 2 * l + 1);
	ck_assert_ptr_nonnull(text);
	memset(text + l, ']', l);
	text[2 * l] = '\0';
	ck_assert_int_eq(rd(text, &r, &d), 0);
	for (n = r; n->kind == YNODE_SEQ && n->n == 1; n = n->vals[0])
		depth++;
	ck_assert_int_eq(depth, 63);
	ck_assert_int_eq(n->kind, YNODE_SEQ);
	ck_assert_uint_eq(n->n, 0);
	yaml_node_free(r);
	diag_free(&d);
	free(text);
}
END_TEST

/* The classic: 9 levels of 10 aliases each would make 10^9 nodes. */
START_TEST(test_yamlread_billion_laughs)
{
	char text[2048];
	size_t len;
	double t0;

	len = (size_t)snprintf(text, sizeof text,
		"a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (char c = 'b'; c <= 'i'; c++) {
		len += (size_t)snprintf(text + len, sizeof text - len,
					"%c: &%c [", c, c);
		for (int k = 0; k < 10; k++)
			len += (size_t)snprintf(text + len, sizeof text - len,
						"%s*%c", k ? ", " : "", c - 1);
		len += (size_t)snprintf(text + len, sizeof text - len, "]\n");
	}
	t0 = now();
	/* e holds 111111 nodes; the first *e in f passes 200000 */
	assert_fails_once(text, 6, 8,
			  "aliases expand past the limit of 200000 nodes");
	ck_assert_double_lt(elapsed(t0), 0.5);
}
END_TEST

START_TEST(test_yamlread_aliases)
{
	const char *text =
		"base: &b {x: 1, y: [2, 3]}\n"
		"copy: *b\n"
		"s: &s 'quoted'\n"
		"t: *s\n";
	struct ynode *r, *c, *b;
	struct diag d;

	ck_assert_int_eq(rd(text, &r, &d), 0);
	b = yaml_map_get(r, "base");
	c = yaml_map_get(r, "copy");
	ck_assert_ptr_ne(b, c);
	ck_assert_int_eq(c->kind, YNODE_MAP);
	ck_assert_uint_eq(c->n, 2);
	assert_pos(c, 2, 7);		/* the copy is where the alias is */
	assert_pos(c->vals[1], 1, 20);	/* its inside is where written */
	ck_assert_ptr_ne(c->vals[1], b->vals[1]);
	ck_assert_str_eq(c->vals[1]->vals[1]->str, "3");
	c = yaml_map_get(r, "t");
	ck_assert_str_eq(c->str, "quoted");
	ck_assert_int_eq(c->quoted, 1);
	assert_pos(c, 4, 4);
	yaml_node_free(r);
	diag_free(&d);
}
END_TEST

START_TEST(test_yamlread_alias_errors)
{
	const char *text =
		"a: *nope\n"
		"b: &r [1, *r]\n"
		"c: &ok 1\n"
		"d: *ok\n";
	struct ynode *r;
	struct diag d;

	ck_assert_int_eq(rd(text, &r, &d), -1);
	ck_assert_uint_eq(d.n, 2);
	assert_err(&d, 0, 1, 4, "alias *nope has no anchor &nope before it");
	assert_err(&d, 1, 2, 11, "alias *r refers to a node that contains it");
	diag_free(&d);

	/* an alias may not carry nesting past the limit either */
	{
		char *t = repeat("a: &a ", '[', 40, "");
		size_t l = strlen(t);

		t = realloc(t, l + 80 + 40);
		ck_assert_ptr_nonnull(t);
		memset(t + l, ']', 40);
		strcpy(t + l + 40, "\nb: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[*a]]]]]"
		       "]]]]]]]]]]]]]]]]]]]]]]]]\n");
		assert_fails_once(t, 2, 33,
				  "alias *a nests deeper than 64 levels");
		free(t);
	}
}
END_TEST

START_TEST(test_yamlread_long_key)
{
	/* 1 MB key: libyaml would say "could not find expected ':'" */
	char *text = repeat("", 'k', 1 << 20, ": 1\n");
	char *mid;
	double t0 = now();

	assert_fails_once(text, 1, 1, "key is longer than 4096 bytes");
	ck_assert_double_lt(elapsed(t0), 0.5);
	free(text);

	text = repeat("a: 1\nb:\n  c: 2\n  ", 'k', 1 << 20, ": 1\n");
	assert_fails_once(text, 4, 3, "key is longer than 4096 bytes");
	free(text);

	text = repeat("x: [1, {", 'k', 1 << 20, ": 1}]\n");
	assert_fails_once(text, 1, 9, "key is longer than 4096 bytes");
	free(text);

	text = repeat("a: 1\n\"", 'k', 1 << 20, "\": 1\n");
	assert_fails_once(text, 2, 1, "key is longer than 4096 bytes");
	free(text);

	/* between YAML's 1024 characters and our 4096 bytes */
	text = repeat("a: 1\n", 'k', 2000, ": 1\n");
	assert_fails_once(text, 2, 1,
			  "key is longer than 1024 characters, the most "
			  "YAML allows in `key: value`");
	free(text);

	/* a long value is not a long key */
	text = repeat("a: 1\nb: ", 'v', 3000, "\n");
	{
		struct ynode *r;
		struct diag d;

		ck_assert_int_eq(rd(text, &r, &d), 0);
		ck_assert_uint_eq(strlen(yaml_map_get(r, "b")->str), 3000);
		yaml_node_free(r);
		diag_free(&d);
	}
	free(text);

	/* an explicit key (? ...) passes libyaml; our limit still holds */
	text = repeat("? ", 'k', 5000, "\n: 1\n");
	assert_fails_once(text, 1, 3, "key is longer than 4096 bytes");
	free(text);

	mid = repeat("a: ", 'v', 5000, "\n");
	assert_fails_once(mid, 1, 4,
			  "the text of `a` is longer than 4096 bytes");
	free(mid);
	mid = repeat("- ", 'v', 5000, "\n");
	assert_fails_once(mid, 1, 3,
			  "the text of `[1]` is longer than 4096 bytes");
	free(mid);
	/* the whole document one long text (found by the fuzzer) */
	mid = repeat("", 'v', 5000, "\n");
	assert_fails_once(mid, 1, 1, "the text is longer than 4096 bytes");
	free(mid);
}
END_TEST

START_TEST(test_yamlread_binary)
{
	static const char nul[] = "a: 1\nb: x\0y\n";
	static const char bad[] = "a: 1\nbc: \xff\xfe\x01\n";
	static const char trunc[] = "a: \xc3";
	static const char ctl[] = "a: 1\nb: x\x01y\n";
	static const char ctlbin[] = "a: 1\nb: x\x01y\xff\n";
	struct ynode *r = (struct ynode *)1;
	struct diag d;
	double t0 = now();
	char *big;

	ck_assert_int_eq(rdn(nul, sizeof nul - 1, &r, &d), -1);
	ck_assert_ptr_null(r);
	ck_assert_uint_eq(d.n, 1);
	assert_err(&d, 0, 2, 5, "not a text file (binary data at byte 10)");
	diag_free(&d);

	ck_assert_int_eq(rdn(bad, sizeof bad - 1, &r, &d), -1);
	ck_assert_uint_eq(d.n, 1);
	assert_err(&d, 0, 2, 5, "not a text file (binary data at byte 10)");
	diag_free(&d);

	ck_assert_int_eq(rdn(trunc, sizeof trunc - 1, &r, &d), -1);
	assert_err(&d, 0, 1, 4, "not a text file (binary data at byte 4)");
	diag_free(&d);

	ck_assert_int_eq(rdn(ctl, sizeof ctl - 1, &r, &d), -1);
	ck_assert_uint_eq(d.n, 1);
	assert_err(&d, 0, 2, 5,
		   "control character U+0001 is not allowed in YAML "
		   "(byte 10)");
	diag_free(&d);

	ck_assert_int_eq(rdn(ctlbin, sizeof ctlbin - 1, &r, &d), -1);
	ck_assert_uint_eq(d.n, 1);
	assert_err(&d, 0, 2, 5, "not a text file (binary data at byte 10)");
	diag_free(&d);

	ck_assert_int_eq(rdn("\xff\xfe" "a\0:\0", 6, &r, &d), -1);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].line, 1);
	ck_assert_str_eq(d.v[0].msg, "file is UTF-16 text; computesim reads "
			 "UTF-8 (save it as UTF-8)");
	diag_free(&d);

	/* a megabyte of pseudo-random bytes */
	big = malloc(1 << 20);
	ck_assert_ptr_nonnull(big);
	for (size_t i = 0, x = 12345; i < (1u << 20); i++) {
		x = x * 6364136223846793005u + 1442695040888963407u;
		big[i] = (char)(x >> 56);
	}
	ck_assert_int_eq(rdn(big, 1 << 20, &r, &d), -1);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "not a text file (binary "
				     "data at byte "));
	diag_free(&d);
	free(big);
	ck_assert_double_lt(elapsed(t0), 0.5);
}
END_TEST

START_TEST(test_yamlread_empty)
{
	static const char *empties[] = {
		"", "\n", "   \n\n", "# only a comment\n  # and another\n",
		"---\n", "--- # nothing\n...\n",
	};
	struct ynode *r = (struct ynode *)1;
	struct diag d;

	for (size_t i = 0; i < sizeof empties / sizeof *empties; i++) {
		ck_assert_int_eq(rd(empties[i], &r, &d), -1);
		ck_assert_ptr_null(r);
		ck_assert_uint_eq(d.n, 1);
		assert_err(&d, 0, 1, 1, "file is empty");
		diag_free(&d);
	}
	/* a lone ~ is a value: what it means is the loader's business */
	ck_assert_int_eq(rd("~\n", &r, &d), 0);
	ck_assert_int_eq(r->plain_null, 1);
	yaml_node_free(r);
	diag_free(&d);
}
END_TEST

START_TEST(test_yamlread_two_documents)
{
	assert_fails_once("a: 1\n---\nb: 2\n", 2, 1,
			  "a second YAML document starts here; a scenario "
			  "file holds exactly one");
	assert_fails_once("--- \na: 1\n...\n\n--- \nb: 2\n", 5, 1,
			  "a second YAML document starts here; a scenario "
			  "file holds exactly one");
	assert_fails_once("a: 1\n---\n", 2, 1,
			  "a second YAML document starts here; a scenario "
			  "file holds exactly one");
}
END_TEST

START_TEST(test_yamlread_syntax_error)
{
	assert_fails_once("a: 1\nb: [1, 2\nc: 3\n", 3, 2,
			  "YAML syntax error: did not find expected ',' or "
			  "']' (while parsing a flow sequence that starts at "
			  "line 2, column 4)");
	assert_fails_once("a:\n  b: 1\n c: 2\n", 3, 2,
			  "YAML syntax error: did not find expected key "
			  "(while parsing a block mapping that starts at "
			  "line 1, column 1)");
	/* at the quote that is not closed, not where libyaml gave up */
	assert_fails_once("a: 'open\n", 1, 4,
			  "YAML syntax error: this quoted text is not closed "
			  "on its line (libyaml: found unexpected end of "
			  "stream at line 2, column 1)");
	assert_fails_once("a: \"4e6\nb: \"x\"\nc: 1\n", 1, 4,
			  "YAML syntax error: this quoted text is not closed "
			  "on its line (libyaml: did not find expected key at "
			  "line 2, column 5)");
	/* a quoted text over two lines that closes is no culprit */
	assert_fails_once("d: \"first\n  second\"\ne: a: b\n", 3, 5,
			  "YAML syntax error: mapping values are not allowed "
			  "in this context");
	/* an apostrophe inside a plain text opens nothing */
	assert_fails_once("a: Meta's case\nb: [1\n", 3, 1,
			  "YAML syntax error: did not find expected ',' or "
			  "']' (while parsing a flow sequence that starts at "
			  "line 2, column 4)");
	assert_fails_once("a:\n\tb: 2\n", 2, 1,
			  "YAML syntax error: found character that cannot "
			  "start any token (a tab: YAML indents with spaces "
			  "only)");
	assert_fails_once("a: 1\n\tb: 2\n", 2, 1,
			  "YAML syntax error: found a tab character that "
			  "violates indentation (a tab: YAML indents with "
			  "spaces only)");
	assert_fails_once("a: b: c\n", 1, 5,
			  "YAML syntax error: mapping values are not allowed "
			  "in this context");
}
END_TEST

START_TEST(test_yamlread_errors_before_syntax_error)
{
	/* duplicate keys found before libyaml gives up are reported too */
	const char *text =
		"a: 1\n"
		"a: 2\n"
		"b: [x\n";
	struct ynode *r;
	struct diag d;

	ck_assert_int_eq(rd(text, &r, &d), -1);
	ck_assert_uint_eq(d.n, 2);
	assert_err(&d, 0, 4, 1, "YAML syntax error: did not find expected "
		   "',' or ']' (while parsing a flow sequence that starts at "
		   "line 3, column 4)");
	assert_err(&d, 1, 2, 1, "duplicate key `a` (first at line 1, column 1)");
	diag_free(&d);
}
END_TEST

START_TEST(test_yamlread_keys_must_be_text)
{
	const char *text =
		"[1, 2]: x\n"
		"? {a: 1}\n"
		": y\n"
		"ok: 1\n";
	struct ynode *r;
	struct diag d;

	ck_assert_int_eq(rd(text, &r, &d), -1);
	ck_assert_uint_eq(d.n, 2);
	assert_err(&d, 0, 1, 1, "a key must be text, not a list");
	assert_err(&d, 1, 2, 3, "a key must be text, not a mapping");
	diag_free(&d);
}
END_TEST

START_TEST(test_yamlread_tags)
{
	const char *text =
		"a: !!str 1\n"
		"b: !custom {x: 1}\n"
		"c: !!seq [1]\n"
		"d: 'fine'\n";
	struct ynode *r;
	struct diag d;

	ck_assert_int_eq(rd(text, &r, &d), -1);
	ck_assert_uint_eq(d.n, 3);
	assert_err(&d, 0, 1, 4,
		   "YAML tags are not supported (`!!str`); remove the tag");
	assert_err(&d, 1, 2, 4,
		   "YAML tags are not supported (`!custom`); remove the tag");
	assert_err(&d, 2, 3, 4,
		   "YAML tags are not supported (`!!seq`); remove the tag");
	diag_free(&d);
}
END_TEST

START_TEST(test_yamlread_nul_escape)
{
	assert_fails_once("a: \"x\\0y\"\n", 1, 4,
			  "the text of `a` contains a NUL character (\\0)");
}
END_TEST

START_TEST(test_yamlread_node_limit)
{
	/* 200001 plain items in one flow list */
	size_t n = 200001, len = 0;
	char *text = malloc(2 * n + 4);
	double t0 = now();

	ck_assert_ptr_nonnull(text);
	text[len++] = '[';
	for (size_t i = 0; i < n; i++) {
		text[len++] = '1';
		text[len++] = ',';
	}
	text[len - 1] = ']';
	text[len] = '\0';
	assert_fails_once(text, 1, 2 * 199999 + 2,
			  "document has more than 200000 nodes");
	ck_assert_double_lt(elapsed(t0), 1.0);
	free(text);
}
END_TEST

START_TEST(test_yamlread_too_large)
{
	size_t n = YAMLREAD_MAX_INPUT + 1;
	char *text = malloc(n);
	struct ynode *r;
	struct diag d;

	ck_assert_ptr_nonnull(text);
	memset(text, '#', n);
	ck_assert_int_eq(rdn(text, n, &r, &d), -1);
	ck_assert_uint_eq(d.n, 1);
	assert_err(&d, 0, 1, 1, "file is larger than 4194304 bytes, the most "
		   "computesim reads");
	diag_free(&d);
	free(text);
}
END_TEST

START_TEST(test_yamlread_file)
{
	char path[] = "/tmp/check_yamlread_XXXXXX";
	int fd = mkstemp(path);
	struct ynode *r = (struct ynode *)1;
	struct diag d;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "a: 1\nb: [x]\n", 12), 12);
	close(fd);
	diag_init(&d);
	ck_assert_int_eq(yaml_read_file(&r, path, &d), 0);
	ck_assert_str_eq(yaml_map_get(r, "a")->str, "1");
	assert_pos(yaml_map_get(r, "b")->vals[0], 2, 5);
	yaml_node_free(r);
	unlink(path);

	ck_assert_int_eq(yaml_read_file(&r, path, &d), -1);
	ck_assert_ptr_null(r);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].file, path);
	ck_assert_int_eq(d.v[0].line, 0);
	ck_assert_str_eq(d.v[0].msg, "cannot open: No such file or directory");
	diag_free(&d);

	diag_init(&d);
	ck_assert_int_eq(yaml_read_file(&r, "/", &d), -1);
	ck_assert_str_eq(d.v[0].msg, "cannot read: Is a directory");
	diag_free(&d);
}
END_TEST

START_TEST(test_yamlread_map_get_and_copy)
{
	struct ynode *r, *c;
	struct diag d;

	ck_assert_int_eq(rd("a: {b: [1, 'two'], c: ~}\nd: x\n", &r, &d), 0);
	ck_assert_ptr_null(yaml_map_get(r, "zz"));
	ck_assert_ptr_null(yaml_map_get(NULL, "a"));
	ck_assert_ptr_null(yaml_map_get(yaml_map_get(r, "d"), "a"));
	c = yaml_node_copy(yaml_map_get(r, "a"));
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->kind, YNODE_MAP);
	assert_pos(c, 1, 4);
	ck_assert_str_eq(yaml_map_get(c, "b")->vals[1]->str, "two");
	ck_assert_int_eq(yaml_map_get(c, "b")->vals[1]->quoted, 1);
	ck_assert_int_eq(yaml_map_get(c, "c")->plain_null, 1);
	ck_assert_ptr_ne(yaml_map_get(c, "b"),
			 yaml_map_get(yaml_map_get(r, "a"), "b"));
	yaml_node_free(r);	/* the copy stands alone */
	ck_assert_str_eq(yaml_map_get(c, "b")->vals[0]->str, "1");
	yaml_node_free(c);
	ck_assert_ptr_null(yaml_node_copy(NULL));
	yaml_node_free(NULL);
	diag_free(&d);
}
END_TEST

Suite *yamlread_suite(void);
Suite *yamlread_suite(void)
{
	Suite *s = suite_create("yamlread");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_yamlread_positions);
	tcase_add_test(tc, test_yamlread_position_after_multibyte);
	tcase_add_test(tc, test_yamlread_positions_odd_breaks);
	tcase_add_test(tc, test_yamlread_quoted_and_plain);
	tcase_add_test(tc, test_yamlread_null);
	tcase_add_test(tc, test_yamlread_duplicate_key);
	tcase_add_test(tc, test_yamlread_duplicate_key_many);
	tcase_add_test(tc, test_yamlread_too_many_errors);
	tcase_add_test(tc, test_yamlread_depth_limit);
	tcase_add_test(tc, test_yamlread_depth_64_is_fine);
	tcase_add_test(tc, test_yamlread_billion_laughs);
	tcase_add_test(tc, test_yamlread_aliases);
	tcase_add_test(tc, test_yamlread_alias_errors);
	tcase_add_test(tc, test_yamlread_long_key);
	tcase_add_test(tc, test_yamlread_binary);
	tcase_add_test(tc, test_yamlread_empty);
	tcase_add_test(tc, test_yamlread_two_documents);
	tcase_add_test(tc, test_yamlread_syntax_error);
	tcase_add_test(tc, test_yamlread_errors_before_syntax_error);
	tcase_add_test(tc, test_yamlread_keys_must_be_text);
	tcase_add_test(tc, test_yamlread_tags);
	tcase_add_test(tc, test_yamlread_nul_escape);
	tcase_add_test(tc, test_yamlread_node_limit);
	tcase_add_test(tc, test_yamlread_too_large);
	tcase_add_test(tc, test_yamlread_file);
	tcase_add_test(tc, test_yamlread_map_get_and_copy);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(yamlread_suite)
