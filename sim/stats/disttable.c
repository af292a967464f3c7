/* disttable.c — the inverse-CDF table of beta, PERT and truncated
 * normal values: a cubic Hermite interpolant of the exact x(z) on a
 * uniform grid in z, refined until its measured error is small enough
 * (dist.c's top comment; docs/notes-sampling.md "Fast paths and the
 * inverse-CDF table"). */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "dist_impl.h"

/* Slope dx/dz of the exact x(z) at a node: phi(z) * mass / f(x), f the
 * untruncated density of x; NAN where it is not finite. */
static double exact_slope(const struct dist *d, double z, double x)
{
	double f;
	if (d->kind == DIST_NORMAL) {
		f = gsl_ran_ugaussian_pdf((x - d->a) / d->b) / d->b;
	} else {
		double w = d->b - d->a;
		f = gsl_ran_beta_pdf((x - d->a) / w, d->alpha, d->beta) / w;
	}
	double s = gsl_ran_ugaussian_pdf(z) * d->mass / f;
	return isfinite(s) && s >= 0 ? s : NAN;
}

/* The length the table's accuracy target is relative to: the support
 * for beta/PERT, the sd for a (truncated) normal. */
static double table_scale(const struct dist *d)
{
	return d->kind == DIST_NORMAL ? d->b : d->b - d->a;
}

/* The exact x(z) a table of n intervals is built and measured from, on
 * its quarter grid: xq[m] = x(-TABLE_Z + (m/4) h) for m = 0 .. 4n, and
 * the exact slope dx/dz at each node, sl[j] (j = 0 .. n). A table of 2n
 * intervals has h/2: its quarter grid holds every point of this one's at
 * its even places (the same z to the bit, as h/2 is exact and n a power
 * of two), so doubling computes only the odd ones, 4n of the 8n + 1,
 * and the slopes at the n new nodes (this one's mid points). */
struct table_exact {
	int n;
	double *xq, *sl;
};

/* z of point m/4 of the grid of n intervals, computed as the table's
 * nodes (j h) and measurement points ((j + s) h) always were. */
static double quarter_z(int n, int m)
{
	double h = 2 * TABLE_Z / n;
	static const double sv[4] = {0, 0.25, 0.5, 0.75};

	return -TABLE_Z + (m / 4 + sv[m % 4]) * h;
}

/* e at n = TABLE_N0 (e->n 0, no arrays), or doubled to 2 e->n. 0 or -1
 * (out of memory; e unchanged). */
static int exact_refine(const struct dist *d, struct table_exact *e)
{
	int n = e->n ? 2 * e->n : TABLE_N0;
	double *xq = malloc((size_t)(4 * n + 1) * sizeof *xq);
	double *sl = malloc((size_t)(n + 1) * sizeof *sl);

	if (!xq || !sl) {
		free(xq);
		free(sl);
		return -1;
	}
	for (int m = 0; m <= 4 * n; m++)
		xq[m] = e->n && m % 2 == 0 ? e->xq[m / 2]
				: dist_exact_from_latent(d, quarter_z(n, m));
	for (int j = 0; j <= n; j++)
		sl[j] = e->n && j % 2 == 0
			? e->sl[j / 2]
			: exact_slope(d, quarter_z(n, 4 * j), xq[4 * j]);
	free(e->xq);
	free(e->sl);
	e->n = n;
	e->xq = xq;
	e->sl = sl;
	return 0;
}

/* Build a table with e->n intervals from the exact values e; returns it
 * (or NULL on allocation failure) and its measured maximum error in
 * *err. */
static struct dist_table *table_build(const struct table_exact *e,
				      double *err)
{
	int n = e->n;
	struct dist_table *tb = malloc(dist_table_bytes(n));
	double *ms = malloc((size_t)(n + 1) * sizeof *ms);
	double *dl = malloc((size_t)n * sizeof *dl);
	if (!tb || !ms || !dl) {
		free(tb);
		free(ms);
		free(dl);
		return NULL;
	}
	double h = 2 * TABLE_Z / n;
	tb->n = n;
	tb->z0 = -TABLE_Z;
	tb->inv_h = n / (2 * TABLE_Z);

	for (int j = 0; j <= n; j++)
		ms[j] = e->sl[j] * h;	/* dx/ds, s in [0,1] */
	for (int j = 0; j < n; j++) {
		dl[j] = e->xq[4 * j + 4] - e->xq[4 * j];
		if (dl[j] < 0)		/* exact inverse noise: keep monotone */
			dl[j] = 0;
	}
	/* Slopes that are not finite: the mean of the neighbouring secants. */
	for (int j = 0; j <= n; j++) {
		if (isnan(ms[j])) {
			double l = j > 0 ? dl[j - 1] : dl[0];
			double r = j < n ? dl[j] : dl[n - 1];
			ms[j] = 0.5 * (l + r);
		}
	}
	/* Fritsch-Carlson: a monotone interpolant keeps ranks. */
	for (int j = 0; j < n; j++) {
		if (dl[j] == 0) {
			ms[j] = 0;
			ms[j + 1] = 0;
			continue;
		}
		double al = ms[j] / dl[j], be = ms[j + 1] / dl[j];
		double r2 = al * al + be * be;
		if (r2 > 9) {
			double tau = 3 / sqrt(r2);
			ms[j] = tau * al * dl[j];
			ms[j + 1] = tau * be * dl[j];
		}
	}
	for (int j = 0; j < n; j++) {
		double y0 = e->xq[4 * j], y1 = y0 + dl[j], m0 = ms[j],
		       m1 = ms[j + 1];
		double *c = tb->c + 4 * j;
		c[0] = y0;
		c[1] = m0;
		c[2] = 3 * (y1 - y0) - 2 * m0 - m1;
		c[3] = 2 * (y0 - y1) + m0 + m1;
	}
	/* Measure: the Hermite error s^2 (1-s)^2 x''''/24 peaks mid-interval;
	 * the quarter points catch intervals where x'''' changes fast. */
	double er = 0;
	static const double sv[3] = {0.25, 0.5, 0.75};
	for (int j = 0; j < n; j++) {
		for (int k = 0; k < 3; k++) {
			double diff = fabs(dist_table_eval(tb, j + sv[k]) -
					   e->xq[4 * j + 1 + k]);
			if (!(diff <= er))
				er = diff;
		}
	}
	free(ms);
	free(dl);
	*err = er;
	return tb;
}

/* See dist_impl.h. */
int dist_table_make(struct dist *d)
{
	double width = table_scale(d);
	double err = 0;
	struct dist_table *tb = NULL;
	struct table_exact e = {0, NULL, NULL};

	while (e.n < TABLE_NMAX) {
		free(tb);
		tb = NULL;
		if (exact_refine(d, &e) < 0)
			break;
		tb = table_build(&e, &err);
		if (!tb || err <= TABLE_TARGET * width)
			break;
	}
	free(e.xq);
	free(e.sl);
	if (!tb)
		return -1;
	if (!isfinite(err)) {	/* should not happen; use the exact path */
		free(tb);
		return 0;
	}
	d->table = tb;
	/* Twice the measured maximum, plus rounding of the evaluation. */
	const double *cl = tb->c + 4 * (tb->n - 1);
	double big = fmax(fabs(tb->c[0]), fabs(cl[0] + cl[1] + cl[2] + cl[3]));
	d->table_err = 2 * err + 8 * DBL_EPSILON * fmax(big, width);
	return 0;
}
