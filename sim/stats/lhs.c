/* lhs.c — Latin hypercube designs: a keyed permutation of trial indices
 * per dimension (see lhs.h; docs/notes-sampling.md).
 *
 * The permutation of [0, n) is a Feistel network on b bits, 2^b the
 * smallest power of two >= n, split into a low half of floor(b/2) bits
 * and a high half of the rest. Rounds alternate: the high half is XORed
 * with a keyed hash of the low half, then the low half with one of the
 * high half; each round is undone by repeating it, so the network is a
 * bijection of [0, 2^b) for any keys and any split (no swap is needed,
 * and the halves may differ by a bit). Four rounds with a strong hash
 * (SplitMix64's finaliser) is Luby and Rackoff's construction.
 * Cycle-walking (apply it again until the result is below n) restricts
 * it to a bijection of [0, n); since 2^b < 2n, it takes under two
 * applications on average. */
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "lhs.h"
#include "rng.h"

/* keys are derived from the seed through this constant, so that a
 * design's keys are unrelated to the streams rng_stream draws from the
 * same seed */
#define LHS_SALT 0x4c48532d64657369ULL	/* "LHS-desi" */

static inline uint64_t fmix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

int lhs_design_new(struct lhs_design **out, uint64_t seed, uint64_t start,
		   uint64_t size, int ndim)
{
	struct lhs_design *d = calloc(1, sizeof *d);
	uint64_t x;
	int b = 0;

	*out = NULL;
	if (!d || size < 1 || ndim < 0) {
		free(d);
		return -1;
	}
	d->key = malloc((size_t)(ndim > 0 ? ndim : 1) * sizeof *d->key);
	if (!d->key) {
		free(d);
		return -1;
	}
	d->start = start;
	d->size = size;
	d->ndim = ndim;
	while (b < 64 && ((uint64_t)1 << b) < size)
		b++;
	d->lo_bits = b / 2;
	d->hi_bits = b - b / 2;
	/* one SplitMix64 sequence per (seed, start), four outputs per
	 * dimension in dimension order */
	x = seed ^ LHS_SALT;
	x = rng_splitmix64(&x) ^ fmix(start + 0x9e3779b97f4a7c15ULL);
	for (int k = 0; k < ndim; k++)
		for (int r = 0; r < LHS_ROUNDS; r++)
			d->key[k][r] = rng_splitmix64(&x);
	*out = d;
	return 0;
}

void lhs_design_free(struct lhs_design *d)
{
	if (!d)
		return;
	free(d->key);
	free(d);
}

/* The Feistel network on lo + hi bits (see above). */
static inline uint64_t feistel(uint64_t v, int lo, int hi,
			       const uint64_t key[LHS_ROUNDS])
{
	uint64_t lm = lo ? ((uint64_t)1 << lo) - 1 : 0;
	uint64_t hm = hi >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << hi) - 1;
	uint64_t l = v & lm, h = lo < 64 ? v >> lo : 0;

	for (int r = 0; r < LHS_ROUNDS; r++) {
		if (r % 2 == 0)
			h ^= fmix(l ^ key[r]) & hm;
		else
			l ^= fmix(h ^ key[r]) & lm;
	}
	return (h << lo) | l;
}

uint64_t lhs_stratum(const struct lhs_design *d, int dim, uint64_t j)
{
	uint64_t v = j;

	if (d->size <= 1)
		return 0;
	do
		v = feistel(v, d->lo_bits, d->hi_bits, d->key[dim]);
	while (v >= d->size);
	return v;
}

double lhs_normal(const struct lhs_design *d, int dim, uint64_t j, double u)
{
	uint64_t s = lhs_stratum(d, dim, j), m = d->size;

	if (2 * s < m)
		return gsl_cdf_ugaussian_Pinv(((double)s + u) / (double)m);
	/* the upper half: 1 - (s + u) / m, with 1 - u exact for a u of 53
	 * bits, so that the top stratum never rounds to 1 */
	return -gsl_cdf_ugaussian_Pinv(((double)(m - 1 - s) + (1 - u)) /
				       (double)m);
}
