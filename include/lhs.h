/* lhs.h — Latin hypercube designs (docs/notes-sampling.md "Latin
 * hypercube sampling").
 *
 * A design stratifies the trials start .. start + size - 1 in each of
 * ndim dimensions: dimension d is cut into size strata of equal
 * probability, and trial start + j falls in stratum perm_d(j), where
 * perm_d is a bijection of [0, size) keyed by (seed, start, d). perm_d is
 * computed on demand (a four-round Feistel network on the smallest power
 * of two >= size, cycle-walking back into [0, size)), so a design holds
 * ndim keys, never a table of size entries, and a trial's strata do not
 * depend on any other trial or on which thread runs it. Where the trial
 * lies inside its stratum is the caller's: a uniform from the trial's own
 * random stream.
 *
 * Ownership: lhs_design_new() allocates, lhs_design_free() frees (accepts
 * NULL). A design is read-only once made and may be shared by threads. */
#ifndef COMPUTESIM_LHS_H
#define COMPUTESIM_LHS_H

#include <stdint.h>

#define LHS_ROUNDS 4

struct lhs_design {
	uint64_t start, size;	/* the trials it stratifies */
	int ndim;
	int lo_bits, hi_bits;	/* the Feistel halves: 2^(lo+hi) >= size */
	uint64_t (*key)[LHS_ROUNDS];	/* [ndim]: round keys */
};

/* A design of size >= 1 trials from start, in ndim >= 0 dimensions,
 * keyed by seed. Returns 0, or -1 on allocation failure (*out NULL). */
int lhs_design_new(struct lhs_design **out, uint64_t seed, uint64_t start,
		   uint64_t size, int ndim);
void lhs_design_free(struct lhs_design *d);

/* The stratum, in [0, size), of trial start + j (j < size) in
 * dimension dim: a bijection of j for every dim. */
uint64_t lhs_stratum(const struct lhs_design *d, int dim, uint64_t j);

/* The standard normal of trial start + j in dimension dim, at position
 * u in (0, 1) inside its stratum: Phi^-1((stratum + u) / size), taken on
 * the side of the smaller tail so that neither end rounds to 0 or 1. */
double lhs_normal(const struct lhs_design *d, int dim, uint64_t j,
		  double u);

#endif
