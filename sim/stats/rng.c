/* rng.c — xoshiro256** as a gsl_rng_type, keyed per trial through
 * SplitMix64 (docs/model.md "Sampling": each trial draws from its own stream,
 * derived from (seed, trial index) only).
 *
 * xoshiro256** (Blackman and Vigna, https://prng.di.unimi.it/): 256 bits
 * of state, period 2^256 - 1, fast, passes BigCrush. Its upper bits are
 * the strongest, so gsl_rng_get returns the high 32 bits (GSL's integer
 * interface is 32-bit: max 0xffffffff, which is also what
 * gsl_ran_gaussian_ziggurat wants: one get per attempt), and
 * gsl_rng_uniform the high 53 bits as (x >> 11) * 2^-53, in [0, 1) as GSL
 * requires (never 1; 0 with probability 2^-53, which gsl_rng_uniform_pos
 * rejects for us).
 *
 * Keying: k = SplitMix64's first output for the seed, x0 = k XOR trial,
 * then the state is the next four SplitMix64 outputs from x0. For one seed,
 * distinct trials give distinct x0; two SplitMix64 sequences only share an
 * output when their x0 differ by a small multiple of the golden gamma,
 * which x0's that differ in their low bits (XOR with a trial index below
 * 2^61) never do, so the four state words of two trials are distinct
 * SplitMix64 outputs. This is SplitMix64's intended use: seeding from
 * consecutive keys. */
#include <string.h>

#include "rng.h"

#define GOLDEN 0x9e3779b97f4a7c15ULL

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t rng_splitmix64(uint64_t *x)
{
	*x += GOLDEN;
	return mix64(*x);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

struct xoshiro {
	uint64_t s[4];
};

static inline uint64_t xoshiro_next(struct xoshiro *st)
{
	uint64_t *s = st->s;
	const uint64_t result = rotl(s[1] * 5, 7) * 9;
	const uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

static void key(struct xoshiro *st, uint64_t seed, uint64_t trial)
{
	uint64_t x = seed;
	x = rng_splitmix64(&x) ^ trial;
	for (int i = 0; i < 4; i++)
		st->s[i] = rng_splitmix64(&x);
	/* All-zero is the one state xoshiro cannot leave; four SplitMix64
	 * outputs in a row are never all zero, but be explicit. */
	if (!(st->s[0] | st->s[1] | st->s[2] | st->s[3]))
		st->s[0] = GOLDEN;
}

/* gsl_rng_set(r, s): the stream of (s, trial 0). */
static void xs_set(void *state, unsigned long seed)
{
	key(state, (uint64_t)seed, 0);
}

static unsigned long xs_get(void *state)
{
	return (unsigned long)(xoshiro_next(state) >> 32);
}

static double xs_get_double(void *state)
{
	return (double)(xoshiro_next(state) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type xoshiro_type = {
	"computesim-xoshiro256**",
	0xffffffffUL,		/* max */
	0,			/* min */
	sizeof(struct xoshiro),
	xs_set,
	xs_get,
	xs_get_double
};

const gsl_rng_type *computesim_rng_type = &xoshiro_type;

void rng_stream(gsl_rng *r, uint64_t seed, uint64_t trial)
{
	key(r->state, seed, trial);
}

void rng_set_state(gsl_rng *r, const uint64_t s[4])
{
	struct xoshiro *st = r->state;
	memcpy(st->s, s, sizeof st->s);
}

uint64_t rng_next64(gsl_rng *r)
{
	return xoshiro_next(r->state);
}
