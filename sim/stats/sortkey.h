/* sortkey.h — private to sim/stats/agg.c, rank.c and ranksplit.c (with
 * rank_impl.h): the order-preserving integer key of a double that radix
 * selection (agg.c) and radix sorting (rank.c) work on, and the prefetch
 * their long passes share.
 *
 * Everything here is static inline or a macro, on values the caller
 * passes: no state, no allocation. Not an interface between modules;
 * nothing outside those files should include it. */
#ifndef COMPUTESIM_SORTKEY_H
#define COMPUTESIM_SORTKEY_H

#include <math.h>
#include <stdint.h>
#include <string.h>

/* Hardware prefetchers of some machines (virtual ones in particular)
 * follow a stream poorly: a pass over a column then runs at a third of
 * the memory bandwidth. The long passes touch the data 2 KiB ahead
 * themselves, once per 64 bytes. (Prefetching past the end is harmless.) */
#if defined(__GNUC__)
#define STREAM_AHEAD(p, i)                                                    \
	do {                                                                  \
		if (((i) & 7) == 0)                                           \
			__builtin_prefetch((const char *)((p) + (i)) + 2048); \
	} while (0)
#else
#define STREAM_AHEAD(p, i) ((void)0)
#endif

/* Order-preserving map of a double to an unsigned key: flip every bit of
 * a negative number, only the sign bit of a positive one (branch-free).
 * -0 sorts just before +0; a NaN lands beyond the infinities. */
static inline uint64_t key_bits(double x)
{
	uint64_t u, m;

	memcpy(&u, &x, sizeof u);
	m = (uint64_t)((int64_t)u >> 63);
	return u ^ (m | (UINT64_C(1) << 63));
}

/* The double whose key_bits() is k (the inverse map). */
static inline double double_of(uint64_t k)
{
	uint64_t u = (k >> 63) ? k & ~(UINT64_C(1) << 63) : ~k;
	double x;

	memcpy(&x, &u, sizeof x);
	return x;
}

/* Same as key_bits, with every NaN last (for sorting). */
static inline uint64_t key_of(double x)
{
	return isnan(x) ? UINT64_MAX : key_bits(x);
}

#endif
