/* dist_impl.h — the inverse-CDF table of beta, PERT and truncated
 * normal values (dist.c's top comment says why and how), shared by the
 * two files that use it: sim/stats/dist.c (drawing from it, copying it)
 * and sim/stats/disttable.c (building it). Not for other modules: they
 * use dist.h. */
#ifndef COMPUTESIM_DIST_IMPL_H
#define COMPUTESIM_DIST_IMPL_H

#include <stddef.h>

#include "dist.h"

/* Table grid: z in [-TABLE_Z, TABLE_Z] (|z| > 6 has probability 2e-9),
 * TABLE_N0 intervals doubled until the measured error is below
 * TABLE_TARGET * scale (max - min for beta/PERT, sd for a normal), at most
 * TABLE_NMAX intervals. */
#define TABLE_Z 6.0
#define TABLE_N0 256
#define TABLE_NMAX 8192
#define TABLE_TARGET 1e-10

struct dist_table {
	int n;			/* intervals */
	double z0, inv_h;	/* z_j = z0 + j / inv_h, j = 0 .. n */
	double c[];		/* per interval: x = c0 + s*(c1 + s*(c2 + s*c3)) */
};

static inline size_t dist_table_bytes(int n)
{
	return sizeof(struct dist_table) +
	       (size_t)4 * (size_t)n * sizeof(double);
}

/* x at t = (z - z0) * inv_h, 0 <= t < n. */
static inline double dist_table_eval(const struct dist_table *tb, double t)
{
	int k = (int)t;
	double s = t - k;
	const double *c = tb->c + 4 * k;
	return c[0] + s * (c[1] + s * (c[2] + s * c[3]));
}

/* x = F^-1(Phi(z)) by the exact inverse (GSL), whatever the table. */
double dist_exact_from_latent(const struct dist *d, double z);

/* Build d's table into d->table and d->table_err (d prepared up to its
 * mass). 0, or -1 when out of memory. */
int dist_table_make(struct dist *d);

#endif
