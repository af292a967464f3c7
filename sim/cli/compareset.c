/* compareset.c — compare's scenarios and their --set options: the
 * letters (A, B, ...), `--set B:PATH=VALUE` for one scenario alone, which
 * scenarios run as another does (a file named twice), and whether one
 * draws its inputs as A does (compare_impl.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analysis.h"
#include "compare_impl.h"
#include "sample.h"

/* See compare_impl.h. */
void cmp_label(char *buf, size_t n, int s)
{
	if (s < 26)
		snprintf(buf, n, "%c", 'A' + s);
	else
		snprintf(buf, n, "%c%d", 'A' + s % 26, s / 26);
}

/* See cli.h. */
int cmp_set_scenario(const char *path, int nfiles)
{
	const char *colon = strchr(path, ':');
	char lb[16];

	if (!colon)
		return -1;
	for (int s = 0; s < nfiles; s++) {
		cmp_label(lb, sizeof lb, s);
		if (strlen(lb) == (size_t)(colon - path) &&
		    strncmp(path, lb, strlen(lb)) == 0)
			return s;
	}
	return -2;
}

/* See compare_impl.h. */
const char *cmp_after_letter(const char *s)
{
	const char *c = strchr(s, ':');

	c = c ? c + 1 : s;
	return c + strspn(c, " \t");
}

/* See compare_impl.h. */
int cmp_sets_for(const struct cli *c, int s, struct scenario_set *sets,
		    int *own, char *text, size_t n)
{
	int k = 0;
	size_t at = 0;

	*own = 0;
	text[0] = '\0';
	for (int i = 0; i < c->nsets; i++) {
		int t = cmp_set_scenario(c->sets[i].path, c->nfiles);

		if (t != -1 && t != s)
			continue;
		sets[k] = c->sets[i];
		if (t == s) {
			/* blanks after the letter, as around the path
			 * (`B: supply.pue = 1.2`) */
			const char *a = cmp_after_letter(sets[k].arg);
			int w = snprintf(text + at, n - at, "%s%s", *own ?
					 " --set " : ", --set ", a);

			at = w > 0 && at + (size_t)w < n ? at + (size_t)w : at;
			sets[k].path = cmp_after_letter(sets[k].path);
			(*own)++;
		}
		k++;
	}
	return k;
}

/* See compare_impl.h. */
int cmp_same_file_before(const struct cmp_item *it, const char **files,
			 int s)
{
	/* one with --set options of its own is another scenario: what it
	 * said (or did not: an option of its own can replace a value that
	 * warns) is not what the file says */
	for (int t = 0; t < s; t++)
		if (!it[t].own_sets && cmp_same_file(files, t, s))
			return t;
	return -1;
}

/* See compare_impl.h. */
int cmp_same_file(const char **files, int a, int b)
{
	struct stat x, y;

	return stat(files[a], &x) == 0 && S_ISREG(x.st_mode) &&
	       stat(files[b], &y) == 0 && x.st_dev == y.st_dev &&
	       x.st_ino == y.st_ino;
}

/* See compare_impl.h. */
int cmp_named_again(const struct cmp_item *it, const char **files,
		       int n, int s)
{
	for (int u = 0; u < n; u++)
		if (u != s && (it[u].own_sets || it[s].own_sets) &&
		    cmp_same_file(files, u, s))
			return 1;
	return 0;
}

/* The input that innovation dim of a's plan drives, or NULL. */
static const char *dim_path(const struct analysis_ctx *a, int dim)
{
	int u = sample_innovation_input(a->plan, dim);
	int i = u < 0 ? -1 : sample_uncertain_input(a->plan, u);

	return i < 0 ? NULL : a->sc->inputs[i].path;
}

/* Whether path is an uncertain input of sc: 1, 0 (fixed), -1 (none). */
static int drawn(const struct scenario *sc, const char *path)
{
	int i = scenario_find_input(sc, path);

	return i < 0 ? -1 : sc->inputs[i].uncertain != 0;
}

/* See compare_impl.h. */
void cmp_note_redraw(const struct cmp_item *a, struct cmp_item *b)
{
	const struct analysis_ctx *x = &a->a, *y = &b->a;
	int nd = sample_n_innovations(x->plan), alike;

	b->redraw[0] = '\0';
	/* the years both have draw alike: a longer horizon adds its
	 * years' normals after the shorter one's */
	if (sample_n_innovations(y->plan) < nd)
		nd = sample_n_innovations(y->plan);
	alike = x->sc->ncorr == y->sc->ncorr;
	for (int d = 0; alike && d < nd; d++) {
		const char *p = dim_path(x, d), *q = dim_path(y, d);

		alike = p && q && strcmp(p, q) == 0;
	}
	for (int k = 0; alike && k < x->sc->ncorr; k++) {
		const struct correlation *u = &x->sc->corr[k],
					 *v = &y->sc->corr[k];

		alike = u->rho_s == v->rho_s &&
			strcmp(x->sc->inputs[u->a].path,
			       y->sc->inputs[v->a].path) == 0 &&
			strcmp(x->sc->inputs[u->b].path,
			       y->sc->inputs[v->b].path) == 0;
	}
	if (alike)
		return;
	for (int i = 0; i < x->sc->ninputs; i++) {
		const char *p = x->sc->inputs[i].path;
		int da = x->sc->inputs[i].uncertain != 0, db = drawn(y->sc, p);

		if (db >= 0 && da != db) {
			snprintf(b->redraw, sizeof b->redraw, "%s is %s in %s, "
				 "%s in %s", p, da ? "drawn" : "fixed", a->lb,
				 da ? "fixed" : "drawn", b->lb);
			return;
		}
	}
	snprintf(b->redraw, sizeof b->redraw, "its inputs are ordered or "
		 "correlated otherwise than %s's", a->lb);
}

