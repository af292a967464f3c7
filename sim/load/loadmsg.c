/* loadmsg.c — what every part of the loader shares: its messages (errors
 * and warnings at a node's position, or naming the --set argument), user
 * text made safe to print, the nearest name for "did you mean", and the
 * checks of a number against its key's range (loader.h). value.c and
 * distmap.c both use these, so they live here, below both. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dist.h"
#include "loader.h"
#include "suggest.h"
#include "text.h"

/* ---- messages ---------------------------------------------------------- */

static void report(struct loader *L, enum diag_level lv,
		   const struct ynode *at, const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (at && at->set_arg > 0 && at->set_arg <= L->nsets) {
		const char *arg = L->sets[at->set_arg - 1].arg;
		char a[256];

		loader_text(arg, a, sizeof a);
		/* column: the argument's number, for the order (see
		 * set_error in paths.c) */
		if (lv == DIAG_ERROR)
			diag_error(L->d, L->file, 0, at->set_arg, "--set '%s': %s",
				   a, msg);
		else
			diag_warning(L->d, L->file, 0, at->set_arg,
				     "--set '%s': %s", a, msg);
	} else if (lv == DIAG_ERROR) {
		diag_error(L->d, L->file, at ? at->line : 0, at ? at->col : 0,
			   "%s", msg);
	} else {
		diag_warning(L->d, L->file, at ? at->line : 0,
			     at ? at->col : 0, "%s", msg);
	}
}

void loader_error(struct loader *L, const struct ynode *at,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(L, DIAG_ERROR, at, fmt, ap);
	va_end(ap);
}

void loader_warning(struct loader *L, const struct ynode *at,
		    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(L, DIAG_WARNING, at, fmt, ap);
	va_end(ap);
}

const char *loader_text(const char *s, char *buf, size_t size)
{
	text_escape(buf, size, s, strlen(s), 0);
	return buf;
}

const char *loader_show(const struct ynode *n, char *buf, size_t size)
{
	char t[80];
	/* the text shortened to leave room for its two backticks in buf */
	size_t m = size > 3 ? size - 2 : 1;

	if (m > sizeof t)
		m = sizeof t;

	if (!n)
		snprintf(buf, size, "nothing");
	else if (n->kind == YNODE_MAP)
		snprintf(buf, size, "a mapping");
	else if (n->kind == YNODE_SEQ)
		snprintf(buf, size, "a list");
	else if (n->plain_null)
		snprintf(buf, size, "nothing");
	else
		snprintf(buf, size, "`%s`", loader_text(n->str, t, m));
	return buf;
}

/* ---- shared by the value forms ------------------------------------------ */

/* Nearest of n names to s, or NULL (counts against the suggestion cap). */
const char *loader_nearest(struct loader *L, const char *s,
			   const char *const *names, size_t stride, int n)
{
	if (L->nsuggest >= LOADER_MAX_SUGGEST)
		return NULL;
	L->nsuggest++;
	return suggest_nearest(s, names, stride, n);
}

/* " (did you mean `x`?)" or "". */
const char *loader_did_you_mean(const char *s, char *buf, size_t size)
{
	if (!s)
		return "";
	snprintf(buf, size, " (did you mean `%s`?)", s);
	return buf;
}


void loader_span_take(const struct vctx *c, double v)
{
	if (!c->span)
		return;
	c->span[0] = v < c->span[0] ? v : c->span[0];
	c->span[1] = v > c->span[1] ? v : c->span[1];
}

/* See loader.h. */
const char *loader_percent_hint(const struct key_def *k, const double *v,
				int n, const char *as, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!(k->hi <= 1) || strchr(as, '%'))
		return buf;
	for (int e = 0; e < n; e++)
		if (!(v[e] >= 2 && v[e] <= 100) ||
		    !schema_in_range(k, v[e] / 100))
			return buf;
	if (n == 2)
		snprintf(buf, size, "; for %g%% to %g%% write `%g%% to %g%%`",
			 v[0], v[1], v[0], v[1]);
	else
		snprintf(buf, size, "; for %g%% write `%g%%` or %g", v[0],
			 v[0], v[0] / 100);
	return buf;
}

/* Check v (written as text `as`, `what` = "" or "min: ") against the
 * key's range. Returns 0, or -1 after an error. */
int loader_check_range(const struct vctx *c, const struct ynode *at,
		       double v, const char *what, const char *as)
{
	char r[64], t[80], h[96];

	loader_span_take(c, v);
	if (schema_in_range(c->k, v))
		return 0;
	schema_range_text(c->k, r, sizeof r);
	loader_error(c->L, at, "%s must be %s (got %s%s)%s", c->path, r, what,
		     loader_text(as, t, sizeof t),
		     loader_percent_hint(c->k, &v, 1, as, h, sizeof h));
	return -1;
}

/* A scalar number or percentage at node n (a dist parameter, a choice
 * value, ...). Returns 0, or -1 after an error naming `what`. */
int loader_scalar_number(const struct vctx *c, const struct ynode *n,
			 const char *what, double *out)
{
	char t[80];

	if (!n || n->kind != YNODE_SCALAR || n->plain_null) {
		loader_error(c->L, n, "%s: `%s` must be a number (got %s)",
			     c->path, what, loader_show(n, t, sizeof t));
		return -1;
	}
	switch (number_parse(n->str, 1, out)) {
	case NUM_OK:
		return 0;
	case NUM_NONFINITE:
		loader_error(c->L, n, "%s: `%s` must be a finite number (got "
			     "%s)", c->path, what, loader_show(n, t, sizeof t));
		return -1;
	case NUM_MALFORMED:
		if (strstr(n->str, " to "))
			loader_error(c->L, n, "%s: `%s` takes one number, not "
				     "an interval (got %s)", c->path, what,
				     loader_show(n, t, sizeof t));
		else
			loader_error(c->L, n, "%s: malformed number %s for "
				     "`%s` (a number such as 0.5, 1.5e6 or "
				     "25%%)", c->path,
				     loader_show(n, t, sizeof t), what);
		return -1;
	default:
		loader_error(c->L, n, "%s: `%s` must be a number (got %s)",
			     c->path, what, loader_show(n, t, sizeof t));
		return -1;
	}
}

/* 1 when more than 0.1% of d lies below lo (above hi); an infinite end
 * has none. */
static int mass_below(const struct dist *d, double lo)
{
	return isfinite(lo) && dist_mass_outside(d, lo, INFINITY) > 0.001;
}

static int mass_above(const struct dist *d, double hi)
{
	return isfinite(hi) && dist_mass_outside(d, -INFINITY, hi) > 0.001;
}

/* Warn when more than 0.1% of a distribution lies outside its key's
 * range (docs/format.md "Keys"): the model uses the draws as they fall. */
void loader_warn_outside(const struct vctx *c, const struct ynode *at,
			 const struct dist *d)
{
	double below = 0, above = 0, lo = c->k->lo, hi = c->k->hi;
	char r[64], sug[128], where[64];
	const char *range, *fix = at->kind == YNODE_MAP ? "" : " in a `dist:` mapping";
	const char *rname = c->range_of ? c->range_of : "the key's range";

	if (dist_is_fixed(d))
		return;
	/* a range set by another key: not said again where the key's own
	 * range was already said to be left, unless the other key's bound
	 * is the stricter one on a side the distribution crosses (a cap
	 * drawn below 0 and below a floor of 0.3: both said at once) */
	if (c->k_own) {
		const struct key_def *o = c->k_own;
		int own_left = mass_below(d, o->lo) || mass_above(d, o->hi);
		int more = (!(lo <= o->lo) && mass_below(d, lo)) ||
			   (!(hi >= o->hi) && mass_above(d, hi));

		if (own_left && !more)
			return;
	}
	if (isfinite(lo))
		below = dist_mass_outside(d, lo, INFINITY);
	if (isfinite(hi))
		above = dist_mass_outside(d, -INFINITY, hi);
	if (!(below + above > 0.001))
		return;
	schema_range_text(c->k, r, sizeof r);
	range = strncmp(r, "in ", 3) == 0 ? r + 3 : r;
	if (below > 0.001 && above > 0.001) {
		loader_warning(c->L, at, "%s: %.3g%% of the distribution lies "
			       "outside %s (%s): %.3g%% below %g "
			       "and %.3g%% above %g; if such values cannot "
			       "happen, truncate it with `lower: %g` and "
			       "`upper: %g`%s", c->path,
			       100 * (below + above), rname, range,
			       100 * below, lo,
			       100 * above, hi, lo, hi, fix);
		return;
	}
	if (below > above) {
		snprintf(where, sizeof where, "below %g", lo);
		snprintf(sug, sizeof sug, "`lower: %g`", lo);
	} else {
		snprintf(where, sizeof where, "above %g", hi);
		snprintf(sug, sizeof sug, "`upper: %g`", hi);
	}
	/* %.2g, but 100 rather than 1e+02 */
	loader_warning(c->L, at, "%s: %.*g%% of the distribution lies %s, "
		       "outside %s (%s); if such values cannot happen, "
		       "truncate it with %s%s", c->path,
		       100 * (below + above) >= 99.5 ? 3 : 2,
		       100 * (below + above), where, rname, range, sug, fix);
}

/* See loader.h. */
const char *loader_tg_hint(struct loader *L, const struct key_def *row,
			   const char *part, const char *what, char *buf,
			   size_t n)
{
	static const char *const tg[] = {"then_growth"};
	const char *near = part && row->kind == KEY_VALUE &&
			   (row->flags & KF_PER_YEAR) ?
			   loader_nearest(L, part, tg, sizeof tg[0], 1) : NULL;

	if (!near)
		return "";
	snprintf(buf, n, " (did you mean `%.500s.%s`?)", what, near);
	return buf;
}
