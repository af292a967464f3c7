/* yamlread.c — libyaml events -> a small node tree with positions and
 * limits; see yamlread.h and docs/notes-yamlread.md.
 *
 * Only libyaml's event API is used: its document loader has no nesting
 * limit and is slow on hostile input. Every limit is enforced here, on the
 * events as they arrive, so that the reader stops as soon as an input is
 * known to be too deep, too large or too expansive, before libyaml has to
 * look further (libyaml's scanner is quadratic in flow nesting).
 *
 * Errors are of two sorts. Fatal ones (a libyaml syntax error, nesting
 * too deep, too many nodes, a second document, binary data) stop the
 * parse: nothing after them can be trusted or it would cost too much to
 * look. The others (duplicate keys, a non-scalar key, an unknown alias, a
 * tag, an over-long scalar) are recorded and the parse goes on, so that
 * one run reports all of them. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "fileread.h"
#include "yamlnode.h"
#include "yamlread.h"
#include "yamltext.h"

/* YAML's own limit on an implicit key (`key: value`), in characters;
 * libyaml enforces it with a confusing message, which we replace. */
#define YAML_SIMPLE_KEY_MAX 1024

/* ------------------------------------------------------------------ */
/* The reader                                                          */

/* One open mapping or sequence. */
struct frame {
	struct ynode *node;
	size_t cap;		/* allocated entries in node->keys/vals */
	char *anchor;		/* its anchor, defined when it closes */
	size_t nodes0;		/* reader's node count before it */
	struct ynode *key;	/* MAP: key waiting for its value */
	int key_bad;		/* that key is not a scalar: drop the pair */
};

struct reader {
	const char *buf;
	size_t len;
	const char *file;
	struct diag *d;
	yaml_parser_t parser;

	struct frame st[YAMLREAD_MAX_DEPTH];
	int depth;
	struct ynode *root;
	int ndocs;

	struct yamlnode_anchors anchors;
	struct ynode **grave;	/* dropped nodes that anchors may name */
	size_t ngrave, capgrave;

	size_t nodes;		/* created so far, copies included */
	int nerr;
	int fatal;

	int tag_error;		/* rerror() is reporting a tag */

	/* the last scalar longer than YAML's key limit, for messages */
	int long_valid;
	yaml_mark_t long_start, long_end;

	/* libyaml's lines to the editor's, where they differ (NEL, LS, PS) */
	struct yamltext_lines lines;
};

/* The 1-based line and column of libyaml's mark m as an editor counts
 * them (yamltext_lines_pos). */
static void mark_pos(const struct reader *r, const yaml_mark_t *m,
		     int *line, int *col)
{
	yamltext_lines_pos(&r->lines, m->line, m->column, line, col);
}

static void rerror(struct reader *r, int line, int col, const char *fmt,
		   ...) __attribute__((format(printf, 4, 5)));

static void rerror(struct reader *r, int line, int col, const char *fmt,
		   ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_verror(r->d, DIAG_ERROR, r->file, line, col, fmt, ap);
	va_end(ap);
	/* what the loader finds at this node follows from this error; not
	 * so for a tag, which leaves the node as if untagged */
	if (!r->tag_error)
		diag_mark_cause(r->d);
	/* past the errors diag keeps, reading on only costs time */
	if (++r->nerr > YAMLREAD_MAX_ERRORS && !r->fatal) {
		r->fatal = 1;
		diag_stopped(r->d);
	}
}

static void oom(struct reader *r)
{
	if (!r->fatal)
		rerror(r, 0, 0, "out of memory while reading YAML");
	r->fatal = 1;
}

/* Keep n alive (for anchors) until the read ends. */
static void bury(struct reader *r, struct ynode *n)
{
	if (!n)
		return;
	if (r->ngrave == r->capgrave) {
		size_t cap = r->capgrave ? 2 * r->capgrave : 16;
		struct ynode **g = realloc(r->grave, cap * sizeof *g);

		if (!g) {
			/* cannot keep it: drop every anchor to stay safe */
			yamlnode_anchors_free(&r->anchors);
			yaml_node_free(n);
			oom(r);
			return;
		}
		r->grave = g;
		r->capgrave = cap;
	}
	r->grave[r->ngrave++] = n;
}

/* Count one more node written in the file; a fatal error past the budget
 * (nodes copied from aliases are counted by yamlnode_copy_limited()). */
static int count_node(struct reader *r, int line, int col)
{
	if (r->nodes >= YAMLREAD_MAX_NODES) {
		rerror(r, line, col, "document has more than %d nodes",
		       YAMLREAD_MAX_NODES);
		r->fatal = 1;
		return -1;
	}
	r->nodes++;
	return 0;
}

static struct ynode *new_node(struct reader *r, enum ynode_kind k,
			      const yaml_mark_t *m)
{
	struct ynode *n;
	int line, col;

	mark_pos(r, m, &line, &col);
	if (count_node(r, line, col) < 0)
		return NULL;
	n = yamlnode_new(k, line, col);
	if (!n)
		oom(r);
	return n;
}

static const char *kind_name(enum ynode_kind k)
{
	return k == YNODE_MAP ? "a mapping" : k == YNODE_SEQ ? "a list"
							   : "text";
}

/* The dotted path of the open collections' keys, list items as [N]
 * (1-based): where the node being built sits ("" at the root). */
static const char *open_path(const struct reader *r, char *buf, size_t size)
{
	size_t n = 0;
	char tmp[80];

	buf[0] = '\0';
	for (int i = 0; i < r->depth && n + 1 < size; i++) {
		const struct frame *f = &r->st[i];
		int w;

		if (f->node->kind == YNODE_SEQ)
			w = snprintf(buf + n, size - n, "[%zu]",
				     f->node->n + 1);
		else if (f->key && !f->key_bad)
			w = snprintf(buf + n, size - n, "%s%s", n ? "." : "",
				     yamltext_show(f->key->str, tmp,
						   sizeof tmp));
		else
			break;
		if (w < 0 || (size_t)w >= size - n)
			break;
		n += (size_t)w;
	}
	return buf;
}

/* " of `PATH`" naming the value being built, or "" at the root. */
static const char *of_key(const struct reader *r, char *buf, size_t size)
{
	char p[200];

	if (!*open_path(r, p, sizeof p))
		return "";
	snprintf(buf, size, " of `%s`", p);
	return buf;
}

/* Append to the open collection f. */
static int frame_push(struct reader *r, struct frame *f, struct ynode *k,
		      struct ynode *v)
{
	struct ynode *n = f->node;

	if (n->n == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 4;
		struct ynode **vv, **kk;

		vv = realloc(n->vals, cap * sizeof *vv);
		if (!vv)
			goto fail;
		n->vals = vv;
		if (n->kind == YNODE_MAP) {
			kk = realloc(n->keys, cap * sizeof *kk);
			if (!kk)
				goto fail;
			n->keys = kk;
		}
		f->cap = cap;
	}
	if (n->kind == YNODE_MAP)
		n->keys[n->n] = k;
	n->vals[n->n++] = v;
	return 0;
fail:
	bury(r, k);
	bury(r, v);
	oom(r);
	return -1;
}

/* Put a finished node where it belongs: the root, the next item of a
 * list, a key or a value of a mapping. Checks that only key position can
 * check: what a key may be, and the length of keys and values. */
static void attach(struct reader *r, struct ynode *n)
{
	struct frame *f = r->depth > 0 ? &r->st[r->depth - 1] : NULL;
	int is_key = f && f->node->kind == YNODE_MAP && !f->key;
	char kb[256];

	/* a long text at the root is checked at the end of the document:
	 * when libyaml fails on it first, it was a long key (long_key_error) */
	if (f && !is_key && n->kind == YNODE_SCALAR &&
	    strlen(n->str) > YAMLREAD_MAX_SCALAR)
		rerror(r, n->line, n->col, "the text%s is longer than %d "
		       "bytes", of_key(r, kb, sizeof kb),
		       YAMLREAD_MAX_SCALAR);
	if (!f) {
		if (r->root)	/* cannot happen: one node per document */
			bury(r, n);
		else
			r->root = n;
		return;
	}
	if (is_key) {
		if (n->kind != YNODE_SCALAR) {
			rerror(r, n->line, n->col,
			       "a key must be text, not %s",
			       kind_name(n->kind));
			f->key_bad = 1;
		} else if (strlen(n->str) > YAMLREAD_MAX_SCALAR) {
			rerror(r, n->line, n->col,
			       "key is longer than %d bytes",
			       YAMLREAD_MAX_SCALAR);
		}
		f->key = n;
		return;
	}
	if (f->node->kind == YNODE_SEQ) {
		frame_push(r, f, NULL, n);
		return;
	}
	if (f->key_bad) {
		bury(r, f->key);
		bury(r, n);
	} else {
		frame_push(r, f, f->key, n);
	}
	f->key = NULL;
	f->key_bad = 0;
}

/* Finish a node of size nodes: define its anchor (owned; may be NULL),
 * then attach it. */
static void finish(struct reader *r, struct ynode *n, char *anchor,
		   size_t size)
{
	if (anchor && yamlnode_anchor_put(&r->anchors, anchor, n, size) < 0)
		oom(r);
	attach(r, n);
}

static int cmp_key(const void *pa, const void *pb, void *ctx)
{
	struct ynode **keys = ctx;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = strcmp(keys[a]->str, keys[b]->str);

	if (c)
		return c;
	return a < b ? -1 : a > b;
}

/* Report every key of m written twice, at the later copy, and drop the
 * later pairs (the first one stands). O(n log n), so that a mapping with
 * many keys stays fast. With compact 0 only report (used on a mapping
 * left open by a fatal error). */
static void check_dups(struct reader *r, struct ynode *m, int compact)
{
	size_t *idx, n = m->n, j;
	char *drop;
	char tmp[80], at[48], where[200];

	if (n < 2)
		return;
	idx = malloc(n * sizeof *idx);
	drop = calloc(n, 1);
	if (!idx || !drop) {
		free(idx);
		free(drop);
		oom(r);
		return;
	}
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	open_path(r, where, sizeof where);	/* m's own key is open still */
	qsort_r(idx, n, sizeof *idx, cmp_key, m->keys);
	for (size_t i = 1, g = 0; i < n; i++) {
		struct ynode *first, *k = m->keys[idx[i]];

		if (strcmp(m->keys[idx[i - 1]]->str, k->str) != 0) {
			g = i;	/* a new group of equal keys starts */
			continue;
		}
		first = m->keys[idx[g]];
		if (strcmp(r->file, "--set") == 0)	/* one line */
			snprintf(at, sizeof at, "column %d", first->col);
		else
			snprintf(at, sizeof at, "line %d, column %d",
				 first->line, first->col);
		rerror(r, k->line, k->col, "duplicate key `%s`%s%s%s (first "
		       "at %s)", yamltext_show(k->str, tmp, sizeof tmp),
		       *where ? " in `" : "", where, *where ? "`" : "", at);
		drop[idx[i]] = 1;
		if (r->fatal)
			break;	/* too many: the tree is dropped anyway */
	}
	if (compact) {
		j = 0;
		for (size_t i = 0; i < n; i++) {
			if (drop[i]) {
				bury(r, m->keys[i]);
				bury(r, m->vals[i]);
				continue;
			}
			m->keys[j] = m->keys[i];
			m->vals[j++] = m->vals[i];
		}
		m->n = j;
	}
	free(idx);
	free(drop);
}

/* Tags are refused: a scenario has no use for them, and honouring
 * `!!str` and friends would give the same text two meanings. */
static void check_tag(struct reader *r, const yaml_char_t *tag,
		      const yaml_mark_t *m)
{
	const char *t = (const char *)tag;
	static const char core[] = "tag:yaml.org,2002:";
	char tmp[80];
	int line, col;

	if (!t)
		return;
	r->tag_error = 1;
	mark_pos(r, m, &line, &col);
	if (strncmp(t, core, sizeof core - 1) == 0)
		rerror(r, line, col,
		       "YAML tags are not supported (`!!%s`); remove the tag",
		       yamltext_show(t + sizeof core - 1, tmp, sizeof tmp));
	else
		rerror(r, line, col,
		       "YAML tags are not supported (`%s`); remove the tag",
		       yamltext_show(t, tmp, sizeof tmp));
	r->tag_error = 0;
}

static char *dup_anchor(struct reader *r, const yaml_char_t *a)
{
	char *s;

	if (!a)
		return NULL;
	s = strdup((const char *)a);
	if (!s)
		oom(r);
	return s;
}

static void on_scalar(struct reader *r, const yaml_event_t *e)
{
	const char *v = (const char *)e->data.scalar.value;
	size_t len = e->data.scalar.length;
	yaml_scalar_style_t st = e->data.scalar.style;
	struct ynode *n;
	char *anchor, kb[256];

	check_tag(r, e->data.scalar.tag, &e->start_mark);
	if (e->start_mark.line == e->end_mark.line &&
	    e->end_mark.column - e->start_mark.column > YAML_SIMPLE_KEY_MAX) {
		r->long_valid = 1;
		r->long_start = e->start_mark;
		r->long_end = e->end_mark;
	}
	n = new_node(r, YNODE_SCALAR, &e->start_mark);
	if (!n)
		return;
	n->str = malloc(len + 1);
	if (!n->str) {
		free(n);
		oom(r);
		return;
	}
	memcpy(n->str, v, len);
	n->str[len] = '\0';
	if (memchr(v, '\0', len))
		rerror(r, n->line, n->col,
		       "the text%s contains a NUL character (\\0)",
		       of_key(r, kb, sizeof kb));
	n->quoted = st != YAML_PLAIN_SCALAR_STYLE;
	n->plain_null = !n->quoted &&
		(len == 0 || strcmp(n->str, "~") == 0 ||
		 strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
		 strcmp(n->str, "NULL") == 0);
	anchor = dup_anchor(r, e->data.scalar.anchor);
	if (e->data.scalar.anchor && !anchor) {
		yaml_node_free(n);
		return;
	}
	finish(r, n, anchor, 1);
}

static void on_start(struct reader *r, const yaml_event_t *e,
		     enum ynode_kind k)
{
	const yaml_char_t *tag = k == YNODE_MAP ? e->data.mapping_start.tag
						: e->data.sequence_start.tag;
	const yaml_char_t *an = k == YNODE_MAP ? e->data.mapping_start.anchor
					       : e->data.sequence_start.anchor;
	struct frame *f;
	struct ynode *n;

	if (r->depth >= YAMLREAD_MAX_DEPTH) {
		int line, col;

		mark_pos(r, &e->start_mark, &line, &col);
		rerror(r, line, col,
		       "nesting is deeper than %d levels", YAMLREAD_MAX_DEPTH);
		r->fatal = 1;
		return;
	}
	check_tag(r, tag, &e->start_mark);
	n = new_node(r, k, &e->start_mark);
	if (!n)
		return;
	f = &r->st[r->depth++];
	memset(f, 0, sizeof *f);
	f->node = n;
	f->nodes0 = r->nodes - 1;
	f->anchor = dup_anchor(r, an);
}

static void on_end(struct reader *r)
{
	struct frame *f;
	struct ynode *n;
	char *anchor;

	if (r->depth == 0)
		return;		/* libyaml pairs them; be safe anyway */
	f = &r->st[--r->depth];
	n = f->node;
	anchor = f->anchor;
	if (f->key) {		/* cannot happen: libyaml supplies a value */
		bury(r, f->key);
		f->key = NULL;
	}
	if (n->kind == YNODE_MAP)
		check_dups(r, n, 1);
	finish(r, n, anchor, r->nodes - f->nodes0);
}

static void on_alias(struct reader *r, const yaml_event_t *e)
{
	const char *name = (const char *)e->data.alias.anchor;
	int line, col;
	struct yamlnode_budget b = { YAMLREAD_MAX_NODES - r->nodes,
				     YAMLREAD_MAX_DEPTH, 0, 0 };
	struct yamlnode_anchor *src;
	struct ynode *c;
	char tmp[80];

	mark_pos(r, &e->start_mark, &line, &col);
	for (int i = 0; i < r->depth; i++)
		if (r->st[i].anchor && strcmp(r->st[i].anchor, name) == 0) {
			rerror(r, line, col,
			       "alias *%s refers to a node that contains it",
			       yamltext_show(name, tmp, sizeof tmp));
			goto placeholder;
		}
	src = yamlnode_anchor_get(&r->anchors, name);
	if (!src) {
		rerror(r, line, col, "alias *%s has no anchor &%s before it",
		       yamltext_show(name, tmp, sizeof tmp), tmp);
		goto placeholder;
	}
	if (src->size > b.left)
		b.over = 1;
	c = b.over ? NULL : yamlnode_copy_limited(src->node, r->depth, &b);
	if (!c) {
		if (b.over)
			rerror(r, line, col,
			       "aliases expand past the limit of %d nodes",
			       YAMLREAD_MAX_NODES);
		else if (b.deep)
			rerror(r, line, col,
			       "alias *%s nests deeper than %d levels",
			       yamltext_show(name, tmp, sizeof tmp),
			       YAMLREAD_MAX_DEPTH);
		else
			oom(r);
		r->fatal = 1;
		return;
	}
	r->nodes = YAMLREAD_MAX_NODES - b.left;
	c->line = line;		/* the copy is where the alias is written */
	c->col = col;
	attach(r, c);
	return;
placeholder:
	/* an empty value in its place lets the parse go on */
	c = new_node(r, YNODE_SCALAR, &e->start_mark);
	if (!c)
		return;
	c->str = strdup("");
	if (!c->str) {
		free(c);
		oom(r);
		return;
	}
	c->plain_null = 1;
	attach(r, c);
}

/* Did libyaml stop on a key longer than YAML's 1024-character limit for
 * `key: value`? It says "could not find expected ':'" or "mapping values
 * are not allowed in this context" then, which names the wrong problem.
 * If so, report the real one and return 1. */
static int long_key_error(struct reader *r)
{
	const yaml_parser_t *p = &r->parser;
	const yaml_mark_t *pm = &p->problem_mark;
	size_t from, to, chars;
	yaml_mark_t start;
	int line, col;

	if (p->context && strcmp(p->context, "while scanning a simple key") == 0
	    && p->context_mark.line == pm->line &&
	    pm->column > p->context_mark.column + YAML_SIMPLE_KEY_MAX) {
		start = p->context_mark;
	} else if (r->long_valid && r->long_end.line == pm->line &&
		   r->long_end.column <= pm->column) {
		/* the scalar just before the problem, with only blanks
		 * between them */
		from = yamltext_offset(r->buf, r->len, r->long_end.line,
				   r->long_end.column);
		to = yamltext_offset(r->buf, r->len, pm->line, pm->column);
		while (from < to &&
		       (r->buf[from] == ' ' || r->buf[from] == '\t'))
			from++;
		if (from != to)
			return 0;
		start = r->long_start;
	} else {
		return 0;
	}
	from = yamltext_offset(r->buf, r->len, start.line, start.column);
	to = yamltext_offset(r->buf, r->len, pm->line, pm->column);
	if (to < from)
		return 0;
	while (to > from && (r->buf[to - 1] == ' ' || r->buf[to - 1] == '\t'))
		to--;
	if (to - from >= 2 && (r->buf[from] == '"' || r->buf[from] == '\'') &&
	    r->buf[to - 1] == r->buf[from]) {
		from++;
		to--;
	}
	chars = 0;
	for (size_t i = from; i < to; i++)
		chars += ((unsigned char)r->buf[i] & 0xC0) != 0x80;
	if (chars <= YAML_SIMPLE_KEY_MAX)
		return 0;
	mark_pos(r, &start, &line, &col);
	/* libyaml may have handed us the key before failing on what
	 * follows, and attach() then said so already */
	if (r->d->n > 0 && r->d->v[r->d->n - 1].line == line &&
	    r->d->v[r->d->n - 1].col == col &&
	    strncmp(r->d->v[r->d->n - 1].msg, "key is longer", 13) == 0)
		return 1;
	if (to - from > YAMLREAD_MAX_SCALAR)
		rerror(r, line, col, "key is longer than %d bytes",
		       YAMLREAD_MAX_SCALAR);
	else
		rerror(r, line, col,
		       "key is longer than %d characters, the most YAML "
		       "allows in `key: value`", YAML_SIMPLE_KEY_MAX);
	return 1;
}

/* Report libyaml's error: "YAML syntax error: PROBLEM (CONTEXT that starts
 * at line L, column C)" at the problem mark. */
static void syntax_error(struct reader *r)
{
	const yaml_parser_t *p = &r->parser;
	const char *problem = p->problem ? p->problem : "unknown problem";
	int line, col;
	size_t off;

	r->fatal = 1;
	switch (p->error) {
	case YAML_MEMORY_ERROR:
		oom(r);
		return;
	case YAML_READER_ERROR:
		/* check_text() should have caught it; offset is in bytes */
		off = p->problem_offset < r->len ? p->problem_offset : r->len;
		yamltext_pos(r->buf, off, &line, &col);
		rerror(r, line, col, "not valid YAML text: %s (byte %zu)",
		       problem, off + 1);
		return;
	default:
		break;
	}
	if (long_key_error(r))
		return;
	mark_pos(r, &p->problem_mark, &line, &col);
	off = yamltext_offset(r->buf, r->len, p->problem_mark.line,
			  p->problem_mark.column);
	if (off < r->len && r->buf[off] == '\t') {
		rerror(r, line, col, "YAML syntax error: %s (a tab: YAML "
		       "indents with spaces only)", problem);
		return;
	}
	{
		/* `x: "4e6` runs on into the next lines, and libyaml fails
		 * further down: report at the quote that is not closed */
		size_t pl = p->problem_mark.line;
		long q = yamltext_unclosed_quote(r->buf, r->len,
						 pl > 30 ? pl - 30 : 0, pl,
						 off);

		if (q >= 0) {
			int ql, qc;

			yamltext_pos(r->buf, (size_t)q, &ql, &qc);
			rerror(r, ql, qc, "YAML syntax error: this quoted text "
			       "is not closed on its line (libyaml: %s at line "
			       "%d, column %d)", problem, line, col);
			return;
		}
	}
	{
		int cl = line, cc = col;
		char hint[200];

		if (p->context)
			mark_pos(r, &p->context_mark, &cl, &cc);
		/* a NEL, LS or PS, which YAML reads as a line break and
		 * nothing on screen shows, on the error's or the context's
		 * line or the line above them */
		yamltext_break_hint(&r->lines, r->buf, r->len, line,
				    (p->context && cl < line ? cl : line) - 1,
				    hint, sizeof hint);
		if (p->context)
			rerror(r, line, col,
			       "YAML syntax error: %s (%s that starts at line "
			       "%d, column %d)%s", problem, p->context, cl, cc,
			       hint);
		else
			rerror(r, line, col, "YAML syntax error: %s%s",
			       problem, hint);
	}
}

/* Feed one event to the tree. Returns 1 at the end of the stream. */
static int on_event(struct reader *r, const yaml_event_t *e)
{
	switch (e->type) {
	case YAML_STREAM_END_EVENT:
		if (r->ndocs == 0 ||
		    (r->root && r->root->kind == YNODE_SCALAR &&
		     r->root->plain_null && r->root->str[0] == '\0' &&
		     r->nerr == 0)) {
			rerror(r, 1, 1, "file is empty");
			r->fatal = 1;	/* no tree to hand out */
		}
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (++r->ndocs > 1) {
			int line, col;

			mark_pos(r, &e->start_mark, &line, &col);
			rerror(r, line, col,
			       "a second YAML document starts here; a scenario "
			       "file holds exactly one");
			r->fatal = 1;
		}
		return 0;
	case YAML_DOCUMENT_END_EVENT:
		if (r->root && r->root->kind == YNODE_SCALAR &&
		    strlen(r->root->str) > YAMLREAD_MAX_SCALAR)
			rerror(r, r->root->line, r->root->col,
			       "the text is longer than %d bytes",
			       YAMLREAD_MAX_SCALAR);
		return 0;
	case YAML_SCALAR_EVENT:
		on_scalar(r, e);
		return 0;
	case YAML_ALIAS_EVENT:
		on_alias(r, e);
		return 0;
	case YAML_SEQUENCE_START_EVENT:
		on_start(r, e, YNODE_SEQ);
		return 0;
	case YAML_MAPPING_START_EVENT:
		on_start(r, e, YNODE_MAP);
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		on_end(r);
		return 0;
	default:
		return 0;
	}
}

/* Free what a read leaves behind; the root only if it is not handed out. */
static void reader_cleanup(struct reader *r, int keep_root)
{
	while (r->depth > 0) {
		struct frame *f = &r->st[--r->depth];

		yaml_node_free(f->key);
		yaml_node_free(f->node);
		free(f->anchor);
	}
	for (size_t i = 0; i < r->ngrave; i++)
		yaml_node_free(r->grave[i]);
	free(r->grave);
	yamlnode_anchors_free(&r->anchors);
	yamltext_lines_free(&r->lines);
	if (!keep_root)
		yaml_node_free(r->root);
	r->root = NULL;
}

static int read_buf(struct ynode **out, const char *buf, size_t len,
		    const char *file, struct diag *d, int partial)
{
	struct reader r;
	yaml_event_t e;
	int done = 0;

	*out = NULL;
	if (len > YAMLREAD_MAX_INPUT) {
		diag_error(d, file, 1, 1,
			   "file is larger than %u bytes, the most computesim "
			   "reads", (unsigned)YAMLREAD_MAX_INPUT);
		return -1;
	}
	if (yamltext_check(buf, len, file, d) < 0)
		return -1;
	memset(&r, 0, sizeof r);
	r.buf = buf;
	r.len = len;
	r.file = file;
	r.d = d;
	if (yamltext_lines_new(&r.lines, buf, len) < 0 ||
	    !yaml_parser_initialize(&r.parser)) {
		yamltext_lines_free(&r.lines);
		diag_error(d, file, 0, 0, "out of memory while reading YAML");
		return -1;
	}
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)buf,
				     len);
	while (!done && !r.fatal) {
		if (!yaml_parser_parse(&r.parser, &e)) {
			syntax_error(&r);
			break;
		}
		done = on_event(&r, &e);
		yaml_event_delete(&e);
	}
	/* mappings a fatal error left open may still hold duplicate keys */
	for (int i = 0, depth = r.depth; i < depth; i++)
		if (r.st[i].node->kind == YNODE_MAP) {
			r.depth = i;	/* for the path in messages */
			check_dups(&r, r.st[i].node, 0);
			r.depth = depth;
		}
	yaml_parser_delete(&r.parser);
	if (r.nerr == 0 && !r.root) {	/* cannot happen; stay safe */
		diag_error(d, file, 1, 1, "file is empty");
		r.nerr++;
	}
	if (r.nerr > 0 && (!partial || r.fatal || !r.root)) {
		reader_cleanup(&r, 0);
		return -1;
	}
	*out = r.root;
	reader_cleanup(&r, 1);
	return r.nerr > 0;
}

int yaml_read(struct ynode **out, const char *buf, size_t len,
	      const char *file, struct diag *d)
{
	return read_buf(out, buf, len, file, d, 0);
}

int yaml_read_partial(struct ynode **out, const char *buf, size_t len,
		      const char *file, struct diag *d)
{
	return read_buf(out, buf, len, file, d, 1);
}

int yaml_read_file(struct ynode **out, const char *path, struct diag *d)
{
	FILE *f;
	char *buf;
	size_t n;
	int rc;

	*out = NULL;
	f = fileread_open(path);	/* a FIFO without a writer: empty */
	if (!f) {
		/* `-` is a file name here, as it is to every reader of
		 * named files; say how to read standard input */
		diag_error(d, path, 0, 0, "cannot open: %s%s", strerror(errno),
			   strcmp(path, "-") == 0 && errno == ENOENT ?
			   " (`-` names a file here; for standard input, "
			   "name /dev/stdin)" : "");
		return -1;
	}
	buf = malloc(YAMLREAD_MAX_INPUT + 1);
	if (!buf) {
		fclose(f);
		diag_error(d, path, 0, 0, "out of memory while reading");
		return -1;
	}
	n = fread(buf, 1, YAMLREAD_MAX_INPUT + 1, f);
	if (ferror(f)) {
		int err = errno;

		fclose(f);
		free(buf);
		diag_error(d, path, 0, 0, "cannot read: %s",
			   strerror(err ? err : EIO));
		return -1;
	}
	fclose(f);
	rc = yaml_read_partial(out, buf, n, path, d);
	free(buf);
	return rc;
}
