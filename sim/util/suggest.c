/* suggest.c — "did you mean": the one way computesim finds the nearest
 * name to a slip (keys, sections, list items, paths, commands); see
 * suggest.h. */
#include <ctype.h>
#include <stddef.h>
#include <string.h>

#include "suggest.h"

int suggest_distance(const char *a, const char *b, int limit)
{
	size_t n = strlen(a), m = strlen(b);
	int d[3][257];	/* rows i-2, i-1, i of the distance matrix */

	if (n > 256 || m > 256)
		return limit + 1;
	if ((n > m ? n - m : m - n) > (size_t)limit)
		return limit + 1;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		int *cur = d[i % 3], *prev = d[(i - 1) % 3];
		int *prev2 = d[(i + 1) % 3];	/* (i - 2) % 3 */
		int rowmin;

		cur[0] = (int)i;
		rowmin = cur[0];
		for (size_t j = 1; j <= m; j++) {
			/* a letter in the wrong case costs nothing: keys
			 * are lower case, and `PUE` should find `pue` */
			int cost = tolower((unsigned char)a[i - 1]) !=
				   tolower((unsigned char)b[j - 1]);
			int v = prev[j] + 1;

			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j - 1] + cost < v)
				v = prev[j - 1] + cost;
			if (i > 1 && j > 1 && cost &&
			    tolower((unsigned char)a[i - 1]) ==
			    tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) ==
			    tolower((unsigned char)b[j - 1]) &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > limit)
			return limit + 1;
	}
	return d[n % 3][m] > limit ? limit + 1 : d[n % 3][m];
}

int suggest_close_enough(int d, size_t n)
{
	/* one slip in a short word, about one in three in a long one */
	int lim = (int)(n / 3);

	return d <= (lim > 2 ? lim : 2) && (size_t)d < n;
}

const char *suggest_nearest(const char *s, const void *names, size_t stride,
			    int n)
{
	const char *best = NULL;
	size_t ls = strlen(s);
	int bestd = 0;

	for (int i = 0; i < n; i++) {
		const char *c = *(const char *const *)(const void *)
				((const char *)names + (size_t)i * stride);
		int d = suggest_distance(s, c, 64);

		/* a cut-short name ("discount" for "discount_rate") */
		if (ls >= 4 && strncmp(s, c, ls) == 0)
			d = 1;
		if (suggest_close_enough(d, strlen(c)) && (!best || d < bestd)) {
			best = c;
			bestd = d;
		}
	}
	return best;
}
