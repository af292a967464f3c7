/* diag.c — collected diagnostics; see diag.h. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"

void diag_init(struct diag *d)
{
	memset(d, 0, sizeof *d);
}

void diag_free(struct diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	free(d->dropped_file[0]);
	free(d->dropped_file[1]);
	memset(d, 0, sizeof *d);
}

/* Format into a new string; NULL on allocation failure. */
static char *vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *s;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

/* Is a cause kept at file:line:col? (At most DIAG_MAX_KEPT are kept, so
 * the scan stays short.) */
static int same_place(const struct diag *d, const char *file, int line,
		      int col)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag_entry *e = &d->v[i];

		if (e->cause && e->line == line && e->col == col &&
		    e->file && strcmp(e->file, file) == 0)
			return 1;
	}
	return 0;
}

void diag_verror(struct diag *d, enum diag_level lv, const char *file,
		 int line, int col, const char *fmt, va_list ap)
{
	struct diag_entry *e;
	int *kept = lv == DIAG_ERROR ? &d->kept_err : &d->kept_warn;

	d->last_kept = 0;
	if (lv == DIAG_ERROR)
		d->nerr++;
	else
		d->nwarn++;
	if (lv == DIAG_ERROR && file && line > 0 &&
	    same_place(d, file, line, col))
		return;
	if (*kept >= DIAG_MAX_KEPT) {
		int w = lv != DIAG_ERROR;

		/* the first in print order: entries without a line print
		 * first, then by line and column; another file is not
		 * compared (a struct diag serves one file at a time) */
		if (d->dropped[w]++ == 0) {
			d->dropped_file[w] = file ? strdup(file) : NULL;
			d->dropped_line[w] = line;
			d->dropped_col[w] = col;
		} else if (file && d->dropped_file[w] &&
			   strcmp(file, d->dropped_file[w]) == 0 &&
			   d->dropped_line[w] > 0 &&
			   (line == 0 || line < d->dropped_line[w] ||
			    (line == d->dropped_line[w] &&
			     col < d->dropped_col[w]))) {
			d->dropped_line[w] = line;
			d->dropped_col[w] = col;
		}
		return;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 16;
		struct diag_entry *v = realloc(d->v, cap * sizeof *v);
		if (!v)
			return;	/* counted, not kept: the run fails anyway */
		d->v = v;
		d->cap = cap;
	}
	e = &d->v[d->n];
	e->level = lv;
	e->file = file ? strdup(file) : NULL;
	e->line = line;
	e->col = col;
	e->msg = vformat(fmt, ap);
	if (!e->msg || (file && !e->file)) {
		free(e->file);
		free(e->msg);
		return;
	}
	e->cause = 0;
	d->n++;
	(*kept)++;
	d->last_kept = 1;
}

void diag_stopped(struct diag *d)
{
	d->stopped = 1;
}

void diag_mark_cause(struct diag *d)
{
	if (d->last_kept && d->n > 0)
		d->v[d->n - 1].cause = 1;
}

void diag_error(struct diag *d, const char *file, int line, int col,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_verror(d, DIAG_ERROR, file, line, col, fmt, ap);
	va_end(ap);
}

void diag_warning(struct diag *d, const char *file, int line, int col,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_verror(d, DIAG_WARNING, file, line, col, fmt, ap);
	va_end(ap);
}

void diag_merge(struct diag *d, const struct diag *from)
{
	for (size_t k = 0; k < from->n; k++) {
		const struct diag_entry *e = &from->v[k];

		if (e->level == DIAG_ERROR)
			diag_error(d, e->file, e->line, e->col, "%s", e->msg);
		else
			diag_warning(d, e->file, e->line, e->col, "%s",
				     e->msg);
	}
}

/* Order by file (no file first), then line, column; ties keep the order
 * in which they were found. */
static int cmp_entry(const struct diag_entry *a, const struct diag_entry *b)
{
	int c;

	if (!a->file != !b->file)
		return a->file ? 1 : -1;
	if (a->file && (c = strcmp(a->file, b->file)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

void diag_print(const struct diag *d, FILE *f)
{
	size_t *idx;

	if (d->n == 0)
		goto dropped;
	idx = malloc(d->n * sizeof *idx);
	if (!idx) {
		for (size_t i = 0; i < d->n; i++)
			fprintf(f, "%s\n", d->v[i].msg);
		goto dropped;
	}
	/* insertion sort: stable, and diagnostics are few */
	for (size_t i = 0; i < d->n; i++) {
		size_t j = i;
		while (j > 0 && cmp_entry(&d->v[idx[j - 1]], &d->v[i]) > 0) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = i;
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct diag_entry *e = &d->v[idx[i]];
		const char *lv = e->level == DIAG_ERROR ? "error" : "warning";

		if (e->file && e->line > 0)
			fprintf(f, "%s:%d:%d: %s: %s\n", e->file, e->line,
				e->col, lv, e->msg);
		else if (e->file)
			fprintf(f, "%s: %s: %s\n", e->file, lv, e->msg);
		else
			fprintf(f, "%s: %s\n", lv, e->msg);
	}
	free(idx);
dropped:
	for (int w = 0; w < 2; w++) {
		const char *lv = w ? "warning" : "error";

		if (!d->dropped[w])
			continue;
		if (d->dropped_file[w] && d->dropped_line[w] > 0)
			fprintf(f, "%s:%d:%d: ", d->dropped_file[w],
				d->dropped_line[w], d->dropped_col[w]);
		else if (d->dropped_file[w])
			fprintf(f, "%s: ", d->dropped_file[w]);
		if (!w && d->stopped)
			fprintf(f, "error: too many errors; reading stopped at "
				"the first not shown%s\n",
				d->dropped_line[w] > 0 ? ", here" : "");
		else
			fprintf(f, "%s: too many %ss; %d more not shown%s\n", lv,
				lv, d->dropped[w], d->dropped_line[w] > 0 ?
				", the first of them here" : "");
	}
}
