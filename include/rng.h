/* rng.h — per-trial random streams as a gsl_rng_type.
 *
 * computesim_rng_type is xoshiro256** whose 256-bit state is seeded through
 * SplitMix64 from (seed, trial index), so every trial has its own stream
 * whatever thread runs it, and a million streams do not collide (GSL's own
 * generators keep only 32 bits of gsl_rng_set's seed). Every gsl_ran_*
 * function draws from it. */
#ifndef COMPUTESIM_RNG_H
#define COMPUTESIM_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

extern const gsl_rng_type *computesim_rng_type;

/* Re-key r (allocated with gsl_rng_alloc(computesim_rng_type)) to the
 * stream of (seed, trial). Cheap: a few SplitMix64 steps. */
void rng_stream(gsl_rng *r, uint64_t seed, uint64_t trial);

/* For tests and tools: set r's raw xoshiro256** state (not all zero),
 * draw the next raw 64-bit output, and step a SplitMix64 state x (returns
 * the next output). r must come from computesim_rng_type. */
void rng_set_state(gsl_rng *r, const uint64_t s[4]);
uint64_t rng_next64(gsl_rng *r);
uint64_t rng_splitmix64(uint64_t *x);

#endif
