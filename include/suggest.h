/* suggest.h — the nearest name to a slip, for "did you mean" (keys,
 * sections, list items, paths, commands). Plain computation on the
 * caller's strings; no state. A caller that bounds how many suggestions
 * it computes (the loader: LOADER_MAX_SUGGEST) counts its calls. */
#ifndef COMPUTESIM_SUGGEST_H
#define COMPUTESIM_SUGGEST_H

#include <stddef.h>

/* Edit distance (optimal string alignment: insertions, deletions,
 * substitutions, transpositions of neighbours) between a and b, letter
 * case ignored (`PUE` is 0 from `pue`: callers look for a near name only
 * after the exact one failed), or limit + 1 when it exceeds limit or
 * either string is longer than 256 bytes. */
int suggest_distance(const char *a, const char *b, int limit);

/* Whether distance d between a slip and a name of length n is small
 * enough to suggest it: one slip in a short word, about one in three in a
 * long one, never the whole word. */
int suggest_close_enough(int d, size_t n);

/* The nearest of n names to s that is close enough, else NULL. The names
 * are char pointers at byte stride `stride` from `names` (an array of
 * strings, or a field of an array of structs). A cut-short name of at
 * least 4 letters counts as one slip ("discount" for "discount_rate").
 * Ties keep the first. */
const char *suggest_nearest(const char *s, const void *names, size_t stride,
			    int n);

#endif
